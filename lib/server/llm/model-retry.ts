import "server-only";
// Bounded retries and timeouts for every call to a real provider, as one
// wrapper around the model (AI SDK language-model middleware), so the chat
// routes, the streamed turn and background jobs all get the same policy.
// Backoff: exponential, like the AI SDK's own retry (which honours
// `retry-after-ms` / `retry-after` up to 60 s); ours caps the wait at
// LLM_RETRY_MAX_WAIT_MS so a person is not kept waiting: a longer Retry-After
// fails at once and is passed on (503 + Retry-After, model-errors.ts).
import { APICallError, type LanguageModelV4, type LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";
import { isCallerAbort, ModelTimeoutError, modelErrorOf, retryAfterMsOf } from "./model-errors.ts";
import { errorFields, getLogger } from "../ops/logger.ts";

/** How model calls are retried and bounded (env: LLM_MAX_RETRIES, LLM_TIMEOUT_MS, LLM_RETRY_MAX_WAIT_MS). */
export type ModelCallPolicy = {
  /** Retries after the first attempt for a retryable failure (429, 408, 409, 5xx, network error). */
  maxRetries: number;
  /** One attempt's limit, ms: until the answer; a stream: until it starts, then between two parts. */
  timeoutMs: number;
  /** Longest wait before a retry, ms; a provider Retry-After above it is not waited for. */
  maxWaitMs: number;
  /** First backoff delay, ms, doubled per retry (default 500). */
  baseDelayMs?: number;
};

const DEFAULT_BASE_DELAY_MS = 500;
const policies = new WeakMap<object, ModelCallPolicy>();

/** The policy `withModelPolicy` gave `model`, or undefined for a model without one (offline, test models). */
export function modelPolicyOf(model: LanguageModelV4): ModelCallPolicy | undefined {
  return policies.get(model);
}

/**
 * How long to wait before retry number `retry` (0-based) after `error`, ms,
 * or undefined when it must not be retried: not a retryable APICallError
 * (the provider-utils rule: 408, 409, 429, 5xx, connection failures), or the
 * provider's Retry-After is longer than `policy.maxWaitMs`.
 */
export function retryDelayMs(error: unknown, retry: number, policy: ModelCallPolicy): number | undefined {
  if (!APICallError.isInstance(error) || !error.isRetryable) return undefined;
  const asked = retryAfterMsOf(error);
  if (asked !== undefined) return asked <= policy.maxWaitMs ? asked : undefined;
  return Math.min(policy.maxWaitMs, (policy.baseDelayMs ?? DEFAULT_BASE_DELAY_MS) * 2 ** retry);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs `attempt` with a per-attempt timeout and up to `policy.maxRetries`
 * retries. The caller's abort passes through untouched; every other final
 * failure is thrown as the classified AppError (modelErrorOf), which the AI
 * SDK does not retry again.
 * @param attempt gets the attempt's signal and `arm(ms)`, which restarts its timer (undefined stops it).
 */
async function withRetries<T>(policy: ModelCallPolicy, outer: AbortSignal | undefined, attempt: (signal: AbortSignal, arm: (ms: number | undefined) => void) => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry++) {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (ms: number | undefined) => {
      clearTimeout(timer);
      timer = ms === undefined ? undefined : setTimeout(() => controller.abort(new ModelTimeoutError(policy.timeoutMs)), ms);
    };
    arm(policy.timeoutMs);
    const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
    try {
      return await attempt(signal, arm);
    } catch (error) {
      clearTimeout(timer);
      if (outer?.aborted || (isCallerAbort(error) && !controller.signal.aborted)) throw error;
      // A timeout is not retried: its wait was the longest there is already.
      if (controller.signal.aborted) throw modelErrorOf(new ModelTimeoutError(policy.timeoutMs));
      const wait = retry < policy.maxRetries ? retryDelayMs(error, retry, policy) : undefined;
      if (wait === undefined) throw modelErrorOf(error);
      getLogger().warn({ component: "llm", retry: retry + 1, maxRetries: policy.maxRetries, waitMs: Math.round(wait), ...errorFields(error) }, "model call failed; retrying");
      await sleep(wait, outer);
    }
  }
}

/**
 * A stream that fails with a timeout `error` part when no part arrives for
 * `ms` (the attempt's timer, re-armed per part), then ends.
 */
function idleLimited(stream: ReadableStream<LanguageModelV4StreamPart>, ms: number, signal: AbortSignal, arm: (ms: number | undefined) => void): ReadableStream<LanguageModelV4StreamPart> {
  const reader = stream.getReader();
  const timedOut = new Promise<"timeout">((resolve) => signal.addEventListener("abort", () => resolve("timeout"), { once: true }));
  return new ReadableStream<LanguageModelV4StreamPart>({
    async pull(controller) {
      arm(ms);
      let next: ReadableStreamReadResult<LanguageModelV4StreamPart> | "timeout";
      try {
        next = await Promise.race([reader.read(), timedOut]);
      } catch (error) {
        next = signal.aborted ? "timeout" : { done: false, value: { type: "error", error } };
      }
      if (next === "timeout" && signal.reason instanceof ModelTimeoutError) {
        arm(undefined);
        controller.enqueue({ type: "error", error: modelErrorOf(signal.reason) });
        controller.close();
        reader.cancel().catch(() => undefined);
      } else if (next === "timeout") {
        arm(undefined);
        controller.error(signal.reason);
      } else if (next.done) {
        arm(undefined);
        controller.close();
      } else controller.enqueue(next.value);
    },
    cancel(reason) {
      arm(undefined);
      return reader.cancel(reason);
    },
  });
}

/**
 * `model` with `policy` applied to each call (doGenerate, and doStream up to
 * its first part plus between parts), the AI SDK's middleware pattern
 * (wrapLanguageModel). Callers pass `maxRetries: 0` to the AI SDK; a final
 * failure arrives as the classified AppError (model-errors.ts).
 */
export function withModelPolicy(model: LanguageModelV4, policy: ModelCallPolicy): LanguageModelV4 {
  const wrapped = wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: "v4",
      wrapGenerate: ({ params, model: inner }) =>
        withRetries(policy, params.abortSignal, async (signal, arm) => {
          const result = await inner.doGenerate({ ...params, abortSignal: signal });
          arm(undefined);
          return result;
        }),
      wrapStream: ({ params, model: inner }) =>
        withRetries(policy, params.abortSignal, async (signal, arm) => {
          const result = await inner.doStream({ ...params, abortSignal: signal });
          return { ...result, stream: idleLimited(result.stream, policy.timeoutMs, signal, arm) };
        }),
    },
  });
  policies.set(wrapped, policy);
  return wrapped;
}
