// The antd Tree data of the editable plan tree: one node per task, plus the
// draft row (a new task being named) at the place it will be added.
import type { TaskNode } from "@/lib/shared/plans";

/** The key of the draft row's node. */
export const DRAFT_KEY = "__draft__";

/** Where a new task is being named: under `parentId` (null = top level) at `position` (null = last). */
export type Draft = { parentId: string | null; position: number | null };

/** A node of antd Tree: a task (`task`), or the draft row (no `task`); depth 0 = top level. */
export type Node = { key: string; task?: TaskNode; depth: number; children: Node[]; isLeaf?: boolean };

/** antd Tree nodes from the tasks, with the draft row at its place. */
export function toNodes(tasks: TaskNode[], draft: Draft | null, parentId: string | null = null, depth = 0): Node[] {
  const nodes: Node[] = tasks.map((task) => ({ key: task.id, task, depth, children: toNodes(task.children, draft, task.id, depth + 1) }));
  if (draft && draft.parentId === parentId) {
    const at = draft.position === null ? nodes.length : Math.min(draft.position, nodes.length);
    nodes.splice(at, 0, { key: DRAFT_KEY, depth, children: [] });
  }
  return nodes;
}

/** Keys of the nodes that have children (expandable), depth first. */
export function parentKeys(nodes: Node[], out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.children.length) {
      out.push(n.key);
      parentKeys(n.children, out);
    }
  }
  return out;
}
