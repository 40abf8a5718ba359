// Phase PG1 – log ingest on PostgreSQL, per instance: lines/s through the
// real JobLogger over PgJobStore (createJobStore with the PostgreSQL URL:
// Prisma 7 + @prisma/adapter-pg, a pool of PG_POOL_SIZE, one transaction per
// flush: UPDATE "Job" lastSeq + multi-row INSERT) against the floor of the
// same rows inserted with plain `pg` (one connection, one multi-row INSERT of
// `rowsPerTx` rows per statement, each its own transaction, sequentially),
// into the same JobEvent table of a fresh migrated database.
//
// Runs in its own process (benchPgIngestInChild), like phase 1; the parent
// creates the database (bench/lib/pg.ts) and drops it afterwards.
//   tsx --conditions=react-server bench/pg-ingest.ts '{"url":"postgres://…/planstream_bench_…","lines":200000,"rounds":3,"rowsPerTx":200}'
import path from "node:path";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import pg from "pg";
import { createDb, type Db } from "@/lib/server/db/client";
import { JobBus } from "@/lib/server/jobs/bus";
import { JobLogger } from "@/lib/server/jobs/job-logger";
import { createJobStore, insertJob, PgJobStore } from "@/lib/server/jobs/jobs-repo";
import { emptyStats } from "@/lib/shared/jobs";
import { runBenchChild } from "./child.ts";
import { median } from "./lib/stats.ts";

/** One timed run: `lines` rows committed in `ms`, in `transactions` write transactions. */
export type PgIngestRun = { lines: number; ms: number; linesPerSec: number; transactions: number };

export type PgIngestResult = {
  lines: number;
  rounds: number;
  /** Median run of the JobLogger + PgJobStore, and every run. */
  logger: PgIngestRun & { runs: PgIngestRun[] };
  /** Median run of the plain `pg` floor, and every run. */
  raw: PgIngestRun & { runs: PgIngestRun[]; rowsPerTx: number };
  /** logger / raw lines/s (medians). */
  ratio: number;
  /** The server measured: `SHOW server_version`, `SHOW synchronous_commit` (on: every COMMIT waits for its WAL flush). */
  server: { version: string; synchronousCommit: string };
};

type Options = { url: string; lines: number; rounds: number; rowsPerTx: number };

/** Counts commits: the logger notifies once per committed transaction. */
class CountingBus extends JobBus {
  commits = 0;
  override notify(jobId: string, lastSeq: number): void {
    this.commits += 1;
    super.notify(jobId, lastSeq);
  }
}

/** Empties JobEvent (every run starts on an empty table and index) and makes a running job to write to. */
async function freshJob(db: Db, admin: pg.Client): Promise<string> {
  await admin.query(`TRUNCATE "JobEvent"`);
  const job = await db.$transaction((tx) => insertJob(tx, { jobType: "log_burst", ownerId: "bench-user", payload: { bench: true } }));
  await db.job.update({ where: { id: job.id }, data: { status: "running", startedAt: new Date() } });
  return job.id;
}

async function assertStored(admin: pg.Client, jobId: string, lines: number): Promise<void> {
  const { rows } = await admin.query<{ n: string; m: number }>(`SELECT count(*) AS n, max(seq) AS m FROM "JobEvent" WHERE "jobId" = $1`, [jobId]);
  if (Number(rows[0].n) !== lines || Number(rows[0].m) !== lines) throw new Error(`ingest check failed: ${rows[0].n} rows, max seq ${rows[0].m}, expected ${lines}`);
}

/**
 * The logger the way a job uses it, as fast as it takes lines (never waiting
 * for commits, yielding every 1,000 lines like the log-burst job at ratePerSec
 * 0), timed from the first write until flush() committed the last line.
 * Secrets are redacted as shipped.
 */
async function runLogger(db: Db, url: string, admin: pg.Client, lines: number): Promise<PgIngestRun> {
  const jobId = await freshJob(db, admin);
  const store = createJobStore(db, url);
  if (!(store instanceof PgJobStore)) throw new Error(`createJobStore gave ${store.constructor.name} for ${url}`);
  const bus = new CountingBus();
  const logger = new JobLogger(store, bus, jobId, emptyStats());
  const started = performance.now();
  for (let i = 1; i <= lines; i++) {
    if (i % 1000 === 0) await yieldToLoop();
    logger.write("info", "log", `line ${i}`, { i, appendedAt: Date.now() });
  }
  await logger.flush();
  const ms = performance.now() - started;
  await assertStored(admin, jobId, lines);
  return { lines, ms, linesPerSec: (lines / ms) * 1000, transactions: bus.commits };
}

const COLUMNS = `"jobId", "seq", "timestamp", "level", "kind", "message", "data"`;

/** `n` placeholders rows of the event INSERT, bound as PgJobStore binds them (timestamp(3) from UTC wall time, jsonb from text). */
function valuesOf(n: number): string {
  return Array.from({ length: n }, (_, r) => {
    const p = (k: number) => `$${r * 7 + k}`;
    return `(${p(1)}, ${p(2)}, ${p(3)}::timestamp(3), ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}::jsonb)`;
  }).join(", ");
}

/**
 * The floor: the same rows (same values, timestamps and JSON as the logger
 * writes them) with plain `pg` on one connection: one multi-row INSERT of
 * `rowsPerTx` rows per statement (an implicit transaction each, so one
 * COMMIT per batch like the logger's flushes), sequentially, unnamed
 * statements (node-postgres' default). No lastSeq UPDATE, no redaction, no
 * Prisma: what the database and driver take for these rows.
 */
async function runRaw(db: Db, url: string, admin: pg.Client, lines: number, rowsPerTx: number): Promise<PgIngestRun> {
  const jobId = await freshJob(db, admin);
  const client = new pg.Client({ connectionString: url, application_name: "planstream-bench-raw" });
  await client.connect();
  const fullSql = `INSERT INTO "JobEvent" (${COLUMNS}) VALUES ${valuesOf(rowsPerTx)}`;
  let transactions = 0;
  try {
    await client.query("SELECT 1"); // connected and authenticated before the clock starts, like the logger's warm pool
    const started = performance.now();
    for (let first = 1; first <= lines; first += rowsPerTx) {
      const n = Math.min(rowsPerTx, lines - first + 1);
      const args: (string | number)[] = [];
      for (let seq = first; seq < first + n; seq++) {
        const now = Date.now();
        args.push(jobId, seq, new Date(now).toISOString().replace("T", " ").replace("Z", ""), "info", "log", `line ${seq}`, JSON.stringify({ i: seq, appendedAt: now }));
      }
      await client.query(n === rowsPerTx ? fullSql : `INSERT INTO "JobEvent" (${COLUMNS}) VALUES ${valuesOf(n)}`, args);
      transactions += 1;
    }
    const ms = performance.now() - started;
    await assertStored(admin, jobId, lines);
    return { lines, ms, linesPerSec: (lines / ms) * 1000, transactions };
  } finally {
    await client.end();
  }
}

function pickMedian(runs: PgIngestRun[]): PgIngestRun {
  const m = median(runs.map((r) => r.linesPerSec));
  return runs.find((r) => r.linesPerSec === m) ?? runs[0];
}

/**
 * Alternates logger and raw runs (`rounds` each; JobEvent emptied before
 * every run) in the migrated database at `opts.url` and keeps the median of
 * each. One warm-up round of 10 % of the lines each first (JIT, the pool's
 * connections, the server's plan and catalogue caches), not counted.
 */
export async function benchPgIngest(opts: Options & { log?: (s: string) => void }): Promise<PgIngestResult> {
  const db = createDb(opts.url);
  const admin = new pg.Client({ connectionString: opts.url, application_name: "planstream-bench-admin" });
  await admin.connect();
  const loggerRuns: PgIngestRun[] = [];
  const rawRuns: PgIngestRun[] = [];
  try {
    const server = {
      version: (await admin.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version,
      synchronousCommit: (await admin.query<{ synchronous_commit: string }>("SHOW synchronous_commit")).rows[0].synchronous_commit,
    };
    await db.user.create({ data: { id: "bench-user" } });
    const warm = Math.max(opts.rowsPerTx, Math.round(opts.lines / 10));
    await runLogger(db, opts.url, admin, warm);
    await runRaw(db, opts.url, admin, warm, opts.rowsPerTx);
    for (let round = 0; round < opts.rounds; round++) {
      const l = await runLogger(db, opts.url, admin, opts.lines);
      loggerRuns.push(l);
      const r = await runRaw(db, opts.url, admin, opts.lines, opts.rowsPerTx);
      rawRuns.push(r);
      opts.log?.(`  round ${round + 1}: logger ${Math.round(l.linesPerSec)} lines/s (${l.transactions} tx), raw pg ${Math.round(r.linesPerSec)} lines/s (${r.transactions} tx)`);
    }
    const logger = pickMedian(loggerRuns);
    const raw = pickMedian(rawRuns);
    return {
      lines: opts.lines,
      rounds: opts.rounds,
      logger: { ...logger, runs: loggerRuns },
      raw: { ...raw, runs: rawRuns, rowsPerTx: opts.rowsPerTx },
      ratio: logger.linesPerSec / raw.linesPerSec,
      server,
    };
  } finally {
    await admin.end();
    await db.$disconnect();
  }
}

/** Marks the child's result line on its stdout. */
const RESULT_PREFIX = "@@pg-ingest-result ";

/**
 * Runs benchPgIngest in a child process (its Prisma client, pool and garbage
 * never share the process that measures the instances) against the migrated
 * database at `opts.url`; progress lines pass through to `log`.
 */
export async function benchPgIngestInChild(opts: Options, log: (s: string) => void): Promise<PgIngestResult> {
  return runBenchChild<PgIngestResult>("pg-ingest.ts", opts, RESULT_PREFIX, log, { stopOnExit: true });
}

// Child entry: `tsx --conditions=react-server bench/pg-ingest.ts '<options JSON>'`.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, "pg-ingest.ts")) {
  const opts = JSON.parse(process.argv[2] ?? "{}") as Options;
  const result = await benchPgIngest({ ...opts, log: (s) => console.log(s) });
  console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
  process.exit(0);
}
