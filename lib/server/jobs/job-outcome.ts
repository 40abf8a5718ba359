import "server-only";
import type { EventLevel, JobStatus } from "@/lib/shared/jobs";
import type { Job } from "../db/generated/client.ts";
import type { JobRowUpdate } from "./job-store.ts";

/**
 * How an attempt ended: `pending` means it will be retried after `retryInMs`;
 * `released` that its server stopped mid-attempt and handed it back (pending
 * at once, the attempt not counted). `reason` classifies a failure for metrics.
 */
export type Outcome =
  | { status: "succeeded"; result: unknown }
  | { status: "failed"; error: string; reason?: "non_retryable" | "attempts_exhausted" | "interrupted" }
  | { status: "cancelled"; error: string }
  | { status: "pending"; error: string; retryInMs: number }
  | { status: "released" };

/** The status event and row update that record `outcome` for a running job. */
export type OutcomeRecord = { to: JobStatus; level: EventLevel; message: string; data?: Record<string, unknown>; update: JobRowUpdate };

/**
 * What to write when a running attempt ends. `why` explains an outcome the
 * runner decided on the job's behalf (e.g. its server stopped mid-job).
 * Messages are part of the log's contract (tests and exports read them).
 */
export function recordOutcome(job: Pick<Job, "attempt" | "startedAt">, outcome: Outcome, why?: string): OutcomeRecord {
  const now = new Date();
  const secs = job.startedAt ? ((now.getTime() - job.startedAt.getTime()) / 1000).toFixed(1) : "?";
  const error = "error" in outcome ? outcome.error : "";
  const detail = why ? `${error} (${why})` : error;
  switch (outcome.status) {
    case "succeeded":
      return {
        to: "succeeded",
        level: "info",
        message: `Job succeeded in ${secs} s`,
        update: { finishedAt: now, leaseExpiresAt: null, error: null, result: outcome.result },
      };
    case "cancelled":
      return { to: "cancelled", level: "warn", message: `Job cancelled: ${detail}`, update: { finishedAt: now, leaseExpiresAt: null, error } };
    case "failed":
      return { to: "failed", level: "error", message: `Job failed: ${detail}`, update: { finishedAt: now, leaseExpiresAt: null, error } };
    case "pending":
      return {
        to: "pending",
        level: "warn",
        message: `Attempt ${job.attempt} failed: ${detail}; retrying in ${(outcome.retryInMs / 1000).toFixed(1)} s`,
        data: { attempt: job.attempt, retryInMs: outcome.retryInMs },
        update: { leaseExpiresAt: null, error, runAfter: new Date(now.getTime() + outcome.retryInMs) },
      };
    case "released":
      return {
        to: "pending",
        level: "warn",
        message: `Job released: its server is shutting down; it runs again from the start (attempt ${job.attempt} not counted)`,
        data: { attempt: job.attempt, released: true },
        update: { leaseExpiresAt: null, attempt: job.attempt - 1, runAfter: now },
      };
  }
}
