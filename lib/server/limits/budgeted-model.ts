// The model as one user's calls see it: every call is bounded in output
// tokens (LLM_MAX_OUTPUT_TOKENS), checked against the user's daily token
// budget before it is made, and counted in that budget after. An AI SDK
// language-model middleware (https://ai-sdk.dev/docs/ai-sdk-core/middleware),
// so generateText, streamText and structured output all go through it.
import "server-only";
import type { LanguageModelV4, LanguageModelV4StreamPart, LanguageModelV4Usage } from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";
import type { Db } from "../db/client.ts";
import { env } from "../env.ts";
import { assertTokenBudget, recordTokens } from "./token-budget.ts";
import { errorFields, getLogger } from "../ops/logger.ts";

export type MeterOptions = {
  db: Db;
  /** Whose budget the calls spend. */
  userId: string;
  /** Output tokens per call (default LLM_MAX_OUTPUT_TOKENS); a smaller `maxOutputTokens` asked by the caller is kept. */
  maxOutputTokens?: number;
};

const tokensOf = (u: LanguageModelV4Usage | undefined) => ({ inputTokens: u?.inputTokens.total ?? 0, outputTokens: u?.outputTokens.total ?? 0 });

/**
 * `model`, metered for `userId`. Each call: `maxOutputTokens` capped; the
 * budget checked first (throws AppError 429 token_budget_exhausted, the
 * model is not called); the call's input + output tokens recorded when it
 * finishes (a streamed call at its `finish` part). A failed recording is
 * logged, never fails the call.
 * @example generateText({ model: budgetedModel(deps.model, { db: deps.db, userId }), prompt })
 */
export function budgetedModel(model: LanguageModelV4, options: MeterOptions): LanguageModelV4 {
  const { db, userId } = options;
  const cap = options.maxOutputTokens ?? env().LLM_MAX_OUTPUT_TOKENS;
  const record = (usage: LanguageModelV4Usage | undefined) =>
    recordTokens(db, userId, tokensOf(usage)).catch((error) => getLogger().error({ component: "limits", ...errorFields(error) }, "recording model tokens failed"));
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: "v4",
      transformParams: async ({ params }) => ({ ...params, maxOutputTokens: Math.min(params.maxOutputTokens ?? cap, cap) }),
      wrapGenerate: async ({ doGenerate }) => {
        await assertTokenBudget(db, userId);
        const result = await doGenerate();
        await record(result.usage);
        return result;
      },
      wrapStream: async ({ doStream }) => {
        await assertTokenBudget(db, userId);
        const result = await doStream();
        const meter = new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
          async transform(part, controller) {
            if (part.type === "finish") await record(part.usage);
            controller.enqueue(part);
          },
        });
        return { ...result, stream: result.stream.pipeThrough(meter) };
      },
    },
  });
}
