import "server-only";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { generateText, Output } from "ai";
import type { z } from "zod";
import { addJobStats, currentJob, jobLog } from "../jobs/job-logger.ts";
import { buildPrompt, type PromptFields } from "./prompts.ts";

export type Usage = { inputTokens: number; outputTokens: number };

/**
 * The one way the app calls a model: structured output validated with zod
 * (AI SDK `generateText` + `Output.object`). Inside a job it counts the call
 * and its tokens in the job's stats and uses the job's AbortSignal.
 * @returns the parsed object and the call's token usage.
 * @throws the AI SDK's errors (APICallError, NoObjectGeneratedError, AbortError).
 */
export async function generateStructured<S extends z.ZodType>(args: {
  model: LanguageModelV4;
  schema: S;
  fields: PromptFields;
  abortSignal?: AbortSignal;
}): Promise<{ object: z.infer<S>; usage: Usage; ms: number }> {
  const { system, prompt } = buildPrompt(args.fields);
  const started = performance.now();
  const result = await generateText({
    model: args.model,
    system,
    prompt,
    output: Output.object({ schema: args.schema, name: args.fields.Request }),
    abortSignal: args.abortSignal ?? currentJob()?.signal,
    maxRetries: 1,
  });
  const usage = { inputTokens: result.usage.inputTokens ?? 0, outputTokens: result.usage.outputTokens ?? 0 };
  const ms = Math.round(performance.now() - started);
  addJobStats({ llmCalls: 1, ...usage });
  jobLog.debug(`Model call ${args.fields.Request} took ${ms} ms`, { request: args.fields.Request, ms, ...usage });
  return { object: result.output as z.infer<S>, usage, ms };
}
