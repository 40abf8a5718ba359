// Graceful stop of the job runner (SIGTERM, docs/operations.md): drain lets
// short jobs finish within the grace, hands longer ones back (pending at once,
// the attempt not counted, fenced), expires the lease of a handler that
// ignores its AbortSignal, and a later runner finishes the handed-back job
// with contiguous seqs and no duplicate line. Real runner, real SQLite file.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { env } from "@/lib/server/env";
import { createModel } from "@/lib/server/llm/model";
import { emptyStats } from "@/lib/shared/jobs";
import { JobBus } from "./bus";
import { defineJob, type AnyJobDefinition } from "./define-job";
import { jobLog } from "./job-logger";
import { JobTails } from "./job-tail";
import { createJobStore } from "./jobs-repo";
import { JobRunner } from "./runner";

const db = createDb(env().DATABASE_URL);
const store = createJobStore(db, env().DATABASE_URL);
const bus = new JobBus();
const tails = new JobTails(store, bus);
const OWNER = "drain-test-user";
let releaseStubborn: () => void = () => undefined;

const registry: Record<string, AnyJobDefinition> = {
  lines: defineJob({
    name: "lines" as never,
    schema: z.object({ count: z.number(), everyMs: z.number() }),
    async handle(p, { signal }) {
      for (let i = 1; i <= p.count; i++) {
        await new Promise((r) => setTimeout(r, p.everyMs));
        signal.throwIfAborted();
        jobLog.info(`line ${i}`);
      }
      return { lines: p.count };
    },
  }),
  // Ignores its AbortSignal until the test lets it go.
  stubborn: defineJob({
    name: "stubborn" as never,
    schema: z.object({}),
    async handle() {
      await new Promise<void>((r) => (releaseStubborn = r));
    },
  }),
};

const runners: JobRunner[] = [];
function newRunner(): JobRunner {
  const r = new JobRunner(
    { db, store, bus, tails, model: createModel({ offlineLatencyMs: 1 }) },
    { concurrency: 4, pollMs: 20, leaseMs: 3000, retryBaseMs: 50, random: () => 1, registry },
  );
  runners.push(r);
  r.start();
  return r;
}

async function addJob(jobType: string, params: object) {
  return db.job.create({ data: { id: randomUUID(), jobType, ownerId: OWNER, params, stats: emptyStats() } });
}

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  await applyMigrations(env().DATABASE_URL);
  await db.user.create({ data: { id: OWNER } });
});
afterEach(async () => {
  releaseStubborn();
  for (const r of runners.splice(0)) await r.stop();
});

describe("JobRunner.drain (graceful stop)", () => {
  it("lets a job that ends within the grace finish, and claims nothing new", async () => {
    const runner = newRunner();
    const short = await addJob("lines", { count: 3, everyMs: 30 });
    await waitFor(() => store.find(short.id), (j) => j?.status === "running");
    expect(runner.alive.state).toBe("running");
    const report = await runner.drain(5_000);
    expect(report).toEqual({ finished: 1, released: 0, expired: 0 });
    expect((await store.find(short.id))!.status).toBe("succeeded");
    expect(runner.alive).toMatchObject({ ok: false, state: "draining" });
    const later = await addJob("lines", { count: 1, everyMs: 1 });
    runner.wake();
    await new Promise((r) => setTimeout(r, 200));
    expect((await store.find(later.id))!.status).toBe("pending");
  });

  it("hands a job still running after the grace back: pending at once, attempt not counted; the next runner completes it with contiguous seqs", async () => {
    const first = newRunner();
    const job = await addJob("lines", { count: 40, everyMs: 25 });
    await waitFor(() => store.find(job.id), (j) => (j?.lastSeq ?? 0) >= 5);
    const report = await first.drain(100);
    expect(report).toEqual({ finished: 0, released: 1, expired: 0 });
    const released = (await store.find(job.id))!;
    expect(released).toMatchObject({ status: "pending", attempt: 0, leaseExpiresAt: null });
    expect(released.runAfter.getTime()).toBeLessThanOrEqual(Date.now());
    const status = await db.jobEvent.findFirst({ where: { jobId: job.id, kind: "status" }, orderBy: { seq: "desc" } });
    expect(status!.message).toBe("Job released: its server is shutting down; it runs again from the start (attempt 1 not counted)");
    expect(status!.data).toEqual({ from: "running", to: "pending", attempt: 1, released: true });

    newRunner();
    const done = await waitFor(() => store.find(job.id), (j) => j?.status === "succeeded");
    expect(done).toMatchObject({ status: "succeeded", attempt: 1 });
    const events = await db.jobEvent.findMany({ where: { jobId: job.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: done!.lastSeq }, (_, i) => i + 1));
    // The second run wrote every line once, after the release.
    const releaseSeq = events.find((e) => e.message.startsWith("Job released"))!.seq;
    const after = events.filter((e) => e.seq > releaseSeq && e.kind !== "status").map((e) => e.message);
    expect(after).toEqual(Array.from({ length: 40 }, (_, i) => `line ${i + 1}`));
  });

  it("expires the lease of a handler that ignores its AbortSignal, so lease recovery takes it over at once", async () => {
    const runner = newRunner();
    const job = await addJob("stubborn", {});
    await waitFor(() => store.find(job.id), (j) => j?.status === "running");
    const report = await runner.drain(50);
    expect(report).toEqual({ finished: 0, released: 0, expired: 1 });
    const row = (await store.find(job.id))!;
    expect(row.status).toBe("running");
    expect(row.leaseExpiresAt!.getTime()).toBe(0);
    expect(await store.listExpiredLeases(new Date())).toEqual([expect.objectContaining({ id: job.id })]);
  });
});
