// DELETE /api/conversations/{id} against a real SQLite file: it removes the
// conversation with its messages, turns, plans (and tasks), jobs (and events),
// while work is in flight it answers 409 with the busy jobs; strangers get 404, support 403.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { DELETE as deleteConversation, GET as getConversation } from "@/app/api/conversations/[id]/route";
import { POST as cancelJob } from "@/app/api/jobs/[jobId]/cancel/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import type { SendMessageResponse } from "@/lib/shared/chat";
import { TestUser } from "@/test/http";
import type { ConversationBusyDetails, DeletedConversation } from "./delete-conversation";

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

const SUPPORT = { authorization: "Bearer support-token-for-tests" };

async function send(user: TestUser, message: string, mode: "sync" | "async"): Promise<SendMessageResponse> {
  const res = await user.call(postMessage, { url: "/api/chat/message", body: { message, mode } });
  expect([200, 202]).toContain(res.status);
  return (await res.json()) as SendMessageResponse;
}
const del = (user: TestUser, id: string, headers?: Record<string, string>) =>
  user.call(deleteConversation, { url: `/api/conversations/${id}`, method: "DELETE", params: { id }, headers });

/** Rows that still belong to the conversation `id` (its plan ids and job ids as they were). */
async function leftOf(id: string, planIds: string[], jobIds: string[]) {
  const db = getDeps().db;
  const [conversations, messages, turns, plans, tasks, jobs, events] = await Promise.all([
    db.conversation.count({ where: { id } }),
    db.message.count({ where: { conversationId: id } }),
    db.chatTurn.count({ where: { conversationId: id } }),
    db.plan.count({ where: { id: { in: planIds } } }),
    db.task.count({ where: { planId: { in: planIds } } }),
    db.job.count({ where: { id: { in: jobIds } } }),
    db.jobEvent.count({ where: { jobId: { in: jobIds } } }),
  ]);
  return { conversations, messages, turns, plans, tasks, jobs, events };
}
const NOTHING = { conversations: 0, messages: 0, turns: 0, plans: 0, tasks: 0, jobs: 0, events: 0 };

describe("DELETE /api/conversations/{id}", () => {
  it("deletes a settled conversation with its messages, plan, tasks, jobs and events; strangers 404, support 403", async () => {
    const user = new TestUser();
    const r = await send(user, "Plan a trip to Paris", "sync");
    const id = r.metadata.conversationId;
    const planIds = [r.metadata.planId!];
    const jobIds = r.metadata.jobs.map((j) => j.jobId);
    expect(jobIds.length).toBeGreaterThan(0);
    expect((await leftOf(id, planIds, jobIds)).tasks).toBeGreaterThan(0);

    expect((await del(new TestUser(), id)).status).toBe(404);
    expect((await del(new TestUser(), id, SUPPORT)).status).toBe(403);

    const res = await del(user, id);
    expect(res.status).toBe(200);
    const { deleted } = (await res.json()) as { deleted: DeletedConversation };
    expect(deleted).toMatchObject({ messages: 2, plans: 1, turns: 0 });
    expect(deleted.jobs).toBe(jobIds.length);
    expect(await leftOf(id, planIds, jobIds)).toEqual(NOTHING);
    expect((await user.call(getConversation, { url: `/api/conversations/${id}`, params: { id } })).status).toBe(404);
    expect((await del(user, id)).status).toBe(404);
  });

  it("answers 409 with the busy jobs while they run; once cancelled and settled it deletes", async () => {
    const user = new TestUser();
    const r = await send(user, "Plan the launch of a mobile app in 6 weeks", "async");
    const id = r.metadata.conversationId;
    const res = await del(user, id);
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; details: ConversationBusyDetails } };
    expect(body.error.code).toBe("conversation_busy");
    expect(body.error.details.busyJobs).toBe(body.error.details.jobIds.length);
    expect(body.error.details.busyJobs).toBeGreaterThan(0);
    expect(await getDeps().db.conversation.count({ where: { id } })).toBe(1);

    let jobIds: string[] = body.error.details.jobIds;
    const all = new Set(jobIds);
    for (let i = 0; i < 200; i++) {
      for (const jobId of jobIds) await user.call(cancelJob, { url: `/api/jobs/${jobId}/cancel`, method: "POST", params: { jobId } });
      const again = await del(user, id);
      if (again.status === 200) break;
      expect(again.status).toBe(409);
      jobIds = ((await again.json()) as { error: { details: ConversationBusyDetails } }).error.details.jobIds;
      for (const j of jobIds) all.add(j);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await leftOf(id, r.metadata.planId ? [r.metadata.planId] : [], [...all])).toEqual(NOTHING);
  });
});
