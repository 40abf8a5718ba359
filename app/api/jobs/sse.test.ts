// Integration: the SSE contract (docs/design.md "SSE contract") on the real route
// handlers: headers, Last-Event-ID / ?after= resume with no gaps and no
// duplicates, live delivery of committed events, heartbeat, `end`, and the
// multiplexed endpoint.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { GET as getStream } from "@/app/api/jobs/[jobId]/stream/route";
import { GET as getStreams } from "@/app/api/streams/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import type { SendMessageResponse } from "@/lib/shared/chat";
import { emptyStats, type StreamEnd, type StreamFrame } from "@/lib/shared/jobs";
import { TestUser } from "@/test/http";
import { readSse } from "@/test/sse";

let user: TestUser;
let finishedJobId: string;
let lastSeq: number;

beforeAll(async () => {
  await startServer();
  user = new TestUser();
  const res = await user.call(postMessage, { url: "/api/chat/message", body: { message: "Plan the launch of a mobile app in 6 weeks", mode: "sync" } });
  const body = (await res.json()) as SendMessageResponse;
  finishedJobId = body.metadata.jobs[1].jobId;
  lastSeq = (await getDeps().db.job.findUniqueOrThrow({ where: { id: finishedJobId } })).lastSeq;
});
afterAll(async () => {
  await stopServer();
});

/** A job held `running` by a fake lease, so the test itself writes its log. */
async function manualJob(ownerCookieUser: TestUser): Promise<string> {
  // The user row exists: the TestUser posted a message in beforeAll.
  const ownerId = (await getDeps().db.job.findUniqueOrThrow({ where: { id: finishedJobId } })).ownerId;
  void ownerCookieUser;
  const job = await getDeps().db.job.create({
    data: {
      id: randomUUID(),
      jobType: "task_operation",
      status: "running",
      ownerId,
      params: {},
      stats: emptyStats(),
      leaseExpiresAt: new Date(Date.now() + 3_600_000),
      startedAt: new Date(),
    },
  });
  return job.id;
}

async function write(jobId: string, messages: string[], final?: "succeeded") {
  const drafts = messages.map((m) => ({ level: "info" as const, kind: "log" as const, message: m }));
  if (final) drafts.push({ level: "info", kind: "status", message: "done", data: { from: "running", to: final } } as never);
  const { store, bus } = getDeps();
  const seq = final
    ? (await store.transition({ jobId, from: "running", to: final, update: { finishedAt: new Date() }, stats: emptyStats(), events: drafts }))!
    : await store.appendEvents(jobId, drafts, emptyStats());
  bus.notify(jobId, seq);
}

describe("GET /api/jobs/{id}/stream", () => {
  it("sends the SSE headers, retry once, every event in order, then end and closes", async () => {
    const res = await user.call(getStream, { url: `/api/jobs/${finishedJobId}/stream`, params: { jobId: finishedJobId } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    expect(res.headers.get("content-encoding")).toBeNull();
    const read = await readSse(res);
    expect(read.retry).toBe(2000);
    const frames = read.messages.filter((m) => m.event !== "end");
    expect(frames.map((m) => Number(m.id))).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    const first = JSON.parse(frames[0].data) as StreamFrame;
    expect(first).toMatchObject({ job_id: finishedJobId, seq: 1, status: "running", event: { kind: "status", level: "info" } });
    for (const m of frames) expect(m.event).toBe((JSON.parse(m.data) as StreamFrame).event.kind);
    const lastFrame = JSON.parse(frames.at(-1)!.data) as StreamFrame;
    expect(lastFrame.status).toBe("succeeded");
    expect(read.messages.at(-1)!.event).toBe("end");
    expect(JSON.parse(read.messages.at(-1)!.data) as StreamEnd).toEqual({ job_id: finishedJobId, status: "succeeded", lastSeq });
  });

  it("resumes after Last-Event-ID k with exactly the events after k", async () => {
    for (const k of [0, 1, 5, lastSeq - 1, lastSeq]) {
      const res = await user.call(getStream, {
        url: `/api/jobs/${finishedJobId}/stream`,
        params: { jobId: finishedJobId },
        headers: { "last-event-id": String(k) },
      });
      const read = await readSse(res);
      const seqs = read.messages.filter((m) => m.event !== "end").map((m) => Number(m.id));
      expect(seqs).toEqual(Array.from({ length: lastSeq - k }, (_, i) => k + i + 1));
      expect(read.messages.at(-1)!.event).toBe("end");
    }
  });

  it("a cursor past every seq (even beyond a 32-bit integer, PostgreSQL's seq column) sends nothing more and ends", async () => {
    for (const k of [lastSeq + 1, 2 ** 31 - 1, 999_999_999_999]) {
      const res = await user.call(getStream, { url: `/api/jobs/${finishedJobId}/stream`, params: { jobId: finishedJobId }, headers: { "last-event-id": String(k) } });
      expect(res.status).toBe(200);
      const read = await readSse(res);
      expect(read.messages.map((m) => m.event)).toEqual(["end"]);
    }
  });

  it("?after= is the cursor when there is no Last-Event-ID; Last-Event-ID wins over it", async () => {
    const viaQuery = await readSse(await user.call(getStream, { url: `/api/jobs/${finishedJobId}/stream?after=3`, params: { jobId: finishedJobId } }));
    expect(Number(viaQuery.messages[0].id)).toBe(4);
    const both = await readSse(
      await user.call(getStream, {
        url: `/api/jobs/${finishedJobId}/stream?after=3`,
        params: { jobId: finishedJobId },
        headers: { "last-event-id": "6" },
      }),
    );
    expect(Number(both.messages[0].id)).toBe(7);
    const bad = await user.call(getStream, { url: `/api/jobs/${finishedJobId}/stream?after=-2`, params: { jobId: finishedJobId } });
    expect(bad.status).toBe(400);
  });

  it("delivers live events as they commit, pings while idle, and ends after the terminal status", async () => {
    const jobId = await manualJob(user);
    await write(jobId, ["one", "two"]);
    const res = await user.call(getStream, { url: `/api/jobs/${jobId}/stream`, params: { jobId } });
    const reading = readSse(res, { timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 800)); // > 2 heartbeats at SSE_HEARTBEAT_MS=300
    await write(jobId, ["three"]);
    await new Promise((r) => setTimeout(r, 50));
    await write(jobId, ["four"], "succeeded");
    const read = await reading;
    expect(read.comments.filter((c) => c === "ping").length).toBeGreaterThanOrEqual(2);
    expect(read.messages.map((m) => [m.id ?? null, m.event])).toEqual([
      ["1", "log"],
      ["2", "log"],
      ["3", "log"],
      ["4", "log"],
      ["5", "status"],
      [null, "end"],
    ]);
    expect(read.messages.map((m) => JSON.parse(m.data).event?.message).slice(0, 4)).toEqual(["one", "two", "three", "four"]);
    expect(getDeps().bus.listenerCount).toBe(0);
  });

  it("closing the stream unsubscribes and leaves the job running (guarantee 9)", async () => {
    const jobId = await manualJob(user);
    const res = await user.call(getStream, { url: `/api/jobs/${jobId}/stream`, params: { jobId } });
    await readSse(res, { timeoutMs: 300 });
    await new Promise((r) => setTimeout(r, 50));
    expect(getDeps().bus.listenerCount).toBe(0);
    expect((await getDeps().db.job.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("running");
  });
});

describe("bounded resources (guarantee 10)", () => {
  it("1,000 streams opened and closed leave no subscription behind", async () => {
    const jobId = await manualJob(user);
    await write(jobId, ["hello"]);
    const readers = await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        const res =
          i % 2 === 0
            ? await user.call(getStream, { url: `/api/jobs/${jobId}/stream`, params: { jobId } })
            : await user.call(getStreams, { url: `/api/streams?jobs=${jobId}:0` });
        const reader = res.body!.getReader();
        // Read until the replayed event arrived: the follower is subscribed by then.
        let text = "";
        while (!text.includes("hello")) text += new TextDecoder().decode((await reader.read()).value);
        return reader;
      }),
    );
    const tails = getDeps().tails;
    // 1,000 followers share one tail and one bus subscription.
    expect([tails.followerCount, tails.tailCount, getDeps().bus.listenerCount]).toEqual([1000, 1, 1]);
    await Promise.all(readers.map((r) => r.cancel()));
    await expect.poll(() => [tails.followerCount, tails.tailCount, getDeps().bus.listenerCount], { timeout: 5000 }).toEqual([0, 0, 0]);
  }, 60_000);
});

describe("GET /api/streams (multiplexed)", () => {
  it("carries several jobs on one connection with per-job cursors, `missing` for foreign jobs, and closes when all ended", async () => {
    const live = await manualJob(user);
    const res = await user.call(getStreams, { url: `/api/streams?jobs=${finishedJobId}:${lastSeq - 2},${live}:0,nope:0` });
    expect(res.status).toBe(200);
    const reading = readSse(res, { timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 100));
    await write(live, ["a"], "succeeded");
    const read = await reading;
    const byJob = (id: string) => read.messages.filter((m) => JSON.parse(m.data).job_id === id).map((m) => [m.event, JSON.parse(m.data).seq ?? null]);
    expect(byJob(finishedJobId)).toEqual([
      [read.messages.find((m) => JSON.parse(m.data).seq === lastSeq - 1)!.event, lastSeq - 1],
      ["status", lastSeq],
      ["end", null],
    ]);
    expect(byJob(live)).toEqual([
      ["log", 1],
      ["status", 2],
      ["end", null],
    ]);
    expect(byJob("nope")).toEqual([["missing", null]]);
    expect(getDeps().bus.listenerCount).toBe(0);
  });

  it("wakes every job's producer when a slow client drains: all jobs arrive in full", async () => {
    // 6 finished jobs of 150 lines: 900 frames, far over the 64-frame buffer,
    // so every job's producer waits for room at once while the client is away.
    const ids: string[] = [];
    for (let j = 0; j < 6; j++) {
      const id = await manualJob(user);
      await write(id, Array.from({ length: 150 }, (_, i) => `line ${i + 1}`), "succeeded");
      ids.push(id);
    }
    const res = await user.call(getStreams, { url: `/api/streams?jobs=${ids.map((id) => `${id}:0`).join(",")}` });
    await new Promise((r) => setTimeout(r, 200)); // the buffer fills; all six producers wait
    const read = await readSse(res, { timeoutMs: 10_000 });
    for (const id of ids) {
      const seqs = read.messages.filter((m) => m.event !== "end" && JSON.parse(m.data).job_id === id).map((m) => JSON.parse(m.data).seq);
      expect(seqs).toEqual(Array.from({ length: 151 }, (_, i) => i + 1));
      expect(read.messages.filter((m) => m.event === "end" && JSON.parse(m.data).job_id === id)).toHaveLength(1);
    }
  });

  it("rejects a malformed job list with 400", async () => {
    const res = await user.call(getStreams, { url: "/api/streams?jobs=abc" });
    expect(res.status).toBe(400);
  });
});
