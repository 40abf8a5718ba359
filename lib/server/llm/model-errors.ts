import "server-only";
// The one classification of model failures (docs/model-errors.md): whatever
// the AI SDK or the provider threw becomes an AppError a client can act on.
// A failing model is not a server error: it is the upstream's failure, so
// 502 Bad Gateway, or 503 Service Unavailable with `Retry-After` when the
// provider said when to come back (RFC 9110 §15.6.3, §15.6.4, §10.2.3).
import { APICallError } from "@ai-sdk/provider";
import { EmptyResponseBodyError, InvalidResponseDataError, JSONParseError, NoObjectGeneratedError, NoOutputGeneratedError, RetryError, TypeValidationError } from "ai";
import { AppError } from "../errors.ts";

/** What went wrong with a model call, in the app's words (`details.reason` of the error). */
export type ModelFailureReason = "rate_limited" | "unavailable" | "rejected" | "timeout" | "bad_output";

/** `details` of a model_unavailable / model_bad_output error. */
export type ModelErrorDetails = {
  reason: ModelFailureReason;
  /** The provider's HTTP status, when it answered. */
  providerStatus?: number;
  /** Seconds until the provider expects to answer again (also the `Retry-After` header). */
  retryAfterSeconds?: number;
};

/** Thrown by a model attempt that passed LLM_TIMEOUT_MS (model-retry.ts). */
export class ModelTimeoutError extends Error {
  override name = "ModelTimeoutError";
  constructor(readonly timeoutMs: number) {
    super(`The model did not answer within ${timeoutMs} ms`);
  }
}

/**
 * How long the provider asked us to wait, ms, from an APICallError's
 * response headers: `retry-after-ms` (milliseconds, OpenAI's), else
 * `retry-after` (delta-seconds or an HTTP-date, RFC 9110 §10.2.3). The same
 * headers, in the same order, as the AI SDK's own retry reads.
 * @returns undefined when there is none or it does not parse; never negative.
 */
export function retryAfterMsOf(error: unknown): number | undefined {
  const headers = APICallError.isInstance(error) ? error.responseHeaders : undefined;
  if (!headers) return undefined;
  const get = (name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  const ms = Number.parseFloat(get("retry-after-ms") ?? "");
  if (Number.isFinite(ms)) return Math.max(0, ms);
  const value = get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The error the AI SDK's retry wrapped last (RetryError), else `error` itself. */
export function unwrapModelError(error: unknown): unknown {
  return RetryError.isInstance(error) ? (error.lastError ?? error.errors.at(-1) ?? error) : error;
}

/** Whether `error` says the model's output did not parse or did not match the schema. */
export function isBadOutput(error: unknown): boolean {
  if (AppError.is(error)) return error.code === "model_bad_output";
  const e = unwrapModelError(error);
  if (NoObjectGeneratedError.isInstance(e) || NoOutputGeneratedError.isInstance(e) || TypeValidationError.isInstance(e) || JSONParseError.isInstance(e)) return true;
  if (InvalidResponseDataError.isInstance(e) || EmptyResponseBodyError.isInstance(e)) return true;
  // The provider answered 2xx but its body was not a chat completion (invalid JSON, wrong shape).
  return APICallError.isInstance(e) && e.statusCode !== undefined && e.statusCode >= 200 && e.statusCode < 300;
}

/** Whether `error` is a cancel of the caller's own AbortSignal (not a model failure). */
export function isCallerAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * The AppError for a failed model call (the table in docs/model-errors.md):
 * - the provider sent Retry-After / retry-after-ms (a 429 or 503 usually):
 *   503 `model_unavailable`, header `Retry-After: <seconds>` and
 *   `details.retryAfterSeconds`;
 * - any other provider 429 / 5xx, a network failure, another 4xx, a timeout:
 *   502 `model_unavailable`;
 * - output that is not JSON or does not match the schema: 502 `model_bad_output`.
 * An AppError passes through unchanged (already classified). The AI SDK's
 * RetryError is judged by its last error.
 * @param error what the model call threw. @returns never throws.
 */
export function modelErrorOf(error: unknown): AppError {
  if (AppError.is(error)) return error;
  const e = unwrapModelError(error);
  if (isBadOutput(e)) {
    return new AppError("model_bad_output", 502, "The planning model answered in a form the app could not read; please try again", { reason: "bad_output" } satisfies ModelErrorDetails);
  }
  if (e instanceof ModelTimeoutError || (e instanceof Error && e.name === "TimeoutError")) {
    const within = e instanceof ModelTimeoutError ? ` within ${seconds(e.timeoutMs)} s` : "";
    return new AppError("model_unavailable", 502, `The planning model did not answer${within}; please try again`, { reason: "timeout" } satisfies ModelErrorDetails);
  }
  if (APICallError.isInstance(e)) {
    const providerStatus = e.statusCode;
    const waitMs = retryAfterMsOf(e);
    if (waitMs !== undefined) {
      const retryAfterSeconds = seconds(waitMs);
      const details: ModelErrorDetails = { reason: providerStatus === 429 ? "rate_limited" : "unavailable", retryAfterSeconds, ...(providerStatus ? { providerStatus } : {}) };
      return new AppError("model_unavailable", 503, `The planning model is busy; try again in ${retryAfterSeconds} s`, details, { "Retry-After": String(retryAfterSeconds) });
    }
    if (providerStatus === 429) return new AppError("model_unavailable", 502, "The planning model is busy; please try again in a moment", { reason: "rate_limited", providerStatus } satisfies ModelErrorDetails);
    if (providerStatus !== undefined && providerStatus < 500 && providerStatus !== 408) {
      return new AppError("model_unavailable", 502, `The planning model refused the request (HTTP ${providerStatus}); please try again later`, { reason: "rejected", providerStatus } satisfies ModelErrorDetails);
    }
    return new AppError("model_unavailable", 502, "The planning model is unavailable right now; please try again", { reason: "unavailable", ...(providerStatus ? { providerStatus } : {}) } satisfies ModelErrorDetails);
  }
  return new AppError("model_unavailable", 502, "The planning model did not answer; please try again", { reason: "unavailable" } satisfies ModelErrorDetails);
}
