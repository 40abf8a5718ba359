// The job engine under faults: concurrency keys, retries with backoff,
// non-retryable errors, cancel (reaching the model call), lease recovery, the
// per-job event cap and retention. Real runner, real temporary SQLite file;
// test job types are registered on a runner of their own.
import { randomUUID } from "node:crypto";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { env } from "@/lib/server/env";
import { subtasksSchema } from "@/lib/server/llm/schemas";
import { backoffDelay } from "@/lib/shared/backoff";
import { emptyStats } from "@/lib/shared/jobs";
import { JobBus } from "./bus";
import { defineJob, NonRetryableError, type AnyJobDefinition } from "./define-job";
import { jobLog } from "./job-logger";
import { JobTails } from "./job-tail";
import { createJobStore } from "./jobs-repo";
import { sweepRetention } from "./retention";
import { JobRunner } from "./runner";

const database = createDb(env().DATABASE_URL);
const db = () => database;
const store = createJobStore(database, env().DATABASE_URL);
const bus = new JobBus();
const tails = new JobTails(store, bus);
const OWNER = "runner-test-user";
const intervals: { key: string; start: number; end: number }[] = [];
const failuresLeft = new Map<string, number>();
let modelSignal: AbortSignal | undefined;

const registry: Record<string, AnyJobDefinition> = {
  sleep: defineJob({
    name: "sleep" as never,
    schema: z.object({ key: z.string(), ms: z.number() }),
    async handle(p) {
      const start = performance.now();
      await new Promise((r) => setTimeout(r, p.ms));
      intervals.push({ key: p.key, start, end: performance.now() });
    },
  }),
  flaky: defineJob({
    name: "flaky" as never,
    maxAttempts: 3,
    schema: z.object({ failures: z.number() }),
    async handle(_p, { job }) {
      const left = failuresLeft.get(job.id) ?? 0;
      if (left > 0) {
        failuresLeft.set(job.id, left - 1);
        throw new Error(`transient failure ${left}`);
      }
      return { ok: true };
    },
  }),
  broken: defineJob({
    name: "broken" as never,
    schema: z.object({}),
    async handle() {
      throw new NonRetryableError("bad payload");
    },
  }),
  model: defineJob({
    name: "model" as never,
    schema: z.object({}),
    async handle(_p, { generate }) {
      jobLog.info("asking the model");
      await generate({ schema: subtasksSchema, fields: { Request: "subtasks", Language: "en", Task: "x" } });
    },
  }),
  chatty: defineJob({
    name: "chatty" as never,
    schema: z.object({ lines: z.number() }),
    async handle(p) {
      for (let i = 0; i < p.lines; i++) jobLog.info(`line ${i + 1}`);
    },
  }),
};

// A model that never answers until its call is aborted: proves the AbortSignal reaches it.
const hangingModel = new MockLanguageModelV4({
  doGenerate: async ({ abortSignal }) => {
    modelSignal = abortSignal;
    await new Promise((_, reject) => abortSignal?.addEventListener("abort", () => reject(abortSignal.reason), { once: true }));
    throw new Error("unreachable");
  },
});

let runner: JobRunner | undefined;
function startRunner(opts: Partial<ConstructorParameters<typeof JobRunner>[1]> = {}) {
  runner = new JobRunner(
    { db: db(), store, bus, tails, model: hangingModel },
    { concurrency: 4, pollMs: 20, leaseMs: 3000, retryBaseMs: 50, retryMaxMs: 1000, random: () => 1, registry, ...opts },
  );
  runner.start();
  return runner;
}

async function addJob(jobType: string, params: object, extra: { concurrencyKey?: string; parentJobId?: string; status?: string; attempt?: number; leaseExpiresAt?: Date } = {}) {
  return db().job.create({ data: { id: randomUUID(), jobType, ownerId: OWNER, params, stats: emptyStats(), ...extra } });
}

const eventsOf = (jobId: string) => db().jobEvent.findMany({ where: { jobId }, orderBy: { seq: "asc" } });

beforeAll(async () => {
  await applyMigrations(env().DATABASE_URL);
  await db().user.create({ data: { id: OWNER } });
});
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});

describe("backoffDelay", () => {
  it("doubles from the base up to the cap, jittered within [d/2, d]", () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, { baseMs: 100, maxMs: 1000, random: () => 1 }))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([1, 2, 3].map((a) => backoffDelay(a, { baseMs: 100, maxMs: 1000, random: () => 0 }))).toEqual([50, 100, 200]);
  });
});

describe("JobRunner", () => {
  it("guarantee 5: jobs sharing a concurrency key never overlap; different keys run in parallel", async () => {
    intervals.length = 0;
    for (let i = 0; i < 6; i++) {
      await addJob("sleep", { key: "plan:a", ms: 40 }, { concurrencyKey: "plan:a" });
      await addJob("sleep", { key: "plan:b", ms: 40 }, { concurrencyKey: "plan:b" });
    }
    await startRunner().waitUntilSettled();
    expect(intervals.length).toBe(12);
    for (const key of ["plan:a", "plan:b"]) {
      const mine = intervals.filter((x) => x.key === key).sort((x, y) => x.start - y.start);
      for (let i = 1; i < mine.length; i++) expect(mine[i].start).toBeGreaterThanOrEqual(mine[i - 1].end);
    }
    const overlapsAcrossKeys = intervals.some((x) => intervals.some((y) => x.key !== y.key && x.start < y.end && y.start < x.end));
    expect(overlapsAcrossKeys).toBe(true);
  });

  it("never runs more than JOB_CONCURRENCY jobs at once", async () => {
    intervals.length = 0;
    for (let i = 0; i < 9; i++) await addJob("sleep", { key: `k${i}`, ms: 60 });
    await startRunner({ concurrency: 3 }).waitUntilSettled();
    const points = intervals.flatMap((x) => [x.start, x.end]);
    const maxParallel = Math.max(...points.map((t) => intervals.filter((x) => x.start <= t && t < x.end).length));
    expect(maxParallel).toBe(3);
  });

  it("retries a failing attempt with exponential backoff, then succeeds", async () => {
    const job = await addJob("flaky", { failures: 2 });
    failuresLeft.set(job.id, 2);
    await startRunner().waitUntilSettled([job.id]);
    const done = await db().job.findUniqueOrThrow({ where: { id: job.id } });
    expect([done.status, done.attempt, done.error]).toEqual(["succeeded", 3, null]);
    const statuses = (await eventsOf(job.id)).filter((e) => e.kind === "status");
    expect(statuses.map((e) => (e.data as { to: string }).to)).toEqual(["running", "pending", "running", "pending", "running", "succeeded"]);
    expect(statuses.filter((e) => (e.data as { to: string }).to === "pending").map((e) => (e.data as { retryInMs: number }).retryInMs)).toEqual([50, 100]);
    // Each retry started no earlier than its backoff allowed.
    expect(statuses[2].timestamp.getTime() - statuses[1].timestamp.getTime()).toBeGreaterThanOrEqual(50);
    expect(statuses[4].timestamp.getTime() - statuses[3].timestamp.getTime()).toBeGreaterThanOrEqual(100);
  });

  it("fails for good after maxAttempts, and at once on a non-retryable error", async () => {
    const flaky = await addJob("flaky", { failures: 5 });
    failuresLeft.set(flaky.id, 5);
    const broken = await addJob("broken", {});
    await startRunner().waitUntilSettled([flaky.id, broken.id]);
    const f = await db().job.findUniqueOrThrow({ where: { id: flaky.id } });
    expect([f.status, f.attempt, f.error]).toEqual(["failed", 3, "transient failure 3"]);
    const b = await db().job.findUniqueOrThrow({ where: { id: broken.id } });
    expect([b.status, b.attempt, b.error]).toEqual(["failed", 1, "bad payload"]);
    const last = (await eventsOf(broken.id)).at(-1)!;
    expect([last.kind, last.data]).toEqual(["status", { from: "running", to: "failed", error: "bad payload" }]);
  });

  it("cancel aborts a running job through the AbortSignal that reaches the model call", async () => {
    const job = await addJob("model", {});
    const r = startRunner();
    await expect.poll(() => modelSignal !== undefined, { timeout: 5000 }).toBe(true);
    modelSignal = undefined;
    const dto = await r.cancel({ userId: OWNER, role: "user" }, job.id);
    // The answer is a snapshot: the local abort may already have finished the job.
    expect(["running", "cancelled"]).toContain(dto.status);
    await r.waitUntilSettled([job.id]);
    expect(modelSignal).toBeUndefined(); // the model was not called again
    const done = await db().job.findUniqueOrThrow({ where: { id: job.id } });
    expect([done.status, done.error, done.attempt]).toEqual(["cancelled", "cancelled by request", 1]);
    const last = (await eventsOf(job.id)).at(-1)!;
    expect([last.message, last.data]).toEqual(["Job cancelled: cancelled by request", { from: "running", to: "cancelled", error: "cancelled by request" }]);
  });

  it("cancel of a pending job finishes it at once; of a finished job is a 409; a cancelled parent cancels its child", async () => {
    const r = new JobRunner({ db: db(), store, bus, tails, model: hangingModel }, { concurrency: 1, registry });
    const parent = await addJob("sleep", { key: "p", ms: 1 });
    const child = await addJob("sleep", { key: "c", ms: 1 }, { parentJobId: parent.id });
    const dto = await r.cancel({ userId: OWNER, role: "user" }, parent.id);
    expect(dto.status).toBe("cancelled");
    expect((await eventsOf(parent.id)).map((e) => [e.seq, e.kind, e.data])).toEqual([
      [1, "status", { from: "pending", to: "cancelled", error: "cancelled by request" }],
    ]);
    await expect(r.cancel({ userId: OWNER, role: "user" }, parent.id)).rejects.toMatchObject({ status: 409, code: "conflict" });
    await expect(r.cancel({ userId: "someone-else", role: "user" }, child.id)).rejects.toMatchObject({ status: 404 });
    await startRunner().waitUntilSettled([child.id]);
    const c = await db().job.findUniqueOrThrow({ where: { id: child.id } });
    expect([c.status, c.error]).toEqual(["cancelled", `Parent job ${parent.id} was cancelled`]);
  });

  it("guarantee 4: an expired lease is retried while attempts remain, else failed as interrupted, always with a status event", async () => {
    const past = new Date(Date.now() - 1000);
    const retried = await addJob("sleep", { key: "r", ms: 1 }, { status: "running", attempt: 1, leaseExpiresAt: past });
    const exhausted = await addJob("sleep", { key: "x", ms: 1 }, { status: "running", attempt: 3, leaseExpiresAt: past });
    const alive = await addJob("sleep", { key: "y", ms: 1 }, { status: "running", attempt: 1, leaseExpiresAt: new Date(Date.now() + 60_000) });
    await startRunner().waitUntilSettled([retried.id, exhausted.id]);
    const r = await db().job.findUniqueOrThrow({ where: { id: retried.id } });
    expect([r.status, r.attempt]).toEqual(["succeeded", 2]);
    expect((await eventsOf(retried.id)).map((e) => (e.data as { to: string }).to)).toEqual(["pending", "running", "succeeded"]);
    const x = await db().job.findUniqueOrThrow({ where: { id: exhausted.id } });
    expect([x.status, x.error]).toEqual(["failed", "interrupted"]);
    expect((await eventsOf(exhausted.id)).map((e) => e.message)).toEqual(["Job failed: interrupted (its server stopped mid-job)"]);
    expect((await db().job.findUniqueOrThrow({ where: { id: alive.id } })).status).toBe("running");
    await db().job.delete({ where: { id: alive.id } });
  });

  it("guarantee 10: lines past the per-job cap are counted and summarized in one event, never silently dropped", async () => {
    const job = await addJob("chatty", { lines: 200 });
    await startRunner({ maxEvents: 50 }).waitUntilSettled([job.id]);
    const events = await eventsOf(job.id);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
    expect(events[49].message).toBe("line 49");
    expect([events[50].level, events[50].message, events[50].data]).toEqual([
      "warn",
      "151 more line(s) were not stored: this job reached its cap of 50 events",
      { suppressed: 151, cap: 50 },
    ]);
    expect(events[51].data).toEqual({ from: "running", to: "succeeded" });
    const done = await db().job.findUniqueOrThrow({ where: { id: job.id } });
    expect(done.stats).toMatchObject({ events: 52, suppressed: 151 });
  });

  it("guarantee 10: retention deletes finished jobs older than the period with their events, never open ones", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 31 * 86_400_000);
    const expired = await addJob("sleep", { key: "o", ms: 1 }, { status: "succeeded" });
    await db().job.update({ where: { id: expired.id }, data: { finishedAt: old, lastSeq: 1, events: { create: { seq: 1, timestamp: old, level: "info", kind: "log", message: "old" } } } });
    const recent = await addJob("sleep", { key: "n", ms: 1 }, { status: "failed" });
    await db().job.update({ where: { id: recent.id }, data: { finishedAt: new Date(now.getTime() - 29 * 86_400_000) } });
    const stuck = await addJob("sleep", { key: "s", ms: 1 }, { status: "pending" });
    await db().job.update({ where: { id: stuck.id }, data: { createdAt: old, runAfter: new Date(now.getTime() + 86_400_000) } });
    // A run of the expired job (with a file and an approval) goes with it; a recent run stays.
    await db().run.create({ data: { id: `run-${expired.id}`, planId: "p", jobId: expired.id, ownerId: OWNER, status: "succeeded", finishedAt: old } });
    await db().artifact.create({ data: { runId: `run-${expired.id}`, jobId: expired.id, ownerId: OWNER, name: "a.md", mediaType: "text/markdown", bytes: 1, content: "a" } });
    await db().approval.create({ data: { runId: `run-${expired.id}`, callId: "c", jobId: expired.id, tool: "t", input: {}, expiresAt: old } });
    await db().run.create({ data: { id: `run-${recent.id}`, planId: "p", jobId: recent.id, ownerId: OWNER, status: "failed", finishedAt: new Date(now.getTime() - 29 * 86_400_000) } });
    const deleted = await sweepRetention({ db: db(), store }, { retentionDays: 30, now });
    expect(deleted).toMatchObject({ jobs: 1, runs: 1 });
    expect(await db().run.findMany({ select: { id: true } })).toEqual([{ id: `run-${recent.id}` }]);
    expect([await db().artifact.count(), await db().approval.count()]).toEqual([0, 0]);
    expect(await db().job.findUnique({ where: { id: expired.id } })).toBeNull();
    expect(await db().jobEvent.count({ where: { jobId: expired.id } })).toBe(0);
    expect((await db().job.findMany({ where: { id: { in: [recent.id, stuck.id] } } })).length).toBe(2);
    await db().job.delete({ where: { id: stuck.id } });
  });
});
