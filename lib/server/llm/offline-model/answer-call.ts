import "server-only";
// Turns one model call into the offline planner's answer: which request it is,
// in which language, and the JSON (or plain) text that answers it.
import type { LanguageModelV4CallOptions, LanguageModelV4Usage, SharedV4Warning } from "@ai-sdk/provider";
import { isLanguage, type Language } from "@/lib/shared/language";
import { detectLanguage, parsePromptFields, type PromptFields } from "../prompts.ts";
import { LLM_REQUESTS, type LlmRequestName } from "../schemas.ts";
import { chatReply } from "./chat-reply.ts";
import { planOutline } from "./outline.ts";
import { subtasks } from "./subtasks.ts";

/** What one call answers, plus what the adapter reports about it. */
export type Answer = {
  /** The request recognised, or "text" for a plain prompt without a JSON response format. */
  request: LlmRequestName | "text";
  fields: Partial<PromptFields>;
  text: string;
  usage: LanguageModelV4Usage;
  warnings: SharedV4Warning[];
};

/**
 * Answers one call from its last user message: the prompt header
 * (`Field: value` lines, see buildPrompt) or, without one, the free text as
 * the message or goal. The language is the `Language:` field, else detected
 * from the text. Token usage is characters / 4 (system and user text in, the
 * answer out). Tools are ignored with an "unsupported" warning. Never throws.
 */
export function answerCall(call: LanguageModelV4CallOptions): Answer {
  const warnings: SharedV4Warning[] = [];
  if (call.tools?.length) warnings.push({ type: "unsupported", feature: "tools", details: "The offline planner never calls tools." });

  let inputChars = 0;
  let lastUserText = "";
  for (const message of call.prompt) {
    if (message.role === "system") {
      inputChars += message.content.length;
      continue;
    }
    const content = message.content as ReadonlyArray<{ type: string; text?: string }>;
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
  if (request === "plan_outline") {
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

  return {
    request,
    fields,
    text,
    warnings,
    usage: {
      inputTokens: { total: Math.ceil(inputChars / 4), noCache: Math.ceil(inputChars / 4), cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: Math.ceil(text.length / 4), text: Math.ceil(text.length / 4), reasoning: undefined },
    },
  };
}

function isRequestName(value: unknown): value is LlmRequestName {
  return typeof value === "string" && (LLM_REQUESTS as readonly string[]).includes(value);
}

/** responseFormat.name first, then the `Request:` header, then the JSON schema's shape. */
function resolveRequest(
  format: LanguageModelV4CallOptions["responseFormat"],
  fields: Partial<PromptFields>,
): LlmRequestName | "text" {
  if (format?.type === "json" && isRequestName(format.name)) return format.name;
  if (isRequestName(fields.Request)) return fields.Request;
  if (format?.type === "json") {
    const props = (format.schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
    if ("subtasks" in props) return "subtasks";
    if ("tasks" in props) return "plan_outline";
    return "chat_reply";
  }
  return "text";
}
