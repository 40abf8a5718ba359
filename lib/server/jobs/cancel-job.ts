import "server-only";
import { isTerminal, type JobDto } from "@/lib/shared/jobs";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { requireJob } from "./job-queries.ts";
import { toJobDto } from "./jobs-repo.ts";

type Runner = {
  abort(jobId: string, reason: string): boolean;
  finishWithoutRunning(job: { id: string; stats: unknown }, status: "cancelled", reason: string): Promise<boolean>;
};

/**
 * POST /api/jobs/{id}/cancel. A pending job is cancelled at once, with its
 * terminal event. A running job gets `cancelRequestedAt`; the process running
 * it aborts the handler through its AbortSignal (which reaches the model
 * call): at once when that is this process, else at its next heartbeat. The
 * terminal `cancelled` event follows. Closing a stream never cancels
 * (guarantee 9): this is the only way.
 * @throws AppError 404 (unknown or not the viewer's), 409 when already finished.
 */
export async function cancelJob(db: Db, runner: Runner, viewer: { userId: string; role: string }, jobId: string): Promise<JobDto> {
  const job = await requireJob(db, viewer, jobId);
  if (isTerminal(job.status)) throw new AppError("conflict", 409, `Job already ${job.status}`);
  const reason = viewer.role === "support" ? "cancelled by support" : "cancelled by request";
  if (job.status === "pending" && (await runner.finishWithoutRunning(job, "cancelled", reason))) {
    return toJobDto(await db.job.findUniqueOrThrow({ where: { id: jobId } }));
  }
  // Running (or claimed a moment ago): flag it for whichever process holds the lease.
  const flagged = await db.job.updateMany({
    where: { id: jobId, status: { in: ["pending", "running"] } },
    data: { cancelRequestedAt: new Date() },
  });
  if (flagged.count === 0) {
    const now = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    throw new AppError("conflict", 409, `Job already ${now.status}`);
  }
  runner.abort(jobId, reason);
  return toJobDto(await db.job.findUniqueOrThrow({ where: { id: jobId } }));
}
