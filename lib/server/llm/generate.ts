import "server-only";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { generateText, Output } from "ai";
import type { z } from "zod";
import { isBadOutput, modelErrorOf } from "./model-errors.ts";
import { modelPolicyOf } from "./model-retry.ts";
import { buildPrompt, type PromptFields } from "./prompts.ts";

export type Usage = { inputTokens: number; outputTokens: number };

export type GenerateArgs<S extends z.ZodType> = {
  model: LanguageModelV4;
  schema: S;
  fields: PromptFields;
  /** Cancels the call (a job's signal, a request's). */
  abortSignal?: AbortSignal;
};

/** The parsed object, the call's token usage and its duration in ms. */
export type GenerateResult<S extends z.ZodType> = { object: z.infer<S>; usage: Usage; ms: number };

/**
 * The one way the app calls a model: structured output validated with zod
 * (AI SDK `generateText` + `Output.object`). It knows nothing of jobs: the
 * caller passes its AbortSignal and counts the returned usage (a job's
 * handler does both through `ctx.generate`). Transport retries and timeouts
 * are the model's own (model-retry.ts; the AI SDK's retry is off); an answer
 * that does not match the schema is asked for once more when the model's
 * policy allows retries at all.
 * @throws AppError 502/503 `model_unavailable` or 502 `model_bad_output`
 *   (model-errors.ts); the caller's AbortError when `abortSignal` aborted.
 */
export async function generateStructured<S extends z.ZodType>(args: GenerateArgs<S>): Promise<GenerateResult<S>> {
  const { system, prompt } = buildPrompt(args.fields);
  const started = performance.now();
  const reasks = Math.min(1, modelPolicyOf(args.model)?.maxRetries ?? 0);
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await generateText({
        model: args.model,
        system,
        prompt,
        output: Output.object({ schema: args.schema, name: args.fields.Request }),
        abortSignal: args.abortSignal,
        maxRetries: 0,
      });
      const usage = { inputTokens: result.usage.inputTokens ?? 0, outputTokens: result.usage.outputTokens ?? 0 };
      return { object: result.output as z.infer<S>, usage, ms: Math.round(performance.now() - started) };
    } catch (error) {
      if (args.abortSignal?.aborted) throw error;
      if (attempt < reasks && isBadOutput(error)) continue;
      throw modelErrorOf(error);
    }
  }
}
