import "server-only";
import type { TaskStatus } from "@/lib/shared/plans";
import type { ArtifactDto, ArtifactRef, RunCounts } from "@/lib/shared/runs";
import type { Db, Tx } from "../db/client.ts";
import type { Approval, Artifact, Run, TaskResult } from "../db/generated/client.ts";
import { setTaskStatus } from "../plans/plans-repo.ts";
import { redactText } from "../security/redact.ts";

// Runs, task results, artifacts and approvals: the only module that touches those tables.

/** Inserts a pending run inside the caller's transaction (with its plan_execute job). */
export function insertRun(tx: Tx, r: { id: string; planId: string; jobId: string; ownerId: string; taskId: string | null }): Promise<Run> {
  return tx.run.create({ data: r });
}

export function findRun(db: Db | Tx, runId: string): Promise<Run | null> {
  return db.run.findUnique({ where: { id: runId } });
}

export function findRunOfJob(db: Db | Tx, jobId: string): Promise<Run | null> {
  return db.run.findUnique({ where: { jobId } });
}

/** A plan's runs, newest first. */
export function listRunsOf(db: Db, planId: string, limit: number): Promise<Run[]> {
  return db.run.findMany({ where: { planId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
}

/** Sets counters and times of a run (inside the executor's commits). */
export async function updateRun(
  tx: Tx,
  runId: string,
  data: Partial<Pick<Run, "tasksTotal" | "tasksDone" | "tasksManual" | "tasksFailed" | "tasksSkipped" | "toolCalls" | "startedAt" | "completedAt">>,
): Promise<void> {
  await tx.run.update({ where: { id: runId }, data });
}

/**
 * Mirrors a job's status transition onto its run, in the transition's own
 * transaction (so a run's status and `success` commit with the job's): a
 * terminal status sets finishedAt, and success = succeeded and the run wrote
 * workflow_complete (completedAt). No-op for jobs without a run.
 */
export async function settleRunOfJob(tx: Tx, jobId: string, status: string, at: Date): Promise<void> {
  const run = await tx.run.findUnique({ where: { jobId }, select: { id: true, planId: true, completedAt: true, startedAt: true } });
  if (!run) return;
  if (status === "failed" || status === "cancelled") await restoreInterruptedTasks(tx, jobId, run.planId);
  const terminal = status === "succeeded" || status === "failed" || status === "cancelled";
  await tx.run.update({
    where: { id: run.id },
    data: {
      status,
      success: status === "succeeded" && run.completedAt !== null,
      ...(terminal ? { finishedAt: at } : { finishedAt: null }),
      ...(status === "running" && !run.startedAt ? { startedAt: at } : {}),
    },
  });
}

/**
 * A run that ends failed or cancelled without its executor's own clean-up
 * (its server died on the last attempt, so lease recovery failed the job
 * for good) must not leave the task it was on `in_progress`: every task of
 * the run that is still `in_progress` goes back to its status before the
 * run, as recorded in the first `workflow_started` event (`before`). Tasks
 * that were already `in_progress` before the run are left alone. Inside the
 * terminal transition's transaction; the plan's `updatedAt` moves, so plan
 * streams refetch the tree. @returns the ids of the tasks restored.
 */
async function restoreInterruptedTasks(tx: Tx, jobId: string, planId: string): Promise<string[]> {
  const started = await tx.jobEvent.findFirst({ where: { jobId, kind: "workflow_started" }, orderBy: { seq: "asc" }, select: { data: true } });
  const data = started?.data as { taskIds?: string[]; before?: Record<string, TaskStatus> } | null | undefined;
  if (!data?.taskIds?.length) return [];
  const stuck = await tx.task.findMany({ where: { planId, id: { in: data.taskIds }, status: "in_progress" }, select: { id: true } });
  const restored: string[] = [];
  for (const { id } of stuck) {
    const before = data.before?.[id] ?? "todo";
    if (before !== "in_progress" && (await setTaskStatus(tx, planId, id, before))) restored.push(id);
  }
  return restored;
}

export function countsOf(r: Run): RunCounts {
  return { tasksTotal: r.tasksTotal, tasksDone: r.tasksDone, tasksManual: r.tasksManual, tasksFailed: r.tasksFailed, tasksSkipped: r.tasksSkipped, toolCalls: r.toolCalls };
}

/** Results a run already recorded, by task id. */
export async function findTaskResults(db: Db | Tx, runId: string): Promise<Map<string, TaskResult>> {
  const rows = await db.taskResult.findMany({ where: { runId } });
  return new Map(rows.map((r) => [r.taskId, r]));
}

/** Records a task's outcome in a run (once: the key is run and task). */
export async function saveTaskResult(tx: Tx, r: { runId: string; taskId: string; status: "completed" | "failed"; text: string; data: Record<string, unknown> }): Promise<void> {
  await tx.taskResult.create({ data: { ...r, data: r.data as object } });
}

/** Stores a file. @returns its reference as events carry it. */
export async function insertArtifact(
  db: Db | Tx,
  a: { runId: string | null; jobId: string; planId: string | null; taskId: string | null; callId: string | null; ownerId: string; name: string; mediaType: string; content: string },
): Promise<ArtifactRef> {
  // Secrets out of the name and content first, so `bytes` and the returned name are those stored (docs/data-protection.md).
  a = { ...a, name: redactText(a.name), content: redactText(a.content) };
  const bytes = Buffer.byteLength(a.content, "utf8");
  const row = await db.artifact.create({ data: { ...a, bytes }, select: { id: true } });
  return { artifactId: row.id, name: a.name, mediaType: a.mediaType, bytes };
}

export function findArtifact(db: Db, id: string): Promise<Artifact | null> {
  return db.artifact.findUnique({ where: { id } });
}

/** The download URL of an artifact of a run. */
export const artifactUrl = (runId: string, artifactId: string): string => `/api/runs/${encodeURIComponent(runId)}/artifacts/${encodeURIComponent(artifactId)}`;

export function toArtifactDto(a: Omit<Artifact, "content">): ArtifactDto {
  return {
    id: a.id,
    runId: a.runId,
    taskId: a.taskId,
    callId: a.callId,
    name: a.name,
    mediaType: a.mediaType,
    bytes: a.bytes,
    createdAt: a.createdAt.toISOString(),
    url: a.runId ? artifactUrl(a.runId, a.id) : `/api/artifacts/${a.id}`,
  };
}

export async function insertApproval(db: Db, a: { runId: string; callId: string; jobId: string; tool: string; input: unknown; expiresAt: Date }): Promise<void> {
  await db.approval.create({ data: { ...a, input: (a.input ?? null) as object } });
}

export function findApproval(db: Db | Tx, runId: string, callId: string): Promise<Approval | null> {
  return db.approval.findUnique({ where: { runId_callId: { runId, callId } } });
}

/**
 * Decides a pending approval once. @returns whether this call decided it
 * (false: already decided, or unknown).
 */
export async function decideApproval(db: Db, runId: string, callId: string, d: { approved: boolean; by: string; at: Date }): Promise<boolean> {
  const r = await db.approval.updateMany({
    where: { runId, callId, status: "pending" },
    data: { status: d.approved ? "approved" : "denied", decidedBy: d.by, decidedAt: d.at },
  });
  return r.count === 1;
}

/**
 * Deletes runs that finished before `cutoff` with their task results,
 * artifacts and approvals (retention: their jobs go at the same cutoff).
 * @returns how many runs were deleted.
 */
export async function deleteRunsFinishedBefore(db: Db, cutoff: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const ids = (await db.run.findMany({ where: { finishedAt: { lt: cutoff } }, select: { id: true }, take: 500 })).map((r) => r.id);
    if (ids.length === 0) return deleted;
    await db.$transaction([
      db.artifact.deleteMany({ where: { runId: { in: ids } } }),
      db.approval.deleteMany({ where: { runId: { in: ids } } }),
      db.run.deleteMany({ where: { id: { in: ids } } }),
    ]);
    deleted += ids.length;
  }
}
