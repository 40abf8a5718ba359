import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { addTaskSchema, DeleteTaskResponse, TaskDto, updateTaskSchema } from "@/lib/shared/plans";
import type { JobDto } from "@/lib/shared/jobs";
import { isLanguage } from "@/lib/shared/language";
import { canRead, type Viewer } from "../auth/viewer.ts";
import { inTransaction } from "../db/client.ts";
import type { Plan, Task } from "../db/generated/client.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { planDecomposeJob } from "../jobs/handlers/plan-decompose.ts";
import { toJobDto } from "../jobs/job-dto.ts";
import { applyTaskOperations, findPlanById, findTask, listTasks, StaleTaskError, toTaskDto } from "./plans-repo.ts";
import { notifyPlanChanged } from "./plan-changes.ts";
import { PlanSimulation, type ProposedOperation, type TaskOperation } from "./task-operations.ts";

/**
 * The plan `viewer` may edit: its owner only. Support reads every plan but
 * edits none (an edit goes through the owner's session).
 * @throws AppError 404 (unknown or not readable), 403 (support on someone else's plan).
 */
export async function requireEditablePlan(deps: Pick<Deps, "db">, viewer: Viewer, planId: string): Promise<Plan> {
  const plan = await findPlanById(deps.db, planId);
  if (!plan || !canRead(viewer, plan.ownerId)) throw AppError.notFound("Plan");
  if (plan.ownerId !== viewer.userId) throw new AppError("forbidden", 403, "Support can read this plan but only its owner can change it");
  return plan;
}

/**
 * Checks `proposed` with the same gate as chat operations, against the plan
 * as it is now, then applies what passed in one transaction and notifies the
 * plan's watchers. Synchronous: the answer carries the result.
 * @throws AppError 400 (a rule of the gate, with its reason), 404 (task not in the plan), 409 (stale version, with the current task).
 */
async function applyChecked(
  deps: Pick<Deps, "db" | "bus">,
  planId: string,
  propose: ProposedOperation[] | ((tasks: Task[]) => ProposedOperation[]),
  expected?: { taskId: string; version: number },
): Promise<string[][]> {
  const tasks = await listTasks(deps.db, planId);
  const proposed = typeof propose === "function" ? propose(tasks) : propose;
  const current = expected && tasks.find((t) => t.id === expected.taskId);
  if (expected && !current) throw AppError.notFound("Task");
  if (expected && current && current.version !== expected.version) throw staleVersion(current);
  const sim = new PlanSimulation(tasks);
  const operations: TaskOperation[] = [];
  for (const p of proposed) {
    const d = sim.decide(p);
    if (!d.accepted) throw new AppError("rejected", 400, d.reason);
    if (d.operation.op !== "decompose_task") operations.push(d.operation);
  }
  try {
    const changed = await inTransaction(deps.db, (tx) => applyTaskOperations(tx, planId, operations));
    notifyPlanChanged(deps.bus, planId);
    return changed;
  } catch (error) {
    if (error instanceof StaleTaskError) {
      if (error.current) throw staleVersion(error.current);
      throw AppError.notFound("Task");
    }
    throw error;
  }
}

function staleVersion(current: Parameters<typeof toTaskDto>[0]): AppError {
  return new AppError("conflict", 409, `The task changed since you read it (now version ${current.version})`, { task: toTaskDto(current) });
}

async function readTask(deps: Pick<Deps, "db">, planId: string, taskId: string): Promise<TaskDto> {
  const task = await findTask(deps.db, planId, taskId);
  if (!task) throw AppError.notFound("Task");
  return toTaskDto(task);
}

/** POST /api/plans/{planId}/tasks. @returns the new task. @throws see applyChecked, 403/404 for the plan. */
export async function addTask(deps: Pick<Deps, "db" | "bus">, viewer: Viewer, planId: string, input: z.output<typeof addTaskSchema>): Promise<TaskDto> {
  await requireEditablePlan(deps, viewer, planId);
  const taskId = randomUUID();
  await applyChecked(deps, planId, [
    { op: "add_task", taskId, parentId: input.parentId ?? null, position: input.position ?? null, title: input.title, description: input.description ?? "" },
  ]);
  return readTask(deps, planId, taskId);
}

/** PATCH /api/plans/{planId}/tasks/{taskId}: content, status and place in one change. @returns the task as it is now. */
export async function updateTask(
  deps: Pick<Deps, "db" | "bus">,
  viewer: Viewer,
  planId: string,
  taskId: string,
  input: z.output<typeof updateTaskSchema>,
): Promise<TaskDto> {
  await requireEditablePlan(deps, viewer, planId);
  // Built from the tasks applyChecked reads anyway: a move without `parentId` keeps the current parent.
  const propose = (tasks: Task[]): ProposedOperation[] => {
    const proposed: ProposedOperation[] = [];
    if (input.title !== undefined || input.description !== undefined) proposed.push({ op: "update_task", taskId, title: input.title, description: input.description });
    if (input.status !== undefined) proposed.push({ op: "set_task_status", taskId, status: input.status });
    if (input.parentId !== undefined || input.position !== undefined) {
      const parentId = input.parentId === undefined ? (tasks.find((t) => t.id === taskId)?.parentId ?? null) : input.parentId;
      proposed.push({ op: "move_task", taskId, parentId, position: input.position ?? null });
    }
    return proposed;
  };
  await applyChecked(deps, planId, propose, { taskId, version: input.version });
  return readTask(deps, planId, taskId);
}

/** DELETE /api/plans/{planId}/tasks/{taskId}?version=: the task and its subtree. */
export async function deleteTask(deps: Pick<Deps, "db" | "bus">, viewer: Viewer, planId: string, taskId: string, version: number): Promise<DeleteTaskResponse> {
  await requireEditablePlan(deps, viewer, planId);
  const [deleted] = await applyChecked(deps, planId, [{ op: "delete_task", taskId }], { taskId, version });
  return { deletedTaskIds: deleted };
}

/**
 * POST /api/plans/{planId}/tasks/{taskId}/decompose: a `plan_decompose` job
 * for that task, under the plan's concurrency key (after the plan's earlier jobs).
 * @returns 202's body: the job id and the pending job.
 */
export async function decomposeTask(deps: Deps, viewer: Viewer, planId: string, taskId: string): Promise<{ jobId: string; job: JobDto }> {
  const plan = await requireEditablePlan(deps, viewer, planId);
  const tasks = await listTasks(deps.db, planId);
  const d = new PlanSimulation(tasks).decide({ op: "decompose_task", taskId });
  if (!d.accepted) throw tasks.some((t) => t.id === taskId) ? new AppError("rejected", 400, d.reason) : AppError.notFound("Task");
  const language = isLanguage(plan.language) ? plan.language : "en";
  const job = await deps.queue.enqueue(planDecomposeJob, { ownerId: viewer.userId, planId, taskId }, { planId, taskId, language });
  return { jobId: job.id, job: toJobDto(job) };
}
