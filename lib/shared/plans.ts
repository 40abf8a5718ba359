// Plan and task types shared by server and browser (DESIGN.md "Words").
export const TASK_STATUSES = ["todo", "running", "done", "failed", "skipped"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type PlanDto = {
  id: string;
  title: string;
  goal: string;
  language: string;
  conversationId: string | null;
  createdAt: string;
  updatedAt: string;
};

export type TaskDto = {
  id: string;
  planId: string;
  parentId: string | null;
  position: number;
  title: string;
  description: string;
  status: TaskStatus;
};

/** A task with its children, ordered by position. */
export type TaskNode = TaskDto & { children: TaskNode[] };

/** GET /api/plans/{planId} */
export type PlanTree = { plan: PlanDto; tasks: TaskNode[] };

/** Builds the tree from a flat list (children ordered by position). */
export function buildTaskTree(tasks: TaskDto[]): TaskNode[] {
  const nodes = new Map<string, TaskNode>(tasks.map((t) => [t.id, { ...t, children: [] }]));
  const roots: TaskNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: TaskNode[]) => {
    list.sort((a, b) => a.position - b.position);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}
