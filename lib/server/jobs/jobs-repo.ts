import "server-only";
import type { Db, Tx } from "../db/client.ts";
import type { Job, JobEvent } from "../db/generated/client.ts";
import type { EventKind, EventLevel, JobDto, JobEventDto, JobStats, JobStatus, JobType } from "@/lib/shared/jobs";
import { emptyStats } from "@/lib/shared/jobs";

/** A log line before it has a seq. */
export type EventDraft = {
  level: EventLevel;
  kind: EventKind;
  message: string;
  data?: Record<string, unknown> | null;
  timestamp?: Date;
};

export type NewJob = {
  id?: string;
  jobType: JobType;
  ownerId: string;
  planId?: string | null;
  taskId?: string | null;
  parentJobId?: string | null;
  concurrencyKey?: string | null;
  params: Record<string, unknown>;
};

/** Rows per INSERT statement (7 parameters each, well under SQLite's limit). */
const INSERT_ROWS = 500;
const INSERT_SQL = `INSERT INTO "JobEvent" ("jobId", "seq", "timestamp", "level", "kind", "message", "data") VALUES `;

/** DateTime as Prisma's SQLite adapter stores it (ISO 8601 with +00:00), so both read it alike. */
const sqliteTimestamp = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** Inserts a pending job (guarantee 1: called inside the request's transaction). */
export async function insertJob(tx: Tx, job: NewJob): Promise<Job> {
  return tx.job.create({
    data: {
      id: job.id,
      jobType: job.jobType,
      ownerId: job.ownerId,
      planId: job.planId ?? null,
      taskId: job.taskId ?? null,
      parentJobId: job.parentJobId ?? null,
      concurrencyKey: job.concurrencyKey ?? null,
      params: job.params as object,
      stats: emptyStats(),
    },
  });
}

/**
 * Appends events to a job's log with gapless seqs and, optionally, updates the
 * job row in the same transaction (a status change and its `status` event
 * commit together: guarantee 3). The seq counter lives on the job row, so
 * concurrent writers serialize on it.
 * @returns the job's new lastSeq.
 */
export async function appendEvents(
  db: Db,
  jobId: string,
  drafts: EventDraft[],
  jobUpdate: Partial<Pick<Job, "status" | "error" | "startedAt" | "finishedAt" | "leaseExpiresAt" | "attempt" | "runAfter">> & {
    stats?: JobStats;
    result?: unknown;
  } = {},
): Promise<number> {
  const { stats, result, ...rest } = jobUpdate;
  return db.$transaction(async (tx) => {
    const job = await tx.job.update({
      where: { id: jobId },
      data: {
        ...rest,
        ...(stats ? { stats } : {}),
        ...(result !== undefined ? { result: result as object } : {}),
        lastSeq: { increment: drafts.length },
      },
      select: { lastSeq: true },
    });
    const first = job.lastSeq - drafts.length + 1;
    // A multi-row INSERT instead of createMany: Prisma's per-row processing
    // cost ~8x the database's own time on this hot path (npm run bench).
    for (let at = 0; at < drafts.length; at += INSERT_ROWS) {
      const chunk = drafts.slice(at, at + INSERT_ROWS);
      const args = chunk.flatMap((d, i) => [
        jobId,
        first + at + i,
        sqliteTimestamp(d.timestamp ?? new Date()),
        d.level,
        d.kind,
        d.message,
        d.data == null ? null : JSON.stringify(d.data),
      ]);
      await tx.$executeRawUnsafe(`${INSERT_SQL}${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`, ...args);
    }
    return job.lastSeq;
  });
}

/** Owner check included: a job of someone else reads as missing (guarantee 8). */
export async function findJob(db: Db, jobId: string, viewer: { userId: string; role: string }): Promise<Job | null> {
  const job = await db.job.findUnique({ where: { id: jobId } });
  if (!job) return null;
  if (viewer.role !== "support" && job.ownerId !== viewer.userId) return null;
  return job;
}

/** Events with seq > after, ascending, at most `limit`. */
export async function eventsAfter(db: Db, jobId: string, after: number, limit: number): Promise<JobEvent[]> {
  return db.jobEvent.findMany({ where: { jobId, seq: { gt: after } }, orderBy: { seq: "asc" }, take: limit });
}

/** Events with seq < before, the newest `limit` of them, returned ascending. */
export async function eventsBefore(db: Db, jobId: string, before: number, limit: number): Promise<JobEvent[]> {
  const rows = await db.jobEvent.findMany({ where: { jobId, seq: { lt: before } }, orderBy: { seq: "desc" }, take: limit });
  return rows.reverse();
}

/** The `to` of the last status event at or before `seq`; "pending" when none. */
export async function statusAt(db: Db, jobId: string, seq: number): Promise<JobStatus> {
  const row = await db.jobEvent.findFirst({
    where: { jobId, kind: "status", seq: { lte: seq } },
    orderBy: { seq: "desc" },
    select: { data: true },
  });
  const to = (row?.data as { to?: JobStatus } | null)?.to;
  return to ?? "pending";
}

export function toJobDto(job: Job): JobDto {
  return {
    id: job.id,
    jobType: job.jobType as JobType,
    status: job.status as JobStatus,
    ownerId: job.ownerId,
    planId: job.planId,
    taskId: job.taskId,
    parentJobId: job.parentJobId,
    params: job.params,
    result: job.result ?? null,
    error: job.error,
    stats: { ...emptyStats(), ...(job.stats as Partial<JobStats>) },
    attempt: job.attempt,
    lastSeq: job.lastSeq,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export function toEventDto(e: JobEvent): JobEventDto {
  return {
    seq: e.seq,
    timestamp: e.timestamp.toISOString(),
    level: e.level as EventLevel,
    kind: e.kind as EventKind,
    message: e.message,
    data: (e.data as Record<string, unknown> | null) ?? null,
  };
}
