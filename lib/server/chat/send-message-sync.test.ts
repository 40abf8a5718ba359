// `mode: "sync"` of POST /api/chat/message (issue 12, "Fix on the way"): a
// message with no actions answers 200; a wait past its limit answers 202 with
// the current statuses instead of a 500 after the rows were committed, and the
// idempotency key keeps that response; the stored metadata is what was
// answered. And the tracking metrics count the phase-one model call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, stopServer } from "@/lib/server/boot";
import { getApp, getDeps } from "@/lib/server/deps";
import { idempotent } from "@/lib/server/http/idempotency";
import type { SendMessageResponse } from "@/lib/shared/chat";
import { countRows } from "@/test/db";
import { getActionStatus } from "./queries";
import { findMessageMetadata } from "./chat-repo";
import { sendMessage } from "./send-message";

const viewer = { userId: "sync-user", role: "user" as const };

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

describe('mode: "sync"', () => {
  it("a message without actions answers 200 at once, stored as answered", async () => {
    const r = await sendMessage(getDeps(), viewer, { message: "hi", mode: "sync" });
    expect(r.status).toBe(200);
    expect(r.body.actions).toEqual([]);
    expect(r.body.metadata).toMatchObject({ status: "completed", jobs: [], usage: { llmCalls: 1 } });
    expect(await findMessageMetadata(getDeps().db, r.body.metadata.messageId)).toEqual(r.body.metadata);
  });

  it("settled jobs: 200 with final statuses, and the message stores those statuses", async () => {
    const r = await sendMessage(getDeps(), viewer, { message: "Learn to cook Italian food in 4 weeks", mode: "sync" });
    expect(r.status).toBe(200);
    expect(r.body.metadata.status).toBe("succeeded");
    expect(r.body.actions.map((a) => a.status)).toEqual(["completed", "completed"]);
    expect(await findMessageMetadata(getDeps().db, r.body.metadata.messageId)).toEqual(r.body.metadata);
  });

  it("a wait past its limit answers 202 with the statuses as they are; the Idempotency-Key replays that 202 and creates nothing", async () => {
    await getApp().runner.stop(); // the jobs stay pending
    try {
      const run = () =>
        idempotent(
          getDeps().db,
          { request: new Request("http://localhost/api/chat/message", { method: "POST", headers: { "idempotency-key": "sync-timeout" } }), userId: viewer.userId, route: "POST /api/chat/message", input: { message: "Plan a garden" } },
          async () => {
            const r = await sendMessage(getDeps(), viewer, { message: "Plan a vegetable garden this spring", mode: "sync" }, { syncWaitMs: 50 });
            return { status: r.status, body: r.body };
          },
        );
      const first = await run();
      expect(first.status).toBe(202);
      const body = (await first.json()) as SendMessageResponse;
      expect(body.metadata.status).toBe("pending");
      expect(body.actions.map((a) => a.status)).toEqual(["pending", "pending"]);
      expect(await findMessageMetadata(getDeps().db, body.metadata.messageId)).toEqual(body.metadata);
      const rows = await countRows();
      const again = await run();
      expect(again.status).toBe(202);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(await again.json()).toEqual(body);
      expect(await countRows()).toEqual(rows);
    } finally {
      getApp().runner.start();
    }
  });
});

describe("tracking metrics", () => {
  it("count the phase-one model call, measure from the request and report the queue wait", async () => {
    const r = await sendMessage(getDeps(), viewer, { message: "Plan a 3-day trip to Hangzhou", mode: "sync" });
    const usage = r.body.metadata.usage!;
    expect(usage.llmCalls).toBe(1);
    expect(usage.inputTokens).toBeGreaterThan(0);
    const status = await getActionStatus(getDeps(), viewer, r.body.metadata.trackingId!);
    const jobs = await getDeps().db.job.findMany({ where: { id: { in: r.body.metadata.jobs.map((j) => j.jobId) } } });
    const jobCalls = jobs.reduce((n, j) => n + (j.stats as { llmCalls: number }).llmCalls, 0);
    expect(status.llmCalls).toBe(jobCalls + 1);
    const tracking = jobs.find((j) => j.id === r.body.metadata.trackingId)!;
    expect(status.queueWaitMs).toBe(tracking.startedAt!.getTime() - tracking.createdAt.getTime());
    expect(status.durationMs).toBe(new Date(status.finishedAt!).getTime() - new Date(usage.requestedAt).getTime());
    // From the request: at least the model call plus the jobs' own time.
    expect(status.durationMs!).toBeGreaterThanOrEqual(new Date(status.finishedAt!).getTime() - tracking.startedAt!.getTime());
  });
});
