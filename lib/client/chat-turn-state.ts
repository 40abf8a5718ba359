// Folding a streamed chat turn's events (lib/shared/chat-stream.ts) into what its
// reply bubble shows: a pure reducer, so a resumed stream replayed from seq 0 and a
// live one give the same state, and a frame seen twice changes nothing.
import type { ChatAction, MessageMetadata, StoredToolCall } from "@/lib/shared/chat";
import type { ChatStreamData, ChatStreamFrame, ProcessingStage } from "@/lib/shared/chat-stream";

/** One read-only tool call of the turn, as its chip shows it. */
export type ToolChip = {
  callId: string;
  tool: string;
  input: unknown;
  /** `tool_call_progress` messages, oldest first. */
  progress: string[];
  /** Set by `tool_call_end`. */
  done: boolean;
  output?: unknown;
  error?: string;
  /** Milliseconds the call took (from `tool_call_end`). */
  durationMs?: number;
};

/** The design document a turn wrote (`design_document_generated`). */
export type DesignDocumentRef = ChatStreamData<"design_document_generated">;

/**
 * A turn's reply as folded so far. `phase`: "streaming" until `conversation_end`
 * (then its status). `content` is the text typed out so far (the chunks' deltas
 * appended; replaced by `assistant_message_end`'s content). `lastSeq` is the
 * highest frame id applied (the resume cursor, Last-Event-ID).
 */
export type ChatTurnState = {
  turnId: string | null;
  conversationId: string | null;
  messageId: string | null;
  userMessageId: string | null;
  lastSeq: number;
  phase: "streaming" | "completed" | "stopped" | "failed";
  stage: ProcessingStage | null;
  started: boolean;
  content: string;
  /** Number of chunks applied (a renderer can tell a reply typed out from one that came whole). */
  chunks: number;
  stopped: boolean;
  tools: ToolChip[];
  actions: ChatAction[];
  metadata: MessageMetadata | null;
  designDocument: DesignDocumentRef | null;
  /** The `error` event's data: code, message, and for a model failure the HTTP status and the provider's wait (docs/model-errors.md). */
  error: ChatStreamData<"error"> | null;
};

/** The state before any event. */
export const initialChatTurnState = (): ChatTurnState => ({
  turnId: null,
  conversationId: null,
  messageId: null,
  userMessageId: null,
  lastSeq: 0,
  phase: "streaming",
  stage: null,
  started: false,
  content: "",
  chunks: 0,
  stopped: false,
  tools: [],
  actions: [],
  metadata: null,
  designDocument: null,
  error: null,
});

const patchTool = (tools: ToolChip[], callId: string, tool: string, patch: (t: ToolChip) => ToolChip): ToolChip[] => {
  const i = tools.findIndex((t) => t.callId === callId);
  if (i < 0) return [...tools, patch({ callId, tool, input: undefined, progress: [], done: false })];
  return tools.map((t, j) => (j === i ? patch(t) : t));
};

/**
 * Applies one frame. Frames at or below `lastSeq` are ignored (a resume that
 * overlaps what was shown neither repeats nor loses text).
 * @returns a new state (the input is not changed), or the same object when the frame was a repeat.
 */
export function foldChatTurn(state: ChatTurnState, frame: ChatStreamFrame): ChatTurnState {
  if (frame.seq <= state.lastSeq) return state;
  const s: ChatTurnState = { ...state, lastSeq: frame.seq };
  switch (frame.event) {
    case "conversation_start":
      return { ...s, turnId: frame.data.turnId, conversationId: frame.data.conversationId, messageId: frame.data.messageId, userMessageId: frame.data.userMessageId };
    case "processing_status":
      return { ...s, stage: frame.data.stage };
    case "assistant_message_start":
      return { ...s, started: true, messageId: frame.data.messageId };
    case "assistant_message_chunk":
      return { ...s, started: true, content: s.content + frame.data.delta, chunks: s.chunks + 1 };
    case "assistant_message_end":
      return { ...s, started: true, content: frame.data.content, stopped: frame.data.stopped };
    case "tool_call_start":
      return { ...s, stage: "calling_tools", tools: patchTool(s.tools, frame.data.callId, frame.data.tool, (t) => ({ ...t, input: frame.data.input })) };
    case "tool_call_progress":
      return { ...s, tools: patchTool(s.tools, frame.data.callId, frame.data.tool, (t) => ({ ...t, progress: [...t.progress, frame.data.message] })) };
    case "tool_call_end": {
      const { output, error, durationMs } = frame.data;
      return {
        ...s,
        tools: patchTool(s.tools, frame.data.callId, frame.data.tool, (t) => ({ ...t, done: true, durationMs, ...(error !== undefined ? { error } : { output }) })),
      };
    }
    case "actions":
      return { ...s, actions: frame.data.actions, metadata: frame.data.metadata ?? s.metadata };
    case "design_document_generated":
      return { ...s, designDocument: frame.data };
    case "error":
      return { ...s, error: frame.data };
    case "conversation_end":
      return { ...s, phase: frame.data.status, stage: null, stopped: s.stopped || frame.data.status === "stopped", metadata: frame.data.metadata ?? s.metadata };
  }
}

/** Folds several frames in order (see foldChatTurn). */
export const foldChatTurnFrames = (state: ChatTurnState, frames: readonly ChatStreamFrame[]): ChatTurnState => frames.reduce(foldChatTurn, state);

/**
 * The assistant message the bubble renders for a turn: its id, the text so
 * far and the metadata as `actions` gave it (actions filled in), or null
 * before `conversation_start`.
 */
export function turnMessage(state: ChatTurnState): { id: string; role: "assistant"; content: string; metadata: MessageMetadata | null; createdAt: string } | null {
  if (!state.messageId) return null;
  const metadata = state.metadata ? { ...state.metadata, actions: state.metadata.actions ?? state.actions } : null;
  return { id: state.messageId, role: "assistant", content: state.content, metadata, createdAt: new Date(0).toISOString() };
}

/**
 * Chips of a finished turn from its stored message (`metadata.turn.tools`,
 * lib/shared/chat.ts): every call done, input and output as their stored
 * (cut) JSON text, no progress messages. `[]` for messages without them.
 */
export function storedToolChips(stored: readonly StoredToolCall[] | undefined): ToolChip[] {
  return (stored ?? []).map((c) => ({
    callId: c.callId,
    tool: c.tool,
    input: c.input,
    progress: [],
    done: true,
    ...(c.error !== undefined ? { error: c.error } : { output: c.output }),
    ...(c.durationMs !== undefined ? { durationMs: c.durationMs } : {}),
  }));
}
