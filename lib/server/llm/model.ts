import "server-only";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { createOfflinePlannerModel } from "./offline-model/index.ts";

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
