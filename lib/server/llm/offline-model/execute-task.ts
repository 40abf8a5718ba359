import "server-only";
// execute_task and finish_run: the offline model's side of the AI SDK tool
// loop. Step 1 (no tool results in the prompt yet) answers tool calls chosen
// from the task (tool-choice.ts) or, for finish_run, one create_calendar call;
// step 2 (the results are back) answers one or two plain sentences about what
// the tools returned (tool-summaries.ts). A task that needs no tool, or whose
// tools are not offered, gets an honest plain answer at once.
import type { LanguageModelV4CallOptions, LanguageModelV4ToolResultOutput } from "@ai-sdk/provider";
import type { Language } from "@/lib/shared/language";
import type { CreateCalendarInput } from "@/lib/server/tools/schemas";
import type { PromptFields } from "../prompts.ts";
import { isIsoDate } from "./execution-dates.ts";
import { EXECUTION_TEXTS } from "./execution-texts.ts";
import { chooseTools, taskContext, taskNeeds, type TaskContext } from "./tool-choice.ts";
import { summarizeOutcomes, type ToolOutcome } from "./tool-summaries.ts";
import { clip } from "./text.ts";

/** A tool call the model answers with; `input` is the JSON-encoded input (LanguageModelV4ToolCall). */
export type PlannedToolCall = { toolCallId: string; toolName: string; input: string };

/** What an execution step answers: text, tool calls, or (never both empty) one of them. */
export type ExecutionAnswer = { text: string; toolCalls: PlannedToolCall[] };

/** What the prompt shows of earlier steps: how many tool calls were made, and the results that came back, in order. */
export type History = { callCount: number; outcomes: ToolOutcome[] };

export function readHistory(prompt: LanguageModelV4CallOptions["prompt"]): History {
  const inputs = new Map<string, unknown>();
  const outcomes: ToolOutcome[] = [];
  let callCount = 0;
  for (const message of prompt) {
    if (message.role !== "assistant" && message.role !== "tool") continue;
    for (const part of message.content) {
      if (part.type === "tool-call") {
        callCount++;
        inputs.set(part.toolCallId, typeof part.input === "string" ? safeParse(part.input) : part.input);
      } else if (part.type === "tool-result") {
        outcomes.push({ toolName: part.toolName, input: inputs.get(part.toolCallId), output: part.output as LanguageModelV4ToolResultOutput });
      }
    }
  }
  return { callCount, outcomes };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The function tools the call lets the model use, by name: none for toolChoice "none", only the named one for toolChoice "tool". */
export function offeredTools(call: LanguageModelV4CallOptions): Set<string> {
  const choice = call.toolChoice;
  if (choice?.type === "none") return new Set();
  const names = (call.tools ?? []).filter((t) => t.type === "function").map((t) => t.name);
  return new Set(choice?.type === "tool" ? names.filter((n) => n === choice.toolName) : names);
}

/** Deterministic ids, unique across the conversation: `call-<n>-<tool>` with n counting every tool call so far from 1. */
export function toCalls(calls: { tool: string; input: unknown }[], history: History): PlannedToolCall[] {
  return calls.map((c, i) => ({ toolCallId: `call-${history.callCount + i + 1}-${c.tool}`, toolName: c.tool, input: JSON.stringify(c.input) }));
}

/** The built-in tools the task needs that are not offered. */
function missingTools(ctx: TaskContext, offered: ReadonlySet<string>): string[] {
  const needs = taskNeeds(ctx);
  const wanted: [boolean, string][] = [[needs.budget, "calculate"], [needs.dates, "schedule"], [needs.writing, "write_document"]];
  return wanted.filter(([need, tool]) => need && !offered.has(tool)).map(([, tool]) => tool);
}

/** The plain answer for a task that calls no tool: why, and what to do next. Never claims work was done. */
function noToolAnswer(ctx: TaskContext, offered: ReadonlySet<string>): string {
  const say = EXECUTION_TEXTS[ctx.lang];
  const wanted = missingTools(ctx, offered);
  const next = ctx.description ? clip(ctx.description.replace(/[\s.。]+$/u, ""), 200) : "";
  const task = clip(ctx.task || say.thisTask, 120);
  return wanted.length > 0 ? say.noTool(task, wanted, next) : say.byHand(task, next);
}

/**
 * Answers an execute_task step. With tool results in the prompt: a summary of
 * them (summarizeOutcomes), plus a note on any needed tool that was not
 * offered. Otherwise the calls chooseTools picks among the
 * `offered` tools, or, when it picks none, the honest no-tool answer.
 */
export function answerExecuteTask(fields: Partial<PromptFields>, lang: Language, call: LanguageModelV4CallOptions): ExecutionAnswer {
  const ctx = taskContext(fields, lang);
  const offered = offeredTools(call);
  const history = readHistory(call.prompt);
  const choices = chooseTools(ctx, offered);
  if (history.outcomes.length > 0) {
    const missing = missingTools(ctx, offered);
    const note = missing.length === 0 ? "" : EXECUTION_TEXTS[lang].missingNote(missing);
    return { text: summarizeOutcomes(history.outcomes, choices, lang) + note, toolCalls: [] };
  }
  if (choices.length === 0) return { text: noToolAnswer(ctx, offered), toolCalls: [] };
  return { text: "", toolCalls: toCalls(choices.map((c) => ({ tool: c.tool, input: c.input })), history) };
}

/** The `Scheduled:` field's entries (`taskId|YYYY-MM-DD|title` joined by " ;; "); entries without a real date or title are skipped. */
export function parseScheduled(raw: string | undefined): { taskId: string; date: string; title: string }[] {
  if (!raw) return [];
  return raw.split(" ;; ").flatMap((entry) => {
    const [taskId, date, ...rest] = entry.split("|").map((p) => p.trim());
    const title = rest.join("|").trim();
    return taskId !== undefined && date && isIsoDate(date) && title ? [{ taskId, date, title }] : [];
  });
}

/**
 * Answers a finish_run step: one create_calendar call with an all-day event
 * per Scheduled entry (at most 500), titled by the plan (`Plan`, else `Goal`);
 * after its result, one sentence about the calendar; with nothing scheduled,
 * or without create_calendar offered, a sentence saying no calendar was made.
 */
export function answerFinishRun(fields: Partial<PromptFields>, lang: Language, call: LanguageModelV4CallOptions): ExecutionAnswer {
  const say = EXECUTION_TEXTS[lang];
  const history = readHistory(call.prompt);
  if (history.outcomes.length > 0) return { text: summarizeOutcomes(history.outcomes, [], lang), toolCalls: [] };
  const entries = parseScheduled(fields.Scheduled).slice(0, 500);
  if (entries.length === 0) return { text: say.nothingScheduled, toolCalls: [] };
  if (!offeredTools(call).has("create_calendar")) return { text: say.noCalendarTool(entries.length), toolCalls: [] };
  const input: CreateCalendarInput = {
    title: clip(fields.Plan?.trim() || fields.Goal?.trim() || say.calendarTitle, 200),
    events: entries.map((e) => ({ title: clip(e.title, 200), date: e.date, time: null, durationMinutes: null, description: null, taskId: clip(e.taskId, 100) || null })),
  };
  return { text: "", toolCalls: toCalls([{ tool: "create_calendar", input }], history) };
}
