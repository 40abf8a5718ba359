// The job store under several writers (docs/scale-out.md "Jobs across
// instances"): fencing (once another worker took a job over, the old worker's
// log lines, plan writes and status changes are refused and nothing of them
// is stored), one running job per concurrency key, claims that skip a job
// being claimed elsewhere, and bounded transactions for a backlog of lines.
// Runs on both providers (npm run test:unit / test:unit:pg).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { env } from "@/lib/server/env";
import { emptyStats } from "@/lib/shared/jobs";
import { JobBus } from "./bus";
import { FLUSH_MAX_ROWS, JobLogger } from "./job-logger";
import { LeaseLostError, type JobStore } from "./job-store";
import { createJobStore, insertJob } from "./jobs-repo";

const db = createDb(env().DATABASE_URL);
const store = createJobStore(db, env().DATABASE_URL);
const OWNER = "fencing-test-user";
const line = (message: string) => ({ level: "info" as const, kind: "log" as const, message });

beforeAll(async () => {
  await applyMigrations(env().DATABASE_URL);
  await db.user.create({ data: { id: OWNER } });
});
afterAll(() => db.$disconnect());

/** A job claimed at attempt 1, then (lease expired) handed back and claimed again at attempt 2 by another worker. */
async function takenOver(): Promise<string> {
  const { id } = await db.$transaction((tx) => insertJob(tx, { jobType: "log_burst", ownerId: OWNER, payload: {} }));
  const lease = new Date(Date.now() - 1_000);
  const claim = (attempt: number) => ({ update: { attempt, startedAt: new Date(), leaseExpiresAt: lease }, stats: emptyStats(), events: [{ level: "info" as const, kind: "status" as const, message: "started", data: { status: "running" } }] });
  expect(await store.transition({ jobId: id, from: "pending", to: "running", ...claim(1) })).toBe(1);
  expect(await store.appendEvents(id, [line("attempt 1, line 1")], emptyStats(), { attempt: 1 })).toBe(2);
  expect(await store.transition({ jobId: id, from: "running", to: "pending", lease, update: { leaseExpiresAt: null }, stats: emptyStats(), events: [{ level: "warn", kind: "status", message: "recovered", data: { status: "pending" } }] })).toBe(3);
  expect(await store.transition({ jobId: id, from: "pending", to: "running", ...claim(2) })).toBe(4);
  return id;
}

describe("a worker whose job was taken over", () => {
  it("cannot append log lines: LeaseLostError, nothing stored, seqs stay gapless", async () => {
    const id = await takenOver();
    await expect(store.appendEvents(id, [line("attempt 1, late")], emptyStats(), { attempt: 1 })).rejects.toBeInstanceOf(LeaseLostError);
    expect(await store.appendEvents(id, [line("attempt 2, line 1")], emptyStats(), { attempt: 2 })).toBe(5);
    const events = await store.eventsAfter(id, 0, 100);
    expect(events.map((e) => [e.seq, e.message])).toEqual([
      [1, "started"],
      [2, "attempt 1, line 1"],
      [3, "recovered"],
      [4, "started"],
      [5, "attempt 2, line 1"],
    ]);
  });

  it("cannot commit a plan write with its events: the whole transaction is rolled back", async () => {
    const id = await takenOver();
    const users = await db.user.count();
    await expect(
      store.commitWith(
        id,
        async (tx) => {
          await tx.user.create({ data: { id: "written-by-a-fenced-worker" } });
          return { value: null, events: [{ ...line("tasks written late"), kind: "tasks_updated" as const }] };
        },
        () => emptyStats(),
        { attempt: 1 },
      ),
    ).rejects.toBeInstanceOf(LeaseLostError);
    expect(await db.user.count()).toBe(users);
    expect((await store.head(id))?.lastSeq).toBe(4);
  });

  it("cannot finish it either (the status change is fenced on the attempt too)", async () => {
    const id = await takenOver();
    const finished = await store.transition({ jobId: id, from: "running", to: "succeeded", attempt: 1, update: { finishedAt: new Date() }, stats: emptyStats(), events: [{ level: "info", kind: "status", message: "done", data: { status: "succeeded" } }] });
    expect(finished).toBeNull();
    expect((await store.find(id))?.status).toBe("running");
  });

  it("its JobLogger's flush fails with LeaseLostError, and the lines buffered since are never stored", async () => {
    const id = await takenOver();
    const logger = new JobLogger(store, new JobBus(), id, emptyStats(), { attempt: 1 });
    logger.write("info", "log", "buffered by the old worker");
    await expect(logger.flush()).rejects.toBeInstanceOf(LeaseLostError);
    expect((await store.eventsAfter(id, 4, 10)).length).toBe(0);
  });
});

describe("one running job per concurrency key (guarantee 5 across instances)", () => {
  it("PostgreSQL's partial unique index refuses a second claim of a busy key; nothing of it is written", async () => {
    const key = `plan:${Math.random().toString(36).slice(2)}`;
    const [a, b] = await db.$transaction(async (tx) => [
      await insertJob(tx, { jobType: "log_burst", ownerId: OWNER, concurrencyKey: key, payload: {} }),
      await insertJob(tx, { jobType: "log_burst", ownerId: OWNER, concurrencyKey: key, payload: {} }),
    ]);
    const claim = (jobId: string) =>
      store.transition({ jobId, from: "pending", to: "running", update: { attempt: 1, startedAt: new Date(), leaseExpiresAt: new Date(Date.now() + 10_000) }, stats: emptyStats(), events: [{ level: "info", kind: "status", message: "started", data: { status: "running" } }] });
    expect(await claim(a.id)).toBe(1);
    const second = await claim(b.id);
    if (env().DATABASE_URL.startsWith("file:")) {
      // One SQLite writer: the runner's own busy-key check is the rule there (runner.test.ts, guarantee 5).
      expect(second).toBe(1);
    } else {
      expect(second).toBeNull();
      expect(await store.find(b.id)).toMatchObject({ status: "pending", attempt: 0, lastSeq: 0 });
    }
  });
});

describe("claims and batches under load", () => {
  it("a job another worker is claiming is skipped at once on PostgreSQL (FOR UPDATE SKIP LOCKED), not waited for", async () => {
    const { id } = await db.$transaction((tx) => insertJob(tx, { jobType: "log_burst", ownerId: OWNER, payload: {} }));
    const claim = () =>
      store.transition({ jobId: id, from: "pending", to: "running", update: { attempt: 1, startedAt: new Date(), leaseExpiresAt: new Date(Date.now() + 10_000) }, stats: emptyStats(), events: [{ level: "info", kind: "status", message: "started", data: { status: "running" } }] });
    if (env().DATABASE_URL.startsWith("file:")) {
      expect(await claim()).toBe(1); // one writer: nobody else can be mid-claim
      return;
    }
    const other = new pg.Client({ connectionString: env().DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT id FROM "Job" WHERE id = $1 FOR UPDATE`, [id]); // another instance mid-claim
      const started = performance.now();
      expect(await claim()).toBeNull();
      expect(performance.now() - started).toBeLessThan(2_000); // the lock is held for ever: waiting would hang
      await other.query("ROLLBACK");
    } finally {
      await other.end();
    }
    expect(await claim()).toBe(1);
  });

  it("a backlog of lines is committed in transactions of at most FLUSH_MAX_ROWS, every seq once", async () => {
    const { id } = await db.$transaction((tx) => insertJob(tx, { jobType: "log_burst", ownerId: OWNER, payload: {} }));
    const sizes: number[] = [];
    const counting: JobStore = Object.assign(Object.create(store) as JobStore, {
      appendEvents: (...args: Parameters<JobStore["appendEvents"]>) => {
        sizes.push(args[1].length);
        return store.appendEvents(...args);
      },
    });
    const logger = new JobLogger(counting, new JobBus(), id, emptyStats());
    for (let i = 1; i <= 5_000; i++) logger.write("info", "log", `line ${i}`);
    await logger.flush();
    expect(Math.max(...sizes)).toBe(FLUSH_MAX_ROWS);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5_000);
    const events = await store.eventsAfter(id, 0, 10_000);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 5_000 }, (_, i) => i + 1));
  });
});
