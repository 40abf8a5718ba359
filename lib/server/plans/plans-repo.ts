import "server-only";
import type { Db, Tx } from "../db/client.ts";
import type { Plan, Task } from "../db/generated/client.ts";
import { buildTaskTree, type PlanDto, type PlanTree, type TaskDto, type TaskStatus } from "@/lib/shared/plans";
import type { TaskDraft } from "../llm/schemas.ts";

/** A plan if the viewer may see it (owner or support), else null. */
export async function findPlan(db: Db | Tx, planId: string, viewer: { userId: string; role: string }): Promise<Plan | null> {
  const plan = await db.plan.findUnique({ where: { id: planId } });
  if (!plan || (viewer.role !== "support" && plan.ownerId !== viewer.userId)) return null;
  return plan;
}

export async function listTasks(db: Db | Tx, planId: string): Promise<Task[]> {
  return db.task.findMany({ where: { planId }, orderBy: [{ parentId: "asc" }, { position: "asc" }] });
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
