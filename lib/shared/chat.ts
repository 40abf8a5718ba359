// Chat API shapes shared by server and browser (docs/design.md "Chat (two-phase)").
import { z } from "zod";
import type { JobStatus, JobType } from "./jobs";
import { LANGUAGES } from "./language";

/** Longest accepted chat message, characters. */
export const MAX_MESSAGE_CHARS = 4000;

export const sendMessageSchema = z.object({
  conversationId: z.string().min(1).max(100).optional(),
  message: z
    .string()
    .trim()
    .min(1, "Message must not be empty")
    .max(MAX_MESSAGE_CHARS, `Message must be at most ${MAX_MESSAGE_CHARS} characters`),
  language: z.enum(LANGUAGES).optional(),
  /** The plan the message acts on (one of the conversation's); default: its newest plan. */
  planId: z.string().min(1).max(100).optional(),
  mode: z.enum(["async", "sync"]).default("async"),
});
export type SendMessageInput = z.input<typeof sendMessageSchema>;

/** What a chat message may ask the agent to do (seed 000: plan and task operations as chat actions). */
export const ACTION_KINDS = ["create_plan", "add_task", "update_task", "move_task", "set_task_status", "delete_task", "decompose_task", "execute_plan", "execute_task"] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
/** Pending | Running | Completed | Failed | Rejected in the UI. */
export type ActionStatus = "pending" | "running" | "completed" | "failed" | "rejected" | "cancelled";

export type ChatAction = { kind: ActionKind; name: string; status: ActionStatus; jobId?: string; reason?: string };

/** A job of an assistant message; `resumeOf`: the cancelled or failed decomposition this job resumes (POST /api/jobs/{id}/resume). */
export type JobRef = { jobId: string; jobType: JobType; resumeOf?: string };

/**
 * What the phase-one model call cost (the reply and its actions): when the
 * request arrived (ISO-8601), model calls, tokens, and the calls' duration in ms.
 * GET /api/chat/action-status counts it in `llmCalls` and measures `durationMs` from `requestedAt`.
 */
export type ReplyUsage = { requestedAt: string; llmCalls: number; inputTokens: number; outputTokens: number; modelMs: number };

/** Older turns folded into a summary to keep the context within its token budget: how many, and the context's tokens before and after. */
export type ContextSummary = { turns: number; tokensBefore: number; tokensAfter: number };

/**
 * The streamed turn (POST /api/chat/agent) that wrote an assistant message:
 * `stopped` = stopped by the user (the content is the partial reply, no
 * actions ran); `summarized` when older turns were summarized into the context;
 * `designDocument` when the turn wrote one (GET /api/artifacts/{artifactId}).
 */
export type MessageTurn = {
  turnId: string;
  stopped: boolean;
  summarized?: ContextSummary;
  designDocument?: { artifactId: string; title: string; format: "markdown" };
  /** The read-only tools the turn called, as its chips showed them when it ended (input and output cut to TOOL_CHIP_CHARS). */
  tools?: StoredToolCall[];
};

/** A tool call of a finished streamed turn, kept on its message so the chips show again after a reload. `durationMs` in ms. */
export type StoredToolCall = { callId: string; tool: string; input?: string; output?: string; error?: string; durationMs?: number };

/** Characters of a stored tool call's input and output (JSON) kept on the message. */
export const TOOL_CHIP_CHARS = 300;

/** `metadata` of an assistant message. */
export type MessageMetadata = {
  type: "job_log";
  trackingId?: string;
  conversationId: string;
  messageId: string;
  planId?: string;
  status: "pending" | "completed" | JobStatus;
  jobs: JobRef[];
  actions?: ChatAction[];
  /** The phase-one model call (absent on messages saved before it was recorded). */
  usage?: ReplyUsage;
  /** Set when a streamed turn wrote the message. */
  turn?: MessageTurn;
};

/** Response of POST /api/chat/message. */
export type SendMessageResponse = { response: string; actions: ChatAction[]; metadata: MessageMetadata };

export type MessageDto = {
  id: string;
  role: "user" | "assistant";
  content: string;
  metadata: MessageMetadata | null;
  createdAt: string;
};
/**
 * A conversation as the viewer sees it. `title` follows its newest plan's
 * title (Markdown stripped) until the owner renames it (`titleSource`:
 * "plan", "user", or "message" = its first message, before any plan).
 * `readOnly`: the viewer may read but not write it (support viewing another
 * user's conversation).
 */
export type ConversationDto = {
  id: string;
  title: string;
  titleSource: "plan" | "user" | "message";
  readOnly: boolean;
  createdAt: string;
  updatedAt: string;
};
export type ConversationDetail = { conversation: ConversationDto; messages: MessageDto[]; planIds: string[] };

/** Longest conversation title, characters (a rename; titles from messages and plans are clipped to it on word boundaries). */
export const MAX_CONVERSATION_TITLE_CHARS = 120;

/** Body of PATCH /api/conversations/{id}: a new title, trimmed, 1–120 characters. */
export const renameConversationSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Title must not be empty")
    .max(MAX_CONVERSATION_TITLE_CHARS, `Title must be at most ${MAX_CONVERSATION_TITLE_CHARS} characters`),
});
export type RenameConversationInput = z.input<typeof renameConversationSchema>;

/** GET /api/chat/action-status/{trackingId} */
export type ActionStatusDto = {
  trackingId: string;
  status: JobStatus;
  planId: string | null;
  actions: ChatAction[];
  results: { createdTaskCount: number; errors: string[] };
  startedAt: string | null;
  finishedAt: string | null;
  /** From the request's arrival (the message's `usage.requestedAt`, else the tracking job's start) to the last job's end, ms; null while open. */
  durationMs: number | null;
  /** Model calls: the phase-one reply plus every job's. */
  llmCalls: number;
  /** How long the tracking job waited in the queue before it started, ms; null while pending. */
  queueWaitMs: number | null;
};
