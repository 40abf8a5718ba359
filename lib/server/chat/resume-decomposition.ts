import "server-only";
import { createHash } from "node:crypto";
import type { ChatAction, JobRef } from "@/lib/shared/chat";
import type { JobDto } from "@/lib/shared/jobs";
import { isLanguage } from "@/lib/shared/language";
import type { Viewer } from "../auth/viewer.ts";
import { inTransaction } from "../db/client.ts";
import type { Job } from "../db/generated/client.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { t } from "../i18n/messages.ts";
import { planDecomposeJob } from "../jobs/handlers/plan-decompose.ts";
import { toJobDto } from "../jobs/job-dto.ts";
import { requireJob } from "../jobs/job-queries.ts";
import { findTask } from "../plans/plans-repo.ts";
import { findMessageMetadata, updateMessageMetadata } from "./chat-repo.ts";

/** How many parent (or resumed) jobs are followed up to the message's chat_actions job. */
const CHAIN_LIMIT = 50;

/**
 * The id of the job that resumes `jobId`: a UUID (version 8, RFC 9562 §5.8)
 * derived from it, so a job is resumed at most once even when two requests
 * race (the second insert meets the primary key).
 */
export function resumeJobId(jobId: string): string {
  const h = createHash("sha256").update(`resume:${jobId}`).digest("hex");
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The chat message whose jobs include `job`: up its parents (and the jobs it resumes) to a chat_actions job. */
async function messageIdOf(deps: Pick<Deps, "store">, job: Job): Promise<string | undefined> {
  let current: Job | null = job;
  for (let i = 0; current && i < CHAIN_LIMIT; i++) {
    if (current.jobType === "chat_actions") return (current.params as { messageId?: string } | null)?.messageId;
    const next: string | null | undefined = current.parentJobId ?? (current.params as { resumeOf?: string } | null)?.resumeOf;
    current = next ? await deps.store.find(next) : null;
  }
  return undefined;
}

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === "object" && error !== null && ((error as { code?: string }).code === "P2002" || /UNIQUE constraint failed/i.test(String((error as Error).message)));

/**
 * POST /api/jobs/{jobId}/resume: a cancelled or failed `plan_decompose` job
 * continues in a new `plan_decompose` job (same plan, task and language,
 * `resumeOf` = the old job; the plan's concurrency key), which skips every
 * task the old job (or the jobs it resumed) already split, so no task gets a
 * second set of subtasks. When the old job came from a chat message, the new
 * job is added to that message's `metadata.jobs` (with `resumeOf`) and
 * `actions`, in the same transaction, so the chat shows its panel.
 * @returns `{jobId, job}` of the new, pending job.
 * @throws AppError 404 (unknown or another user's job), 403 (support: only the
 * owner resumes), 409 (not a plan_decompose job that ended failed or
 * cancelled, or already resumed).
 */
export async function resumeDecomposition(deps: Pick<Deps, "db" | "store" | "queue">, viewer: Viewer, jobId: string): Promise<{ jobId: string; job: JobDto }> {
  const old = await requireJob(deps.store, viewer, jobId);
  if (old.ownerId !== viewer.userId) throw new AppError("forbidden", 403, "Support can read this job but only its owner can resume it");
  if (old.jobType !== "plan_decompose") throw new AppError("conflict", 409, `Only a decomposition can be resumed, not a ${old.jobType} job`);
  if (old.status !== "failed" && old.status !== "cancelled") throw new AppError("conflict", 409, `Only a failed or cancelled decomposition can be resumed; this one is ${old.status}`);
  const id = resumeJobId(old.id);
  const already = () => new AppError("conflict", 409, `Job ${old.id} was already resumed by job ${id}`, { jobId: id });
  if (await deps.store.find(id)) throw already();

  const params = old.params as { planId?: string; taskId?: string | null; language?: string };
  const planId = old.planId ?? params.planId;
  if (!planId) throw new AppError("conflict", 409, "The decomposition has no plan");
  const taskId = old.taskId ?? params.taskId ?? null;
  const language = isLanguage(params.language) ? params.language : "en";
  const messageId = await messageIdOf(deps, old);

  let job: Job;
  try {
    job = await inTransaction(deps.db, async (tx) => {
      const created = await planDecomposeJob.enqueue(tx, { id, ownerId: viewer.userId, planId, taskId }, { planId, taskId, language, resumeOf: old.id });
      const metadata = messageId ? await findMessageMetadata(tx, messageId) : null;
      if (metadata && messageId) {
        const task = taskId ? await findTask(tx, planId, taskId) : null;
        const name = task ? t(language, "action.resume_decompose", { title: task.title }) : t(language, "action.resume_decompose_all");
        const ref: JobRef = { jobId: id, jobType: "plan_decompose", resumeOf: old.id };
        const action: ChatAction = { kind: "decompose_task", name, status: "pending", jobId: id };
        await updateMessageMetadata(tx, messageId, { ...metadata, jobs: [...metadata.jobs, ref], actions: [...(metadata.actions ?? []), action] });
      }
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw already();
    throw error;
  }
  deps.queue.wake();
  return { jobId: id, job: toJobDto(job) };
}
