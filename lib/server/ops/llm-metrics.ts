import "server-only";
import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4StreamPart, LanguageModelV4Usage } from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";
import { metrics } from "./metrics-registry.ts";
import { requestContext } from "./request-context.ts";

/** What a model call was for: the metrics' `purpose` label. */
export type LlmPurpose = "chat" | "turn" | "decompose" | "execute" | "other";

/** The prompt's `Request:` header field (lib/server/llm/prompts.ts) → purpose; chat_reply depends on the route. */
const BY_REQUEST: Record<string, LlmPurpose> = {
  chat_answer: "turn",
  plan_outline: "decompose",
  subtasks: "decompose",
  execute_task: "execute",
  finish_run: "execute",
};

/**
 * The purpose of a call, from the `Request:` line of its last user message:
 * chat_reply is `turn` under POST /api/chat/agent (the turn runs in that
 * request's async context) and `chat` otherwise (POST /api/chat/message).
 */
export function purposeOf(params: Pick<LanguageModelV4CallOptions, "prompt">): LlmPurpose {
  const user = [...params.prompt].reverse().find((m) => m.role === "user");
  const text = user && Array.isArray(user.content) ? user.content.map((p) => (p.type === "text" ? p.text : "")).join("\n") : "";
  const request = /^Request: (\w+)$/m.exec(text)?.[1];
  if (request === "chat_reply") return requestContext()?.route === "/api/chat/agent" ? "turn" : "chat";
  return (request && BY_REQUEST[request]) || "other";
}

function count(purpose: LlmPurpose, result: "ok" | "error", usage?: LanguageModelV4Usage): void {
  const m = metrics();
  m.llmCalls.inc({ purpose, result });
  if (!usage) return;
  m.llmTokens.inc({ purpose, direction: "input" }, usage.inputTokens.total ?? 0);
  m.llmTokens.inc({ purpose, direction: "output" }, usage.outputTokens.total ?? 0);
}

/**
 * Wraps the app's model so every call (generate or stream, each retry and
 * each tool step) is counted in `planstream_llm_calls_total{purpose,result}`
 * and its reported usage in `planstream_llm_tokens_total{purpose,direction}`.
 * An AI SDK language-model middleware (ai-sdk.dev "Language Model
 * Middleware"); the calls themselves are unchanged.
 */
export function meteredModel(model: LanguageModelV4): LanguageModelV4 {
  return wrapLanguageModel({
    model,
    middleware: {
      async wrapGenerate({ doGenerate, params }) {
        const purpose = purposeOf(params);
        try {
          const result = await doGenerate();
          count(purpose, "ok", result.usage);
          return result;
        } catch (error) {
          count(purpose, "error");
          throw error;
        }
      },
      async wrapStream({ doStream, params }) {
        const purpose = purposeOf(params);
        let result;
        try {
          result = await doStream();
        } catch (error) {
          count(purpose, "error");
          throw error;
        }
        let counted = false;
        const watch = new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
          transform(part, controller) {
            if (!counted && part.type === "finish") {
              counted = true;
              count(purpose, "ok", part.usage);
            } else if (!counted && part.type === "error") {
              counted = true;
              count(purpose, "error");
            }
            controller.enqueue(part);
          },
          flush() {
            if (!counted) count(purpose, "error");
          },
        });
        return { ...result, stream: result.stream.pipeThrough(watch) };
      },
    },
  });
}
