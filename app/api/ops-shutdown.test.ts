// The graceful stop's sequence in-process (the SIGTERM e2e does it against
// `next start`): a streamed chat turn whose model never answers and a long job
// are running, followed by a turn stream and a job stream. gracefulStop gives
// them the grace, then the turn ends `failed` / `interrupted` (its stream gets
// `error` and `conversation_end`), the job is handed back (pending, attempt
// not counted), and the job stream gets a `retry:` hint and closes without
// `end`. Real routes, runner and SQLite file; only the chat model is a mock.
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postAgent } from "@/app/api/chat/agent/route";
import { POST as postLogBurst } from "@/app/api/diagnostics/log-burst/route";
import { GET as getStream } from "@/app/api/jobs/[jobId]/stream/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getTurnHub } from "@/lib/server/chat/turn-hub";
import { getApp, getDeps } from "@/lib/server/deps";
import { openStreamCount } from "@/lib/server/http/sse";
import { gracefulStop } from "@/lib/server/ops/shutdown";
import { TestUser } from "@/test/http";
import { readSse } from "@/test/sse";

process.env.DIAGNOSTICS_ENABLED = "1";

// Never answers until its call is aborted.
const hanging = new MockLanguageModelV4({
  doGenerate: ({ abortSignal }) => new Promise((_, reject) => abortSignal?.addEventListener("abort", () => reject(abortSignal.reason), { once: true })),
  doStream: ({ abortSignal }) => new Promise((_, reject) => abortSignal?.addEventListener("abort", () => reject(abortSignal.reason), { once: true })),
});

beforeAll(() => startServer());
afterAll(() => stopServer());

describe("gracefulStop", () => {
  it("interrupts a running turn cleanly, hands the job back and ends the streams with a retry hint", async () => {
    const deps = getApp().deps;
    const user = new TestUser();
    const burst = await user.call(postLogBurst, { url: "/api/diagnostics/log-burst", body: { lines: 2000, ratePerSec: 100 } });
    const jobId = ((await burst.json()) as { job: { id: string } }).job.id;
    await expect.poll(async () => (await deps.store.find(jobId))!.lastSeq, { timeout: 10_000 }).toBeGreaterThan(3);

    // The turn runs detached from its request: the hanging model stays until the stop is done.
    const saved = deps.model;
    deps.model = hanging;
    let report: Awaited<ReturnType<typeof gracefulStop>>;
    let turnRead: ReturnType<typeof readSse>;
    let jobRead: ReturnType<typeof readSse>;
    try {
      const turnStream = await user.call(postAgent, { url: "/api/chat/agent", body: { message: "hi" } });
      expect(turnStream.status).toBe(200);
      await expect.poll(() => getTurnHub().size).toBe(1);
      const jobStream = await user.call(getStream, { url: `/api/jobs/${jobId}/stream`, params: { jobId } });
      expect(openStreamCount()).toBe(2);
      turnRead = readSse(turnStream, { timeoutMs: 15_000 });
      jobRead = readSse(jobStream, { timeoutMs: 15_000 });
      report = await gracefulStop(getApp(), getTurnHub(), { graceMs: 300 });
    } finally {
      deps.model = saved;
    }

    expect(report).toMatchObject({ jobs: { finished: 0, released: 1, expired: 0 }, turns: { finished: 0, interrupted: 1 }, streams: 1 });
    expect(openStreamCount()).toBe(0);
    // The turn: interrupted, never left running for a lease to expire.
    const turn = await turnRead;
    expect(turn.messages.slice(-2).map((m) => [m.event, JSON.parse(m.data)])).toEqual([
      ["error", { code: "interrupted", message: "The server is shutting down; this reply was interrupted", status: 503 }],
      ["conversation_end", expect.objectContaining({ status: "failed", metadata: null })],
    ]);
    const row = await deps.db.chatTurn.findFirstOrThrow({ where: { ownerId: { not: "" } }, orderBy: { createdAt: "desc" } });
    expect(row.status).toBe("failed");
    // The job stream: the hand-back, then a retry hint and the end of the stream, without `end`.
    const job = await jobRead;
    expect(job.retry).toBeGreaterThanOrEqual(1000);
    expect(job.retry).toBeLessThan(2000);
    expect(job.comments).toContain("server shutting down");
    expect(job.messages.some((m) => m.event === "end")).toBe(false);
    expect(JSON.parse(job.messages.filter((m) => m.event === "status").at(-1)!.data).event.data).toEqual({ from: "running", to: "pending", attempt: 1, released: true });
    expect(await getDeps().store.find(jobId)).toMatchObject({ status: "pending", attempt: 0, leaseExpiresAt: null });
  });
});
