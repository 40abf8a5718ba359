// Structured outputs the planning agent produces. Every model call returns one
// of these, validated with zod by the AI SDK (Output.object) before use.
import "server-only";
import { z } from "zod";

/** Request names; sent as the structured output's `name` (responseFormat.name). */
export const LLM_REQUESTS = ["chat_reply", "plan_outline", "subtasks"] as const;
export type LlmRequestName = (typeof LLM_REQUESTS)[number];

const taskDraft = z.object({
  title: z.string().min(1).max(200),
  description: z.string().max(2000),
});
export type TaskDraft = z.infer<typeof taskDraft>;

/**
 * The agent's immediate answer to a chat message (seed 000, phase one).
 * `actions` are proposals; the coordinator gate decides which run.
 * - create_plan: `title` is the plan title, `goal` the goal in the user's words.
 * - decompose_task: split tasks into subtasks; `taskId` null means every
 *   top-level task of the plan being created (or the conversation's plan).
 */
export const chatReplySchema = z.object({
  reply: z.string().min(1).max(4000),
  actions: z
    .array(
      z.object({
        kind: z.enum(["create_plan", "decompose_task"]),
        title: z.string().max(200),
        goal: z.string().max(4000),
        taskId: z.string().nullable(),
      }),
    )
    .max(4),
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
