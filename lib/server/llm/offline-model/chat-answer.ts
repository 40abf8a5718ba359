import "server-only";
// chat_answer: the offline model's side of the streamed chat turn. Step 1: a
// message that asks a plain question one offered tool answers gets that tool
// call (chat-questions.ts); anything else gets the same reply chat_reply gives,
// as plain text. Step 2 (the tool's result is back): a short answer built from
// the result, never claiming more than it shows.
import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";
import type { Language } from "@/lib/shared/language";
import type { ChatTaskView } from "@/lib/server/chat/agent-tool-schemas";
import type { PromptFields } from "../prompts.ts";
import { chatReply } from "./chat-reply.ts";
import { chatToolQuestion } from "./chat-questions.ts";
import { offeredTools, readHistory, toCalls, type ExecutionAnswer } from "./execute-task.ts";
import { failure, value, type ToolOutcome } from "./tool-summaries.ts";
import { clip } from "./text.ts";

const rec = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const num = (v: unknown): number => (typeof v === "number" ? v : 0);
const STATUS_ZH: Record<string, string> = { todo: "待办", in_progress: "进行中", done: "已完成", failed: "失败", blocked: "受阻", skipped: "已跳过" };

/** A Markdown list of tasks: `- 3.2 Title (status)`, at most 20, then how many more. */
function taskList(tasks: ChatTaskView[], zh: boolean): string {
  const shown = tasks.slice(0, 20).map((t) => `${"  ".repeat(Math.min(t.depth, 4))}- ${t.number} ${t.title} (${zh ? (STATUS_ZH[t.status] ?? t.status) : t.status.replace("_", " ")})`);
  const more = tasks.length - shown.length;
  if (more > 0) shown.push(zh ? `- ……另有${more}个` : `- … and ${more} more`);
  return shown.join("\n");
}

function noPlan(zh: boolean): string {
  return zh ? "这个对话还没有计划。告诉我一个目标，我来制定计划。" : "This conversation has no plan yet. Tell me a goal and I'll draft one.";
}

/** One answer per tool outcome (the chat asks one question at a time), joined by a blank line. */
export function summarizeChatOutcome(o: ToolOutcome, lang: Language): string {
  const zh = lang === "zh-CN";
  const failed = o.output.type === "execution-denied" ? (o.output.reason ?? "not approved") : failure(o.output);
  if (failed !== undefined) return zh ? `${o.toolName}没有成功：${clip(failed, 300)}` : `${o.toolName} did not work: ${clip(failed, 300)}`;
  const v = rec(value(o.output));
  switch (o.toolName) {
    case "calculate": {
      const expression = str(v.expression) || str(rec(o.input).expression);
      return `${expression.replace(/\s\*\s/g, " × ")} = **${str(v.result) || String(v.value)}**`;
    }
    case "schedule":
      return zh ? `计算结果：${str(v.text)}。` : `${str(v.text).replace(/^./, (c) => c.toUpperCase())}.`;
    case "get_plan": {
      const plan = rec(v.plan);
      if (!v.plan) return noPlan(zh);
      const tasks = (v.tasks as ChatTaskView[] | undefined) ?? [];
      return zh
        ? `“${str(plan.title)}”共有${num(v.total)}个任务，已完成${num(v.done)}个，还剩${num(v.left)}个：\n\n${taskList(tasks, zh)}`
        : `“${str(plan.title)}” has ${num(v.total)} tasks: ${num(v.done)} done, ${num(v.left)} left.\n\n${taskList(tasks, zh)}`;
    }
    case "find_tasks": {
      if (!v.plan) return noPlan(zh);
      const matches = (v.matches as ChatTaskView[] | undefined) ?? [];
      const input = rec(o.input);
      const query = str(input.query);
      const open = Array.isArray(input.statuses) && !query;
      if (matches.length === 0) {
        if (open) return zh ? `“${str(rec(v.plan).title)}”的任务都已完成，没有剩下的了。` : `Nothing is left: every task of “${str(rec(v.plan).title)}” is done.`;
        return zh ? `没有找到与“${query}”相关的任务。` : `No task matches “${query}”.`;
      }
      const head = open
        ? zh
          ? `“${str(rec(v.plan).title)}”还剩${matches.length}个任务（共${num(v.total)}个）：`
          : `${matches.length} of ${num(v.total)} tasks of “${str(rec(v.plan).title)}” are left:`
        : zh
          ? `找到${matches.length}个与“${query}”相关的任务：`
          : `${matches.length} task${matches.length === 1 ? "" : "s"} match${matches.length === 1 ? "es" : ""} “${query}”:`;
      return `${head}\n\n${taskList(matches, zh)}`;
    }
    case "write_design_document":
      return zh
        ? `我把计划整理成了设计文档“${str(v.title)}”（${str(v.name)}，${num(v.tasks)}个任务），可以在下面查看或下载。`
        : `I wrote the plan up as a design document, “${str(v.title)}” (${str(v.name)}, ${num(v.tasks)} tasks). You can view or download it below.`;
    default: {
      const shown = clip(JSON.stringify(value(o.output)) ?? "", 300);
      return zh ? `${o.toolName}返回：${shown}` : `${o.toolName} returned: ${shown}`;
    }
  }
}

/**
 * Answers a chat_answer step: with tool results in the prompt, an answer from
 * them; otherwise the tool call chatToolQuestion picks when that tool is
 * offered; otherwise chatReply's reply for the message, as plain text (so the
 * streamed reply matches the actions the chat_reply call proposes).
 */
export function answerChat(fields: Partial<PromptFields>, lang: Language, call: LanguageModelV4CallOptions, freeText: string): ExecutionAnswer {
  const history = readHistory(call.prompt);
  if (history.outcomes.length > 0) return { text: history.outcomes.map((o) => summarizeChatOutcome(o, lang)).join("\n\n"), toolCalls: [] };
  const message = fields.Message ?? freeText;
  const question = chatToolQuestion(message);
  if (question && offeredTools(call).has(question.tool)) return { text: "", toolCalls: toCalls([question], history) };
  return { text: chatReply({ message, language: lang, planTasks: fields.PlanTasks }).reply, toolCalls: [] };
}
