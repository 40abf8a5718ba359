import "server-only";
import type { JobDto } from "@/lib/shared/jobs";
import type { Viewer } from "../auth/viewer.ts";
import type { Job } from "../db/generated/client.ts";
import type { JobDefinition, JobMeta } from "./define-job.ts";

/**
 * What routes and services need of the job engine (from `deps.queue`). The
 * in-process `JobRunner` implements it; an implementation over another
 * queue must keep the same guarantees (ids before work, one writer per plan,
 * cancel is explicit).
 */
export interface JobQueue {
  /** Inserts one pending job in its own transaction, then wakes the queue. @throws ZodError for a bad payload. */
  enqueue<P>(def: JobDefinition<P>, meta: JobMeta, payload: P): Promise<Job>;
  /** Asks for pending work to be claimed now (after jobs were committed with `def.enqueue(tx, …)`). */
  wake(): void;
  /**
   * Cancels a job: a pending one at once, a running one through its AbortSignal.
   * @throws AppError 404 (unknown or not the viewer's), 409 (already finished).
   */
  cancel(viewer: Viewer, jobId: string): Promise<JobDto>;
  /**
   * Resolves once none of `jobIds` (default: no job at all) is pending or running.
   * @throws Error after `timeoutMs` (default 30 s).
   */
  waitUntilSettled(jobIds?: string[], options?: { timeoutMs?: number }): Promise<void>;
}
