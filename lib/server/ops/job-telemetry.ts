import "server-only";
// Job lifecycle lines (pino) and job metrics (prom-client) in one place, so
// the runner reads as the queue it is. Every function is called after the
// database write it describes committed (enqueue: inside the caller's
// transaction, see jobEnqueued).
import type { Job } from "../db/generated/client.ts";
import type { JobBus } from "../jobs/bus.ts";
import { getLogger } from "./logger.ts";
import { metrics } from "./metrics-registry.ts";
import { requestContext } from "./request-context.ts";

type JobRef = Pick<Job, "id" | "jobType">;
const seconds = (ms: number) => Math.max(0, ms) / 1000;
const log = () => getLogger().child({ component: "jobs" });

/** Why a job failed, as a bounded label (never the error message). */
export type FailureReason = "non_retryable" | "attempts_exhausted" | "interrupted" | "parent_failed";

/** How one attempt ended: the outcome's status, with `pending` split into a retry and a shutdown release. */
export type AttemptEnd =
  | { status: "succeeded" }
  | { status: "cancelled"; error: string }
  | { status: "failed"; error: string; reason: FailureReason }
  | { status: "retried"; error: string; retryInMs: number }
  | { status: "released" };

/**
 * "job enqueued": logged inside the enqueuing transaction (guarantee 1), so a
 * request that then fails and rolls back leaves this line without a job.
 */
export function jobEnqueued(job: Pick<Job, "id" | "jobType" | "parentJobId" | "planId">): void {
  // The request's line names the first job it enqueued.
  const ctx = requestContext();
  if (ctx && !ctx.jobId) ctx.jobId = job.id;
  log().info({ event: "job_enqueued", jobId: job.id, jobType: job.jobType, parentJobId: job.parentJobId ?? undefined, planId: job.planId ?? undefined }, "job enqueued");
}

/** A claim: "job started" with the attempt and its queue wait (created, or due for a retry, to started). */
export function jobStarted(job: Pick<Job, "id" | "jobType" | "createdAt" | "runAfter">, attempt: number, startedAt: Date): void {
  const since = attempt > 1 && job.runAfter ? job.runAfter : job.createdAt;
  const waitMs = Math.max(0, startedAt.getTime() - since.getTime());
  metrics().queueWait.observe({ job_type: job.jobType }, seconds(waitMs));
  log().info({ event: "job_started", jobId: job.id, jobType: job.jobType, attempt, queueWaitMs: waitMs }, "job started");
}

/** The end of one attempt run here: a lifecycle line, its duration, and the retry / failure / finished counters. */
export function jobAttemptEnded(job: JobRef & Pick<Job, "attempt">, end: AttemptEnd, ms: number): void {
  const m = metrics();
  m.jobDuration.observe({ job_type: job.jobType, outcome: end.status }, seconds(ms));
  const fields = { jobId: job.id, jobType: job.jobType, attempt: job.attempt, ms: Math.round(ms) };
  switch (end.status) {
    case "succeeded":
      m.finished.inc({ job_type: job.jobType, status: "succeeded" });
      return log().info({ event: "job_succeeded", ...fields }, "job succeeded");
    case "cancelled":
      m.finished.inc({ job_type: job.jobType, status: "cancelled" });
      return log().info({ event: "job_cancelled", ...fields, error: end.error }, "job cancelled");
    case "failed":
      jobFailed(job, end.reason);
      return log().warn({ event: "job_failed", ...fields, reason: end.reason, error: end.error }, "job failed");
    case "retried":
      m.retries.inc({ job_type: job.jobType });
      return log().warn({ event: "job_retried", ...fields, error: end.error, retryInMs: end.retryInMs }, "job attempt failed; retrying");
    case "released":
      m.leasesReleased.inc({ job_type: job.jobType });
      return log().info({ event: "job_released", ...fields }, "job lease released at shutdown");
  }
}

function jobFailed(job: JobRef, reason: FailureReason): void {
  const m = metrics();
  m.finished.inc({ job_type: job.jobType, status: "failed" });
  m.failures.inc({ job_type: job.jobType, reason });
}

/** A job whose lease expired (its server stopped) was taken over: retried later, or failed as interrupted. */
export function jobLeaseRecovered(job: JobRef & Pick<Job, "attempt">, to: "pending" | "failed"): void {
  if (to === "pending") metrics().retries.inc({ job_type: job.jobType });
  else jobFailed(job, "interrupted");
  log().warn({ event: "job_lease_recovered", jobId: job.id, jobType: job.jobType, attempt: job.attempt, to }, "expired lease recovered");
}

/** A job that never ran was finished: cancelled while pending, or failed because its parent did not succeed. */
export function jobFinishedPending(job: JobRef, to: "failed" | "cancelled", reason: string): void {
  if (to === "failed") jobFailed(job, "parent_failed");
  else metrics().finished.inc({ job_type: job.jobType, status: "cancelled" });
  log().info({ event: to === "failed" ? "job_failed" : "job_cancelled", jobId: job.id, jobType: job.jobType, error: reason }, `job ${to} before it started`);
}

/**
 * Counts events appended by jobs running here, per job type, from the bus's
 * commit notifications (each says "committed up to seq N"). `track` a job
 * when it is claimed, at its lastSeq before the claim; `untrack` when its
 * attempt ended. @returns the two functions.
 */
export function eventCounter(bus: JobBus): { track(job: JobRef, lastSeq: number): void; untrack(jobId: string): void } {
  const seen = new Map<string, { jobType: string; seq: number }>();
  const counter = metrics().eventsIngested;
  bus.observe((jobId, lastSeq) => {
    const s = seen.get(jobId);
    if (!s || lastSeq <= s.seq) return;
    counter.inc({ job_type: s.jobType }, lastSeq - s.seq);
    s.seq = lastSeq;
  });
  return {
    track: (job, lastSeq) => void seen.set(job.id, { jobType: job.jobType, seq: lastSeq }),
    untrack: (jobId) => void seen.delete(jobId),
  };
}
