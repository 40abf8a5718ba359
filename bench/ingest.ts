// Phase 1 – log ingest: lines/s through the real JobLogger (Prisma 7 + libsql
// adapter, one transaction per flush) against raw batched inserts with the
// same driver (@libsql/client), both into a fresh, migrated SQLite file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { createClient } from "@libsql/client";
import { createDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { JobBus } from "@/lib/server/jobs/bus";
import { JobLogger } from "@/lib/server/jobs/job-logger";
import { insertJob } from "@/lib/server/jobs/jobs-repo";
import { emptyStats } from "@/lib/shared/jobs";
import { median } from "./lib/stats.ts";

export type IngestRun = { lines: number; ms: number; linesPerSec: number; transactions: number };
export type IngestResult = {
  lines: number;
  rounds: number;
  logger: IngestRun & { runs: IngestRun[] };
  raw: IngestRun & { runs: IngestRun[]; rowsPerTx: number };
  ratio: number;
};

/** Counts commits: the logger publishes once per committed transaction. */
class CountingBus extends JobBus {
  commits = 0;
  override publish(jobId: string, lastSeq: number): void {
    this.commits += 1;
    super.publish(jobId, lastSeq);
  }
}

async function freshDatabase(root: string, name: string): Promise<{ url: string; jobId: string }> {
  const url = `file:${path.join(root, `${name}.db`)}`;
  await applyMigrations(url);
  const db = createDb(url);
  try {
    await db.user.create({ data: { id: "bench-user" } });
    const job = await db.$transaction((tx) => insertJob(tx, { jobType: "log_burst" as never, ownerId: "bench-user", params: { bench: true } }));
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
async function runLogger(root: string, round: number, lines: number): Promise<IngestRun> {
  const { url, jobId } = await freshDatabase(root, `logger-${round}`);
  const db = createDb(url);
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 10000");
  const bus = new CountingBus();
  const logger = new JobLogger(db, bus, jobId, emptyStats());
  try {
    const started = performance.now();
    for (let i = 1; i <= lines; i++) {
      if (i % 1000 === 0) await yieldToLoop();
      logger.write("info", "log", `line ${i}`, { i, appendedAt: Date.now() });
    }
    await logger.flush();
    const ms = performance.now() - started;
    await assertStored(url, jobId, lines);
    return { lines, ms, linesPerSec: (lines / ms) * 1000, transactions: bus.commits };
  } finally {
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
  await client.execute("PRAGMA busy_timeout = 10000");
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
    await assertStored(url, jobId, lines);
    return { lines, ms, linesPerSec: (lines / ms) * 1000, transactions };
  } finally {
    client.close();
  }
}

function pickMedian(runs: IngestRun[]): IngestRun {
  const m = median(runs.map((r) => r.linesPerSec));
  return runs.find((r) => r.linesPerSec === m) ?? runs[0];
}

/** Alternates logger and raw runs (`rounds` each, fresh files) and keeps the median of each. */
export async function benchIngest(opts: { lines: number; rounds: number; rowsPerTx?: number; log?: (s: string) => void }): Promise<IngestResult> {
  const rowsPerTx = opts.rowsPerTx ?? 200;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "planstream-bench-ingest-"));
  const loggerRuns: IngestRun[] = [];
  const rawRuns: IngestRun[] = [];
  try {
    for (let round = 0; round < opts.rounds; round++) {
      const l = await runLogger(root, round, opts.lines);
      loggerRuns.push(l);
      const r = await runRaw(root, round, opts.lines, rowsPerTx);
      rawRuns.push(r);
      opts.log?.(
        `  round ${round + 1}: logger ${Math.round(l.linesPerSec)} lines/s (${l.transactions} tx), raw ${Math.round(r.linesPerSec)} lines/s (${r.transactions} tx)`,
      );
    }
  } finally {
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
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchIngest({ lines: Number(process.env.LINES ?? 200_000), rounds: Number(process.env.ROUNDS ?? 1), log: console.log });
  console.log(JSON.stringify({ ...r, logger: { ...r.logger, runs: undefined }, raw: { ...r.raw, runs: undefined } }, null, 2));
}
