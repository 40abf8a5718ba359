// Plan and task types shared by server and browser (docs/design.md "Words").
import { z } from "zod";
export const TASK_STATUSES = ["todo", "in_progress", "done", "failed", "blocked", "skipped"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Limits every plan edit is checked against (the coordinator gate, REST and chat alike). */
export const PLAN_LIMITS = {
  /** Tasks in one plan. */
  maxTasks: 500,
  /** Levels of tasks: a top-level task is depth 1. */
  maxDepth: 5,
  /** Characters in a task title. */
  maxTitleChars: 200,
  /** Characters in a task description. */
  maxDescriptionChars: 2000,
  /** Plan and task operations proposed by one chat message. */
  maxOperations: 50,
} as const;

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
  /** Optimistic concurrency: bumped by every change; a PATCH or DELETE naming an older one answers 409. */
  version: number;
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

const taskTitle = z.string().trim().min(1, "A task needs a title").max(PLAN_LIMITS.maxTitleChars, `A task title has at most ${PLAN_LIMITS.maxTitleChars} characters`);
const taskDescription = z.string().max(PLAN_LIMITS.maxDescriptionChars);
const taskRef = z.string().min(1).max(100);
/** Versions and positions are 32-bit `integer` columns on PostgreSQL: larger values are refused (400) on every provider. */
const INT32_MAX = 2_147_483_647;
const position = z.number().int().min(0).max(INT32_MAX);
const version = z.number().int().min(1).max(INT32_MAX);

/** POST /api/plans/{planId}/tasks: a new task under `parentId` (null or absent = top level) at `position` (0-based; absent = last). */
export const addTaskSchema = z.object({
  title: taskTitle,
  description: taskDescription.optional(),
  parentId: taskRef.nullable().optional(),
  position: position.optional(),
});

/**
 * PATCH /api/plans/{planId}/tasks/{taskId}: `version` is the one the caller
 * last read (a stale one answers 409 with the current task). `parentId`
 * (null = top level) and/or `position` move the task.
 */
export const updateTaskSchema = z
  .object({
    version,
    title: taskTitle.optional(),
    description: taskDescription.optional(),
    parentId: taskRef.nullable().optional(),
    position: position.optional(),
    status: z.enum(TASK_STATUSES).optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== "version"), { message: "Nothing to change", path: ["version"] });

/** DELETE /api/plans/{planId}/tasks/{taskId}?version= */
export const deleteTaskQuerySchema = z.object({ version: z.coerce.number().int().min(1).max(INT32_MAX) });

/** GET /api/plans/{planId}/export?format=md|json */
export const planExportQuerySchema = z.object({ format: z.enum(["md", "json"]).default("md") });

/** 201 of POST …/tasks and 200 of PATCH; the 409 of a stale version carries the current task in `error.details.task`. */
export type TaskResponse = { task: TaskDto };
/** 200 of DELETE: the task and every task under it. */
export type DeleteTaskResponse = { deletedTaskIds: string[] };
