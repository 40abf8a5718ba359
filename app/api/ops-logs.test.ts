// Structured logs (pino): one JSON line per request with the route pattern,
// status, duration, request id (a sane incoming X-Request-Id is kept and
// echoed, anything else replaced), job id and a hash of the user — never the
// raw user id, the cookie or a body; SSE streams log their start and their end
// with a duration; job lifecycle lines; redacted headers; an unhandled error
// logs at error level and answers the generic 500. Lines are captured with a
// real pino logger writing to memory.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postLogBurst } from "@/app/api/diagnostics/log-burst/route";
import { GET as getJob } from "@/app/api/jobs/[jobId]/route";
import { GET as getStream } from "@/app/api/jobs/[jobId]/stream/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";
import { createLogger, errorFields, getLogger, hashUserId, setLogger } from "@/lib/server/ops/logger";
import { TestUser } from "@/test/http";
import { readSse } from "@/test/sse";

process.env.DIAGNOSTICS_ENABLED = "1";

type Line = Record<string, unknown> & { level: string; msg: string; event?: string };
const lines: Line[] = [];
const raw: string[] = [];
const memory = new Writable({
  write(chunk, _encoding, done) {
    for (const l of String(chunk).split("\n").filter(Boolean)) {
      raw.push(l);
      lines.push(JSON.parse(l) as Line);
    }
    done();
  },
});

beforeAll(async () => {
  setLogger(createLogger({ level: "debug", destination: memory }));
  await startServer();
});
afterAll(async () => {
  await stopServer();
  setLogger(undefined);
});

const requestLines = (requestId: string) => lines.filter((l) => l.requestId === requestId);
const userIdOf = (u: TestUser) => decodeURIComponent(u.cookie!.split("=")[1]).split(".")[0];

describe("request lines", () => {
  it("logs one line per request: method, route pattern, status, ms, the kept request id, job id and the hashed user", async () => {
    const user = new TestUser();
    const res = await user.call(postLogBurst, { url: "/api/diagnostics/log-burst", body: { lines: 5, ratePerSec: 0 }, headers: { "x-request-id": "req-abc.123" } });
    expect(res.status).toBe(202);
    expect(res.headers.get("x-request-id")).toBe("req-abc.123");
    const jobId = ((await res.json()) as { job: { id: string } }).job.id;
    const [line, ...more] = requestLines("req-abc.123").filter((l) => l.event === "request");
    expect(more).toEqual([]);
    expect(line).toEqual({
      level: "info",
      time: expect.any(String),
      service: "planstream",
      pid: process.pid,
      event: "request",
      requestId: "req-abc.123",
      method: "POST",
      route: "/api/diagnostics/log-burst",
      status: 202,
      ms: expect.any(Number),
      jobId,
      user: hashUserId(userIdOf(user)),
      msg: "request",
    });
    expect(line.user).toMatch(/^[0-9a-f]{16}$/);
    // The enqueue line carries the same request id (same async context).
    expect(lines.find((l) => l.event === "job_enqueued" && l.jobId === jobId)).toMatchObject({ level: "info", jobType: "log_burst" });

    await getDeps().queue.waitUntilSettled([jobId]);
    const snap = await user.call(getJob, { url: `/api/jobs/${jobId}`, params: { jobId }, headers: { "x-request-id": 'bad id {"forged":1}' } });
    const id = snap.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines(id)).toEqual([expect.objectContaining({ event: "request", route: "/api/jobs/[jobId]", status: 200, jobId, method: "GET" })]);

    // Never the raw user id, the session cookie or the body.
    const all = raw.join("\n");
    expect(all).not.toContain(userIdOf(user));
    expect(all).not.toContain(user.cookie!.split("=")[1]);
    expect(all).not.toContain("ratePerSec");
  });

  it("logs a job's lifecycle: enqueued, started, succeeded", async () => {
    const user = new TestUser();
    const res = await user.call(postLogBurst, { url: "/api/diagnostics/log-burst", body: { lines: 2, ratePerSec: 0 } });
    const jobId = ((await res.json()) as { job: { id: string } }).job.id;
    await getDeps().queue.waitUntilSettled([jobId]);
    await expect.poll(() => lines.filter((l) => l.jobId === jobId && l.component === "jobs").map((l) => l.event)).toEqual(["job_enqueued", "job_started", "job_succeeded"]);
    expect(lines.find((l) => l.jobId === jobId && l.event === "job_started")).toMatchObject({ jobType: "log_burst", attempt: 1, queueWaitMs: expect.any(Number) });
    expect(lines.find((l) => l.jobId === jobId && l.event === "job_succeeded")).toMatchObject({ jobType: "log_burst", attempt: 1, ms: expect.any(Number) });
  });

  it("logs an SSE stream's start (status, time to headers) and its end (duration, frames, why)", async () => {
    const user = new TestUser();
    const res = await user.call(postLogBurst, { url: "/api/diagnostics/log-burst", body: { lines: 4, ratePerSec: 0 } });
    const jobId = ((await res.json()) as { job: { id: string } }).job.id;
    await getDeps().queue.waitUntilSettled([jobId]);
    const stream = await user.call(getStream, { url: `/api/jobs/${jobId}/stream`, params: { jobId }, headers: { "x-request-id": "stream-1" } });
    const read = await readSse(stream);
    expect(read.messages.map((m) => m.event).at(-1)).toBe("end");
    await expect.poll(() => requestLines("stream-1").map((l) => l.event)).toEqual(["stream_start", "stream_end"]);
    const [start, end] = requestLines("stream-1");
    expect(start).toMatchObject({ level: "info", route: "/api/jobs/[jobId]/stream", status: 200, jobId, msg: "stream started" });
    expect(end).toMatchObject({ level: "info", route: "/api/jobs/[jobId]/stream", jobId, frames: read.messages.length, endedBy: "producer", ms: expect.any(Number), msg: "stream ended" });
  });

  it("logs an unhandled error at error level with its request id and answers the generic 500", async () => {
    const handler = withRoute(async () => {
      throw new Error("boom");
    });
    const res = await new TestUser().call(handler, { url: "/api/anything", headers: { "x-request-id": "err-1" } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "internal", message: "Internal server error" } });
    const [error, line] = requestLines("err-1");
    expect(error).toMatchObject({ level: "error", event: "unhandled_error", route: "/api/anything", err: { type: "Error", message: "boom" } });
    expect(line).toMatchObject({ level: "error", event: "request", status: 500, msg: "request failed" });
  });
});

describe("redaction", () => {
  it("replaces authorization and cookie headers in anything logged", () => {
    getLogger().info({ req: { headers: { authorization: "Bearer secret-token", cookie: "ps_session=abc.def" } }, headers: { cookie: "x=1" } }, "with headers");
    const line = lines.at(-1)!;
    expect(line.req).toEqual({ headers: { authorization: "[Redacted]", cookie: "[Redacted]" } });
    expect(line.headers).toEqual({ cookie: "[Redacted]" });
    expect(raw.at(-1)).not.toContain("secret-token");
  });

  it("redacts secret-shaped text in the message, the fields and an error's message and stack; keeps the error's class", () => {
    const token = `ghp_${"a1B2c3D4e5".repeat(3)}abcdef`;
    class ProviderError extends Error {}
    getLogger().error({ url: `https://user:hunter2secret@db.example.org/x`, note: `key ${token}`, ...errorFields(new ProviderError(`rejected ${token}`)) }, `call with ${token} failed`);
    const line = lines.at(-1)! as Line & { err: { type: string; message: string; stack: string } };
    expect(line.msg).toBe("call with [REDACTED:github-token] failed");
    expect(line.note).toBe("key [REDACTED:github-token]");
    expect(line.err.type).toBe("ProviderError");
    expect(line.err.message).toBe("rejected [REDACTED:github-token]");
    expect(line.err.stack.startsWith("Error: rejected [REDACTED:github-token]\n")).toBe(true);
    expect(raw.at(-1)).not.toContain(token);
    expect(raw.at(-1)).not.toContain("hunter2secret");
  });
});
