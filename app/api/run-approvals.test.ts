// Tool approvals (TOOL_APPROVAL=always): a run asks before each call
// (approval_requested), POST /api/runs/{runId}/approvals/{callId} decides, an
// unanswered request is denied after TOOL_APPROVAL_TIMEOUT_MS, and a denied
// call never runs (no tool_call, no artifact).
process.env.TOOL_APPROVAL = "always";
process.env.TOOL_APPROVAL_TIMEOUT_MS = "1500";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { POST as postExecute } from "@/app/api/plans/[planId]/execute/route";
import { POST as postApproval } from "@/app/api/runs/[runId]/approvals/[callId]/route";
import { GET as getRunRoute } from "@/app/api/runs/[runId]/route";
import { GET as getSession } from "@/app/api/session/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import type { SendMessageResponse } from "@/lib/shared/chat";
import type { ExecutePlanResponse, RunDetail } from "@/lib/shared/runs";
import { TestUser } from "@/test/http";

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("tool approvals", () => {
  it("approve runs the call, deny and timeout never run it, and each request is decided once", async () => {
    const user = new TestUser();
    const chat = (await (await user.call(postMessage, { url: "/api/chat/message", body: { message: "Plan a birthday party for 20 guests on 2027-03-20", mode: "sync" } })).json()) as SendMessageResponse;
    const planId = chat.metadata.planId!;
    const { userId } = (await (await user.call(getSession, { url: "/api/session" })).json()) as { userId: string };
    const { runId, jobId } = (await (await user.call(postExecute, { url: `/api/plans/${planId}/execute`, params: { planId } })).json()) as ExecutePlanResponse;
    const decide = (callId: string, body: unknown) => user.call(postApproval, { url: `/api/runs/${runId}/approvals/${callId}`, params: { runId, callId }, body });
    const run = async () => (await (await user.call(getRunRoute, { url: `/api/runs/${runId}`, params: { runId } })).json()) as RunDetail;

    const decided: { callId: string; tool: string; how: "approve" | "deny" | "timeout" }[] = [];
    const seen = new Set<string>();
    const deadline = Date.now() + 90_000;
    for (;;) {
      const detail = await run();
      if (detail.run.status === "succeeded" || detail.run.status === "failed" || detail.run.status === "cancelled") break;
      expect(Date.now()).toBeLessThan(deadline);
      for (const call of detail.pendingApprovals) {
        if (seen.has(call.callId)) continue;
        seen.add(call.callId);
        const how = decided.length === 0 ? "approve" : decided.length === 1 ? "deny" : decided.length === 2 ? "timeout" : "approve";
        decided.push({ callId: call.callId, tool: call.tool, how });
        if (how === "timeout") continue;
        const res = await decide(call.callId, { approve: how === "approve" });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ callId: call.callId, approved: how === "approve", by: userId });
      }
      await sleep(100);
    }
    expect(decided.length).toBeGreaterThanOrEqual(3);

    const events = await getDeps().db.jobEvent.findMany({ where: { jobId }, orderBy: { seq: "asc" } });
    const of = (callId: string) => events.filter((e) => (e.data as { callId?: string } | null)?.callId === callId).map((e) => [e.kind, (e.data as { approved?: boolean; by?: string }).by ?? null]);
    const [approved, denied, timedOut] = decided;
    expect(of(approved.callId)).toEqual([["approval_requested", null], ["approval_decided", userId], ["tool_call", null], ["tool_result", null]]);
    expect(of(denied.callId)).toEqual([["approval_requested", null], ["approval_decided", userId]]);
    expect(of(timedOut.callId)).toEqual([["approval_requested", null], ["approval_decided", "timeout"]]);
    expect(await getDeps().db.artifact.count({ where: { callId: { in: [denied.callId, timedOut.callId] } } })).toBe(0);

    const detail = await run();
    const calls = [...detail.steps.flatMap((s) => s.toolCalls), ...detail.runToolCalls];
    const byId = new Map(calls.map((c) => [c.callId, c]));
    expect(byId.get(approved.callId)).toMatchObject({ status: "succeeded", approval: { status: "approved", by: userId } });
    expect(byId.get(denied.callId)).toMatchObject({ status: "denied", approval: { status: "denied", by: userId } });
    expect(byId.get(timedOut.callId)).toMatchObject({ status: "denied", approval: { status: "denied", by: "timeout", reason: "timeout" } });
    expect(detail.pendingApprovals).toEqual([]);

    // Decided once; bad input and strangers change nothing.
    expect((await decide(approved.callId, { approve: false })).status).toBe(409);
    expect((await decide(timedOut.callId, { approve: true })).status).toBe(409);
    expect((await decide(approved.callId, { approve: "yes" })).status).toBe(400);
    expect((await decide("no-such-call", { approve: true })).status).toBe(404);
    const stranger = new TestUser();
    expect((await stranger.call(postApproval, { url: `/api/runs/${runId}/approvals/${approved.callId}`, params: { runId, callId: approved.callId }, body: { approve: true } })).status).toBe(404);
  });
});
