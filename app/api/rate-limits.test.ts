// Rate limits through the real route handlers (temporary SQLite, the offline
// model): per session and per client address, 429 with Retry-After and the
// RateLimit fields, nothing written, recovery after the window; support
// sign-in brute force per address; the cap on open streams, given back when a
// stream ends. Short windows come from the environment.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  Object.assign(process.env, {
    RATE_LIMIT_ENABLED: "true",
    RATE_LIMIT_WINDOW_S: "3",
    RATE_LIMIT_CHAT_PER_MIN: "2",
    RATE_LIMIT_ADDRESS_MULTIPLIER: "2",
    RATE_LIMIT_SIGNIN_TRIES: "3",
    RATE_LIMIT_SIGNIN_WINDOW_S: "60",
    RATE_LIMIT_STREAMS_PER_SESSION: "2",
    RATE_LIMIT_STREAMS_PER_ADDRESS: "3",
  });
});

import { POST as postMessage } from "@/app/api/chat/message/route";
import { GET as jobStream } from "@/app/api/jobs/[jobId]/stream/route";
import { POST as supportSignIn } from "@/app/api/session/support/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { env } from "@/lib/server/env";
import { PEER_HEADER } from "@/lib/server/http/client-info";
import { limit } from "@/lib/server/http/rate-limit";
import { sseResponse } from "@/lib/server/http/sse";
import { policiesOf } from "@/lib/server/limits/policies";
import { limiterFor } from "@/lib/server/limits/store";
import type { SendMessageResponse } from "@/lib/shared/chat";
import { countRows } from "@/test/db";
import { TestUser } from "@/test/http";
import { onPostgres } from "@/test/pg-test-db";

const SUPPORT_TOKEN = "support-token-for-tests";
const from = (peer: string, extra: Record<string, string> = {}) => ({ [PEER_HEADER]: peer, ...extra });
const chat = (user: TestUser, peer: string, extra: Record<string, string> = {}) =>
  user.call(postMessage, { url: "/api/chat/message", body: { message: "Plan a trip to Lisbon" }, headers: from(peer, extra) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await startServer();
  await stopServer(); // jobs stay pending: the streams below stay open
});
afterAll(async () => {
  await getDeps().db.$disconnect();
});

describe("where the counters live", () => {
  it("on PostgreSQL in the database, so every instance counts in the same buckets; on SQLite in memory", async () => {
    const user = new TestUser();
    expect((await chat(user, "198.51.100.77")).status).toBe(202);
    const [session] = policiesOf("chat", env());
    if (onPostgres()) {
      // This file's first limited request: one row for the session's bucket and one for the address's, one point each.
      const rows = await getDeps().db.$queryRawUnsafe<{ key: string; points: number }[]>(`SELECT key, points FROM "RateLimit" ORDER BY key`);
      expect(rows.map((r) => [r.key.replace(/:.*/, ""), r.points])).toEqual([
        ["ps-chat-address", 1],
        ["ps-chat-session", 1],
      ]);
      expect(limiterFor(session).constructor.name).toBe("RateLimiterPostgres");
    } else {
      expect(limiterFor(session).constructor.name).toBe("RateLimiterMemory");
    }
  });
});

describe("windowed limits (chat)", () => {
  it("answers 429 rate_limited past a session's budget, writes nothing, and admits again after the window", async () => {
    const user = new TestUser();
    const first = await chat(user, "198.51.100.1");
    expect(first.status).toBe(202);
    expect(first.headers.get("ratelimit-policy")).toBe(`"chat-session";q=2;w=3, "chat-address";q=4;w=3`);
    expect(first.headers.get("ratelimit")).toMatch(/^"chat-session";r=1;t=[1-3], "chat-address";r=3;t=[1-3]$/);
    expect((await chat(user, "198.51.100.1")).status).toBe(202);

    const before = await countRows();
    const refused = await chat(user, "198.51.100.1");
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3);
    expect(await refused.json()).toEqual({
      error: { code: "rate_limited", message: `Too many requests; try again in ${retryAfter} s`, details: { retryAfterSeconds: retryAfter } },
    });
    expect(refused.headers.get("ratelimit-policy")).toBe(`"chat-session";q=2;w=3`);
    expect(refused.headers.get("ratelimit")).toBe(`"chat-session";r=0;t=${retryAfter}`);
    expect(await countRows()).toEqual(before);

    await sleep(retryAfter * 1000 + 100);
    expect((await chat(user, "198.51.100.1")).status).toBe(202);
  });

  it("counts every session of one address in the address bucket; a spoofed X-Forwarded-For does not escape it", async () => {
    const peer = "198.51.100.2";
    for (let i = 0; i < 4; i++) expect((await chat(new TestUser(), peer)).status).toBe(202);
    const fresh = await chat(new TestUser(), peer);
    expect(fresh.status).toBe(429);
    expect(fresh.headers.get("ratelimit")).toMatch(/^"chat-session";r=1;t=\d, "chat-address";r=0;t=\d$/);
    // TRUST_PROXY_HOPS is 0: the client's own X-Forwarded-For names no bucket.
    expect((await chat(new TestUser(), peer, { "x-forwarded-for": "203.0.113.50" })).status).toBe(429);
    expect((await chat(new TestUser(), "198.51.100.3")).status).toBe(202);
  });
});

describe("support sign-in (brute force)", () => {
  it("blocks an address after 3 tries in the window; a success by another session does not reset it", async () => {
    const peer = "198.51.100.4";
    const [a, b, c] = [new TestUser(), new TestUser(), new TestUser()];
    const signIn = (user: TestUser, token: string) => user.call(supportSignIn, { url: "/api/session/support", body: { token }, headers: from(peer) });
    expect((await signIn(a, "wrong-token-1")).status).toBe(401);
    expect((await signIn(a, "wrong-token-2")).status).toBe(401);
    expect((await signIn(b, SUPPORT_TOKEN)).status).toBe(200);
    const blocked = await signIn(a, "wrong-token-3");
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    // The right token does not get through a blocked address either (blocked for the 60 s window).
    const right = await signIn(c, SUPPORT_TOKEN);
    expect([right.status, right.headers.getSetCookie().filter((c) => c.startsWith("ps_support="))]).toEqual([429, []]);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(50);
  });
});

describe("open streams per session", () => {
  it("refuses a third open stream, and admits one again once a stream is closed", async () => {
    const peer = "198.51.100.5";
    const user = new TestUser();
    const sent = await chat(user, peer);
    const jobId = ((await sent.json()) as SendMessageResponse).metadata.trackingId!;
    const open = async () => {
      const controller = new AbortController();
      const request = new Request(`http://localhost/api/jobs/${jobId}/stream`, { headers: { cookie: user.cookie!, ...from(peer) }, signal: controller.signal });
      const res = await jobStream(request, { params: Promise.resolve({ jobId }) });
      return { res, controller };
    };
    const s1 = await open();
    const s2 = await open();
    expect([s1.res.status, s2.res.status]).toEqual([200, 200]);
    expect(s2.res.headers.get("ratelimit")).toBe(`"streams-session";r=0, "streams-address";r=1`);
    const s3 = await open();
    expect(s3.res.status).toBe(429);
    expect(s3.res.headers.get("retry-after")).toBe("5");
    expect(s3.res.headers.get("ratelimit-policy")).toBe(`"streams-session";q=2;qu="concurrent-requests"`);

    s1.controller.abort(); // the client goes away: its slot is given back
    await sleep(50);
    const s4 = await open();
    expect(s4.res.status).toBe(200);
    await s2.res.body!.cancel(); // a cancelled body gives its slot back too
    await sleep(50);
    const s5 = await open();
    expect(s5.res.status).toBe(200);
    s4.controller.abort();
    s5.controller.abort();
  });

  it("gives the slot back when the stream's producer ends, and when no stream adopts it the request's abort frees it", async () => {
    const viewer = { userId: "stream-ending-user" };
    const make = (signal?: AbortSignal) => new Request("http://localhost/api/x", { headers: from("198.51.100.6"), signal });
    for (let round = 0; round < 3; round++) {
      const request = make();
      await limit(request, viewer, "stream");
      const res = sseResponse(request, { heartbeatMs: 1000, run: async (sink) => sink.send("end", { round }) });
      expect(await res.text()).toContain(`data: {"round":${round}}`);
    }
    await sleep(20);
    // Back at 0 open streams, the session's count is gone from the store (caps have no window to expire it).
    expect(await limiterFor(policiesOf("stream", env())[0]).get(viewer.userId)).toBeNull();
    // Two slots taken by requests whose handlers failed before a stream opened: freed by the abort.
    const controllers = [new AbortController(), new AbortController()];
    for (const c of controllers) await limit(make(c.signal), viewer, "stream");
    await expect(limit(make(), viewer, "stream")).rejects.toMatchObject({ code: "rate_limited", status: 429 });
    controllers[0].abort();
    await sleep(20);
    await expect(limit(make(), viewer, "stream")).resolves.toBeUndefined();
  });
});
