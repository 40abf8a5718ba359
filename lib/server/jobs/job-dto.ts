import "server-only";
import { emptyStats, type EventKind, type EventLevel, type JobDto, type JobEventDto, type JobStats, type JobStatus, type JobType } from "@/lib/shared/jobs";
import type { Job, JobEvent } from "../db/generated/client.ts";

/** A job row's stats with every counter present (rows written before a counter existed lack it). */
export const statsOf = (job: Pick<Job, "stats">): JobStats => ({ ...emptyStats(), ...(job.stats as Partial<JobStats>) });

/** A job row as the API returns it (dates as ISO-8601 strings; `params` is the payload). */
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
    stats: statsOf(job),
    attempt: job.attempt,
    lastSeq: job.lastSeq,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** An event row as the API returns it. */
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
