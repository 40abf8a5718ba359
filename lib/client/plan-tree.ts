// Pure functions over a plan's task tree (PlanTree["tasks"]) for the editable
// tree view: find, patch, move, insert and remove tasks without mutating the
// input (React Query cache data), progress counts, and where a drag-and-drop
// or a keyboard move puts a task. Positions follow the server's rule
// (lib/server/plans, README → "Plans and their edits"): a moved task's
// `position` is its index among its new siblings, counted without itself.
import { PLAN_LIMITS, type TaskDto, type TaskNode, type TaskStatus } from "@/lib/shared/plans";

/** Where a task sits: its node, parent (null = top level), its siblings (parent's children) and index among them, depth (0 = top level). */
export type TaskPlace = { task: TaskNode; parent: TaskNode | null; siblings: TaskNode[]; index: number; depth: number };

/** Where a move puts a task: the PATCH body's `parentId` (null = top level) and `position`. */
export type Placement = { parentId: string | null; position: number };

/** Done/total over a set of tasks. */
export type Progress = { done: number; total: number };

/** A keyboard move of a task: among its siblings (up, down), under its previous sibling (indent), after its parent (outdent). */
export type MoveDirection = "up" | "down" | "indent" | "outdent";

/** "done" and "skipped" count as finished in every progress figure. */
export const isFinished = (status: TaskStatus): boolean => status === "done" || status === "skipped";

/** Finds a task anywhere in the tree, or undefined. */
export function locateTask(tasks: TaskNode[], id: string, parent: TaskNode | null = null, depth = 0): TaskPlace | undefined {
  for (const [index, task] of tasks.entries()) {
    if (task.id === id) return { task, parent, siblings: tasks, index, depth };
    const found = locateTask(task.children, id, task, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Every task of the tree, depth first (parents before their children). */
export function flattenTasks(tasks: TaskNode[], out: TaskNode[] = []): TaskNode[] {
  for (const t of tasks) {
    out.push(t);
    flattenTasks(t.children, out);
  }
  return out;
}

/** The tree with task `id` passed through `fn` (same arrays where nothing changed). */
export function mapTask(tasks: TaskNode[], id: string, fn: (task: TaskNode) => TaskNode): TaskNode[] {
  let changed = false;
  const next = tasks.map((t) => {
    if (t.id === id) {
      changed = true;
      return fn(t);
    }
    const children = mapTask(t.children, id, fn);
    if (children === t.children) return t;
    changed = true;
    return { ...t, children };
  });
  return changed ? next : tasks;
}

/** The tree with `patch` (fields of TaskDto) applied to task `id`. */
export const patchTask = (tasks: TaskNode[], id: string, patch: Partial<TaskDto>): TaskNode[] => mapTask(tasks, id, (t) => ({ ...t, ...patch }));

const renumber = (list: TaskNode[], parentId: string | null): TaskNode[] =>
  list.map((t, i) => (t.position === i && t.parentId === parentId ? t : { ...t, position: i, parentId }));

/** The children list of `parentId` (null = top level) through `fn`, renumbered 0…n−1. */
function mapChildren(tasks: TaskNode[], parentId: string | null, fn: (children: TaskNode[]) => TaskNode[]): TaskNode[] {
  if (parentId === null) return renumber(fn(tasks), null);
  return mapTask(tasks, parentId, (p) => ({ ...p, children: renumber(fn(p.children), p.id) }));
}

/** The tree without task `id` and its subtree (siblings renumbered). */
export function removeTask(tasks: TaskNode[], id: string): TaskNode[] {
  const place = locateTask(tasks, id);
  if (!place) return tasks;
  return mapChildren(tasks, place.parent?.id ?? null, (list) => list.filter((t) => t.id !== id));
}

/** The tree with `task` (children kept) added under `task.parentId` at `position` (null or past the end = last). */
export function insertTask(tasks: TaskNode[], task: TaskNode, position: number | null): TaskNode[] {
  return mapChildren(tasks, task.parentId, (list) => {
    const next = [...list];
    next.splice(position === null ? next.length : Math.min(position, next.length), 0, task);
    return next;
  });
}

/**
 * The tree with task `id` moved to `placement` (the server's move: removed,
 * then inserted at that index); unchanged when the new parent is unknown or
 * inside the task's own subtree (the server refuses those).
 */
export function moveTask(tasks: TaskNode[], id: string, { parentId, position }: Placement): TaskNode[] {
  const place = locateTask(tasks, id);
  if (!place) return tasks;
  if (parentId !== null && (parentId === id || !locateTask(tasks, parentId) || locateTask(place.task.children, parentId))) return tasks;
  return insertTask(removeTask(tasks, id), { ...place.task, parentId }, position);
}

/**
 * Progress of every task's descendants (its subtree without itself), by task id;
 * a leaf has `{done: 0, total: 0}`.
 */
export function subtreeProgress(tasks: TaskNode[]): Map<string, Progress> {
  const out = new Map<string, Progress>();
  const visit = (t: TaskNode): Progress => {
    const own: Progress = { done: 0, total: 0 };
    for (const c of t.children) {
      const sub = visit(c);
      own.done += sub.done + (isFinished(c.status) ? 1 : 0);
      own.total += sub.total + 1;
    }
    out.set(t.id, own);
    return own;
  };
  tasks.forEach(visit);
  return out;
}

/** Progress of the whole plan: finished tasks over all tasks. */
export function planProgress(tasks: TaskNode[]): Progress {
  const all = flattenTasks(tasks);
  return { done: all.filter((t) => isFinished(t.status)).length, total: all.length };
}

/** Levels in the subtree rooted at `task` (1 for a leaf). */
const height = (task: TaskNode): number => 1 + Math.max(0, ...task.children.map(height));

/**
 * Whether task `id` may go under `parentId` (null = top level) without
 * passing PLAN_LIMITS.maxDepth or landing inside its own subtree. The server
 * checks the same (400); this keeps the drop indicator honest.
 */
export function canPlace(tasks: TaskNode[], id: string, parentId: string | null): boolean {
  const place = locateTask(tasks, id);
  if (!place) return false;
  if (parentId === null) return height(place.task) <= PLAN_LIMITS.maxDepth;
  if (parentId === id || locateTask(place.task.children, parentId)) return false;
  const parent = locateTask(tasks, parentId);
  return !!parent && parent.depth + 1 + height(place.task) <= PLAN_LIMITS.maxDepth;
}

/** The index `id` would have among `list` once inserted at `slot` (a slot of the list as it is, itself included). */
function slotToPosition(list: TaskNode[], id: string, slot: number): number {
  const from = list.findIndex((t) => t.id === id);
  return from >= 0 && from < slot ? slot - 1 : slot;
}

/** What a drop on the tree means (from antd Tree's onDrop info; see computeDrop). */
export type DropInfo = {
  /** The dragged task. */
  dragId: string;
  /** The node it was dropped at (antd's `info.node`). */
  dropId: string;
  /** antd's `info.dropToGap`: false = onto the node, true = into the gap before or after it. */
  dropToGap: boolean;
  /** antd's `info.dropPosition` minus the node's own index: −1 = before it, 1 = after it (gap drops only). */
  relative: number;
  /** The drop node was expanded (its children on screen). */
  dropExpanded: boolean;
};

/**
 * Where a drop puts the dragged task, or null when it stays where it is (or
 * the tasks are unknown). Onto a node: its last child; onto an expanded node
 * with children: its first child, where antd draws the drop line. Into a gap:
 * the drop node's parent, before (relative −1) or after (1) the node.
 */
export function computeDrop(tasks: TaskNode[], { dragId, dropId, dropToGap, relative, dropExpanded }: DropInfo): Placement | null {
  const drag = locateTask(tasks, dragId);
  const drop = locateTask(tasks, dropId);
  if (!drag || !drop || dragId === dropId) return null;
  let placement: Placement;
  if (!dropToGap) {
    const children = drop.task.children;
    const first = dropExpanded && children.length > 0;
    placement = { parentId: dropId, position: first ? 0 : children.filter((c) => c.id !== dragId).length };
  } else {
    const slot = relative < 0 ? drop.index : drop.index + 1;
    placement = { parentId: drop.parent?.id ?? null, position: slotToPosition(drop.siblings, dragId, slot) };
  }
  const same = placement.parentId === (drag.parent?.id ?? null) && placement.position === drag.index;
  return same ? null : placement;
}

/**
 * Where a keyboard move puts task `id`, or null when it cannot go that way
 * (first/last among its siblings, no previous sibling to indent under, already top level).
 * Indent makes it the last child of its previous sibling; outdent puts it right after its parent.
 */
export function keyboardMove(tasks: TaskNode[], id: string, direction: MoveDirection): Placement | null {
  const place = locateTask(tasks, id);
  if (!place) return null;
  const parentId = place.parent?.id ?? null;
  switch (direction) {
    case "up":
      return place.index > 0 ? { parentId, position: place.index - 1 } : null;
    case "down":
      return place.index < place.siblings.length - 1 ? { parentId, position: place.index + 1 } : null;
    case "indent": {
      const prev = place.siblings[place.index - 1];
      return prev ? { parentId: prev.id, position: prev.children.length } : null;
    }
    case "outdent": {
      if (!place.parent) return null;
      const grand = locateTask(tasks, place.parent.id)!;
      return { parentId: grand.parent?.id ?? null, position: grand.index + 1 };
    }
  }
}
