// Idempotency-Key on POST /api/chat/message: 50 concurrent duplicates create
// one set of rows and all get the first response; a different body with the
// same key is a 409; a rejected first request releases the key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postAgent } from "@/app/api/chat/agent/route";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { POST as cancel } from "@/app/api/jobs/[jobId]/cancel/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getApp, getDeps } from "@/lib/server/deps";
import type { SendMessageResponse } from "@/lib/shared/chat";
import { readFrames } from "@/test/chat-stream";
import { countRows } from "@/test/db";
import { TestUser } from "@/test/http";

const counts = async () => {
  const { conversations, messages, plans, jobs } = await countRows();
  return { conversations, messages, plans, jobs };
};

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

describe("Idempotency-Key", () => {
  it("50 concurrent duplicates → one set of rows, every caller gets the first response", async () => {
    const user = new TestUser();
    await user.call(postMessage, { url: "/api/chat/message", body: { message: "hi" } }); // get a session cookie first
    const before = await counts();
    const body = { message: "Plan the launch of a mobile app in 6 weeks" };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => user.call(postMessage, { url: "/api/chat/message", body, headers: { "idempotency-key": "launch-1" } })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(202));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as SendMessageResponse[];
    const first = bodies[0];
    for (const b of bodies) expect(b).toEqual(first);
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true").length).toBe(49);
    const after = await counts();
    expect({
      conversations: after.conversations - before.conversations,
      messages: after.messages - before.messages,
      plans: after.plans - before.plans,
      jobs: after.jobs - before.jobs,
    }).toEqual({ conversations: 1, messages: 2, plans: 1, jobs: 2 });
    // A later replay still answers the same, even after the jobs ran.
    await getDeps().queue.waitUntilSettled(first.metadata.jobs.map((j) => j.jobId));
    const late = await user.call(postMessage, { url: "/api/chat/message", body, headers: { "idempotency-key": "launch-1" } });
    expect(await late.json()).toEqual(first);
  });

  it("the same key with a different body is a 409 and writes nothing", async () => {
    const user = new TestUser();
    await user.call(postMessage, { url: "/api/chat/message", body: { message: "Learn to cook in 4 weeks" }, headers: { "idempotency-key": "k2" } });
    const before = await counts();
    const res = await user.call(postMessage, { url: "/api/chat/message", body: { message: "Something else" }, headers: { "idempotency-key": "k2" } });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("idempotency_key_reused");
    expect(await counts()).toEqual(before);
  });

  it("keys are per user, a rejected request releases its key, and a malformed key is a 400", async () => {
    const a = new TestUser();
    const b = new TestUser();
    const ra = await a.call(postMessage, { url: "/api/chat/message", body: { message: "Write a novel in a year" }, headers: { "idempotency-key": "same" } });
    const rb = await b.call(postMessage, { url: "/api/chat/message", body: { message: "Write a novel in a year" }, headers: { "idempotency-key": "same" } });
    expect((await ra.json()).metadata.conversationId).not.toBe((await rb.json()).metadata.conversationId);

    const missing = { message: "Plan a trip", conversationId: "00000000-0000-0000-0000-000000000000" };
    const r1 = await a.call(postMessage, { url: "/api/chat/message", body: missing, headers: { "idempotency-key": "retry-me" } });
    expect(r1.status).toBe(404);
    expect(await getDeps().db.idempotencyKey.count({ where: { key: "retry-me" } })).toBe(0);

    const bad = await a.call(postMessage, { url: "/api/chat/message", body: { message: "x y z" }, headers: { "idempotency-key": "has space" } });
    expect(bad.status).toBe(400);
  });
});

describe("Idempotency-Key on the streamed chat (POST /api/chat/agent)", () => {
  it("10 concurrent duplicates start one turn; every caller streams that turn to its end", async () => {
    const user = new TestUser();
    await user.call(postMessage, { url: "/api/chat/message", body: { message: "hi" } }); // a session cookie first
    const before = await countRows();
    const turnsBefore = await getDeps().db.chatTurn.count();
    const body = { message: "Plan a garden for the spring" };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => user.call(postAgent, { url: "/api/chat/agent", body, headers: { "idempotency-key": "garden-1" } })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true").length).toBe(9);
    const streams = await Promise.all(responses.map((r) => readFrames(r)));
    const turnIds = streams.map((frames) => (frames[0].event === "conversation_start" ? frames[0].data.turnId : null));
    expect(new Set(turnIds).size).toBe(1);
    expect(turnIds[0]).toEqual(expect.any(String));
    // Each caller got the whole turn, the same frames in the same order, ending with conversation_end.
    const shapes = streams.map((frames) => frames.map((f) => `${f.id}:${f.event}`).join(","));
    expect(new Set(shapes).size).toBe(1);
    expect(streams[0].at(-1)!.event).toBe("conversation_end");
    const after = await countRows();
    expect(await getDeps().db.chatTurn.count()).toBe(turnsBefore + 1);
    expect({ conversations: after.conversations - before.conversations, messages: after.messages - before.messages }).toEqual({ conversations: 1, messages: 2 });
  });

  it("the same key with another message is a 409 and starts no turn", async () => {
    const user = new TestUser();
    const first = await user.call(postAgent, { url: "/api/chat/agent", body: { message: "Learn the piano" }, headers: { "idempotency-key": "piano" } });
    await readFrames(first);
    const turns = await getDeps().db.chatTurn.count();
    const res = await user.call(postAgent, { url: "/api/chat/agent", body: { message: "Learn the violin" }, headers: { "idempotency-key": "piano" } });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("idempotency_key_reused");
    expect(await getDeps().db.chatTurn.count()).toBe(turns);
  });
});

describe("POST /api/jobs/{id}/cancel", () => {
  it("cancels a job over HTTP; a second cancel is a 409; someone else's job is a 404", async () => {
    const user = new TestUser();
    await getApp().runner.stop(); // keep the jobs pending so the cancel meets them there
    const res = await user.call(postMessage, { url: "/api/chat/message", body: { message: "Organize a hackathon in 3 weeks" } });
    const { metadata } = (await res.json()) as SendMessageResponse;
    const jobId = metadata.trackingId!;
    const other = await new TestUser().call(cancel, { url: `/api/jobs/${jobId}/cancel`, method: "POST", params: { jobId } });
    expect(other.status).toBe(404);
    const first = await user.call(cancel, { url: `/api/jobs/${jobId}/cancel`, method: "POST", params: { jobId } });
    expect(first.status).toBe(202);
    expect((await first.json()).job.status).toBe("cancelled");
    const again = await user.call(cancel, { url: `/api/jobs/${jobId}/cancel`, method: "POST", params: { jobId } });
    expect(again.status).toBe(409);
    getApp().runner.start();
    await getDeps().queue.waitUntilSettled(metadata.jobs.map((j) => j.jobId));
    const child = await getDeps().db.job.findUniqueOrThrow({ where: { id: metadata.jobs[1].jobId } });
    expect([child.status, child.error]).toEqual(["cancelled", `Parent job ${jobId} was cancelled`]);
  });
});
