import "server-only";
// How a turn ends. Each ending commits its last events together with its
// writes in one transaction, and `conversation_end` is always the last event:
// - stopped: the partial reply is kept as the assistant message, marked
//   `turn.stopped`, with no actions and no jobs;
// - failed: an `error` event, and nothing half-written (no assistant message,
//   plan or job; the user's message is taken back out; the turn's record and
//   events stay as the stream's replay log — docs/model-errors.md);
// - completed: see runTurn (the actions commit with their jobs first).
import type { ChatStreamData, ChatStreamEvent, TurnStatus, TurnUsage } from "@/lib/shared/chat-stream";
import type { MessageMetadata, MessageTurn } from "@/lib/shared/chat";
import { AppError } from "../errors.ts";
import { recordTurn } from "../ops/metrics.ts";
import { errorFields, getLogger } from "../ops/logger.ts";
import { createMessage, deleteMessage } from "./chat-repo.ts";
import { round, type TurnSetup } from "./agent-start.ts";
import { finishTurn } from "./turn-repo.ts";

/** Why a turn's signal was aborted by POST …/stop (as opposed to a shutdown). */
export const STOP_REASON = "stopped by the user";

/** What a turn has so far: the reply text, whether assistant_message_end went out, usage, and its MessageTurn record. */
export type TurnProgress = { content: string; ended: boolean; usage: TurnUsage; turn: MessageTurn };

function endEvent(s: TurnSetup, status: Exclude<TurnStatus, "running">, metadata: MessageMetadata | null, usage: TurnUsage): ChatStreamEvent {
  s.timings.totalMs = round(performance.now() - s.t0);
  return {
    event: "conversation_end",
    data: s.input.includeMetadata ? { status, metadata, usage, timings: { ...s.timings } } : { status },
  };
}

function turnRecord(s: TurnSetup, usage: TurnUsage, p: TurnProgress, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { usage, timings: { ...s.timings }, ...(p.turn.summarized ? { summarized: p.turn.summarized } : {}), ...extra };
}

/** Counts the ended turn in /api/metrics. */
function count(s: TurnSetup, status: Exclude<TurnStatus, "running">): void {
  recordTurn({ status, conversationStartMs: s.timings.conversationStartMs, firstChunkMs: s.timings.firstChunkMs, modelFirstTokenMs: s.timings.modelFirstTokenMs });
}

/**
 * Ends a completed turn: `conversation_end` with the stored metadata (the
 * actions and the message were committed before).
 */
export async function completeTurn(s: TurnSetup, p: TurnProgress, metadata: MessageMetadata): Promise<void> {
  await s.writer.commitWith(async (tx) => {
    await finishTurn(tx, s.turnId, "completed", turnRecord(s, p.usage, p), new Date());
    return { value: undefined, events: [endEvent(s, "completed", metadata, p.usage)] };
  });
  count(s, "completed");
}

/**
 * Ends a stopped turn: the reply so far becomes the assistant message
 * (metadata `turn.stopped`, no actions, no jobs), then
 * `assistant_message_end` {stopped: true} (unless the reply had ended) and
 * `conversation_end` {status: "stopped"}.
 */
export async function stopTurn(s: TurnSetup, p: TurnProgress): Promise<void> {
  const metadata: MessageMetadata = {
    type: "job_log",
    conversationId: s.conversationId,
    messageId: s.messageId,
    status: "completed",
    jobs: [],
    actions: [],
    usage: { requestedAt: s.requestedAt, ...p.usage, modelMs: round(performance.now() - s.t0) },
    turn: { ...p.turn, stopped: true },
  };
  await s.writer.commitWith(async (tx) => {
    await createMessage(tx, { id: s.messageId, conversationId: s.conversationId, role: "assistant", content: p.content, metadata });
    await finishTurn(tx, s.turnId, "stopped", turnRecord(s, p.usage, p), new Date());
    const events: ChatStreamEvent[] = p.ended ? [] : [{ event: "assistant_message_end", data: { content: p.content, stopped: true } }];
    return { value: undefined, events: [...events, endEvent(s, "stopped", metadata, p.usage)] };
  });
  count(s, "stopped");
}

/**
 * The `error` event's data for what went wrong: an AppError's code, message
 * and HTTP status (what POST /api/chat/message would have answered: 502, or
 * 503 with `retryAfterSeconds` when the provider said when to come back —
 * docs/model-errors.md); anything else is a generic 500 `internal`.
 */
export function errorOf(error: unknown): ChatStreamData<"error"> {
  if (!AppError.is(error)) return { code: "internal", message: "Something went wrong while writing this reply; please try again", status: 500 };
  const retryAfterSeconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return { code: error.code, message: error.message, status: error.status, ...(typeof retryAfterSeconds === "number" ? { retryAfterSeconds } : {}) };
}

/**
 * Ends a failed turn: `error` then `conversation_end` {status: "failed",
 * metadata: null}, and takes the user's message back out, in one
 * transaction: a failed turn leaves no message (the browser keeps the text
 * as a draft with Retry, and a retry writes it once). The turn's record and
 * its events stay: they are the stream's replay log, so a client resuming
 * by Last-Event-ID still reads the `error`. Logs when even that fails.
 */
export async function failTurn(s: TurnSetup, p: TurnProgress, error: unknown): Promise<void> {
  const e = errorOf(error);
  if (e.code === "internal") getLogger().error({ component: "chat", turnId: s.turnId, ...errorFields(error) }, "chat turn failed");
  try {
    await s.writer.commitWith(async (tx) => {
      await finishTurn(tx, s.turnId, "failed", turnRecord(s, p.usage, p, { error: e }), new Date());
      await deleteMessage(tx, s.userMessageId);
      return { value: undefined, events: [{ event: "error", data: e }, endEvent(s, "failed", null, p.usage)] };
    });
  } catch (again) {
    getLogger().error({ component: "chat", turnId: s.turnId, ...errorFields(again) }, "chat turn: could not record its failure");
  }
  count(s, "failed");
}
