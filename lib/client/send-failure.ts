// Why a chat message was not sent, in one shape for every way a send fails:
// a non-2xx answer before the stream (ApiError: 429 rate_limited, 404, …),
// the network, or the streamed turn's `error` event (a model failure:
// model_unavailable / model_bad_output, docs/model-errors.md). The composer
// shows it with the text kept and a Retry that waits out `retryAfterSeconds`.
import type { MessageKey } from "./i18n";
import type { Translate } from "./i18n";
import { ApiError } from "./api";

/** A failed send: what to resend and why it failed. `at` is Date.now() when it failed (the Retry-After countdown starts there). */
export type SendFailure = {
  text: string;
  conversationId: string | null;
  planId?: string;
  code: string;
  /** The server's own sentence (English), shown for codes the UI has no words for. */
  message: string;
  /** Seconds to wait before Retry (the answer's Retry-After / `details.retryAfterSeconds`, or the `error` event's). */
  retryAfterSeconds?: number;
  at: number;
};

const seconds = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) && v > 0 ? Math.ceil(v) : undefined);

/**
 * The code, message and wait of what a send threw (ApiError from fetch, or
 * anything else) or of a turn's `error` event data.
 * @example failureReason(new ApiError(429, "rate_limited", "Too many", { retryAfterSeconds: 12 })) // { code: "rate_limited", message: "Too many", retryAfterSeconds: 12 }
 */
export function failureReason(error: unknown): Pick<SendFailure, "code" | "message" | "retryAfterSeconds"> {
  if (error instanceof ApiError) {
    const wait = seconds((error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds);
    return { code: error.code, message: error.message, ...(wait ? { retryAfterSeconds: wait } : {}) };
  }
  if (error && typeof error === "object" && "code" in error && "message" in error) {
    const e = error as { code: unknown; message: unknown; retryAfterSeconds?: unknown };
    const wait = seconds(e.retryAfterSeconds);
    return { code: String(e.code), message: String(e.message), ...(wait ? { retryAfterSeconds: wait } : {}) };
  }
  return { code: "internal", message: error instanceof Error ? error.message : String(error) };
}

const WORDS: Record<string, MessageKey> = {
  model_unavailable: "sendError.modelUnavailable",
  model_bad_output: "sendError.modelBadOutput",
  rate_limited: "sendError.rateLimited",
  network: "sendError.network",
};

/** The sentence the composer shows for `failure`, in the UI language (the server's message for codes without words of their own). */
export function failureText(t: Translate, failure: Pick<SendFailure, "code" | "message" | "retryAfterSeconds">): string {
  if (failure.code === "model_unavailable" && failure.retryAfterSeconds) return t("sendError.modelBusy");
  const key = WORDS[failure.code];
  return key ? t(key) : t("sendError.other", { message: failure.message });
}

/** Whole seconds left before Retry may be pressed at `now` (0 = now). */
export function retryWaitLeft(failure: Pick<SendFailure, "retryAfterSeconds" | "at">, now: number): number {
  if (!failure.retryAfterSeconds) return 0;
  return Math.max(0, Math.ceil((failure.at + failure.retryAfterSeconds * 1000 - now) / 1000));
}
