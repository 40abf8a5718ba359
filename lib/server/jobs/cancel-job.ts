import "server-only";
import { isTerminal, type JobDto } from "@/lib/shared/jobs";
import { auditSupportAccess } from "../audit/support-audit.ts";
import type { Viewer } from "../auth/viewer.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { toJobDto } from "./job-dto.ts";
import { requireJob } from "./job-queries.ts";
import { finishPending } from "./transition-job.ts";

/**
 * POST /api/jobs/{id}/cancel. A pending job is cancelled at once, with its
 * terminal event. A running job gets `cancelRequestedAt`; the process running
 * it aborts the handler through its AbortSignal (which reaches the model
 * call): at once when that is this process (`abortHere`), else at its next
 * heartbeat. The terminal `cancelled` event follows. Closing a stream never
 * cancels (guarantee 9): this is the only way.
 * @throws AppError 404 (unknown or not the viewer's), 409 when already finished.
 */
export async function cancelJob(
  deps: Pick<Deps, "store" | "bus" | "db"> & { abortHere(jobId: string, reason: string): boolean },
  viewer: Viewer,
  jobId: string,
): Promise<JobDto> {
  const { store } = deps;
  const job = await requireJob(store, viewer, jobId);
  if (isTerminal(job.status)) throw new AppError("conflict", 409, `Job already ${job.status}`);
  await auditSupportAccess(deps.db, viewer, { type: "job", id: job.id, ownerId: job.ownerId }, { action: "support.cancel" });
  const reason = viewer.role === "support" ? "cancelled by support" : "cancelled by request";
  const current = async () => toJobDto((await store.find(jobId))!);
  if (job.status === "pending" && (await finishPending(deps, job, "cancelled", reason))) return current();
  // Running (or claimed a moment ago): flag it for whichever process holds the lease.
  if (!(await store.requestCancel(jobId))) throw new AppError("conflict", 409, `Job already ${(await current()).status}`);
  deps.abortHere(jobId, reason);
  return current();
}
