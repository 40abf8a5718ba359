import "server-only";
import type { Deps } from "../deps.ts";
import { deleteAuditEntriesBefore } from "../audit/audit-log.ts";
import { deleteIdempotencyKeysBefore } from "../http/idempotency-repo.ts";
import { deleteEventsOfTurnsEndedBefore } from "../chat/turn-repo.ts";
import { deleteRunsFinishedBefore } from "../runs/runs-repo.ts";

/** Idempotency keys are kept this long, ms (clients retry within minutes, not days). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes finished jobs (succeeded, failed, cancelled) whose `finishedAt` is
 * older than `retentionDays`, with their events (ON DELETE CASCADE) and their
 * runs (task results, artifacts, approvals), the stored events of chat
 * turns that ended before the same cutoff (their messages stay), and
 * idempotency keys older than a day (guarantee 10). Pending and running jobs
 * are never touched, however old. Audit entries older than
 * `auditRetentionDays` (default 365: longer than jobs, so an entry outlives
 * the job it names) go in the same sweep.
 * @returns counts of deleted rows.
 */
export async function sweepRetention(
  deps: Pick<Deps, "db" | "store">,
  options: { retentionDays: number; auditRetentionDays?: number; now?: Date },
): Promise<{ jobs: number; runs: number; idempotencyKeys: number; turnEvents: number; auditEntries: number }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * DAY_MS);
  const jobs = await deps.store.deleteFinishedBefore(cutoff);
  const runs = await deleteRunsFinishedBefore(deps.db, cutoff);
  const idempotencyKeys = await deleteIdempotencyKeysBefore(deps.db, new Date(now.getTime() - IDEMPOTENCY_TTL_MS));
  const turnEvents = await deleteEventsOfTurnsEndedBefore(deps.db, cutoff);
  const auditEntries = await deleteAuditEntriesBefore(deps.db, new Date(now.getTime() - (options.auditRetentionDays ?? 365) * DAY_MS));
  return { jobs, runs, idempotencyKeys, turnEvents, auditEntries };
}
