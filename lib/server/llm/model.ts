import "server-only";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { withModelPolicy, type ModelCallPolicy } from "./model-retry.ts";
import { createOfflinePlannerModel } from "./offline-model/index.ts";

export type ModelConfig = {
  baseUrl?: string;
  apiKey?: string;
  model?: string;
  /** Offline model latency per call, ms. */
  offlineLatencyMs?: number;
  /** Retries and timeouts of a real provider's calls (model-retry.ts); defaults: 2 retries, 60 s, 8 s. */
  policy?: Partial<ModelCallPolicy>;
};

/** The policy of a real provider's calls when the config does not say (the env defaults). */
export const DEFAULT_MODEL_POLICY: ModelCallPolicy = { maxRetries: 2, timeoutMs: 60_000, maxWaitMs: 8_000 };

/**
 * Builds the language model every LLM call goes through: an OpenAI-compatible
 * provider (OpenAI, Ollama, vLLM, LM Studio) when `baseUrl` is set, wrapped
 * with bounded retries and timeouts (withModelPolicy; a final failure is the
 * classified AppError of model-errors.ts), otherwise the built-in offline
 * planner model (which does not fail, so it is not wrapped).
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
    return withModelPolicy(provider.chatModel(config.model ?? "gpt-4o-mini"), { ...DEFAULT_MODEL_POLICY, ...config.policy });
  }
  return createOfflinePlannerModel({ latencyMs: config.offlineLatencyMs });
}
