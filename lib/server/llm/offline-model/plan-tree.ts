import "server-only";
// The plan's task tree as the proposed actions will leave it: each command of
// a message changes it, so later commands get positions (0-based among the
// siblings) that are right once the earlier ones ran, in order, as the app
// applies them.
import type { PlanTask } from "./task-matching.ts";

/** Task ids by parent (null = top level), in sibling order; see the file header. */
export class PlanTree {
  private readonly parents = new Map<string, string | null>();
  private readonly children = new Map<string | null, string[]>();

  /** `tasks` in tree order, as parsePlanTasks returns them. */
  constructor(tasks: PlanTask[]) {
    for (const t of tasks) {
      const parentId = t.parentId && this.parents.has(t.parentId) ? t.parentId : null;
      this.parents.set(t.id, parentId);
      this.list(parentId).push(t.id);
    }
  }

  private list(parentId: string | null): string[] {
    let l = this.children.get(parentId);
    if (!l) {
      l = [];
      this.children.set(parentId, l);
    }
    return l;
  }

  /** Whether the task is (still) in the plan. */
  has(id: string): boolean {
    return this.parents.has(id);
  }

  /** The task's parent id, null at the top level. */
  parentOf(id: string): string | null {
    return this.parents.get(id) ?? null;
  }

  /** The task's 0-based index among its siblings (-1 if absent). */
  indexOf(id: string): number {
    return this.list(this.parentOf(id)).indexOf(id);
  }

  /** How many tasks `parentId` (null = top level) has directly under it. */
  childCount(parentId: string | null): number {
    return this.list(parentId).length;
  }

  /** Whether `id` is `ancestorId` or one of its descendants. */
  isWithin(id: string, ancestorId: string): boolean {
    for (let cur: string | null = id; cur !== null; cur = this.parentOf(cur)) if (cur === ancestorId) return true;
    return false;
  }

  /** Takes the task (with its subtree) out of its parent's list; it stays known until inserted again. */
  detach(id: string): void {
    const siblings = this.list(this.parentOf(id));
    const i = siblings.indexOf(id);
    if (i >= 0) siblings.splice(i, 1);
  }

  /** Puts the task under `parentId` at `position` (null or past the end = last). */
  insert(id: string, parentId: string | null, position: number | null): void {
    const siblings = this.list(parentId);
    siblings.splice(position === null ? siblings.length : Math.min(position, siblings.length), 0, id);
    this.parents.set(id, parentId);
  }

  /** Deletes the task and its subtree. */
  remove(id: string): void {
    this.detach(id);
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      stack.push(...(this.children.get(cur) ?? []));
      this.children.delete(cur);
      this.parents.delete(cur);
    }
  }
}
