import "server-only";
import { randomUUID } from "node:crypto";
import { isLanguage } from "@/lib/shared/language";
import { buildRunView, isRunSuccess, type ExecutePlanResponse, type RunDetail, type RunDto, type RunEvent } from "@/lib/shared/runs";
import type { JobStatus } from "@/lib/shared/jobs";
import { auditSupportAccess } from "../audit/support-audit.ts";
import { canRead, type Viewer } from "../auth/viewer.ts";
import { inTransaction, type Tx } from "../db/client.ts";
import type { Job, Plan, Run } from "../db/generated/client.ts";
import type { Deps } from "../deps.ts";
import { env } from "../env.ts";
import { AppError } from "../errors.ts";
import { planExecuteJob } from "../jobs/handlers/plan-execute.ts";
import { toEventDto } from "../jobs/job-dto.ts";
import { requireEditablePlan } from "../plans/edit-plan.ts";
import { findPlanById, listTasks } from "../plans/plans-repo.ts";
import { countsOf, decideApproval, findApproval, findArtifact, findRun, insertRun, listRunsOf } from "./runs-repo.ts";
import { contentDisposition } from "../http/content-disposition.ts";

/** Runs listed per plan. */
const RUN_LIST_LIMIT = 50;
/** Events read per page when a run is computed from its log. */
const PAGE = 5000;

/**
 * Inserts a run and its pending plan_execute job inside `tx` (ids before
 * work: both commit with the caller's writes). The approval policy in force
 * now (TOOL_APPROVAL, TOOL_APPROVAL_TIMEOUT_MS) goes with the job. Wake the
 * queue after the commit.
 */
export async function enqueueRun(
  tx: Tx,
  r: { ownerId: string; plan: Pick<Plan, "id" | "language">; taskId: string | null; parentJobId?: string | null; jobId?: string; runId?: string },
): Promise<ExecutePlanResponse> {
  const runId = r.runId ?? randomUUID();
  const e = env();
  const job = await planExecuteJob.enqueue(
    tx,
    { id: r.jobId, ownerId: r.ownerId, planId: r.plan.id, taskId: r.taskId, parentJobId: r.parentJobId ?? null },
    { runId, planId: r.plan.id, taskId: r.taskId, language: isLanguage(r.plan.language) ? r.plan.language : "en", approvalMode: e.TOOL_APPROVAL, approvalTimeoutMs: e.TOOL_APPROVAL_TIMEOUT_MS },
  );
  await insertRun(tx, { id: runId, planId: r.plan.id, jobId: job.id, ownerId: r.ownerId, taskId: r.taskId });
  return { runId, jobId: job.id };
}

/**
 * POST /api/plans/{planId}/execute: a run of the whole plan or of one task's
 * subtree, queued behind the plan's other writers (its concurrency key).
 * @throws AppError 404 (plan or task unknown / not the viewer's), 403 (support), 400 (no tasks to run).
 */
export async function startRun(deps: Pick<Deps, "db" | "queue">, viewer: Viewer, planId: string, taskId?: string): Promise<ExecutePlanResponse> {
  const plan = await requireEditablePlan(deps, viewer, planId);
  const tasks = await listTasks(deps.db, planId);
  if (taskId && !tasks.some((t) => t.id === taskId)) throw AppError.notFound("Task");
  if (tasks.length === 0) throw new AppError("rejected", 400, "The plan has no tasks to execute yet");
  const out = await inTransaction(deps.db, (tx) => enqueueRun(tx, { ownerId: viewer.userId, plan, taskId: taskId ?? null }));
  deps.queue.wake();
  return out;
}

async function requireRun(deps: Pick<Deps, "db">, viewer: Viewer, runId: string): Promise<Run> {
  const run = await findRun(deps.db, runId);
  if (!run || !canRead(viewer, run.ownerId)) throw AppError.notFound("Run");
  return run;
}

function toRunDto(run: Run, job: Pick<Job, "status"> | null, lastExecutionKind: string | null): RunDto {
  const status = (job?.status ?? run.status) as JobStatus;
  return {
    id: run.id,
    planId: run.planId,
    jobId: run.jobId,
    ownerId: run.ownerId,
    taskId: run.taskId,
    status,
    // From the job and the log (seed 004), never from a flag alone.
    success: isRunSuccess(status, lastExecutionKind),
    counts: countsOf(run),
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** A run's events in seq order (all pages). */
async function runEvents(deps: Pick<Deps, "store">, jobId: string): Promise<RunEvent[]> {
  const out: RunEvent[] = [];
  for (let after = 0; ; ) {
    const page = await deps.store.eventsAfter(jobId, after, PAGE);
    for (const e of page) out.push(toEventDto(e));
    if (page.length < PAGE) return out;
    after = page[page.length - 1].seq;
  }
}

/**
 * GET /api/runs/{runId}: the run with its steps, computed from its stored
 * events only (buildRunView), so a replay gives what the UI showed live.
 * @throws AppError 404.
 */
export async function getRun(deps: Pick<Deps, "db" | "store">, viewer: Viewer, runId: string): Promise<RunDetail> {
  const run = await requireRun(deps, viewer, runId);
  await auditSupportAccess(deps.db, viewer, { type: "run", id: run.id, ownerId: run.ownerId });
  const job = await deps.store.find(run.jobId);
  const view = buildRunView(await runEvents(deps, run.jobId));
  return { run: toRunDto(run, job, view.lastExecutionKind), ...view };
}

/**
 * GET /api/plans/{planId}/runs: the plan's runs, newest first. `success` of a
 * finished run is the row's (set with its job's terminal status from the
 * same rule); of an open run, false.
 * @throws AppError 404.
 */
export async function listPlanRuns(deps: Pick<Deps, "db">, viewer: Viewer, planId: string): Promise<{ runs: RunDto[] }> {
  const plan = await findPlanById(deps.db, planId);
  if (!plan || !canRead(viewer, plan.ownerId)) throw AppError.notFound("Plan");
  await auditSupportAccess(deps.db, viewer, { type: "plan", id: plan.id, ownerId: plan.ownerId }, { details: { view: "runs" } });
  const runs = await listRunsOf(deps.db, planId, RUN_LIST_LIMIT);
  const jobs = new Map((await deps.db.job.findMany({ where: { id: { in: runs.map((r) => r.jobId) } }, select: { id: true, status: true } })).map((j) => [j.id, j]));
  return {
    runs: runs.map((r) => {
      const dto = toRunDto(r, jobs.get(r.jobId) ?? null, null);
      return { ...dto, success: r.success && dto.status === "succeeded" };
    }),
  };
}

/** `Content-Disposition` for a download (issue 13: moved to lib/server/http/content-disposition.ts). */
export { contentDisposition };

/**
 * GET /api/runs/{runId}/artifacts/{artifactId}: the file, as a download
 * (nosniff, its media type). @throws AppError 404.
 */
export async function downloadArtifact(deps: Pick<Deps, "db">, viewer: Viewer, runId: string, artifactId: string): Promise<Response> {
  await requireRun(deps, viewer, runId);
  const a = await findArtifact(deps.db, artifactId);
  if (!a || a.runId !== runId) throw AppError.notFound("Artifact");
  await auditSupportAccess(deps.db, viewer, { type: "artifact", id: a.id, ownerId: a.ownerId }, { details: { runId } });
  return new Response(a.content, {
    headers: {
      "Content-Type": a.mediaType,
      "Content-Disposition": contentDisposition(a.name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=31536000, immutable",
    },
  });
}

/**
 * POST /api/runs/{runId}/approvals/{callId}: the run's owner approves or
 * denies a waiting tool call; the executor sees the decision and logs it.
 * @throws AppError 404 (unknown run or call), 403 (not the owner), 409 (already decided or expired).
 */
export async function decideToolCall(deps: Pick<Deps, "db">, viewer: Viewer, runId: string, callId: string, approve: boolean): Promise<{ callId: string; approved: boolean; by: string }> {
  const run = await requireRun(deps, viewer, runId);
  if (run.ownerId !== viewer.userId) throw new AppError("forbidden", 403, "Only the run's owner can approve its tool calls");
  const approval = await findApproval(deps.db, runId, callId);
  if (!approval) throw AppError.notFound("Approval request");
  if (approval.status !== "pending") throw new AppError("conflict", 409, `This tool call was already ${approval.status} (${approval.decidedBy ?? "unknown"})`);
  if (approval.expiresAt.getTime() <= Date.now()) throw new AppError("conflict", 409, "This approval request has expired");
  if (!(await decideApproval(deps.db, runId, callId, { approved: approve, by: viewer.userId, at: new Date() }))) {
    throw new AppError("conflict", 409, "This tool call was decided meanwhile");
  }
  return { callId, approved: approve, by: viewer.userId };
}
