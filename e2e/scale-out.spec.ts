// Two instances on one PostgreSQL database behind nginx (round robin, no
// sticky sessions): issue 14's scenarios, each against real processes
// (docs/scale-out.md). Own ports: E2E_PORT + 90 (A), + 91 (B), + 92 (nginx).
// Needs PostgreSQL on 127.0.0.1:5432 and nginx (`.ci/run` provides both);
// fails, never skips, without them.
import { expect, test } from "@playwright/test";
import type { SendMessageResponse } from "@/lib/shared/chat";
import type { JobDto, JobSnapshot } from "@/lib/shared/jobs";
import type { PlanTree } from "@/lib/shared/plans";
import { adminQuery, pgDatabaseUrl, recreateDatabase } from "./e2e-database.ts";
import { Client, Instance, LoadBalancer } from "./scale-out-harness";
import { readStream, type SseMessage } from "./sse-read";

const PORT = Number(process.env.E2E_PORT ?? 3210) + 90;
const DB = `planstream_e2e_scale_${process.pid}`;
/** Lease of a running job, ms: its heartbeat renews it every 2 s, so a cancel seen within 1 s came by NOTIFY. */
const LEASE_MS = 6_000;
const env = {
  DATABASE_URL: pgDatabaseUrl(DB),
  SESSION_SECRET: "scale-out-e2e-session-secret-0123456789",
  SUPPORT_TOKEN: "e2e-support-token",
  TRUST_PROXY_HOPS: "1",
  DIAGNOSTICS_ENABLED: "1",
  JOB_CONCURRENCY: "2",
  JOB_LEASE_MS: String(LEASE_MS),
  LLM_OFFLINE_LATENCY_MS: "300",
  LOG_LEVEL: "warn",
  RATE_LIMIT_ENABLED: "false",
  MAX_QUEUED_JOBS_PER_USER: "100000",
  HOSTNAME: "127.0.0.1",
};
const A = new Instance("A", PORT, env);
const B = new Instance("B", PORT + 1, env);
const lb = new LoadBalancer(PORT + 2, [A.port, B.port]);
const user = new Client();

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await recreateDatabase(DB);
  // Both at once: one migrates under the advisory lock, the other finds nothing to do.
  await Promise.all([A.start(), B.start()]);
  await lb.start();
  await user.open(lb.base);
});

test.afterAll(async () => {
  lb.stop();
  A.thaw();
  B.thaw();
  A.kill();
  B.kill();
  await adminQuery(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
});

const job = async (base: string, id: string): Promise<JobDto> => (await user.json<JobSnapshot>(base, `/api/jobs/${id}`)).job;

async function settled(id: string, timeoutMs = 60_000): Promise<JobDto> {
  let last: JobDto | undefined;
  await expect
    .poll(async () => (last = await job(lb.base, id)).status, { timeout: timeoutMs, intervals: [100] })
    .toMatch(/^(succeeded|failed|cancelled)$/);
  return last!;
}

async function burst(base: string, lines: number, ratePerSec: number): Promise<string> {
  return (await user.json<{ job: JobDto }>(base, "/api/diagnostics/log-burst", { method: "POST", body: { lines, ratePerSec } }, 202)).job.id;
}

/** The instance running `jobId` now (by each one's `planstream_jobs_running_here`, with no other job running). */
async function runnerOf(jobId: string): Promise<{ runner: Instance; other: Instance }> {
  let found: Instance | undefined;
  await expect
    .poll(
      async () => {
        const [a, b] = await Promise.all([A.runningHere(), B.runningHere()]);
        found = a === 1 && b === 0 ? A : b === 1 && a === 0 ? B : undefined;
        return found?.name ?? `${a}/${b} (${(await job(lb.base, jobId)).status})`;
      },
      { timeout: 15_000, intervals: [50] },
    )
    .toMatch(/^[AB]$/);
  return { runner: found!, other: found === A ? B : A };
}

const seqsOf = (messages: SseMessage[]) => messages.filter((m) => m.id !== undefined).map((m) => Number(m.id));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test("a chat sent through A streams through B to `end`", async () => {
  const sent = await user.json<SendMessageResponse>(A.base, "/api/chat/message", { method: "POST", body: { message: "Plan a birthday party for my daughter" } });
  const jobId = sent.metadata.trackingId!;
  const res = await user.fetch(B.base, `/api/jobs/${jobId}/stream`);
  expect(res.status).toBe(200);
  const messages = await readStream(res, (m) => m.some((x) => x.event === "end"));
  expect(messages.at(-1)?.event).toBe("end");
  const final = await job(B.base, jobId);
  expect(final.status).toBe("succeeded");
  expect(seqsOf(messages)).toEqual(range(1, final.lastSeq));
});

test("a stream cut mid-job on A resumes on B from its Last-Event-ID: no gap, no duplicate", async () => {
  const jobId = await burst(lb.base, 300, 100);
  const first = await readStream(await user.fetch(A.base, `/api/jobs/${jobId}/stream`), (m) => seqsOf(m).length >= 60);
  const cut = seqsOf(first).at(-1)!;
  expect(cut).toBeGreaterThanOrEqual(60);
  expect((await job(lb.base, jobId)).status).toBe("running");
  const rest = await readStream(await user.fetch(B.base, `/api/jobs/${jobId}/stream`, { headers: { "last-event-id": String(cut) } }), (m) => m.some((x) => x.event === "end"));
  const final = await job(lb.base, jobId);
  expect(final.status).toBe("succeeded");
  expect([...seqsOf(first), ...seqsOf(rest)]).toEqual(range(1, final.lastSeq));
});

test("5 decompositions of one plan, enqueued through both instances, never overlap and run in order", async () => {
  test.setTimeout(120_000);
  const sent = await user.json<SendMessageResponse>(A.base, "/api/chat/message", { method: "POST", body: { message: "Plan a team offsite in Lisbon", mode: "sync" } });
  const planId = sent.metadata.planId!;
  await settled(sent.metadata.trackingId!);
  const tree = await user.json<PlanTree>(lb.base, `/api/plans/${planId}`);
  const tasks = tree.tasks.flatMap((t) => [t, ...t.children]).slice(0, 5);
  expect(tasks).toHaveLength(5);
  const ids: string[] = [];
  for (const [i, task] of tasks.entries()) {
    const base = i % 2 === 0 ? A.base : B.base;
    ids.push((await user.json<{ jobId: string }>(base, `/api/plans/${planId}/tasks/${task.id}/decompose`, { method: "POST" }, 202)).jobId);
  }
  const jobs = [];
  for (const id of ids) jobs.push(await settled(id));
  expect(jobs.map((j) => j.status)).toEqual(Array(5).fill("succeeded"));
  // In the order they were enqueued, each started after the previous one finished.
  const byCreation = [...jobs].sort((x, y) => x.createdAt.localeCompare(y.createdAt));
  expect(byCreation.map((j) => j.id)).toEqual(ids);
  for (let i = 1; i < byCreation.length; i++) {
    expect(Date.parse(byCreation[i].startedAt!)).toBeGreaterThanOrEqual(Date.parse(byCreation[i - 1].finishedAt!));
  }
});

test("jobs never exceed JOB_CONCURRENCY per instance, nor twice it in all; both instances run them", async () => {
  test.setTimeout(120_000);
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) ids.push(await burst(i % 2 === 0 ? A.base : B.base, 40, 40));
  const seen = { a: 0, b: 0, total: 0 };
  let done = false;
  const sampling = (async () => {
    while (!done) {
      const [a, b, [{ n }]] = await Promise.all([A.runningHere(), B.runningHere(), adminQuery<{ n: string }>(`SELECT count(*) AS n FROM "Job" WHERE status = 'running'`, [], DB)]);
      seen.a = Math.max(seen.a, a);
      seen.b = Math.max(seen.b, b);
      seen.total = Math.max(seen.total, Number(n));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  for (const id of ids) expect((await settled(id)).status).toBe("succeeded");
  done = true;
  await sampling;
  expect(seen.a).toBe(2);
  expect(seen.b).toBe(2);
  expect(seen.total).toBeLessThanOrEqual(4);
});

test("cancel through one instance stops a job running on the other within 1 s", async () => {
  const jobId = await burst(lb.base, 3_000, 100);
  const { runner, other } = await runnerOf(jobId);
  await expect.poll(async () => (await job(lb.base, jobId)).lastSeq, { timeout: 10_000 }).toBeGreaterThan(20);
  const asked = Date.now();
  const res = await user.fetch(other.base, `/api/jobs/${jobId}/cancel`, { method: "POST" });
  expect(res.status).toBe(202); // asked; the instance holding the job ends it
  await expect.poll(async () => (await job(runner.base, jobId)).status, { timeout: 5_000, intervals: [25] }).toBe("cancelled");
  const tookMs = Date.now() - asked;
  expect(tookMs).toBeLessThan(1_000);
  await expect.poll(() => runner.runningHere(), { timeout: 5_000 }).toBe(0);
});

test("kill -9 of the instance running a job: the other recovers it after the lease and finishes it; every seq once", async () => {
  test.setTimeout(120_000);
  const jobId = await burst(lb.base, 400, 50);
  const { runner, other } = await runnerOf(jobId);
  await expect.poll(async () => (await job(other.base, jobId)).lastSeq, { timeout: 10_000 }).toBeGreaterThan(30);
  runner.kill();
  const killedAt = Date.now();
  const final = await (async () => {
    let last: JobDto | undefined;
    await expect.poll(async () => (last = await job(other.base, jobId)).status, { timeout: 60_000, intervals: [200] }).toBe("succeeded");
    return last!;
  })();
  expect(final.attempt).toBe(2);
  expect(Date.parse(final.startedAt!) - killedAt).toBeGreaterThanOrEqual(LEASE_MS - 2_000);
  const messages = await readStream(await user.fetch(other.base, `/api/jobs/${jobId}/stream`), (m) => m.some((x) => x.event === "end"));
  expect(seqsOf(messages)).toEqual(range(1, final.lastSeq));
  await runner.start();
});

test("a frozen instance whose job was taken over writes nothing once it wakes: its late lines and status are refused", async () => {
  test.setTimeout(120_000);
  const jobId = await burst(lb.base, 300, 50);
  const { runner, other } = await runnerOf(jobId);
  await expect.poll(async () => (await job(other.base, jobId)).lastSeq, { timeout: 10_000 }).toBeGreaterThan(30);
  runner.freeze();
  let final: JobDto | undefined;
  try {
    await expect.poll(async () => (final = await job(other.base, jobId)).status, { timeout: 60_000, intervals: [200] }).toBe("succeeded");
  } finally {
    runner.thaw();
  }
  expect(final!.attempt).toBe(2);
  // Awake again, the old worker flushes what it buffered and its heartbeat runs: all of it refused.
  await new Promise((r) => setTimeout(r, 3_000));
  const after = await job(other.base, jobId);
  expect([after.status, after.lastSeq, after.attempt]).toEqual(["succeeded", final!.lastSeq, 2]);
  const rows = await adminQuery<{ seq: number; kind: string }>(`SELECT seq, kind FROM "JobEvent" WHERE "jobId" = $1 ORDER BY seq`, [jobId], DB);
  expect(rows.map((r) => r.seq)).toEqual(range(1, final!.lastSeq));
  expect(rows.at(-1)!.kind).toBe("status");
  await expect.poll(() => runner.runningHere(), { timeout: 10_000 }).toBe(0);
});

test("pg_terminate_backend on the listeners: streams keep flowing and the listeners come back", async () => {
  test.setTimeout(60_000);
  const listeners = async () =>
    (await adminQuery<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'planstream-listener'`, [DB])).map((r) => r.pid);
  await expect.poll(async () => (await listeners()).length, { timeout: 15_000 }).toBe(2);
  const jobId = await burst(lb.base, 300, 50);
  const { other } = await runnerOf(jobId);
  const before = await listeners();
  const stream = user.fetch(other.base, `/api/jobs/${jobId}/stream`).then((res) => readStream(res, (m) => m.some((x) => x.event === "end")));
  await expect.poll(async () => (await job(lb.base, jobId)).lastSeq, { timeout: 10_000 }).toBeGreaterThan(50);
  await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'planstream-listener'`, [DB]);
  await expect.poll(async () => (await listeners()).filter((pid) => !before.includes(pid)).length, { timeout: 15_000 }).toBe(2);
  const messages = await stream;
  const final = await job(lb.base, jobId);
  expect(final.status).toBe("succeeded");
  expect(seqsOf(messages)).toEqual(range(1, final.lastSeq));
});

test("50 concurrent requests with one Idempotency-Key, spread over both instances: one set of rows, one answer", async () => {
  test.setTimeout(120_000);
  const owner = new Client();
  await owner.open(lb.base);
  const key = `scale-out-${Date.now()}`;
  const bases = [A.base, B.base, lb.base];
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      owner.fetch(bases[i % 3], "/api/chat/message", { method: "POST", body: { message: "Plan a garden makeover" }, headers: { "idempotency-key": key } }),
    ),
  );
  const bodies = await Promise.all(responses.map(async (r) => [r.status, r.headers.get("idempotent-replayed"), await r.json()] as const));
  expect(new Set(bodies.map(([s]) => s))).toEqual(new Set([202]));
  // The same answer (replays come from jsonb, whose key order differs: compared as values).
  for (const [, , body] of bodies) expect(body).toEqual(bodies[0][2]);
  expect(bodies.filter(([, replayed]) => replayed === "true")).toHaveLength(49);
  const { userId } = await owner.json<{ userId: string }>(lb.base, "/api/session");
  const [counts] = await adminQuery<{ conversations: string; messages: string; keys: string }>(
    `SELECT (SELECT count(*) FROM "Conversation" WHERE "ownerId" = $1) AS conversations,
            (SELECT count(*) FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId" WHERE c."ownerId" = $1) AS messages,
            (SELECT count(*) FROM "IdempotencyKey" WHERE "userId" = $1) AS keys`,
    [userId],
    DB,
  );
  expect(counts).toEqual({ conversations: "1", messages: "2", keys: "1" });
});
