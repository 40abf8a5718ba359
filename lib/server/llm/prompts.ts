// Prompts for the planning agent. The user prompt is a small header of
// `Field: value` lines followed by free text, so a real model reads it as
// plain instructions and the offline model can parse it (parsePromptFields).
import "server-only";
import type { Language } from "@/lib/shared/language";
import { detectLanguageOf } from "./language-detection.ts";
import type { LlmRequestName, ToolRequestName } from "./schemas.ts";

const SYSTEM_BASE =
  "You are Planstream, a planning agent. You turn goals into concrete, ordered plans. " +
  "Always answer in the language named by the `Language:` field.";
const SYSTEM = `${SYSTEM_BASE} Answer only with JSON matching the requested schema.`;
/** Requests answered with tool calls and plain text, not JSON. */
const TOOL_REQUESTS: ReadonlySet<string> = new Set<ToolRequestName>(["execute_task", "finish_run", "chat_answer"]);

const INSTRUCTIONS: Record<LlmRequestName | ToolRequestName, string> = {
  chat_reply:
    "Reply briefly to the user's message in the given language, and propose the actions that do what it asks, in order. " +
    "If it states a NEW goal worth planning (and no plan exists, or the user asks for a new plan), propose create_plan " +
    "(title, goal = the goal in the user's words) followed by decompose_task with taskId null. " +
    "If the conversation has a plan (PlanTasks lists its tasks as `id|number|status|title`, numbers like 3.2 give the tree), " +
    "act on THAT plan instead: add_task (title, description, parentId or null for top level, position 0-based or null for last), " +
    "update_task (taskId, new title and/or description), move_task (taskId, parentId, position), " +
    "set_task_status (taskId, status: todo, in_progress, done, failed, blocked or skipped), delete_task (taskId), " +
    "decompose_task (taskId, or null for every top-level task), execute_plan (carry out the whole plan with tools; no fields) " +
    "or execute_task (taskId: carry out that task and its subtasks). Use only task ids from PlanTasks. " +
    "Fields that do not apply are null. For small talk, questions or unclear messages propose no actions and ask what the user wants. " +
    "Never plan something that is not a goal: keyboard mash or random letters (\"asdf qwer zxcv\"), placeholder text (\"lorem ipsum\", \"test\", \"foo bar\"), " +
    "a lone greeting (\"hi\", \"你好\") or pinyin keyboard mash (\"阿斯顿\", \"水电费水电费\") get NO actions and a short question back " +
    "asking which goal to plan, with an example goal (in Chinese when Language is zh-CN, e.g. \"你想规划什么目标？比如……\").",
  plan_outline:
    "Write the top-level tasks (3 to 8, in order) that achieve the goal, each with a one-sentence description, " +
    "and narrate your reasoning in 2 to 4 short steps.",
  subtasks:
    "Split the task into 2 to 6 concrete subtasks in order, each with a one-sentence description, " +
    "and narrate your reasoning in 1 to 3 short steps.",
  execute_task:
    "Carry out the task now, using the tools where they help: calculate for budgets and arithmetic, schedule for dates " +
    "and deadlines (counted from Today or a date in the goal), write_document for any text the task asks for (an invitation, " +
    "a checklist, a packing list). Then answer in the given language with one or two plain sentences saying what was done. " +
    "Claim nothing that no tool did.",
  chat_answer:
    "Answer the user's message now, briefly, in the given language, as plain text or Markdown (no JSON). " +
    "Use the read-only tools when they help: get_plan and find_tasks to look at the conversation's plan (PlanTasks lists it), " +
    "calculate for arithmetic (units and currencies allowed), schedule for date arithmetic (counted from Today or a date in the message), " +
    "write_design_document when the user asks for the plan written up as a document. " +
    "Do not claim to have changed the plan or started anything: changes the message asks for are decided separately, after your answer, and shown as actions.",
  finish_run:
    "Create the plan's calendar: call create_calendar once, with one event per entry of Scheduled (`taskId|date|title`), " +
    "then answer in the given language with one sentence.",
};

/** Fields carried in a prompt header; absent fields are omitted. */
export type PromptFields = {
  Request: LlmRequestName | ToolRequestName;
  Language: Language;
  Message?: string;
  Goal?: string;
  Plan?: string;
  PlanId?: string;
  Task?: string;
  TaskId?: string;
  TaskDescription?: string;
  /** For chat_reply: the conversation's plan's tasks in tree order, `id|number|status|title` (number like `3.2`) joined by ` ;; `. */
  PlanTasks?: string;
  /** For execute_task / finish_run: today's date, YYYY-MM-DD (the anchor for date arithmetic). */
  Today?: string;
  /** For execute_task: what earlier tasks of the run produced, `title: result` joined by ` ;; ` (capped). */
  Results?: string;
  /** For finish_run: the run's scheduled tasks, `taskId|YYYY-MM-DD|title` joined by ` ;; `. */
  Scheduled?: string;
};

/**
 * Builds `{system, prompt}` for one model call.
 * @example buildPrompt({Request: "subtasks", Language: "en", Goal: "Launch an app", Task: "Beta test"})
 */
export function buildPrompt(fields: PromptFields): { system: string; prompt: string } {
  const header = Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== "")
    // One field per line: newlines inside values are flattened.
    .map(([k, v]) => `${k}: ${String(v).replace(/\s*\n\s*/g, " ")}`)
    .join("\n");
  const system = TOOL_REQUESTS.has(fields.Request) ? SYSTEM_BASE : SYSTEM;
  return { system, prompt: `${INSTRUCTIONS[fields.Request]}\n\n${header}` };
}

/**
 * Parses the `Field: value` header lines of a prompt built by buildPrompt.
 * Unknown lines are ignored. Returns a partial record of fields.
 */
export function parsePromptFields(prompt: string): Partial<PromptFields> {
  const out: Record<string, string> = {};
  for (const line of prompt.split("\n")) {
    const m = /^([A-Za-z]+): (.*)$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out as Partial<PromptFields>;
}

/**
 * The language `text` is written in (en, zh-CN, ja, es, fr) by a language
 * detector; short or ambiguous text gets `fallback` (the UI language, English
 * by default). See detectLanguageOf in language-detection.ts.
 * @example detectLanguage("Organise un voyage à Lyon pour quatre personnes") // "fr"
 */
export function detectLanguage(text: string, fallback: Language = "en"): Language {
  return detectLanguageOf(text, fallback);
}
