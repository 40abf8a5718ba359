// The job store's raw SQL on the event log: the multi-row INSERT of events in
// each provider's dialect, and the seq reservation on the job row (fenced on
// the worker's attempt). Used by jobs-repo.ts only.
import "server-only";
import type { JobStats } from "@/lib/shared/jobs";
import type { Tx } from "../db/client.ts";
import { jsonMayHoldSecret, redactText, redactValue } from "../security/redact.ts";
import { LeaseLostError, type EventDraft, type Fence } from "./job-store.ts";

/** Rows per INSERT statement (7 parameters each: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters). */
const INSERT_ROWS = 500;
const INSERT_SQL = `INSERT INTO "JobEvent" ("jobId", "seq", "timestamp", "level", "kind", "message", "data") VALUES `;

/**
 * How each provider spells the event INSERT: its placeholders and how a
 * DateTime and a Json value are bound so Prisma reads them back alike.
 * - SQLite: `?`; DateTime as Prisma's SQLite adapter stores it (ISO 8601 with +00:00); JSON as text.
 * - PostgreSQL: `$n`; DateTime as UTC wall time cast to `timestamp(3)` (Prisma's
 *   column type, no time zone: the session's TimeZone never applies); JSON cast to `jsonb`.
 */
export type EventSqlDialect = { row(at: number): string; timestamp(d: Date): string };

export const SQLITE_EVENTS: EventSqlDialect = {
  row: () => "(?, ?, ?, ?, ?, ?, ?)",
  timestamp: (d) => d.toISOString().replace("Z", "+00:00"),
};

export const PG_EVENTS: EventSqlDialect = {
  row: (at) => {
    const p = (k: number) => `$${at * 7 + k}`;
    return `(${p(1)}, ${p(2)}, ${p(3)}::timestamp(3), ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}::jsonb)`;
  },
  timestamp: (d) => d.toISOString().replace("T", " ").replace("Z", ""),
};

/** An event's `data` as stored: JSON, secrets redacted (the deep walk only when the JSON has a candidate shape). */
function dataColumn(data: EventDraft["data"]): string | null {
  if (data == null) return null;
  const json = JSON.stringify(data);
  return jsonMayHoldSecret(json) ? JSON.stringify(redactValue(data)) : json;
}

/**
 * Writes events with seqs `first`, `first + 1`, … inside `tx`, secrets
 * redacted from message and data (raw SQL bypasses the client's redaction;
 * docs/data-protection.md). One multi-row INSERT per 500 rows instead of
 * createMany: Prisma's per-row processing cost ~8x the database's own time
 * on this hot path (npm run bench).
 */
export async function insertEvents(tx: Tx, dialect: EventSqlDialect, jobId: string, first: number, drafts: EventDraft[], redact = true): Promise<void> {
  for (let at = 0; at < drafts.length; at += INSERT_ROWS) {
    const chunk = drafts.slice(at, at + INSERT_ROWS);
    const args = chunk.flatMap((d, i) => [
      jobId,
      first + at + i,
      dialect.timestamp(d.timestamp ?? new Date()),
      d.level,
      d.kind,
      redact ? redactText(d.message) : d.message,
      redact ? dataColumn(d.data) : d.data == null ? null : JSON.stringify(d.data),
    ]);
    await tx.$executeRawUnsafe(`${INSERT_SQL}${chunk.map((_, i) => dialect.row(i)).join(", ")}`, ...args);
  }
}

/**
 * Reserves `n` seqs on the job row (its lock orders concurrent writers) and
 * stores `stats`; with `fence`, only while the job runs at that attempt.
 * @returns the job's new lastSeq.
 * @throws LeaseLostError when the fence does not hold.
 */
export async function advanceSeq(tx: Tx, jobId: string, n: number, stats: JobStats, fence?: Fence): Promise<number> {
  const data = { stats, lastSeq: { increment: n } };
  if (!fence) return (await tx.job.update({ where: { id: jobId }, data, select: { lastSeq: true } })).lastSeq;
  const moved = await tx.job.updateMany({ where: { id: jobId, status: "running", attempt: fence.attempt }, data });
  if (moved.count !== 1) throw new LeaseLostError(jobId, fence.attempt);
  return (await tx.job.findUniqueOrThrow({ where: { id: jobId }, select: { lastSeq: true } })).lastSeq;
}
