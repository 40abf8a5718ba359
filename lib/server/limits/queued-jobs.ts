// The bound on queued work per user (MAX_QUEUED_JOBS_PER_USER): a request that
// would queue more jobs while the user already has that many waiting to start
// is refused before anything is written.
import "server-only";
import type { Db } from "../db/client.ts";
import { env } from "../env.ts";
import { AppError } from "../errors.ts";
import { countPendingJobs } from "./limits-repo.ts";

/**
 * Throws when `userId` already has `max` pending jobs.
 * @throws AppError 429 too_many_jobs, details `{pendingJobs, maxQueuedJobs}` (no Retry-After: room frees as jobs start).
 */
export async function assertQueueRoom(db: Db, userId: string, max = env().MAX_QUEUED_JOBS_PER_USER): Promise<void> {
  const pending = await countPendingJobs(db, userId);
  if (pending < max) return;
  throw new AppError("too_many_jobs", 429, `You already have ${pending} jobs waiting to start (at most ${max}); wait for some to start or cancel them`, {
    pendingJobs: pending,
    maxQueuedJobs: max,
  });
}
