import "server-only";
// Turns one model call into the offline planner's answer: which request it is,
// in which language, and the JSON (or plain) text that answers it.
import type { LanguageModelV4CallOptions, LanguageModelV4Usage, SharedV4Warning } from "@ai-sdk/provider";
import { isLanguage, type Language } from "@/lib/shared/language";
import { detectLanguage, parsePromptFields, type PromptFields } from "../prompts.ts";
import { LLM_REQUESTS, TOOL_REQUESTS, type LlmRequestName, type ToolRequestName } from "../schemas.ts";
import { answerChat } from "./chat-answer.ts";
import { chatReply } from "./chat-reply.ts";
import { answerExecuteTask, answerFinishRun, type PlannedToolCall } from "./execute-task.ts";
import { planOutline } from "./outline.ts";
import { subtasks } from "./subtasks.ts";

/** What one call answers, plus what the adapter reports about it. */
export type Answer = {
  /** The request recognised, or "text" for a plain prompt without a JSON response format. */
  request: LlmRequestName | ToolRequestName | "text";
  fields: Partial<PromptFields>;
  /** The answer's text ("" when it is only tool calls). */
  text: string;
  /** Tool calls to answer with (execute_task / finish_run / chat_answer only), in order; empty otherwise. */
  toolCalls: PlannedToolCall[];
  usage: LanguageModelV4Usage;
  warnings: SharedV4Warning[];
};

/**
 * Answers one call from its last user message: the prompt header
 * (`Field: value` lines, see buildPrompt) or, without one, the free text as
 * the message or goal. The language is the `Language:` field, else detected
 * from the text. Token usage is characters / 4 (system, user text, earlier
 * tool calls and results in; the answer's text and tool inputs out).
 * `Request: execute_task` / `finish_run` (plain text, no JSON format) answer
 * with tool calls from `call.tools` or plain text (execute-task.ts), and
 * `chat_answer` likewise with the chat's read-only tools (chat-answer.ts); any
 * other request ignores offered tools with an "unsupported" warning. Never throws.
 */
export function answerCall(call: LanguageModelV4CallOptions): Answer {
  const warnings: SharedV4Warning[] = [];

  let inputChars = 0;
  let lastUserText = "";
  for (const message of call.prompt) {
    if (message.role === "system") {
      inputChars += message.content.length;
      continue;
    }
    const content = message.content as ReadonlyArray<{ type: string; text?: string; input?: unknown; output?: unknown }>;
    for (const part of content) {
      if (part.type === "tool-call") inputChars += stringLength(part.input);
      else if (part.type === "tool-result") inputChars += stringLength(part.output);
    }
    const texts = content.flatMap((part) => (part.type === "text" && typeof part.text === "string" ? [part.text] : []));
    for (const t of texts) inputChars += t.length;
    if (message.role === "user" && texts.length > 0) lastUserText = texts.join("\n");
  }

  const fields = parsePromptFields(lastUserText);
  const format = call.responseFormat;
  const request = resolveRequest(format, fields);
  // Free text without a header (e.g. a plain streamText prompt) is the message/goal itself.
  const freeText = lastUserText.trim();
  const language: Language = isLanguage(fields.Language)
    ? fields.Language
    : detectLanguage(fields.Message ?? fields.Goal ?? fields.Task ?? freeText);

  let text: string;
  let toolCalls: PlannedToolCall[] = [];
  if (!isToolRequestName(request) && call.tools?.length) {
    warnings.push({ type: "unsupported", feature: "tools", details: "The offline planner calls tools only for execute_task, finish_run and chat_answer." });
  }
  if (request === "chat_answer") {
    const answer = answerChat(fields, language, call, freeText);
    text = answer.text;
    toolCalls = answer.toolCalls;
  } else if (request === "execute_task" || request === "finish_run") {
    const answer = request === "execute_task" ? answerExecuteTask(fields, language, call) : answerFinishRun(fields, language, call);
    text = answer.text;
    toolCalls = answer.toolCalls;
  } else if (request === "plan_outline") {
    text = JSON.stringify(planOutline(fields.Goal ?? fields.Message ?? freeText, language));
  } else if (request === "subtasks") {
    text = JSON.stringify(
      subtasks({
        goal: fields.Goal ?? "",
        task: fields.Task ?? fields.Message ?? freeText,
        description: fields.TaskDescription ?? "",
        language,
      }),
    );
  } else {
    const reply = chatReply({
      message: fields.Message ?? fields.Goal ?? freeText,
      language,
      planTasks: fields.PlanTasks,
    });
    text = request === "chat_reply" ? JSON.stringify(reply) : reply.reply;
  }

  const outputChars = text.length + toolCalls.reduce((n, c) => n + c.input.length, 0);
  return {
    request,
    fields,
    text,
    toolCalls,
    warnings,
    usage: {
      inputTokens: { total: Math.ceil(inputChars / 4), noCache: Math.ceil(inputChars / 4), cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: Math.ceil(outputChars / 4), text: Math.ceil(text.length / 4), reasoning: undefined },
    },
  };
}

/** Characters of a value as the model would read it: strings as they are, anything else as JSON. */
function stringLength(value: unknown): number {
  if (typeof value === "string") return value.length;
  return JSON.stringify(value)?.length ?? 0;
}

function isRequestName(value: unknown): value is LlmRequestName {
  return typeof value === "string" && (LLM_REQUESTS as readonly string[]).includes(value);
}

function isToolRequestName(value: unknown): value is ToolRequestName {
  return typeof value === "string" && (TOOL_REQUESTS as readonly string[]).includes(value);
}

/** responseFormat.name first, then the `Request:` header (a tool request only without a JSON format), then the JSON schema's shape. */
function resolveRequest(
  format: LanguageModelV4CallOptions["responseFormat"],
  fields: Partial<PromptFields>,
): LlmRequestName | ToolRequestName | "text" {
  if (format?.type === "json" && isRequestName(format.name)) return format.name;
  if (isRequestName(fields.Request)) return fields.Request;
  if (format?.type !== "json" && isToolRequestName(fields.Request)) return fields.Request;
  if (format?.type === "json") {
    const props = (format.schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
    if ("subtasks" in props) return "subtasks";
    if ("tasks" in props) return "plan_outline";
    return "chat_reply";
  }
  return "text";
}
