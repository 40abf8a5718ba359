// @vitest-environment dom-node
// useExecutePlan, useRunView and useApprovalDecision against the real server
// (route handlers, job runner, plan executor, offline model, built-in tools,
// temporary SQLite) behind a fake network (test/route-fetch.ts). With
// TOOL_APPROVAL=always every tool call waits for a person, so the run is
// watched while it is still running: its view is folded from the streamed
// events (no GET /api/runs per event), decisions go through the hook, and
// at the end the fetched run equals what was folded.
import { vi } from "vitest";

vi.hoisted(() => {
  // Read once, at boot: every tool call asks for approval.
  process.env.TOOL_APPROVAL = "always";
});

import { QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import { App } from "antd";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { useApprovalDecision, useExecutePlan } from "@/hooks/use-run-actions";
import { useRunView, type UseRunViewResult } from "@/hooks/use-run-view";
import { queries } from "@/lib/client/queries";
import type { SendMessageResponse } from "@/lib/shared/chat";
import { isTerminal } from "@/lib/shared/jobs";
import type { ExecutePlanResponse, RunDetail, RunDto } from "@/lib/shared/runs";
import { setUpServerHarness, until } from "@/test/hook-harness";

const harness = setUpServerHarness();

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={harness.client}>
    <App>{children}</App>
  </QueryClientProvider>
);

async function makePlan(): Promise<string> {
  const { status, body } = await harness.net.api<SendMessageResponse>("/api/chat/message", {
    body: { message: "Plan a birthday party for 20 guests on 2027-03-20 with a budget in EUR", mode: "sync" },
  });
  expect(status).toBe(200);
  return body.metadata.planId!;
}

const runRequests = (runId: string) => harness.net.requests.filter((r) => r.method === "GET" && r.url === `/api/runs/${runId}`);

describe("useRunView", () => {
  it("folds a running run from its events, decides approvals through the hook, and fetches the run once it ended", async () => {
    const planId = await makePlan();
    const starter = renderHook(() => useExecutePlan({ planId }), { wrapper });
    let started: ExecutePlanResponse | undefined;
    await act(async () => {
      started = await starter.result.current.execute();
    });
    expect(started).toEqual({ runId: expect.any(String), jobId: expect.any(String) });
    const runs = await harness.client.fetchQuery(queries.runs(planId));
    expect(runs.map((r) => r.id)).toEqual([started!.runId]);
    const run: RunDto = runs[0];
    expect(isTerminal(run.status)).toBe(false);

    // Every render's outcome, and how many requests had been made when the run was first seen ended.
    const seen: UseRunViewResult[] = [];
    let requestsAtEnd: number | undefined;
    const view = renderHook(
      () => {
        const result = useRunView(run);
        seen.push(result);
        if (requestsAtEnd === undefined && isTerminal(result.status)) requestsAtEnd = harness.net.requests.length;
        return result;
      },
      { wrapper },
    );

    // The first call waits for a person: the live view says so.
    await until("the first approval", () => (view.result.current.view?.pendingApprovals.length ?? 0) === 1, 20_000);
    expect(view.result.current).toMatchObject({ status: "running", success: false, live: true });
    const first = view.result.current.view!.pendingApprovals[0];
    expect(first).toMatchObject({ status: "awaiting_approval", approval: { status: "pending" } });
    const step = view.result.current.view!.steps.find((s) => s.toolCalls.some((c) => c.callId === first.callId))!;
    expect(step.status).toBe("running");
    expect(runRequests(run.id)).toEqual([]);

    // Approve through the hook: the server takes it; a second decision of the same call is refused, said in words.
    const approve = renderHook(() => useApprovalDecision(run.id, first.callId), { wrapper });
    let ok: boolean | undefined;
    await act(async () => {
      ok = await approve.result.current.decide(true);
    });
    expect(ok).toBe(true);
    expect(approve.result.current).toMatchObject({ decided: true, error: undefined, sending: null });
    const again = renderHook(() => useApprovalDecision(run.id, first.callId), { wrapper });
    await act(async () => {
      ok = await again.result.current.decide(false);
    });
    expect(ok).toBe(false);
    expect(again.result.current).toMatchObject({ decided: undefined, error: "Already decided or expired.", sending: null });
    await until("the approved call ran", () => {
      const calls = view.result.current.view?.steps.flatMap((s) => s.toolCalls) ?? [];
      return calls.find((c) => c.callId === first.callId)?.status === "succeeded";
    });

    // The rest approved as they come, until the run ends.
    const decided = new Set([first.callId]);
    await until(
      "the run's end",
      () => {
        for (const c of view.result.current.view?.pendingApprovals ?? []) {
          if (decided.has(c.callId)) continue;
          decided.add(c.callId);
          void harness.net.api(`/api/runs/${run.id}/approvals/${c.callId}`, { body: { approve: true } });
        }
        return isTerminal(view.result.current.status) && !view.result.current.live;
      },
      60_000,
    );

    // Counts moved with the events while it ran.
    const liveCounts = seen.filter((r) => r.live).map((r) => r.counts.tasksDone);
    expect(liveCounts.at(0)).toBe(0);
    expect(Math.max(...liveCounts)).toBeGreaterThan(0);
    expect(seen.some((r) => r.live && r.counts.toolCalls > 0)).toBe(true);

    // The end: the server's run, which equals the fold; fetched only after the run ended.
    const { body: detail } = await harness.net.api<RunDetail>(`/api/runs/${run.id}`);
    expect(detail.run).toMatchObject({ status: "succeeded", success: true });
    const result = view.result.current;
    expect(result).toMatchObject({ status: "succeeded", success: true, live: false, error: null });
    expect(result.counts).toEqual(detail.run.counts);
    const { run: _run, ...detailView } = detail;
    expect(result.view).toEqual(detailView);
    const lastLive = seen.filter((r) => r.live).at(-1)!.view!;
    expect({ steps: lastLive.steps, runToolCalls: lastLive.runToolCalls }).toEqual({ steps: detail.steps, runToolCalls: detail.runToolCalls });
    expect(decided.size).toBe(detail.run.counts.toolCalls);
    const fetched = runRequests(run.id);
    expect(fetched.length).toBeGreaterThanOrEqual(1);
    expect(harness.net.requests.indexOf(fetched[0])).toBeGreaterThanOrEqual(requestsAtEnd!);
    // The plan's run list is invalidated with the end too (refetched where it is on screen): its row becomes final.
    expect(harness.client.getQueryState(queries.runs(planId).queryKey)?.isInvalidated).toBe(true);
    expect((await harness.client.fetchQuery(queries.runs(planId)))[0]).toMatchObject({ status: "succeeded", success: true });
  }, 90_000);

  it("a run finished before it is shown is only fetched: no log, no stream", async () => {
    const planId = await makePlan();
    const { body: started } = await harness.net.api<ExecutePlanResponse>(`/api/plans/${planId}/execute`, { body: {} });
    const approveAll = async () => {
      for (;;) {
        const { body } = await harness.net.api<RunDetail>(`/api/runs/${started.runId}`);
        if (isTerminal(body.run.status)) return body;
        for (const c of body.pendingApprovals) await harness.net.api(`/api/runs/${started.runId}/approvals/${c.callId}`, { body: { approve: true } });
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const detail = await approveAll();
    const run = (await harness.client.fetchQuery(queries.runs(planId)))[0];
    expect(run).toMatchObject({ id: started.runId, status: "succeeded", success: true });

    const before = harness.net.requests.length;
    const closed = renderHook(() => useRunView(run, { enabled: false }), { wrapper });
    expect(closed.result.current).toMatchObject({ view: undefined, status: "succeeded", success: true, live: false, counts: run.counts });
    expect(harness.net.requests.length).toBe(before);

    const open = renderHook(() => useRunView(run), { wrapper });
    await until("the fetched run", () => open.result.current.view !== undefined);
    const { run: _run, ...detailView } = detail;
    expect(open.result.current.view).toEqual(detailView);
    expect(harness.net.requests.slice(before).map((r) => r.url)).toEqual([`/api/runs/${run.id}`]);
  }, 60_000);

  it("useExecutePlan: a task not in the plan is refused, said in an antd message, and nothing starts", async () => {
    const planId = await makePlan();
    const starter = renderHook(() => useExecutePlan({ planId }), { wrapper });
    let started: ExecutePlanResponse | undefined = { runId: "x", jobId: "x" };
    await act(async () => {
      started = await starter.result.current.execute("no-such-task");
    });
    expect(started).toBeUndefined();
    await until("the message", () => document.body.textContent?.includes("Not started:") === true || document.body.textContent?.includes("no longer exists") === true);
    expect(await harness.client.fetchQuery(queries.runs(planId))).toEqual([]);
  });
});
