import "server-only";
// The LanguageModelV4 side of the offline planner: ids, simulated latency,
// abort handling and streaming. What to answer is decided in answer-call.ts;
// this file only makes the answer look like a real provider's response.
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4FinishReason,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
} from "@ai-sdk/provider";
import { answerCall, type Answer } from "./answer-call.ts";

/** The offline model's `modelId` (also reported in response metadata). */
export const OFFLINE_MODEL_ID = "planstream-offline-planner";
/** The offline model's `provider`. */
export const OFFLINE_PROVIDER = "planstream.offline";
const DEFAULT_LATENCY_MS = 350;
/** Without `wordDelayMs`, the pause between streamed words is this share of the latency (350 ms → 35 ms a word). */
const WORD_DELAY_SHARE = 0.1;

/**
 * Creates the offline planner model: a LanguageModelV4 whose doGenerate returns
 * one text part and whose doStream streams the same text: JSON in
 * 24-code-point deltas at once, plain text (chat answers, execution
 * summaries) word by word (Intl.Segmenter words, each with the spaces after
 * it) with `wordDelayMs` between words, so `latencyMs` is the first-token time
 * and the rest types out. The text is JSON matching the requested schema (chat_reply,
 * plan_outline, subtasks), or a plain chat reply when no JSON was asked for.
 * For `Request: execute_task` / `finish_run` with tools offered, the first step
 * answers `tool-call` parts (finish reason "tool-calls"; streamed as
 * tool-input-start/delta/end then tool-call) and the step after the results a
 * plain text; see execute-task.ts. Usage counts characters / 4 in and out.
 * @param options.latencyMs simulated latency per call in ms (default 350; negative counts as 0).
 * @param options.wordDelayMs pause between streamed words of a plain answer, ms (default latencyMs / 10).
 * @throws Nothing itself. doGenerate/doStream reject with the abort signal's
 *   reason (or an `AbortError` DOMException) when it aborts before or during
 *   the latency, and a stream errors the same way when it aborts mid-read.
 * @example generateText({ model: createOfflinePlannerModel(), system, prompt, output: Output.object({ schema, name: "plan_outline" }) })
 */
export function createOfflinePlannerModel(options: { latencyMs?: number; wordDelayMs?: number } = {}): LanguageModelV4 {
  const latencyMs = Math.max(0, options.latencyMs ?? DEFAULT_LATENCY_MS);
  const wordDelayMs = Math.max(0, options.wordDelayMs ?? Math.round(latencyMs * WORD_DELAY_SHARE));
  return {
    specificationVersion: "v4",
    provider: OFFLINE_PROVIDER,
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},
    async doGenerate(call: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
      call.abortSignal?.throwIfAborted();
      const answer = answerCall(call);
      await delay(latencyMs, call.abortSignal);
      return {
        content: contentOf(answer),
        finishReason: finishReasonOf(answer),
        usage: answer.usage,
        warnings: answer.warnings,
        request: { body: { request: answer.request, fields: answer.fields } },
        response: { modelId: OFFLINE_MODEL_ID, timestamp: new Date() },
      };
    },
    async doStream(call: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
      call.abortSignal?.throwIfAborted();
      const answer = answerCall(call);
      await delay(latencyMs, call.abortSignal);
      const plain = call.responseFormat?.type !== "json";
      const deltas = plain ? words(answer.text) : chunkText(answer.text, 24);
      const parts: LanguageModelV4StreamPart[] = [
        { type: "stream-start", warnings: answer.warnings },
        { type: "response-metadata", modelId: OFFLINE_MODEL_ID, timestamp: new Date() },
        ...(answer.text || answer.toolCalls.length === 0
          ? [
              { type: "text-start", id: "txt-0" } as const,
              ...deltas.map((delta): LanguageModelV4StreamPart => ({ type: "text-delta", id: "txt-0", delta })),
              { type: "text-end", id: "txt-0" } as const,
            ]
          : []),
        ...answer.toolCalls.flatMap((c): LanguageModelV4StreamPart[] => [
          { type: "tool-input-start", id: c.toolCallId, toolName: c.toolName },
          { type: "tool-input-delta", id: c.toolCallId, delta: c.input },
          { type: "tool-input-end", id: c.toolCallId },
          { type: "tool-call", toolCallId: c.toolCallId, toolName: c.toolName, input: c.input },
        ]),
        { type: "finish", finishReason: finishReasonOf(answer), usage: answer.usage },
      ];
      let i = 0;
      let wordsSent = 0;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async pull(controller) {
          const part = parts[i];
          // The simulated typing pace: every word after the first waits its turn.
          if (plain && part?.type === "text-delta" && wordsSent++ > 0 && wordDelayMs > 0) {
            try {
              await delay(wordDelayMs, call.abortSignal);
            } catch (reason) {
              controller.error(reason);
              return;
            }
          }
          if (call.abortSignal?.aborted) {
            controller.error(abortReason(call.abortSignal));
            return;
          }
          if (i < parts.length) controller.enqueue(parts[i++]);
          else controller.close();
        },
      });
      return { stream, request: { body: { request: answer.request, fields: answer.fields } } };
    },
  };
}

/** The answer as content parts: its text (when there is any, or nothing else), then its tool calls. */
function contentOf(answer: Answer): LanguageModelV4Content[] {
  const text: LanguageModelV4Content[] = answer.text || answer.toolCalls.length === 0 ? [{ type: "text", text: answer.text }] : [];
  return [...text, ...answer.toolCalls.map((c): LanguageModelV4Content => ({ type: "tool-call", toolCallId: c.toolCallId, toolName: c.toolName, input: c.input }))];
}

function finishReasonOf(answer: Answer): LanguageModelV4FinishReason {
  return answer.toolCalls.length > 0 ? { unified: "tool-calls", raw: "tool_calls" } : { unified: "stop", raw: "stop" };
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

/** Waits `ms`, rejecting with the signal's reason as soon as it aborts. */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

/** Splits text into words (Intl.Segmenter, so Chinese and Japanese split too), each with the spaces and punctuation after it; joined they give the text. */
function words(text: string): string[] {
  const out: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    if (isWordLike || out.length === 0) out.push(segment);
    else out[out.length - 1] += segment;
  }
  return out;
}

/** Splits text into deltas of `size` code points (never inside a surrogate pair). */
function chunkText(text: string, size: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(""));
  return out;
}
