import "server-only";
import { buildTaskTree, type PlanDto, type PlanTree, type TaskDto, type TaskStatus } from "@/lib/shared/plans";
import type { Language } from "@/lib/shared/language";
import type { Db, Tx } from "../db/client.ts";
import type { Plan, Task } from "../db/generated/client.ts";
import type { TaskDraft } from "../llm/schemas.ts";

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

/** An owner's plans, most recently changed first (at most `limit`). */
export function listPlansOf(db: Db, ownerId: string, limit: number): Promise<Plan[]> {
  return db.plan.findMany({ where: { ownerId }, orderBy: { updatedAt: "desc" }, take: limit });
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
 * siblings, in one transaction. @returns the created rows in order.
 */
export async function appendTasks(db: Db, planId: string, parentId: string | null, drafts: TaskDraft[]): Promise<Task[]> {
  return db.$transaction(async (tx) => {
    const last = await tx.task.findFirst({ where: { planId, parentId }, orderBy: { position: "desc" }, select: { position: true } });
    const start = (last?.position ?? -1) + 1;
    const rows: Task[] = [];
    for (const [i, d] of drafts.entries()) {
      rows.push(await tx.task.create({ data: { planId, parentId, position: start + i, title: d.title, description: d.description } }));
    }
    await tx.plan.update({ where: { id: planId }, data: { updatedAt: new Date() } });
    return rows;
  });
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
  };
}

/** `{plan, tasks}` with tasks as a tree. */
export async function getPlanTree(db: Db, plan: Plan): Promise<PlanTree> {
  const tasks = await listTasks(db, plan.id);
  return { plan: toPlanDto(plan), tasks: buildTaskTree(tasks.map(toTaskDto)) };
}
