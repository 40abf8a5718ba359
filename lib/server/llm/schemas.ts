// Structured outputs the planning agent produces. Every model call returns one
// of these, validated with zod by the AI SDK (Output.object) before use.
import "server-only";
import { z } from "zod";
import { ACTION_KINDS } from "@/lib/shared/chat";
import { TASK_STATUSES } from "@/lib/shared/plans";

/** Request names; sent as the structured output's `name` (responseFormat.name). */
export const LLM_REQUESTS = ["chat_reply", "plan_outline", "subtasks"] as const;
export type LlmRequestName = (typeof LLM_REQUESTS)[number];
/** Requests answered with tool calls and then plain text (plan execution; the streamed chat answer), not JSON. */
export const TOOL_REQUESTS = ["execute_task", "finish_run", "chat_answer"] as const;
export type ToolRequestName = (typeof TOOL_REQUESTS)[number];

const taskDraft = z.object({
  title: z.string().min(1).max(200),
  description: z.string().max(2000),
});
export type TaskDraft = z.infer<typeof taskDraft>;


/**
 * One proposed action. Every field is always present (null or "" when it does
 * not apply), so strict structured-output providers accept the schema.
 * - create_plan: a NEW plan, only when the user asks for one: `title`, `goal`.
 * - add_task: `title`, `description`, under `parentId` (null = top level) at
 *   `position` (0-based among the siblings; null = last).
 * - update_task: `taskId`; `title` and/or `description` (null = unchanged).
 * - move_task: `taskId` to `parentId` (null = top level) at `position` (null = last).
 * - set_task_status: `taskId`, `status`.
 * - delete_task: `taskId` (with its subtree).
 * - decompose_task: `taskId`, or null for every top-level task without subtasks.
 * - execute_plan: run the plan's tasks with tools (no fields).
 * - execute_task: run `taskId` and its subtasks with tools.
 * Task ids are those of the `PlanTasks:` prompt field.
 */
export const chatActionSchema = z.object({
  kind: z.enum(ACTION_KINDS),
  title: z.string().max(400).nullable(),
  goal: z.string().max(4000).nullable(),
  taskId: z.string().max(100).nullable(),
  parentId: z.string().max(100).nullable(),
  position: z.number().int().min(0).max(10_000).nullable(),
  description: z.string().max(4000).nullable(),
  status: z.enum(TASK_STATUSES).nullable(),
});
export type ProposedAction = z.infer<typeof chatActionSchema>;

/**
 * The agent's immediate answer to a chat message (seed 000, phase one).
 * `actions` are proposals, in the order to apply them; the coordinator gate
 * decides which run (at most PLAN_LIMITS.maxOperations per message are accepted).
 */
export const chatReplySchema = z.object({
  reply: z.string().min(1).max(4000),
  actions: z.array(chatActionSchema).max(100),
});
export type ChatReply = z.infer<typeof chatReplySchema>;

/** The top level of a new plan: 3–8 tasks, plus narrated reasoning steps. */
export const planOutlineSchema = z.object({
  title: z.string().min(1).max(200),
  narration: z.array(z.string().max(1000)).max(8),
  tasks: z.array(taskDraft).min(1).max(12),
});
export type PlanOutline = z.infer<typeof planOutlineSchema>;

/** Subtasks of one task: 2–6, plus narrated reasoning steps. */
export const subtasksSchema = z.object({
  narration: z.array(z.string().max(1000)).max(8),
  subtasks: z.array(taskDraft).min(1).max(12),
});
export type Subtasks = z.infer<typeof subtasksSchema>;
