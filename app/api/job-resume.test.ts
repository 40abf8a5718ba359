// POST /api/jobs/{jobId}/resume against a real SQLite file: a decomposition
// cancelled half-way continues in a new plan_decompose job with the tasks it
// had not split yet (no task gets a second set of subtasks), the chat message
// lists the new job, and every refusal (409, 404, 403) writes nothing.
process.env.LLM_OFFLINE_LATENCY_MS = "400"; // slow enough to cancel between two tasks of one decomposition
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { GET as getConversation } from "@/app/api/conversations/[id]/route";
import { POST as cancel } from "@/app/api/jobs/[jobId]/cancel/route";
import { POST as resume } from "@/app/api/jobs/[jobId]/resume/route";
import { GET as getPlan } from "@/app/api/plans/[planId]/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { resumeJobId } from "@/lib/server/chat/resume-decomposition";
import type { ConversationDetail, SendMessageResponse } from "@/lib/shared/chat";
import type { JobDto } from "@/lib/shared/jobs";
import type { PlanTree, TaskNode } from "@/lib/shared/plans";
import { countRows } from "@/test/db";
import { TestUser } from "@/test/http";

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

const SUPPORT = { authorization: "Bearer support-token-for-tests" };

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}

const post = (user: TestUser, jobId: string, headers?: Record<string, string>) =>
  user.call(resume, { url: `/api/jobs/${jobId}/resume`, method: "POST", params: { jobId }, headers });

/** Each top-level task's children ids (the decomposition's result). */
const childrenOf = (tasks: TaskNode[]) => new Map(tasks.map((t) => [t.id, t.children.map((c) => c.id)]));

describe("POST /api/jobs/{jobId}/resume", () => {
  it("continues a cancelled decomposition with the tasks not yet split, once; the message shows the new job", async () => {
    const user = new TestUser();
    const sent = (await (await user.call(postMessage, { url: "/api/chat/message", body: { message: "Plan a conference for 500 people in 4 months" } })).json()) as SendMessageResponse;
    const { planId, conversationId, jobs } = sent.metadata;
    const decompose = jobs.find((j) => j.jobType === "plan_decompose")!.jobId;
    const { store, queue } = getDeps();

    // Cancel after the first task's subtasks are committed, before the last.
    await waitFor(async () => (await store.eventsAfter(decompose, 0, 10_000)).some((e) => e.kind === "tasks_updated"));
    expect((await user.call(cancel, { url: `/api/jobs/${decompose}/cancel`, method: "POST", params: { jobId: decompose } })).status).toBe(202);
    await queue.waitUntilSettled([decompose], { timeoutMs: 20_000 });
    expect((await store.find(decompose))!.status).toBe("cancelled");

    const tree = async () => (await (await user.call(getPlan, { url: `/api/plans/${planId}`, params: { planId: planId! } })).json()) as PlanTree;
    const before = childrenOf((await tree()).tasks);
    const split = [...before.values()].filter((c) => c.length > 0).length;
    expect(split).toBeGreaterThanOrEqual(1);
    expect(split).toBeLessThan(before.size);

    // Refusals while nothing is resumed yet: someone else (404), support (403), a job that is not a decomposition (409).
    const rows = await countRows();
    expect((await post(new TestUser(), decompose)).status).toBe(404);
    const bySupport = await post(new TestUser(), decompose, SUPPORT);
    expect([bySupport.status, (await bySupport.json()).error.code]).toEqual([403, "forbidden"]);
    const chatActions = await post(user, sent.metadata.trackingId!);
    expect([chatActions.status, (await chatActions.json()).error.code]).toEqual([409, "conflict"]);
    expect(await countRows()).toEqual(rows);

    const res = await post(user, decompose);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { jobId: string; job: JobDto };
    expect(body.jobId).toBe(resumeJobId(decompose));
    expect([body.job.id, body.job.jobType, body.job.status, body.job.planId]).toEqual([body.jobId, "plan_decompose", "pending", planId]);
    expect(body.job.params).toEqual({ planId, taskId: null, language: "en", resumeOf: decompose });
    expect((await store.find(body.jobId))!.concurrencyKey).toBe(`plan:${planId}`);

    // Resumed once only: a second resume is a 409 naming the job that resumed it, and writes nothing.
    // (The resumed job may start meanwhile and log: its own lines are not counted.)
    const rowsBesides = async () => ({ ...(await countRows()), events: await getDeps().db.jobEvent.count({ where: { jobId: { not: body.jobId } } }) });
    const rowsAfter = await rowsBesides();
    const again = await post(user, decompose);
    expect(again.status).toBe(409);
    expect((await again.json()).error.details).toEqual({ jobId: body.jobId });
    expect(await rowsBesides()).toEqual(rowsAfter);

    await queue.waitUntilSettled([body.jobId], { timeoutMs: 30_000 });
    expect((await store.find(body.jobId))!.status).toBe("succeeded");

    // Every top-level task is split exactly once: those split before keep exactly their subtasks.
    const after = (await tree()).tasks;
    for (const task of after) {
      expect(task.children.length).toBeGreaterThanOrEqual(1);
      const old = before.get(task.id)!;
      if (old.length > 0) expect(task.children.map((c) => c.id)).toEqual(old);
      expect(new Set(task.children.map((c) => c.title)).size).toBe(task.children.length);
    }
    const resumedLog = await store.eventsAfter(body.jobId, 0, 10_000);
    expect(resumedLog.find((e) => e.message.startsWith("Resuming job"))?.message).toBe(`Resuming job ${decompose}: ${split} task(s) it already split are skipped`);
    expect(resumedLog.filter((e) => e.kind === "tasks_updated").length).toBe(before.size - split);

    // The chat message lists the new job (with resumeOf) and its action.
    const detail = (await (await user.call(getConversation, { url: `/api/conversations/${conversationId}`, params: { id: conversationId } })).json()) as ConversationDetail;
    const reply = detail.messages.find((m) => m.id === sent.metadata.messageId)!;
    expect(reply.metadata!.jobs.at(-1)).toEqual({ jobId: body.jobId, jobType: "plan_decompose", resumeOf: decompose });
    expect(reply.metadata!.actions!.at(-1)).toEqual({ kind: "decompose_task", name: "Resume splitting the plan's tasks", status: "pending", jobId: body.jobId });

    // A succeeded decomposition is not resumable.
    const done = await post(user, body.jobId);
    expect([done.status, (await done.json()).error.message]).toEqual([409, "Only a failed or cancelled decomposition can be resumed; this one is succeeded"]);
  });

  it("404 for an unknown job", async () => {
    const res = await post(new TestUser(), "no-such-job");
    expect([res.status, (await res.json()).error.code]).toEqual([404, "not_found"]);
  });
});
