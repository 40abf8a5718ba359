import "server-only";
import { buildTaskTree, type PlanDto, type PlanTree, type TaskDto, type TaskStatus } from "@/lib/shared/plans";
import type { Language } from "@/lib/shared/language";
import type { Db, Tx } from "../db/client.ts";
import type { Plan, Prisma, Task } from "../db/generated/client.ts";
import type { TaskDraft } from "../llm/schemas.ts";
import type { TaskOperation } from "./task-operations.ts";

/** A plan by id, or null. No ownership check: callers check `canRead`. */
export function findPlanById(db: Db | Tx, planId: string): Promise<Plan | null> {
  return db.plan.findUnique({ where: { id: planId } });
}

/** The newest plan of a conversation, or null. */
export function latestPlanOfConversation(db: Db | Tx, conversationId: string): Promise<Plan | null> {
  return db.plan.findFirst({ where: { conversationId }, orderBy: { createdAt: "desc" } });
}

/** Ids of a conversation's plans, oldest first. */
export async function planIdsOfConversation(db: Db | Tx, conversationId: string): Promise<string[]> {
  const rows = await db.plan.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** An owner's plans (null: everyone's), most recently changed first (at most `limit`). */
export function listPlansOf(db: Db, ownerId: string | null, limit: number): Promise<Plan[]> {
  return db.plan.findMany({ where: ownerId ? { ownerId } : {}, orderBy: { updatedAt: "desc" }, take: limit });
}

/** Inserts a plan inside the caller's transaction. */
export async function createPlan(
  tx: Tx,
  plan: { id: string; ownerId: string; conversationId: string; title: string; goal: string; language: Language },
): Promise<void> {
  await tx.plan.create({ data: plan });
}

export function listTasks(db: Db | Tx, planId: string): Promise<Task[]> {
  return db.task.findMany({ where: { planId }, orderBy: [{ parentId: "asc" }, { position: "asc" }] });
}

/** Top-level tasks of a plan (a retried create_plan must not write them twice). */
export function countTopLevelTasks(db: Db | Tx, planId: string): Promise<number> {
  return db.task.count({ where: { planId, parentId: null } });
}

/**
 * Appends tasks under `parentId` (null = top level) after the existing
 * siblings, inside the caller's transaction. @returns the created rows in order.
 */
export async function appendTasks(tx: Tx, planId: string, parentId: string | null, drafts: TaskDraft[]): Promise<Task[]> {
  const last = await tx.task.findFirst({ where: { planId, parentId }, orderBy: { position: "desc" }, select: { position: true } });
  const start = (last?.position ?? -1) + 1;
  const rows: Task[] = [];
  for (const [i, d] of drafts.entries()) {
    rows.push(await tx.task.create({ data: { planId, parentId, position: start + i, title: d.title, description: d.description } }));
  }
  await tx.plan.update({ where: { id: planId }, data: { updatedAt: new Date() } });
  return rows;
}

/** Tasks in a plan. */
export function countTasks(db: Db | Tx, planId: string): Promise<number> {
  return db.task.count({ where: { planId } });
}

export function toPlanDto(p: Plan): PlanDto {
  return {
    id: p.id,
    title: p.title,
    goal: p.goal,
    language: p.language,
    conversationId: p.conversationId,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toTaskDto(t: Task): TaskDto {
  return {
    id: t.id,
    planId: t.planId,
    parentId: t.parentId,
    position: t.position,
    title: t.title,
    description: t.description,
    status: t.status as TaskStatus,
    version: t.version,
  };
}

/** `{plan, tasks}` with tasks as a tree. */
export async function getPlanTree(db: Db, plan: Plan): Promise<PlanTree> {
  const tasks = await listTasks(db, plan.id);
  return { plan: toPlanDto(plan), tasks: buildTaskTree(tasks.map(toTaskDto)) };
}

/** A task changed (or vanished) since it was read: nothing of the batch was applied. */
export class StaleTaskError extends Error {
  override name = "StaleTaskError";
  constructor(
    readonly taskId: string,
    readonly current: Task | null,
  ) {
    super(current ? `Task "${current.title}" changed since it was read (version ${current.version})` : `Task ${taskId} no longer exists`);
  }
}

/** Positions 0…n−1 among `parentId`'s children, `placed` at index `at` (null = last). Only rows whose position changes are written. */
async function placeAmongSiblings(tx: Tx, planId: string, parentId: string | null, placed?: string, at?: number | null): Promise<void> {
  const siblings = await tx.task.findMany({ where: { planId, parentId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, position: true } });
  const ordered = siblings.filter((s) => s.id !== placed);
  if (placed) ordered.splice(at === null || at === undefined ? ordered.length : Math.min(at, ordered.length), 0, { id: placed, position: -1 });
  for (const [i, s] of ordered.entries()) if (s.position !== i) await tx.task.update({ where: { id: s.id }, data: { position: i } });
}

/** Bumps the task's version if it is still `expected`; @throws StaleTaskError otherwise. */
async function claimVersion(tx: Tx, planId: string, taskId: string, expected: number, data: Prisma.TaskUpdateManyMutationInput = {}): Promise<void> {
  const updated = await tx.task.updateMany({ where: { id: taskId, planId, version: expected }, data: { ...data, version: { increment: 1 } } });
  if (updated.count !== 1) throw new StaleTaskError(taskId, await tx.task.findFirst({ where: { id: taskId, planId } }));
}

/** A new task's position until placeAmongSiblings renumbers its siblings: after any real one, and within a 32-bit integer (PostgreSQL's `integer`). */
const LAST_POSITION = 2 ** 31 - 1;

/**
 * Applies checked operations (see `task-operations.ts`) in order inside the
 * caller's transaction: the batch is all-or-nothing with it. Each operation
 * checks the version it was decided on, so a newer edit is never overwritten.
 * @returns per operation, the ids of the tasks it changed (a delete: the whole subtree).
 * @throws StaleTaskError when a task changed or vanished since it was read.
 */
export async function applyTaskOperations(tx: Tx, planId: string, operations: TaskOperation[]): Promise<string[][]> {
  const changed: string[][] = [];
  for (const o of operations) {
    switch (o.op) {
      case "add_task":
        await tx.task.create({ data: { id: o.taskId, planId, parentId: o.parentId, position: LAST_POSITION, title: o.title, description: o.description } });
        await placeAmongSiblings(tx, planId, o.parentId, o.taskId, o.position);
        changed.push([o.taskId]);
        break;
      case "update_task":
        await claimVersion(tx, planId, o.taskId, o.expectedVersion, { ...(o.title !== undefined ? { title: o.title } : {}), ...(o.description !== undefined ? { description: o.description } : {}) });
        changed.push([o.taskId]);
        break;
      case "set_task_status":
        await claimVersion(tx, planId, o.taskId, o.expectedVersion, { status: o.status });
        changed.push([o.taskId]);
        break;
      case "move_task": {
        const from = (await tx.task.findFirst({ where: { id: o.taskId, planId }, select: { parentId: true } }))?.parentId ?? null;
        await claimVersion(tx, planId, o.taskId, o.expectedVersion, { parentId: o.parentId });
        if (from !== o.parentId) await placeAmongSiblings(tx, planId, from);
        await placeAmongSiblings(tx, planId, o.parentId, o.taskId, o.position);
        changed.push([o.taskId]);
        break;
      }
      case "delete_task": {
        const row = await tx.task.findFirst({ where: { id: o.taskId, planId }, select: { parentId: true } });
        await claimVersion(tx, planId, o.taskId, o.expectedVersion);
        const subtree = [o.taskId];
        for (let i = 0; i < subtree.length; i++) {
          for (const c of await tx.task.findMany({ where: { planId, parentId: subtree[i] }, select: { id: true } })) subtree.push(c.id);
        }
        await tx.task.deleteMany({ where: { planId, id: { in: subtree } } });
        await placeAmongSiblings(tx, planId, row?.parentId ?? null);
        changed.push(subtree);
        break;
      }
    }
  }
  if (operations.length > 0) await tx.plan.update({ where: { id: planId }, data: { updatedAt: new Date() } });
  return changed;
}

/** A task of the plan, or null. */
export function findTask(db: Db | Tx, planId: string, taskId: string): Promise<Task | null> {
  return db.task.findFirst({ where: { id: taskId, planId } });
}

/**
 * Sets one task's status (a run moving it along), bumping its version so
 * editors holding the old one get a 409 instead of overwriting it.
 * @returns whether the task still exists.
 */
export async function setTaskStatus(tx: Tx, planId: string, taskId: string, status: TaskStatus): Promise<boolean> {
  const r = await tx.task.updateMany({ where: { id: taskId, planId }, data: { status, version: { increment: 1 } } });
  if (r.count === 1) await tx.plan.update({ where: { id: planId }, data: { updatedAt: new Date() } });
  return r.count === 1;
}
