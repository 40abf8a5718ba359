// The streaming chat's typed events (seed 003; docs/design.md "Streaming chat"):
// POST /api/chat/agent and GET /api/chat/turns/{turnId}/stream answer
// `text/event-stream` frames `id: <seq>` / `event: <name>` / `data: <JSON>`,
// where `data` matches the schema of its event name below. Server and browser
// share these schemas; the server validates what it writes in tests, a client
// may validate what it reads with parseChatStreamEvent.
import { z } from "zod";
import { ACTION_KINDS, sendMessageSchema, type MessageMetadata } from "./chat";
import { JOB_STATUSES, JOB_TYPES } from "./jobs";
import { LANGUAGES } from "./language";

/** Body of POST /api/chat/agent: POST /api/chat/message's, plus the heartbeat interval (ms) and whether events carry metadata. */
export const chatAgentSchema = sendMessageSchema.extend({
  heartbeatMs: z.int().min(100).max(60_000).optional().meta({ description: "`: ping` comment interval, ms (default SSE_HEARTBEAT_MS)" }),
  includeMetadata: z
    .boolean()
    .default(true)
    .meta({ description: "false: `actions` and `conversation_end` leave out `metadata`, `usage` and `timings` (the job ids stay in `actions[].jobId`)" }),
});
export type ChatAgentInput = z.input<typeof chatAgentSchema>;

/** What the turn is doing, in `processing_status`. */
export const PROCESSING_STAGES = ["thinking", "calling_tools", "gating", "dispatching"] as const;
export type ProcessingStage = (typeof PROCESSING_STAGES)[number];

/** A turn's status: `running` until it ends `completed`, `stopped` (POST …/stop) or `failed` (an `error` event says why). */
export const TURN_STATUSES = ["running", "completed", "stopped", "failed"] as const;
export type TurnStatus = (typeof TURN_STATUSES)[number];

const ACTION_STATUSES = ["pending", "running", "completed", "failed", "rejected", "cancelled"] as const;

/** One action of a message, as in the 202 of POST /api/chat/message. */
export const chatActionSchema = z.object({
  kind: z.enum(ACTION_KINDS),
  name: z.string(),
  status: z.enum(ACTION_STATUSES),
  jobId: z.string().optional(),
  reason: z.string().optional(),
});

const contextSummarySchema = z.object({ turns: z.int(), tokensBefore: z.int(), tokensAfter: z.int() });
const designDocumentRefSchema = z.object({ artifactId: z.string(), title: z.string(), format: z.literal("markdown") });

/** `metadata` of an assistant message (the 202's `metadata`). */
export const messageMetadataSchema = z.object({
  type: z.literal("job_log"),
  trackingId: z.string().optional().meta({ description: "For GET /api/chat/action-status/{trackingId}" }),
  conversationId: z.string(),
  messageId: z.string(),
  planId: z.string().optional(),
  status: z.enum(["pending", "completed", ...JOB_STATUSES]),
  jobs: z.array(
    z.object({
      jobId: z.string(),
      jobType: z.enum(JOB_TYPES),
      resumeOf: z.string().optional().meta({ description: "The failed or cancelled decomposition this job resumes" }),
    }),
  ),
  actions: z.array(chatActionSchema).optional(),
  usage: z
    .object({ requestedAt: z.string(), llmCalls: z.int(), inputTokens: z.int(), outputTokens: z.int(), modelMs: z.number() })
    .optional()
    .meta({ description: "The phase-one model call: when the request arrived, calls, tokens, duration (ms)" }),
  turn: z
    .object({
      turnId: z.string(),
      stopped: z.boolean(),
      summarized: contextSummarySchema.optional(),
      designDocument: designDocumentRefSchema.optional(),
      tools: z
        .array(z.object({ callId: z.string(), tool: z.string(), input: z.string().optional(), output: z.string().optional(), error: z.string().optional(), durationMs: z.number().optional() }))
        .optional()
        .meta({ description: "The read-only tools the turn called (input and output as JSON cut to 300 characters)" }),
    })
    .optional()
    .meta({ description: "The streamed turn that wrote the message; `stopped`: the content is the partial reply and no action ran" }),
});

/** Model calls and tokens of a turn (the reply stream's steps plus the actions call). */
export const turnUsageSchema = z.object({ llmCalls: z.int(), inputTokens: z.int(), outputTokens: z.int() });
export type TurnUsage = z.infer<typeof turnUsageSchema>;

/** Milliseconds from the request's arrival to each point (null when the turn never got there); `modelFirstTokenMs` is the model's own, from its call. */
export const turnTimingsSchema = z.object({
  conversationStartMs: z.number(),
  firstChunkMs: z.number().nullable(),
  modelFirstTokenMs: z.number().nullable(),
  replyMs: z.number().nullable(),
  actionsMs: z.number().nullable(),
  totalMs: z.number(),
});
export type TurnTimings = z.infer<typeof turnTimingsSchema>;

/** `data` of each event, by SSE event name. */
export const CHAT_STREAM_EVENT_SCHEMAS = {
  conversation_start: z.object({ conversationId: z.string(), messageId: z.string(), userMessageId: z.string(), turnId: z.string(), language: z.enum(LANGUAGES) }),
  processing_status: z.object({ stage: z.enum(PROCESSING_STAGES) }),
  assistant_message_start: z.object({ messageId: z.string() }),
  assistant_message_chunk: z.object({ delta: z.string().min(1) }),
  assistant_message_end: z.object({ content: z.string(), stopped: z.boolean() }),
  tool_call_start: z.object({ callId: z.string(), tool: z.string(), input: z.unknown() }),
  tool_call_progress: z.object({ callId: z.string(), tool: z.string(), message: z.string() }),
  tool_call_end: z.object({ callId: z.string(), tool: z.string(), output: z.unknown().optional(), error: z.string().optional(), durationMs: z.number() }),
  actions: z.object({ actions: z.array(chatActionSchema), metadata: messageMetadataSchema.optional() }),
  design_document_generated: z.object({ artifactId: z.string(), title: z.string(), format: z.literal("markdown"), name: z.string(), bytes: z.int(), url: z.string() }),
  error: z.object({
    code: z.string(),
    message: z.string(),
    status: z.int().optional().meta({ description: "The HTTP status POST /api/chat/message would have answered (502, 503, 500…)" }),
    retryAfterSeconds: z.int().min(0).optional().meta({ description: "Seconds until the model expects to answer again (the provider's Retry-After)" }),
  }),
  conversation_end: z.object({
    status: z.enum(["completed", "stopped", "failed"]),
    metadata: messageMetadataSchema.nullable().optional().meta({ description: "The assistant message's metadata as stored; null when no message was written (failed)" }),
    usage: turnUsageSchema.optional(),
    timings: turnTimingsSchema.optional(),
  }),
} as const;

export type ChatStreamEventName = keyof typeof CHAT_STREAM_EVENT_SCHEMAS;
export const CHAT_STREAM_EVENTS = Object.keys(CHAT_STREAM_EVENT_SCHEMAS) as ChatStreamEventName[];

/** One event: its name and its data. */
export type ChatStreamEvent = { [K in ChatStreamEventName]: { event: K; data: z.infer<(typeof CHAT_STREAM_EVENT_SCHEMAS)[K]> } }[ChatStreamEventName];
/** The data of event `K`. */
export type ChatStreamData<K extends ChatStreamEventName> = z.infer<(typeof CHAT_STREAM_EVENT_SCHEMAS)[K]>;

/** A stored event with its seq (the frame's `id`). */
export type ChatStreamFrame = ChatStreamEvent & { seq: number };

/** True for an event name of the chat stream. */
export const isChatStreamEventName = (v: unknown): v is ChatStreamEventName => typeof v === "string" && v in CHAT_STREAM_EVENT_SCHEMAS;

/**
 * Validates one received frame (`event` name, parsed JSON `data`).
 * @throws Error for an unknown event name; ZodError when `data` does not match its schema.
 */
export function parseChatStreamEvent(event: string, data: unknown): ChatStreamEvent {
  if (!isChatStreamEventName(event)) throw new Error(`Unknown chat stream event "${event}"`);
  return { event, data: CHAT_STREAM_EVENT_SCHEMAS[event].parse(data) } as ChatStreamEvent;
}

/** A turn as GET /api/chat/turns answers it. `stopRequested`: POST …/stop was accepted while it ran. */
export type TurnDto = {
  id: string;
  conversationId: string;
  userMessageId: string;
  messageId: string;
  language: string;
  status: TurnStatus;
  lastSeq: number;
  stopRequested: boolean;
  createdAt: string;
  finishedAt: string | null;
};

/** Response of POST /api/chat/turns/{turnId}/stop: whether this call stopped it (false when it had ended or its actions were already dispatched), and the turn now. */
export type StopTurnResponse = { stopped: boolean; turn: TurnDto };

/** GET /api/chat/turns `?conversationId=` (required) and optional `status=`. */
export const turnListQuerySchema = z.object({
  conversationId: z.string().min(1).max(100),
  status: z.enum(TURN_STATUSES).optional(),
});

// Compile-time: the stream's metadata schema is exactly MessageMetadata.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function sameShape<_Check extends true>(): void {}
sameShape<Same<z.output<typeof messageMetadataSchema>, MessageMetadata>>();
