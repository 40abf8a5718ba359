import "server-only";
import type { EventLevel, JobStats, JobStatus } from "@/lib/shared/jobs";
import type { JobBus } from "./bus.ts";
import type { Job } from "../db/generated/client.ts";
import { jobFinishedPending } from "../ops/job-telemetry.ts";
import { statsOf } from "./job-dto.ts";
import type { EventDraft, JobRowUpdate, JobStore } from "./job-store.ts";

/** Counts one stored event of `level` into a job's stats (events, warnings, errors). */
export function countEvent(stats: JobStats, level: EventLevel): void {
  stats.events += 1;
  if (level === "warn") stats.warnings += 1;
  if (level === "error") stats.errors += 1;
}

export type Transition = {
  jobId: string;
  from: JobStatus;
  to: JobStatus;
  /** The `status` event: its level and message; its data is `{from, to, error?, ...data}`. */
  level: EventLevel;
  message: string;
  data?: Record<string, unknown>;
  /** Lines committed just before the status event, in the same transaction (e.g. the log cap's summary). */
  lines?: EventDraft[];
  /** The job's counters before this transition; on success the events written here are counted into it. */
  stats: JobStats;
  /** Other columns to set (error, result, finishedAt, lease, attempt, runAfter). */
  update?: JobRowUpdate;
  /** Fencing: only while the job is still at this attempt … */
  attempt?: number;
  /** … and/or still holds this lease. */
  lease?: Date | null;
};

/**
 * The one writer of job status (guarantee 3). Commits the status change, its
 * `status` event (after any `lines`) and the stats in one transaction, but only
 * while the job is still `from` (and at `attempt` / holding `lease` when
 * given), then notifies the bus so streams read the new rows. The event's
 * `error` field is the update's error when the job leaves with one.
 * @returns the job's new lastSeq, or null when the guard failed and nothing was written.
 */
export async function transitionJob(deps: { store: JobStore; bus: JobBus }, t: Transition): Promise<number | null> {
  const stats = { ...t.stats };
  const error = t.update?.error;
  const status: EventDraft = {
    level: t.level,
    kind: "status",
    message: t.message,
    data: { from: t.from, to: t.to, ...(error ? { error } : {}), ...t.data },
  };
  const events = [...(t.lines ?? []), status];
  for (const e of events) countEvent(stats, e.level);
  const lastSeq = await deps.store.transition({
    jobId: t.jobId,
    from: t.from,
    to: t.to,
    attempt: t.attempt,
    lease: t.lease,
    update: t.update ?? {},
    stats,
    events,
  });
  if (lastSeq === null) return null;
  Object.assign(t.stats, stats);
  deps.bus.notify(t.jobId, lastSeq);
  return lastSeq;
}

/**
 * Ends a job that never ran (its parent did not succeed, or it was cancelled
 * while pending), with its terminal event. Only a still-pending job is
 * finished, so a concurrent claim wins cleanly.
 * @returns whether this call finished it.
 */
export async function finishPending(
  deps: { store: JobStore; bus: JobBus },
  job: Pick<Job, "id" | "stats" | "jobType">,
  to: "failed" | "cancelled",
  reason: string,
): Promise<boolean> {
  const lastSeq = await transitionJob(deps, {
    jobId: job.id,
    from: "pending",
    to,
    level: to === "failed" ? "error" : "info",
    message: to === "failed" ? `Job failed: ${reason}` : `Job cancelled: ${reason}`,
    stats: statsOf(job),
    update: { finishedAt: new Date(), error: reason },
  });
  if (lastSeq !== null) jobFinishedPending(job, to, reason);
  return lastSeq !== null;
}
