import "server-only";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { env } from "../env.ts";
import { createOfflinePlannerModel } from "./offline-model.ts";

export type ModelConfig = {
  baseUrl?: string;
  apiKey?: string;
  model?: string;
  /** Offline model latency per call, ms. */
  offlineLatencyMs?: number;
};

/**
 * Builds the language model every LLM call goes through: an OpenAI-compatible
 * provider (OpenAI, Ollama, vLLM, LM Studio) when `baseUrl` is set, otherwise
 * the built-in offline planner model.
 */
export function createModel(config: ModelConfig): LanguageModelV4 {
  if (config.baseUrl) {
    const provider = createOpenAICompatible({
      name: "llm",
      baseURL: config.baseUrl,
      apiKey: config.apiKey,
      supportsStructuredOutputs: true,
      // Ask for usage on streamed calls too, so job stats count tokens either way.
      includeUsage: true,
    });
    return provider.chatModel(config.model ?? "gpt-4o-mini");
  }
  return createOfflinePlannerModel({ latencyMs: config.offlineLatencyMs });
}

let cached: LanguageModelV4 | undefined;

/** The process-wide model from LLM_BASE_URL / LLM_API_KEY / LLM_MODEL. */
export function getModel(): LanguageModelV4 {
  const e = env();
  cached ??= createModel({
    baseUrl: e.LLM_BASE_URL,
    apiKey: e.LLM_API_KEY,
    model: e.LLM_MODEL,
    offlineLatencyMs: e.LLM_OFFLINE_LATENCY_MS,
  });
  return cached;
}
