import "server-only";
import { z } from "zod";
import { PLAN_LIMITS, TASK_STATUSES, type TaskStatus } from "@/lib/shared/plans";

const id = z.string().min(1).max(100);
const position = z.number().int().min(0).nullable();
const version = z.number().int().min(1);

/**
 * One change to a plan's task tree, checked and ready to apply (the payload
 * of a `task_operation` job). Ids of tasks added by the same batch are chosen
 * before it is applied, so later operations of the batch may name them.
 * `expectedVersion` is the version the operation was checked against:
 * applying it to a task that changed since fails (optimistic concurrency), so
 * nothing overwrites a newer edit.
 */
export const taskOperationSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("add_task"), taskId: id, parentId: id.nullable(), position, title: z.string(), description: z.string() }),
  z.object({ op: z.literal("update_task"), taskId: id, expectedVersion: version, title: z.string().optional(), description: z.string().optional() }),
  z.object({ op: z.literal("move_task"), taskId: id, expectedVersion: version, parentId: id.nullable(), position }),
  z.object({ op: z.literal("set_task_status"), taskId: id, expectedVersion: version, status: z.enum(TASK_STATUSES) }),
  z.object({ op: z.literal("delete_task"), taskId: id, expectedVersion: version }),
]);
export type TaskOperation = z.infer<typeof taskOperationSchema>;

/** What the gate needs to know of a task. */
export type TaskSnapshot = { id: string; parentId: string | null; position: number; title: string; version: number };

/** A proposed edit before the gate: like TaskOperation, without the versions it will be checked against. */
export type ProposedOperation =
  | { op: "add_task"; taskId: string; parentId: string | null; position: number | null; title: string; description: string }
  | { op: "update_task"; taskId: string; title?: string; description?: string }
  | { op: "move_task"; taskId: string; parentId: string | null; position: number | null }
  | { op: "set_task_status"; taskId: string; status: TaskStatus }
  | { op: "delete_task"; taskId: string }
  | { op: "decompose_task"; taskId: string | null };

export type OperationDecision =
  | { accepted: true; operation: TaskOperation | { op: "decompose_task"; taskId: string | null } }
  | { accepted: false; reason: string };

/**
 * A plan's tree as the gate simulates it: each accepted operation changes the
 * simulation, so later operations of the same batch are checked against the
 * tree as it will be (a task deleted earlier is gone, one added earlier exists).
 */
export class PlanSimulation {
  private tasks = new Map<string, TaskSnapshot>();

  constructor(tasks: TaskSnapshot[]) {
    for (const t of tasks) this.tasks.set(t.id, { ...t });
  }

  get size(): number {
    return this.tasks.size;
  }

  get(id: string): TaskSnapshot | undefined {
    return this.tasks.get(id);
  }

  /** 1 for a top-level task. */
  depth(id: string): number {
    let d = 0;
    for (let t = this.tasks.get(id); t; t = t.parentId ? this.tasks.get(t.parentId) : undefined) d += 1;
    return d;
  }

  children(parentId: string | null): TaskSnapshot[] {
    return [...this.tasks.values()].filter((t) => t.parentId === parentId).sort((a, b) => a.position - b.position);
  }

  /** The task and every task under it. */
  subtree(id: string): string[] {
    const out = [id];
    for (let i = 0; i < out.length; i++) for (const c of this.children(out[i])) out.push(c.id);
    return out;
  }

  /** Levels in the subtree rooted at `id` (1 for a leaf). */
  height(id: string): number {
    return 1 + Math.max(0, ...this.children(id).map((c) => this.height(c.id)));
  }

  /** Decides one operation and, when accepted, applies it to the simulation. */
  decide(p: ProposedOperation): OperationDecision {
    const reject = (reason: string): OperationDecision => ({ accepted: false, reason });
    const titleProblem = (title: string | undefined) =>
      title === undefined
        ? null
        : !title.trim()
          ? "A task needs a title"
          : title.length > PLAN_LIMITS.maxTitleChars
            ? `A task title has at most ${PLAN_LIMITS.maxTitleChars} characters`
            : null;
    const descriptionProblem = (d: string | undefined) =>
      d !== undefined && d.length > PLAN_LIMITS.maxDescriptionChars ? `A task description has at most ${PLAN_LIMITS.maxDescriptionChars} characters` : null;
    if (p.op === "decompose_task") {
      if (p.taskId === null) return { accepted: true, operation: p };
      if (!this.tasks.has(p.taskId)) return reject(`Task ${p.taskId} is not in this plan`);
      if (this.depth(p.taskId) >= PLAN_LIMITS.maxDepth) return reject(`Tasks nest at most ${PLAN_LIMITS.maxDepth} levels deep`);
      return { accepted: true, operation: p };
    }
    if (p.op === "add_task") {
      const problem = titleProblem(p.title) ?? descriptionProblem(p.description);
      if (problem) return reject(problem);
      if (p.parentId !== null && !this.tasks.has(p.parentId)) return reject(`Task ${p.parentId} is not in this plan`);
      if (this.tasks.size >= PLAN_LIMITS.maxTasks) return reject(`A plan has at most ${PLAN_LIMITS.maxTasks} tasks`);
      if (p.parentId !== null && this.depth(p.parentId) + 1 > PLAN_LIMITS.maxDepth) return reject(`Tasks nest at most ${PLAN_LIMITS.maxDepth} levels deep`);
      const siblings = this.children(p.parentId);
      this.tasks.set(p.taskId, { id: p.taskId, parentId: p.parentId, position: p.position ?? siblings.length, title: p.title.trim(), version: 1 });
      this.renumber(p.parentId, p.taskId, p.position);
      return { accepted: true, operation: { ...p, title: p.title.trim() } };
    }
    const task = this.tasks.get(p.taskId);
    if (!task) return reject(`Task ${p.taskId} is not in this plan`);
    const expectedVersion = task.version;
    switch (p.op) {
      case "update_task": {
        if (p.title === undefined && p.description === undefined) return reject("Nothing to change");
        const problem = titleProblem(p.title) ?? descriptionProblem(p.description);
        if (problem) return reject(problem);
        if (p.title !== undefined) task.title = p.title.trim();
        task.version += 1;
        return { accepted: true, operation: { ...p, ...(p.title !== undefined ? { title: p.title.trim() } : {}), expectedVersion } };
      }
      case "set_task_status":
        task.version += 1;
        return { accepted: true, operation: { ...p, expectedVersion } };
      case "delete_task":
        for (const id of this.subtree(p.taskId)) this.tasks.delete(id);
        this.renumber(task.parentId);
        return { accepted: true, operation: { ...p, expectedVersion } };
      case "move_task": {
        if (p.parentId !== null) {
          if (!this.tasks.has(p.parentId)) return reject(`Task ${p.parentId} is not in this plan`);
          if (this.subtree(p.taskId).includes(p.parentId)) return reject("A task cannot move under itself or its own subtasks");
          if (this.depth(p.parentId) + this.height(p.taskId) > PLAN_LIMITS.maxDepth) return reject(`Tasks nest at most ${PLAN_LIMITS.maxDepth} levels deep`);
        }
        const from = task.parentId;
        task.parentId = p.parentId;
        task.position = p.position ?? Number.MAX_SAFE_INTEGER;
        task.version += 1;
        this.renumber(from);
        this.renumber(p.parentId, p.taskId, p.position);
        return { accepted: true, operation: { ...p, expectedVersion } };
      }
    }
  }

  /** Positions 0…n−1 among `parentId`'s children; `placed` goes to index `at` (null = last). */
  private renumber(parentId: string | null, placed?: string, at?: number | null): void {
    const ordered = this.children(parentId).filter((t) => t.id !== placed);
    if (placed) ordered.splice(at === null || at === undefined ? ordered.length : Math.min(at, ordered.length), 0, this.tasks.get(placed)!);
    ordered.forEach((t, i) => (t.position = i));
  }
}
