// Inputs and outputs of the chat agent's own read-only tools (POST
// /api/chat/agent): the contract between agent-tools.ts, the chat_answer
// prompt and the offline model that calls them. Every input field is always
// present (null when it does not apply), so strict structured-output
// providers accept the schemas. calculate and schedule are the built-ins of
// lib/server/tools (their schemas are there).
import "server-only";
import { z } from "zod";
import { TASK_STATUSES, type TaskStatus } from "@/lib/shared/plans";

/** Statuses of a task that is still to do ("what is left?"). */
export const OPEN_STATUSES: TaskStatus[] = ["todo", "in_progress", "blocked", "failed"];

/** `get_plan`: the conversation's plan with its whole task tree (no input). */
export const getPlanInput = z.object({});
/** One task as the chat tools show it: outline number ("3.2"), title, status, depth (0 = top level). */
export type ChatTaskView = { number: string; title: string; status: TaskStatus; depth: number };
/** `plan: null` when the conversation has no plan yet; `tasks` at most MAX_TASKS_SHOWN, `total` counts all. */
export type GetPlanOutput = { plan: null } | { plan: { id: string; title: string; goal: string }; total: number; done: number; left: number; tasks: ChatTaskView[] };

/** `find_tasks`: the plan's tasks whose title or description contains `query` (case-insensitive; null = any) and whose status is in `statuses` (null = any). */
export const findTasksInput = z.object({
  query: z.string().max(200).nullable(),
  statuses: z.array(z.enum(TASK_STATUSES)).max(TASK_STATUSES.length).nullable(),
});
export type FindTasksInput = z.infer<typeof findTasksInput>;
export type FindTasksOutput = { plan: null } | { plan: { id: string; title: string }; total: number; matches: ChatTaskView[] };

/** `write_design_document`: the plan written up as a Markdown design document, stored as an artifact of the turn; `title` null = the plan's. */
export const writeDesignDocumentInput = z.object({ title: z.string().max(200).nullable() });
export type WriteDesignDocumentInput = z.infer<typeof writeDesignDocumentInput>;
export type WriteDesignDocumentOutput = { artifactId: string; title: string; name: string; bytes: number; tasks: number };

/** Tasks listed in one tool output at most. */
export const MAX_TASKS_SHOWN = 200;
