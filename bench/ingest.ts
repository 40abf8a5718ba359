// Phase 1 – log ingest: lines/s through the real JobLogger (Prisma 7 + libsql
// adapter, one transaction per flush) against raw batched inserts with the
// same driver (@libsql/client), both into a fresh, migrated SQLite file.
//
// Runs in its own process (benchIngestInChild), so its Prisma client, garbage
// and open database files never share the process that measures SSE latency.
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { createClient, type Config } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { createDb, type Db } from "@/lib/server/db/client";
import { PrismaClient } from "@/lib/server/db/generated/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { JobBus } from "@/lib/server/jobs/bus";
import { JobLogger } from "@/lib/server/jobs/job-logger";
import { insertJob, SqliteJobStore } from "@/lib/server/jobs/jobs-repo";
import { emptyStats } from "@/lib/shared/jobs";
import { runBenchChild } from "./child.ts";
import { saveProfile, summarizeProfile, type CpuProfile, type ProfileSummary } from "./lib/profile.ts";
import { median } from "./lib/stats.ts";

export type IngestRun = {
  lines: number;
  ms: number;
  linesPerSec: number;
  transactions: number;
  /** File descriptors this process holds on the database's files right after the run. */
  dbFds: number;
};

/** Descriptors this process holds on the SQLite files of `url` (database, WAL). */
function dbFds(url: string): number {
  const file = url.slice("file:".length);
  let n = 0;
  for (const fd of fs.readdirSync("/proc/self/fd")) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(file)) n += 1;
    } catch {
      /* closed meanwhile */
    }
  }
  return n;
}

export type IngestResult = {
  lines: number;
  rounds: number;
  logger: IngestRun & { runs: IngestRun[] };
  raw: IngestRun & { runs: IngestRun[]; rowsPerTx: number };
  ratio: number;
  /** With `diagnose`: where the logger's time goes, the same 200-row transaction three ways, and the cost of a COMMIT. */
  diagnosis?: { loggerProfile: ProfileSummary; perTransaction: AppendVariant[] };
};

/** Rows/s of one way of committing `rowsPerTx` rows per transaction. */
export type AppendVariant = {
  name: string;
  rowsPerTx: number;
  msPerTx: number;
  rowsPerSec: number;
  /** Descriptors this process still holds on that database's files afterwards (after a forced GC when available). */
  dbFds: number;
};

/** Counts commits: the logger notifies once per committed transaction. */
class CountingBus extends JobBus {
  commits = 0;
  override notify(jobId: string, lastSeq: number): void {
    this.commits += 1;
    super.notify(jobId, lastSeq);
  }
}

export async function freshDatabase(root: string, name: string): Promise<{ url: string; jobId: string }> {
  const url = `file:${path.join(root, `${name}.db`)}`;
  await applyMigrations(url);
  const db = createDb(url);
  try {
    await db.user.create({ data: { id: "bench-user" } });
    const job = await db.$transaction((tx) => insertJob(tx, { jobType: "log_burst", ownerId: "bench-user", payload: { bench: true } }));
    await db.job.update({ where: { id: job.id }, data: { status: "running", startedAt: new Date() } });
    return { url, jobId: job.id };
  } finally {
    await db.$disconnect();
  }
}

async function assertStored(url: string, jobId: string, lines: number): Promise<void> {
  const client = createClient({ url });
  try {
    const r = await client.execute({ sql: `SELECT count(*) AS n, max(seq) AS m FROM "JobEvent" WHERE "jobId" = ?`, args: [jobId] });
    const { n, m } = r.rows[0] as unknown as { n: number; m: number };
    if (Number(n) !== lines || Number(m) !== lines) throw new Error(`ingest check failed: ${n} rows, max seq ${m}, expected ${lines}`);
  } finally {
    client.close();
  }
}

/**
 * The logger the way a job uses it, as fast as it takes lines: the producer
 * never waits for commits and yields to the event loop every 1,000 lines,
 * exactly like the log-burst diagnostics job at ratePerSec 0. Timed from the
 * first write until flush() has committed the last line.
 */
export async function runLogger(
  root: string,
  round: number,
  lines: number,
  profile?: (p: CpuProfile) => void,
  store: { redact?: boolean; name?: string } = {},
): Promise<IngestRun> {
  const { url, jobId } = await freshDatabase(root, `${store.name ?? "logger"}-${round}`);
  const db = createDb(url);
  const bus = new CountingBus();
  const logger = new JobLogger(new SqliteJobStore(db, { redact: store.redact }), bus, jobId, emptyStats());
  const session = profile ? new Session() : undefined;
  try {
    if (session) {
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
    }
    const started = performance.now();
    for (let i = 1; i <= lines; i++) {
      if (i % 1000 === 0) await yieldToLoop();
      logger.write("info", "log", `line ${i}`, { i, appendedAt: Date.now() });
    }
    await logger.flush();
    const ms = performance.now() - started;
    if (session && profile) profile(((await session.post("Profiler.stop")) as { profile: CpuProfile }).profile);
    const fds = dbFds(url);
    await assertStored(url, jobId, lines);
    return { lines, ms, linesPerSec: (lines / ms) * 1000, transactions: bus.commits, dbFds: fds };
  } finally {
    session?.disconnect();
    await db.$disconnect();
  }
}

/**
 * The floor: the same rows (same columns, ISO timestamps as Prisma writes
 * them, JSON text data) inserted with @libsql/client directly, one
 * multi-row INSERT of `rowsPerTx` rows per write transaction, sequentially.
 */
async function runRaw(root: string, round: number, lines: number, rowsPerTx: number): Promise<IngestRun> {
  const { url, jobId } = await freshDatabase(root, `raw-${round}`);
  const client = createClient({ url });
  const row = `(?, ?, ?, ?, ?, ?, ?)`;
  const fullSql = `INSERT INTO "JobEvent" ("jobId", "seq", "timestamp", "level", "kind", "message", "data") VALUES ${Array(rowsPerTx).fill(row).join(", ")}`;
  let transactions = 0;
  try {
    const started = performance.now();
    for (let first = 1; first <= lines; first += rowsPerTx) {
      const n = Math.min(rowsPerTx, lines - first + 1);
      const args: (string | number)[] = [];
      for (let seq = first; seq < first + n; seq++) {
        const now = Date.now();
        args.push(jobId, seq, new Date(now).toISOString().replace("Z", "+00:00"), "info", "log", `line ${seq}`, JSON.stringify({ i: seq, appendedAt: now }));
      }
      const sql = n === rowsPerTx ? fullSql : `INSERT INTO "JobEvent" ("jobId", "seq", "timestamp", "level", "kind", "message", "data") VALUES ${Array(n).fill(row).join(", ")}`;
      await client.batch([{ sql, args }], "write");
      transactions += 1;
    }
    const ms = performance.now() - started;
    const fds = dbFds(url);
    await assertStored(url, jobId, lines);
    return { lines, ms, linesPerSec: (lines / ms) * 1000, transactions, dbFds: fds };
  } finally {
    client.close();
  }
}

function rowsFor(jobId: string, first: number, n: number) {
  return Array.from({ length: n }, (_, k) => {
    const now = Date.now();
    return { seq: first + k, level: "info" as const, kind: "log" as const, message: `line ${first + k}`, data: { i: first + k, appendedAt: now }, timestamp: new Date(now), jobId };
  });
}

/**
 * The Prisma adapter on the project's own @libsql/client (0.18, a connection
 * pool) instead of the copy @prisma/adapter-libsql pins (0.17), whose
 * transaction() detaches its connection and opens a new one for the next
 * query. Diagnosis only: shows what that difference costs.
 */
class PooledPrismaLibSql extends PrismaLibSql {
  override createClient(config: Config) {
    return createClient(config);
  }
}

function prismaOn(url: string, pooled: boolean): Db {
  return pooled ? new PrismaClient({ adapter: new PooledPrismaLibSql({ url, timeout: 10_000 }) }) : createDb(url);
}

/**
 * The same transaction (bump Job.lastSeq, insert `rowsPerTx` rows) three
 * ways: the repo's appendEvents as shipped, appendEvents on an adapter over
 * the pooled @libsql/client, and @libsql/client directly. Isolates what the
 * Prisma layer and the adapter's connection handling cost per committed
 * batch. Then what one COMMIT costs: 1-statement write transactions (most log
 * batches at ordinary rates hold one line) under synchronous = FULL (SQLite's
 * default: a WAL fsync per commit) and NORMAL (none per commit in WAL mode).
 */
async function compareAppendPaths(root: string, rowsPerTx: number, txs: number): Promise<AppendVariant[]> {
  const out: AppendVariant[] = [];
  const timeIt = async (name: string, url: string, rows: number, fn: (first: number) => Promise<unknown>) => {
    await fn(1_000_000_000); // warm-up at a seq range of its own
    const started = performance.now();
    for (let t = 0; t < txs; t++) await fn(1 + t * rows);
    const ms = performance.now() - started;
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 100));
    out.push({ name, rowsPerTx: rows, msPerTx: ms / txs, rowsPerSec: ((txs * rows) / ms) * 1000, dbFds: dbFds(url) });
  };
  for (const pooled of [false, true]) {
    const { url, jobId } = await freshDatabase(root, `diag-append-${pooled}`);
    const db = prismaOn(url, pooled);
    const name = pooled ? "appendEvents, adapter over the pooled @libsql/client 0.18" : "appendEvents as shipped (Prisma $transaction, adapter's own @libsql/client 0.17)";
    await timeIt(name, url, rowsPerTx, (first) => new SqliteJobStore(db).appendEvents(jobId, rowsFor(jobId, first, rowsPerTx), emptyStats()));
    await db.$disconnect();
  }
  {
    const { url, jobId } = await freshDatabase(root, "diag-raw");
    const client = createClient({ url });
    const cols = `"jobId", "seq", "timestamp", "level", "kind", "message", "data"`;
    await timeIt("@libsql/client batch (UPDATE + multi-row INSERT), no Prisma", url, rowsPerTx, (first) => {
      const rows = rowsFor(jobId, first, rowsPerTx);
      return client.batch(
        [
          { sql: `UPDATE "Job" SET "lastSeq" = "lastSeq" + ? WHERE "id" = ?`, args: [rowsPerTx, jobId] },
          {
            sql: `INSERT INTO "JobEvent" (${cols}) VALUES ${rows.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
            args: rows.flatMap((r) => [jobId, r.seq, r.timestamp.toISOString().replace("Z", "+00:00"), r.level, r.kind, r.message, JSON.stringify(r.data)]),
          },
        ],
        "write",
      );
    });
    client.close();
  }
  for (const sync of ["FULL", "NORMAL"]) {
    const { url, jobId } = await freshDatabase(root, `diag-sync-${sync}`);
    // One connection, so the per-connection PRAGMA applies to every transaction.
    const client = createClient({ url, concurrency: 1 });
    await client.execute(`PRAGMA synchronous = ${sync}`);
    await timeIt(`@libsql/client, 1-statement write transactions, synchronous = ${sync}`, url, 1, (first) =>
      client.batch([{ sql: `UPDATE "Job" SET "lastSeq" = ? WHERE "id" = ?`, args: [first, jobId] }], "write"),
    );
    client.close();
  }
  return out;
}

function pickMedian(runs: IngestRun[]): IngestRun {
  const m = median(runs.map((r) => r.linesPerSec));
  return runs.find((r) => r.linesPerSec === m) ?? runs[0];
}

/** Alternates logger and raw runs (`rounds` each, fresh files) and keeps the median of each. */
export async function benchIngest(opts: {
  lines: number;
  rounds: number;
  rowsPerTx?: number;
  /** Also profile the first logger run and compare the append paths (BENCH_PROFILE=1). */
  diagnose?: boolean;
  log?: (s: string) => void;
}): Promise<IngestResult> {
  const rowsPerTx = opts.rowsPerTx ?? 200;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "planstream-bench-ingest-"));
  // Stopped from outside (the parent's SIGINT/watchdog): leave no temp files.
  const onSignal = () => {
    fs.rmSync(root, { recursive: true, force: true });
    process.exit(143);
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  const loggerRuns: IngestRun[] = [];
  const rawRuns: IngestRun[] = [];
  let loggerProfile: ProfileSummary | undefined;
  let perTransaction: AppendVariant[] | undefined;
  try {
    for (let round = 0; round < opts.rounds; round++) {
      const profile = opts.diagnose && round === 0 ? (p: CpuProfile) => (loggerProfile = summarizeProfile(saveProfile(p, "ingest-logger"))) : undefined;
      const l = await runLogger(root, round, opts.lines, profile);
      loggerRuns.push(l);
      const r = await runRaw(root, round, opts.lines, rowsPerTx);
      rawRuns.push(r);
      opts.log?.(
        `  round ${round + 1}: logger ${Math.round(l.linesPerSec)} lines/s (${l.transactions} tx), raw ${Math.round(r.linesPerSec)} lines/s (${r.transactions} tx)`,
      );
    }
    if (opts.diagnose) perTransaction = await compareAppendPaths(root, rowsPerTx, 100);
  } finally {
    process.removeListener("SIGTERM", onSignal);
    process.removeListener("SIGINT", onSignal);
    fs.rmSync(root, { recursive: true, force: true });
  }
  const logger = pickMedian(loggerRuns);
  const raw = pickMedian(rawRuns);
  return {
    lines: opts.lines,
    rounds: opts.rounds,
    logger: { ...logger, runs: loggerRuns },
    raw: { ...raw, runs: rawRuns, rowsPerTx },
    ratio: logger.linesPerSec / raw.linesPerSec,
    diagnosis: loggerProfile && perTransaction ? { loggerProfile, perTransaction } : undefined,
  };
}

/** Marks the child's result line on its stdout. */
const RESULT_PREFIX = "@@ingest-result ";

/**
 * Runs benchIngest in a child process (so its Prisma client, garbage and open
 * database files never share the process that measures SSE latency) and
 * returns its result. Progress lines pass through to `log`.
 */
export async function benchIngestInChild(opts: { lines: number; rounds: number; rowsPerTx: number; diagnose: boolean }, log: (s: string) => void): Promise<IngestResult> {
  // --expose-gc: the diagnosis counts database descriptors after a full collection.
  return runBenchChild<IngestResult>("ingest.ts", opts, RESULT_PREFIX, log, { nodeArgs: ["--expose-gc"], stopOnExit: true });
}

// Child entry: `tsx --conditions=react-server bench/ingest.ts '<options JSON>'`.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, "ingest.ts")) {
  const opts = JSON.parse(process.argv[2] ?? "{}") as { lines: number; rounds: number; rowsPerTx: number; diagnose: boolean };
  const result = await benchIngest({ ...opts, log: (s) => console.log(s) });
  console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
}
