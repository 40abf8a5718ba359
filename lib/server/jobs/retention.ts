import "server-only";
import type { Db } from "../db/client.ts";

/** Idempotency keys are kept this long, ms (clients retry within minutes, not days). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes finished jobs (succeeded, failed, cancelled) whose `finishedAt` is
 * older than `retentionDays`, with their events (ON DELETE CASCADE), and
 * idempotency keys older than a day (guarantee 10). Pending and running jobs
 * are never touched, however old.
 * @returns counts of deleted rows.
 */
export async function deleteExpired(db: Db, retentionDays: number, now = new Date()): Promise<{ jobs: number; idempotencyKeys: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const jobs = await db.job.deleteMany({
    where: { status: { in: ["succeeded", "failed", "cancelled"] }, finishedAt: { lt: cutoff } },
  });
  const keys = await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } } });
  return { jobs: jobs.count, idempotencyKeys: keys.count };
}
