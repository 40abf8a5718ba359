// @vitest-environment dom-node
// Component tests of useJobLog and its stream client (JobStreamHub) against
// the real server: the route handlers, the job runner and a temporary SQLite
// database run in-process; only the network is fake (test/route-fetch.ts), so
// the stream can be dropped or refused and the browser taken offline.
// docs/design.md "SSE contract" and "Client fallback". Real timers throughout: the
// server side uses timers too, so backoffs are waited out (the file takes ~25 s).
import { vi } from "vitest";

vi.hoisted(() => {
  // POST /api/diagnostics/log-burst: jobs that log N lines at a set rate. Read once, at boot.
  process.env.DIAGNOSTICS_ENABLED = "1";
});

import { QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { MAX_POLL_FAILURES, useJobLog, type JobLogTransport, type UseJobLogOptions } from "@/hooks/use-job-log";
import { ApiError } from "@/lib/client/api";
import { getConnectivity } from "@/lib/client/connectivity";
import { getDeps } from "@/lib/server/deps";
import type { JobDto } from "@/lib/shared/jobs";
import { setUpServerHarness, sleep, until } from "@/test/hook-harness";
import { resetJobStreamHubForTests } from "@/test/job-stream-hub";
import { RouteFetch } from "@/test/route-fetch";

const harness = setUpServerHarness();

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Renders useJobLog in a QueryClientProvider. `transports` lists every distinct
 * transport it rendered, in order; `broken` every render whose event list was
 * not gapless (consecutive seqs, starting at 1 unless `hasEarlier`). Checking
 * every render matters: after the end the hook refetches the snapshot (the
 * latest 200 events), which would paper over a gap in a short log.
 */
function renderJobLog(jobId: string, options?: UseJobLogOptions) {
  const transports: JobLogTransport[] = [];
  const broken: string[] = [];
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={harness.client}>{children}</QueryClientProvider>;
  const view = renderHook(
    ({ id }: { id: string }) => {
      const log = useJobLog(id, options);
      if (transports.at(-1) !== log.transport) transports.push(log.transport);
      const s = log.events.map((e) => e.seq);
      const jump = s.findIndex((q, i) => i > 0 && q !== s[i - 1] + 1);
      if (jump > 0) broken.push(`${id}: ${s[jump - 1]} then ${s[jump]}`);
      if (s.length > 0 && s[0] !== 1 && !log.hasEarlier) broken.push(`${id}: starts at ${s[0]} with nothing earlier`);
      return log;
    },
    { wrapper, initialProps: { id: jobId } },
  );
  const seqs = () => view.result.current.events.map((e) => e.seq);
  const done = () => view.result.current.status === "succeeded" && view.result.current.transport === "idle";
  return { ...view, transports, broken, seqs, done };
}

/** Starts a log-burst job as the browser's session: `lines` log lines at `ratePerSec`; its log has lines + 2 events. */
async function startBurst(lines: number, ratePerSec: number, as: RouteFetch = harness.net): Promise<string> {
  const { status, body } = await as.api<{ job: JobDto }>("/api/diagnostics/log-burst", { body: { lines, ratePerSec } });
  expect(status).toBe(202);
  return body.job.id;
}

async function jobRow(jobId: string) {
  return getDeps().db.job.findUniqueOrThrow({ where: { id: jobId }, select: { status: true, lastSeq: true } });
}

/** The `[jobId, cursor]` pairs a /api/streams request asked for. */
function jobsIn(url: string): [string, number][] {
  const jobs = new URL(url, "http://localhost").searchParams.get("jobs")!;
  return jobs.split(",").map((i) => [i.split(":")[0], Number(i.split(":")[1])]);
}

/** The cursor a /api/streams request asked from for `jobId`. */
function cursorIn(url: string, jobId: string): number {
  const item = jobsIn(url).find(([id]) => id === jobId);
  if (!item) throw new Error(`${jobId} not in ${url}`);
  return item[1];
}

/** Streams the server is still following (the abort reached the route's cleanup when this drops). */
const serverFollowers = () => getDeps().tails.followerCount;

describe("useJobLog over the real server", () => {
  it("follows over SSE, polls /events?after= while the stream is down, and returns to SSE without gaps or duplicates", async () => {
    const jobId = await startBurst(150, 25); // ~6 s of log
    const log = renderJobLog(jobId);
    await until("events over SSE", () => log.result.current.transport === "sse" && log.result.current.events.length >= 5);
    expect(harness.net.of("stream", true)).toHaveLength(1);
    expect(harness.net.of("poll")).toEqual([]);

    // The connection drops and every reconnect is refused.
    harness.net.refuseStreams = true;
    expect(harness.net.dropStreams()).toBe(1);
    await until("polling", () => log.result.current.transport === "polling");
    const streamsAtDrop = harness.net.of("stream").length;
    await until(
      "a refused reconnect and a poll that brought new events",
      () => harness.net.of("stream").length > streamsAtDrop && harness.net.of("poll").some((p) => p.seqs.length > 0),
    );
    const refused = harness.net.of("stream").slice(streamsAtDrop);
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => "failed"));
    expect(log.result.current.transport).toBe("polling");

    // The stream is allowed again: the hub's next reconnect succeeds and polling stops.
    harness.net.refuseStreams = false;
    await until("back on SSE", () => log.result.current.transport === "sse", 15_000);
    const polls = harness.net.of("poll").length;
    const reopened = harness.net.of("stream").at(-1)!;
    expect(reopened.status).toBe(200);

    await until("the job's end", log.done, 15_000);
    const { status, lastSeq } = await jobRow(jobId);
    expect(status).toBe("succeeded");
    expect(lastSeq).toBe(152);
    expect(log.seqs()).toEqual(range(1, lastSeq));
    expect(log.broken).toEqual([]);
    expect(log.transports).toEqual(["idle", "sse", "polling", "sse", "idle"]);
    // No poll after the stream came back; the polls carried events while it was down.
    expect(harness.net.of("poll")).toHaveLength(polls);
    expect(harness.net.of("poll").flatMap((p) => p.seqs).length).toBeGreaterThan(0);
    // The reopened stream resumed at the hook's cursor, carried live lines to the end, then closed.
    const cursor = cursorIn(reopened.url, jobId);
    expect(reopened.seqs).toEqual(range(cursor + 1, lastSeq));
    expect(reopened.seqs.length).toBeGreaterThan(1);
    expect(reopened.ends).toEqual([jobId]);
    expect(harness.net.requests.filter((r) => r.open)).toEqual([]);
    expect(log.result.current).toMatchObject({ offline: false, missing: false, job: { status: "succeeded", lastSeq } });
  });

  it("an unknown job, or another session's job, is missing: transport idle and nothing left open", async () => {
    const other = new RouteFetch();
    const othersJob = await startBurst(40, 40, other);
    for (const jobId of ["no-such-job", othersJob]) {
      const log = renderJobLog(jobId);
      await until("missing", () => log.result.current.missing);
      expect(log.result.current).toMatchObject({ missing: true, transport: "idle", offline: false, job: undefined, events: [] });
      // Retry on a missing job asks nothing more of the network.
      act(() => log.result.current.retry());
      await sleep(300);
      expect(log.result.current).toMatchObject({ missing: true, transport: "idle" });
      expect(log.transports).toEqual(["idle"]);
      log.unmount();
    }
    expect(harness.net.requests.map((r) => [r.kind, r.url, r.status])).toEqual([
      ["snapshot", "/api/jobs/no-such-job", 404],
      ["snapshot", `/api/jobs/${othersJob}`, 404],
    ]);
    expect(harness.net.requests.filter((r) => r.open)).toEqual([]);
  });

  it(`is offline as soon as the server cannot be reached, stops polling after ${MAX_POLL_FAILURES} failed polls, and recovers by itself when it can`, async () => {
    const jobId = await startBurst(60, 30); // ~2 s
    const log = renderJobLog(jobId);
    await until("events over SSE", () => log.result.current.transport === "sse" && log.result.current.events.length >= 3);

    harness.net.offline = true;
    harness.net.dropStreams();
    await until("offline", () => log.result.current.offline);
    expect(getConnectivity().online).toBe(false);
    await until(`${MAX_POLL_FAILURES} failed polls`, () => harness.net.of("poll").length === MAX_POLL_FAILURES, 20_000);
    await until("polling gave up", () => log.result.current.transport === "idle");
    expect(harness.net.of("poll").map((p) => p.status)).toEqual(["failed", "failed", "failed", "failed", "failed"]);
    expect(log.result.current).toMatchObject({ offline: true, transport: "idle" });
    expect(log.result.current.error).toBeInstanceOf(ApiError);
    expect((log.result.current.error as ApiError).status).toBe(0);

    // The stream client and the health probe keep trying in the background; their failures must not restart polling.
    const streams = harness.net.of("stream").length;
    await until("another refused stream attempt", () => harness.net.of("stream").length > streams, 12_000);
    await sleep(1200); // longer than any poll backoff at this point
    expect(harness.net.of("poll")).toHaveLength(MAX_POLL_FAILURES);
    expect(harness.net.requests.some((r) => r.url.includes("/api/health"))).toBe(true);
    expect(log.result.current).toMatchObject({ offline: true, transport: "idle" });

    // The network is back; nobody presses anything: the probe or the stream's own retry gets through.
    harness.net.heal();
    await until("the job's end", log.done, 15_000);
    const { lastSeq } = await jobRow(jobId);
    expect(lastSeq).toBe(62);
    expect(log.seqs()).toEqual(range(1, lastSeq));
    expect(log.broken).toEqual([]);
    expect(getConnectivity().online).toBe(true);
    expect(log.result.current).toMatchObject({ offline: false, error: undefined, missing: false });
    expect(harness.net.requests.filter((r) => r.open)).toEqual([]);
  });

  it("retry() while the server is unreachable probes at once and resumes as soon as it answers", async () => {
    const jobId = await startBurst(40, 30);
    const log = renderJobLog(jobId);
    await until("events over SSE", () => log.result.current.transport === "sse" && log.result.current.events.length >= 3);
    harness.net.offline = true;
    harness.net.dropStreams();
    await until("offline", () => log.result.current.offline);
    harness.net.heal();
    const probes = harness.net.requests.filter((r) => r.url.includes("/api/health")).length;
    act(() => log.result.current.retry());
    await until("a probe right after retry()", () => harness.net.requests.filter((r) => r.url.includes("/api/health")).length > probes, 2_000);
    await until("the job's end", log.done, 15_000);
    const { lastSeq } = await jobRow(jobId);
    expect(log.seqs()).toEqual(range(1, lastSeq));
    expect(log.result.current).toMatchObject({ offline: false, missing: false });
  });

  describe("cursor de-duplication", () => {
    it("a second hook joining from an older cached snapshot makes the shared stream replay; each hook still has every seq once", async () => {
      const jobId = await startBurst(80, 40); // ~2 s
      const a = renderJobLog(jobId);
      await until("A follows over SSE", () => a.result.current.transport === "sse" && a.result.current.events.length >= 10);
      const aCursor = a.seqs().at(-1)!;
      // B gets the snapshot A loaded at its start from the cache (staleTime: Infinity): an older cursor.
      const b = renderJobLog(jobId);
      await until("the stream reconnects for B", () => harness.net.of("stream").length === 2);
      const replay = harness.net.of("stream")[1];
      expect([...a.broken, ...b.broken]).toEqual([]);
      expect(cursorIn(replay.url, jobId)).toBeLessThan(aCursor);
      await until("both hooks see the end", () => a.done() && b.done(), 15_000);

      const { lastSeq } = await jobRow(jobId);
      expect(a.seqs()).toEqual(range(1, lastSeq));
      expect(b.seqs()).toEqual(range(1, lastSeq));
      expect([...a.broken, ...b.broken]).toEqual([]);
      // The wire did carry seqs A already had.
      const wire = harness.net.of("stream").flatMap((r) => r.seqs);
      expect(wire.length).toBeGreaterThan(new Set(wire).size);
      expect(replay.seqs[0]).toBeLessThanOrEqual(aCursor);
      expect(harness.net.of("snapshot")[0].seqs.length).toBeLessThan(aCursor);
      expect(harness.net.peakOpenStreams).toBe(1);
    });

    it("polls and a reconnect that replay from seq 1 (a proxy rewinding the cursor) add nothing twice", async () => {
      const jobId = await startBurst(80, 40); // ~2 s
      const log = renderJobLog(jobId);
      await until("events over SSE", () => log.result.current.transport === "sse" && log.result.current.events.length >= 8);
      harness.net.rewrite = (url) => url.replace(/after=\d+/, "after=0").replace(/%3A\d+/g, "%3A0");
      harness.net.dropStreams();
      await until("a poll and a reconnect, both from 0", () => harness.net.of("poll").length >= 1 && harness.net.of("stream").length >= 2 && harness.net.of("stream").at(-1)!.status === 200);
      await until("the job's end", log.done, 15_000);

      const { lastSeq } = await jobRow(jobId);
      expect(log.seqs()).toEqual(range(1, lastSeq));
      const poll = harness.net.of("poll")[0];
      expect(poll.url).toMatch(/after=0&/);
      expect(poll.seqs[0]).toBe(1);
      const reconnect = harness.net.of("stream").at(-1)!;
      expect(cursorIn(reconnect.url, jobId)).toBe(0);
      expect(reconnect.seqs).toEqual(range(1, lastSeq));
      // After the end the snapshot is refetched (finishedAt, result): it overlaps the whole log and adds nothing.
      await until("the snapshot refetch, taken in", () => harness.net.of("snapshot").length >= 2 && log.result.current.job?.result != null);
      expect(harness.net.of("snapshot")[1].seqs).toEqual(range(1, lastSeq));
      expect(log.seqs()).toEqual(range(1, lastSeq));
      expect(log.broken).toEqual([]);
    });
  });

  describe("nothing left open", () => {
    it("at the terminal event the job's stream closes and no poll runs afterwards", async () => {
      const jobId = await startBurst(20, 40); // ~0.5 s
      const log = renderJobLog(jobId);
      await until("the job's end", log.done);
      // onEnd refetches the snapshot (the row's result and finishedAt); wait until the hook has taken it in.
      await until("the snapshot refetch after the end", () => harness.net.of("snapshot").length >= 2 && log.result.current.job?.result != null);
      const lastSeq = 22;
      expect(log.seqs()).toEqual(range(1, lastSeq));
      expect(log.result.current.job).toMatchObject({ status: "succeeded", lastSeq, result: { lines: 20 } });
      expect(log.result.current.job?.finishedAt).toEqual(expect.any(String));

      const mark = harness.net.requests.length;
      await sleep(1500); // longer than the first poll backoff and any reconnect the hub would schedule
      expect(harness.net.requests.slice(mark)).toEqual([]);
      expect(harness.net.requests.map((r) => r.kind)).toEqual(["snapshot", "stream", "snapshot"]);
      const [stream] = harness.net.of("stream");
      expect(stream).toMatchObject({ open: false, status: 200, ends: [jobId] });
      expect(stream.seqs).toEqual(range(cursorIn(stream.url, jobId) + 1, lastSeq));
      expect(serverFollowers()).toBe(0);
      expect(log.transports).toEqual(["idle", "sse", "idle"]);
      expect(log.broken).toEqual([]);
    });

    it("a job that already finished opens no stream at all", async () => {
      const jobId = await startBurst(10, 0);
      await getDeps().queue.waitUntilSettled([jobId]);
      const log = renderJobLog(jobId);
      await until("loaded", () => log.result.current.events.length > 0);
      await sleep(500);
      expect(log.seqs()).toEqual(range(1, 12));
      expect(log.result.current).toMatchObject({ status: "succeeded", transport: "idle", hasEarlier: false });
      expect(harness.net.requests.map((r) => [r.kind, r.url])).toEqual([["snapshot", `/api/jobs/${jobId}`]]);
      expect(log.transports).toEqual(["idle"]);
    });

    it("two hooks on different jobs share one /api/streams connection; unmounting closes it, server side too, and leaves the jobs running", async () => {
      const j1 = await startBurst(400, 40); // ~10 s: still running when the test ends
      const j2 = await startBurst(400, 40);
      const h1 = renderJobLog(j1);
      const h2 = renderJobLog(j2);
      await until("both over SSE", () =>
        [h1, h2].every((h) => h.result.current.transport === "sse" && h.result.current.events.length >= 3),
      );
      const [shared] = harness.net.of("stream", true);
      expect(harness.net.of("stream", true)).toHaveLength(1);
      // In the order the hooks subscribed, which is the order their snapshots answered: either.
      expect(jobsIn(shared.url).map(([id]) => id).sort()).toEqual([j1, j2].sort());
      expect(harness.net.peakOpenStreams).toBe(1);

      h1.unmount();
      await until("a connection for j2 alone", () => {
        const open = harness.net.of("stream", true);
        return open.length === 1 && open[0] !== shared;
      });
      expect(jobsIn(harness.net.of("stream", true)[0].url).map(([id]) => id)).toEqual([j2]);
      expect(shared.open).toBe(false);
      h2.unmount();
      await until("no stream open", () => harness.net.of("stream", true).length === 0);
      await until("the server stopped following", () => serverFollowers() === 0, 2_000);
      const mark = harness.net.requests.length;
      await sleep(300);
      expect(harness.net.requests.slice(mark)).toEqual([]);
      expect(harness.net.peakOpenStreams).toBe(1);
      expect(harness.net.of("poll")).toEqual([]);
      // Disconnect is not cancel (guarantee 9).
      expect((await jobRow(j1)).status).toBe("running");
      expect((await jobRow(j2)).status).toBe("running");
      for (const id of [j1, j2]) expect((await harness.net.api(`/api/jobs/${id}/cancel`, { method: "POST" })).status).toBe(202);
    });
  });

  it("switching to another running job follows it from its own snapshot's cursor", async () => {
    const j1 = await startBurst(400, 40); // ~10 s: cancelled at the end
    const j2 = await startBurst(120, 40); // ~3 s
    // j2's snapshot is cached from an earlier view, taken when it had hardly started.
    const earlier = renderJobLog(j2);
    await until("j2 loaded", () => !!earlier.result.current.job);
    earlier.unmount();
    const cachedSeq = harness.client.getQueryData<{ lastSeq: number }>(["jobs", j2, "snapshot"])!.lastSeq;

    const log = renderJobLog(j1);
    await until("j1 well ahead of j2's cached snapshot", () => log.result.current.transport === "sse" && (log.seqs().at(-1) ?? 0) > cachedSeq + 10);
    log.rerender({ id: j2 });
    await until("j2 followed over SSE", () => log.result.current.job?.id === j2 && log.result.current.transport === "sse" && log.seqs().length > cachedSeq + 5);
    const stream = harness.net.of("stream").at(-1)!;
    expect(cursorIn(stream.url, j2)).toBe(cachedSeq);
    await until("j2's end", log.done, 15_000);
    const { lastSeq } = await jobRow(j2);
    expect(log.seqs()).toEqual(range(1, lastSeq));
    expect(log.broken).toEqual([]);
    expect((await harness.net.api(`/api/jobs/${j1}/cancel`, { method: "POST" })).status).toBe(202);
  });

  it('history: "all" pages a finished log longer than the snapshot back to seq 1', async () => {
    const jobId = await startBurst(1300, 0);
    await getDeps().queue.waitUntilSettled([jobId]);
    const log = renderJobLog(jobId, { history: "all" });
    await until("the whole history", () => log.result.current.events.length === 1302 && !log.result.current.hasEarlier);
    expect(log.seqs()).toEqual(range(1, 1302));
    expect(log.broken).toEqual([]);
    expect(harness.net.requests.map((r) => [r.kind, r.url])).toEqual([
      ["snapshot", `/api/jobs/${jobId}`],
      ["page", `/api/jobs/${jobId}/events?before=1103&limit=1000`],
      ["page", `/api/jobs/${jobId}/events?before=103&limit=1000`],
    ]);
  });
});

describe("the stream hub against refused and silent connections", () => {
  /** The server's `: ping` interval in unit tests (test/setup-env.ts). */
  const HEARTBEAT_MS = Number(process.env.SSE_HEARTBEAT_MS);

  const refusals: [number, string, () => void][] = [
    // The real route answers 400 to a malformed cursor.
    [400, "the route, to a malformed cursor", () => (harness.net.rewrite = (url) => url.replace(/%3A\d+/g, "%3A-1"))],
    [403, "a proxy", () => (harness.net.streamStatus = 403)],
    [404, "a proxy", () => (harness.net.streamStatus = 404)],
  ];
  for (const [status, who, refuse] of refusals) {
    it(`a stream answered ${status} (by ${who}) is not retried: exactly one stream request; polling carries the log to its end`, async () => {
      const jobId = await startBurst(40, 40); // ~1 s
      refuse();
      const log = renderJobLog(jobId);
      await until("the job's end", log.done, 15_000);
      const mark = harness.net.requests.length;
      await sleep(1500); // longer than the hub's first reconnect backoff (≤ 1 s)
      expect(harness.net.requests.slice(mark)).toEqual([]);
      expect(harness.net.of("stream").map((r) => [r.status, r.open])).toEqual([[status, false]]);
      const { lastSeq } = await jobRow(jobId);
      expect(log.seqs()).toEqual(range(1, lastSeq));
      expect(log.broken).toEqual([]);
      expect(log.transports).toEqual(["idle", "polling", "idle"]);
      // The polls carried exactly what the snapshot had not: each seq once.
      const snapshotLast = harness.net.of("snapshot")[0].seqs.at(-1) ?? 0;
      expect(harness.net.of("poll").flatMap((p) => p.seqs)).toEqual(range(snapshotLast + 1, lastSeq));
      expect(log.result.current).toMatchObject({ missing: false, offline: false, job: { status: "succeeded", lastSeq } });
      expect(harness.net.requests.filter((r) => r.open)).toEqual([]);
    });
  }

  it("a stream answered 503 is retried with backoff, and followed again once it opens", async () => {
    const jobId = await startBurst(200, 40); // ~5 s
    harness.net.streamStatus = 503;
    const log = renderJobLog(jobId);
    await until("two refused attempts", () => harness.net.of("stream").length >= 2);
    expect(log.result.current.transport).toBe("polling");
    harness.net.streamStatus = undefined;
    await until("back on SSE", () => log.result.current.transport === "sse", 15_000);
    await until("the job's end", log.done, 15_000);
    const streams = harness.net.of("stream");
    expect(streams.slice(0, -1).map((r) => r.status)).toEqual(streams.slice(0, -1).map(() => 503));
    expect(streams.at(-1)!.status).toBe(200);
    const { lastSeq } = await jobRow(jobId);
    expect(log.seqs()).toEqual(range(1, lastSeq));
    expect(log.broken).toEqual([]);
    expect(log.transports).toEqual(["idle", "polling", "sse", "idle"]);
    expect(harness.net.requests.filter((r) => r.open)).toEqual([]);
  });

  it("a stream that goes silent (no frame, no `: ping`) for 2 heartbeats is aborted and reopened from the cursor", async () => {
    resetJobStreamHubForTests({ heartbeatMs: HEARTBEAT_MS });
    const jobId = await startBurst(120, 40); // ~3 s
    const log = renderJobLog(jobId);
    await until("events over SSE", () => log.result.current.transport === "sse" && log.result.current.events.length >= 10);
    const silencedAt = Date.now();
    expect(harness.net.silenceStreams()).toBe(1);
    await until("a second stream", () => harness.net.of("stream").length === 2, 5_000);
    const waited = Date.now() - silencedAt;
    const [silent, reopened] = harness.net.of("stream");
    // Frames arrived every 25 ms up to the silence: the abort came 2 heartbeats after the last one.
    expect(waited).toBeGreaterThanOrEqual(2 * HEARTBEAT_MS - 100);
    expect(waited).toBeLessThan(2 * HEARTBEAT_MS + 1000);
    expect(silent).toMatchObject({ status: 200, open: false });
    const cursor = silent.seqs.at(-1)!;
    expect(silent.seqs).toEqual(range(cursorIn(silent.url, jobId) + 1, cursor));
    expect(cursorIn(reopened.url, jobId)).toBe(cursor);

    await until("the job's end", log.done, 15_000);
    const { lastSeq } = await jobRow(jobId);
    expect(log.seqs()).toEqual(range(1, lastSeq));
    expect(reopened.seqs).toEqual(range(cursor + 1, lastSeq));
    expect(reopened.ends).toEqual([jobId]);
    expect(harness.net.of("stream")).toHaveLength(2);
    expect(harness.net.of("poll")).toEqual([]);
    expect(log.transports).toEqual(["idle", "sse", "idle"]);
    expect(log.broken).toEqual([]);
    expect(harness.net.requests.filter((r) => r.open)).toEqual([]);
  });

  it("`: ping` comments keep a quiet stream open: lines 1 s apart (over 2 heartbeats) arrive on one connection", async () => {
    resetJobStreamHubForTests({ heartbeatMs: HEARTBEAT_MS });
    const jobId = await startBurst(3, 1);
    const log = renderJobLog(jobId);
    await until("the job's end", log.done, 10_000);
    expect(log.seqs()).toEqual(range(1, 5));
    expect(harness.net.of("stream")).toHaveLength(1);
    expect(harness.net.of("stream")[0]).toMatchObject({ status: 200, open: false, ends: [jobId] });
    expect(harness.net.of("poll")).toEqual([]);
    expect(log.transports).toEqual(["idle", "sse", "idle"]);
  });
});
