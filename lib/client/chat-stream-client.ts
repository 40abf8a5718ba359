// Reading a chat turn's SSE in the browser (docs/style.md §6: fetch → TextDecoderStream →
// EventSourceParserStream): POST /api/chat/agent starts a turn, GET
// /api/chat/turns/{turnId}/stream?after= resumes it from a cursor.
import { EventSourceParserStream } from "eventsource-parser/stream";
import { parseChatStreamEvent, type ChatAgentInput, type ChatStreamFrame } from "@/lib/shared/chat-stream";
import type { ErrorBody } from "@/lib/shared/errors";
import { ApiError, apiErrorOf } from "./api";
import { getConnectivity, UNREACHABLE_STATUSES } from "./connectivity";

/** How a read stream ended: `ended` after `conversation_end`; `cut` when the connection closed before it (resume from the cursor). */
export type ChatStreamOutcome = "ended" | "cut";

async function openStream(url: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { Accept: "text/event-stream", ...(init.body ? { "Content-Type": "application/json" } : {}), ...init.headers } });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    getConnectivity().reportFailure();
    throw new ApiError(0, "network", "Network error: the server could not be reached");
  }
  if (UNREACHABLE_STATUSES.has(res.status)) getConnectivity().reportFailure();
  else getConnectivity().reportSuccess();
  if (res.ok && res.body) return res;
  let body: Partial<ErrorBody> = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    /* not JSON */
  }
  throw apiErrorOf(res, body);
}

/**
 * Reads the frames of an open SSE response, validated with parseChatStreamEvent
 * (an unknown or malformed frame is skipped), calling `onFrame` for each in order.
 * @returns "ended" once `conversation_end` was read, "cut" if the body ended first.
 * @throws the AbortError of `signal`.
 */
export async function readChatFrames(res: Response, onFrame: (frame: ChatStreamFrame) => void): Promise<ChatStreamOutcome> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return "cut";
    let frame: ChatStreamFrame;
    try {
      frame = { ...parseChatStreamEvent(value.event ?? "message", JSON.parse(value.data)), seq: Number(value.id) };
    } catch {
      continue;
    }
    onFrame(frame);
    if (frame.event === "conversation_end") {
      await reader.cancel().catch(() => undefined);
      return "ended";
    }
  }
}

/**
 * POST /api/chat/agent `input` and reads its frames into `onFrame`.
 * @returns how the stream ended. @throws ApiError for a non-2xx answer (the turn did not start), AbortError.
 */
export async function startChatTurn(input: ChatAgentInput, onFrame: (frame: ChatStreamFrame) => void, signal: AbortSignal): Promise<ChatStreamOutcome> {
  const res = await openStream("/api/chat/agent", { method: "POST", body: JSON.stringify(input), signal });
  return readChatFrames(res, onFrame);
}

/**
 * GET /api/chat/turns/{turnId}/stream with `Last-Event-ID: after`: the turn's
 * frames after seq `after` (a finished turn replays and closes).
 * @returns how the stream ended. @throws ApiError (404: unknown turn), AbortError.
 */
export async function resumeChatTurn(turnId: string, after: number, onFrame: (frame: ChatStreamFrame) => void, signal: AbortSignal): Promise<ChatStreamOutcome> {
  const res = await openStream(`/api/chat/turns/${encodeURIComponent(turnId)}/stream`, { headers: { "Last-Event-ID": String(after) }, signal });
  return readChatFrames(res, onFrame);
}

/** POST /api/chat/turns/{turnId}/stop. @returns whether this call stopped it. @throws ApiError. */
export async function stopChatTurn(turnId: string): Promise<boolean> {
  const res = await fetch(`/api/chat/turns/${encodeURIComponent(turnId)}/stop`, { method: "POST", headers: { Accept: "application/json" } });
  if (!res.ok) throw new ApiError(res.status, "http_error", `HTTP ${res.status}`);
  return ((await res.json()) as { stopped: boolean }).stopped;
}
