// @vitest-environment dom-node
// useJobStatus and the one live job in React Query, against the real server
// (route handlers, job runner, temporary SQLite) behind a fake network
// (test/route-fetch.ts): the log's stream writes the job into the cache, where
// status readers and job lists see it; a status follower alone keeps it live.
import { vi } from "vitest";

vi.hoisted(() => {
  // POST /api/diagnostics/log-burst: jobs that log N lines at a set rate. Read once, at boot.
  process.env.DIAGNOSTICS_ENABLED = "1";
});

import { QueryClientProvider, useQuery } from "@tanstack/react-query";
import { renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { useJobLog } from "@/hooks/use-job-log";
import { useJobStatus, type UseJobStatusOptions } from "@/hooks/use-job-status";
import { queries } from "@/lib/client/queries";
import { getDeps } from "@/lib/server/deps";
import type { SendMessageResponse } from "@/lib/shared/chat";
import type { JobDto, JobStatus } from "@/lib/shared/jobs";
import { setUpServerHarness, sleep, until } from "@/test/hook-harness";

const harness = setUpServerHarness();

const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={harness.client}>{children}</QueryClientProvider>;

/** Renders useJobStatus alone (its own root); `seen` is its status at every render. */
function renderStatus(jobId: string, options?: UseJobStatusOptions) {
  const seen: (JobStatus | undefined)[] = [];
  const view = renderHook(
    () => {
      const result = useJobStatus(jobId, options);
      seen.push(result.status);
      return result;
    },
    { wrapper },
  );
  return { ...view, seen };
}

async function startBurst(lines: number, ratePerSec: number): Promise<JobDto> {
  const { status, body } = await harness.net.api<{ job: JobDto }>("/api/diagnostics/log-burst", { body: { lines, ratePerSec } });
  expect(status).toBe(202);
  return body.job;
}

const cursorIn = (url: string, jobId: string) =>
  Number(new URL(url, "http://localhost").searchParams.get("jobs")!.split(",").find((i) => i.startsWith(`${jobId}:`))!.split(":")[1]);

describe("useJobStatus", () => {
  it("reads the status the log's stream writes into React Query: no request of its own, one render per status, lists patched", async () => {
    const job = await startBurst(40, 40); // ~1 s
    // A job list cached before (e.g. the history page seen earlier): no observer, so never refetched here.
    await harness.client.fetchQuery(queries.jobs());
    const log = renderHook(() => useJobLog(job.id), { wrapper });
    const status = renderStatus(job.id);
    await until("the job's end", () => log.result.current.status === "succeeded" && log.result.current.transport === "idle");
    await until("the status reader sees it", () => status.result.current.status === "succeeded");

    expect(status.result.current).toEqual({ status: "succeeded", missing: false });
    // Re-rendered only when the status changed, never per line: undefined (not loaded), then each status once.
    expect(status.seen.filter((s, i) => i > 0 && s === status.seen[i - 1])).toEqual([]);
    expect(status.seen.at(0)).toBeUndefined();
    expect(status.seen.slice(-1)).toEqual(["succeeded"]);
    expect(status.seen.length).toBeLessThanOrEqual(4); // undefined, [pending,] running, succeeded
    // Its only network traffic is the log's: snapshot, stream (and the snapshot refetch after the end).
    await until("the snapshot refetch after the end", () => harness.net.of("snapshot").length === 2);
    expect(harness.net.requests.map((r) => r.kind)).toEqual(["other", "snapshot", "stream", "snapshot"]);
    // The cached list's row was patched to the final status, not refetched.
    const row = harness.client.getQueryData(queries.jobs().queryKey)!.jobs.find((j) => j.id === job.id)!;
    expect(row).toMatchObject({ status: "succeeded", lastSeq: 42 });
    expect(harness.client.getQueryData(queries.jobSnapshot(job.id).queryKey)!.job).toMatchObject({ status: "succeeded", lastSeq: 42 });
  });

  it("follow: true loads the snapshot and follows the job alone, from the row's lastSeq, until it is terminal", async () => {
    const job = await startBurst(60, 40); // ~1.5 s
    const status = renderStatus(job.id, { follow: true });
    await until("the end", () => status.result.current.status === "succeeded", 15_000);
    const snapshot = harness.client.getQueryData(queries.jobSnapshot(job.id).queryKey)!;
    const mark = harness.net.requests.length;
    await sleep(1200); // longer than any reconnect or poll the follower could still make
    expect(harness.net.requests.slice(mark)).toEqual([]);
    expect(harness.net.requests.map((r) => [r.kind, r.status])).toEqual([
      ["snapshot", 200],
      ["stream", 200],
    ]);
    const [stream] = harness.net.of("stream");
    // It asked for what came after the snapshot's row, and the stream carried exactly that.
    expect(stream.seqs[0]).toBe(cursorIn(stream.url, job.id) + 1);
    expect(stream).toMatchObject({ open: false, ends: [job.id] });
    expect(stream.seqs.at(-1)).toBe(62);
    expect(snapshot.job).toMatchObject({ status: "succeeded", lastSeq: 62 });
    expect(status.seen.filter((s, i) => i > 0 && s === status.seen[i - 1])).toEqual([]);
  });

  it("shows the fallback until a snapshot is cached; a list fetch brings a stale cached snapshot up to date", async () => {
    const unknown = renderStatus("never-loaded", { fallback: "running" });
    expect(unknown.result.current).toEqual({ status: "running", missing: false });

    const { id: jobId } = await startBurst(10, 20); // ~0.5 s
    await harness.client.fetchQuery(queries.jobSnapshot(jobId)); // taken while it runs; nobody follows it
    const status = renderStatus(jobId, { fallback: "pending" });
    expect(status.result.current.status).not.toBe("succeeded");
    await getDeps().queue.waitUntilSettled([jobId]);
    await sleep(100);
    expect(status.result.current.status).not.toBe("succeeded");
    await harness.client.fetchQuery({ ...queries.jobs(), staleTime: 0 });
    await until("synced from the list", () => status.result.current.status === "succeeded");
    expect(harness.net.of("stream")).toEqual([]);
  });

  it("missing: a 404 snapshot (follow) reports missing and follows nothing", async () => {
    const status = renderStatus("no-such-job", { follow: true });
    await until("missing", () => status.result.current.missing);
    await sleep(300);
    expect(status.result.current).toEqual({ status: undefined, missing: true });
    expect(harness.net.requests.map((r) => [r.kind, r.status])).toEqual([["snapshot", 404]]);
  });

  it("follow: true refetches the job's plan on each tasks_updated event (a tab's panel need not be open)", async () => {
    const { body } = await harness.net.api<SendMessageResponse>("/api/chat/message", { body: { message: "Plan the launch of a mobile app in 6 weeks" } });
    const planId = body.metadata.planId!;
    const decompose = body.metadata.jobs.find((j) => j.jobType === "plan_decompose")!.jobId;
    // The plan pane's query (observed, as on the page) and a tab label's status follower; no log panel.
    const view = renderHook(() => ({ plan: useQuery(queries.plan(planId)).data, status: useJobStatus(decompose, { follow: true }).status }), { wrapper });
    await until("the decomposition ends", () => view.result.current.status === "succeeded", 20_000);
    await until("the plan refetched with the subtasks", () => {
      const tree = view.result.current.plan;
      return !!tree && tree.tasks.length > 0 && tree.tasks.every((t) => t.children.length > 0);
    });
    expect(harness.net.of("other").filter((r) => r.url.endsWith(`/api/plans/${planId}`)).length).toBeGreaterThanOrEqual(2);
  });
});
