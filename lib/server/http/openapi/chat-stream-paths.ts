// The streaming chat in the HTTP API (seed 003): the streamed turn, its
// resume, stop and list, and the files a turn writes. The event schemas are
// the very zod schemas of lib/shared/chat-stream.ts.
import "server-only";
import { z } from "zod";
import { type ZodOpenApiOperationObject, type ZodOpenApiResponseObject } from "zod-openapi";
import { CHAT_STREAM_EVENT_SCHEMAS, chatAgentSchema, TURN_STATUSES, turnListQuerySchema, type StopTurnResponse, type TurnDto } from "@/lib/shared/chat-stream";
import { streamCursorSchema } from "@/lib/shared/streams";
import { errors, idempotencyKeyHeader, json, ok, type Method } from "./responses.ts";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function sameShape<_Check extends true>(): void {}
const isoInstant = z.iso.datetime({ offset: true });

export const turnDtoSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    userMessageId: z.string(),
    messageId: z.string().meta({ description: "The assistant message the turn writes (when it completes or stops)" }),
    language: z.string(),
    status: z.enum(TURN_STATUSES),
    lastSeq: z.int().meta({ description: "The highest event id so far" }),
    stopRequested: z.boolean(),
    createdAt: isoInstant,
    finishedAt: isoInstant.nullable(),
  })
  .meta({ id: "ChatTurn" });
sameShape<Same<z.output<typeof turnDtoSchema>, TurnDto>>();

const stopResponseSchema = z.object({
  stopped: z.boolean().meta({ description: "This call stopped the turn (false: it had ended, or its actions were already dispatched)" }),
  turn: turnDtoSchema,
});
sameShape<Same<z.output<typeof stopResponseSchema>, StopTurnResponse>>();

/** One frame of the chat stream: `id: <seq>`, `event: <name>`, `data: <JSON>`; data by event name. */
export const chatStreamFrameSchema = z
  .union(
    Object.entries(CHAT_STREAM_EVENT_SCHEMAS).map(([name, data]) =>
      z.object({ id: z.int().min(1), event: z.literal(name), data }).meta({ id: `ChatEvent_${name}` }),
    ) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]],
  )
  .meta({ id: "ChatStreamFrame" });

const CHAT_FRAMES =
  "Each frame is `id: <seq>` (gapless from 1), `event: <name>` and `data: <one-line JSON>` (components.schemas.ChatStreamFrame gives each event's data). " +
  "Order: `conversation_start`; `processing_status` (thinking, calling_tools, gating, dispatching) when the stage changes; `assistant_message_start`; " +
  "`assistant_message_chunk`… (the reply as it types out), with `tool_call_start` / `tool_call_progress` / `tool_call_end` for each read-only tool call " +
  "(and `design_document_generated` after write_design_document); `assistant_message_end`; `actions` (its job ids are committed rows); " +
  "and always last `conversation_end` {status: completed | stopped | failed}. A failed turn sends `error` {code, message, status, retryAfterSeconds?} before it (a model failure: 502 or 503 with the provider's wait, docs/model-errors.md) and keeps no message. " +
  "A `: ping` comment every heartbeat, and `retry:` once.";

const sse = (description: string): ZodOpenApiResponseObject => ({ description, content: { "text/event-stream": { schema: chatStreamFrameSchema } } });
const turnIdPath = z.object({ turnId: z.string().meta({ description: "`turnId` of conversation_start" }) });

/** Operations of the streaming chat, by path. */
export const chatStreamPaths = {
  "/api/chat/agent": {
    post: {
      tags: ["chat", "streams"],
      operationId: "streamChatTurn",
      summary: "Send a chat message and stream the reply (typed events)",
      description:
        "Same body as POST /api/chat/message (`mode: \"sync\"` waits for the jobs before `conversation_end`), plus `heartbeatMs` and `includeMetadata`. " +
        "The turn runs on the server to its end whatever the connection does: resume with GET /api/chat/turns/{turnId}/stream and `Last-Event-ID`, " +
        `stop with POST /api/chat/turns/{turnId}/stop. With an \`Idempotency-Key\` header a repeat with the same key and body starts nothing ` +
        "and streams the first request's turn from its start (`Idempotent-Replayed: true`); the same key with another body is a 409. " +
        CHAT_FRAMES,
      requestParams: { header: idempotencyKeyHeader },
      requestBody: { required: true, content: json(chatAgentSchema) },
      responses: { "200": sse("The turn's events as server-sent events"), ...errors(400, 404, 409, 413, 429) },
    },
  },
  "/api/chat/turns": {
    get: {
      tags: ["chat"],
      operationId: "listChatTurns",
      summary: "A conversation's streamed turns, newest first",
      description: "A reopened conversation finds its running turn here (`status=running`) and resumes its stream. A turn whose server stopped is ended as failed when read.",
      requestParams: { query: turnListQuerySchema },
      responses: { ...ok("The turns (≤ 50)", z.object({ turns: z.array(turnDtoSchema) })), ...errors(400, 404) },
    },
  },
  "/api/chat/turns/{turnId}": {
    get: {
      tags: ["chat"],
      operationId: "getChatTurn",
      summary: "One streamed turn's status",
      requestParams: { path: turnIdPath },
      responses: { ...ok("The turn", z.object({ turn: turnDtoSchema })), ...errors(404) },
    },
  },
  "/api/chat/turns/{turnId}/stream": {
    get: {
      tags: ["chat", "streams"],
      operationId: "resumeChatTurn",
      summary: "Resume a turn's stream from a cursor",
      description: `Every event after the cursor (\`Last-Event-ID\`, else \`?after=\`, else 0) in order, then live ones; closes after \`conversation_end\` (a finished turn replays and closes). ${CHAT_FRAMES}`,
      requestParams: {
        path: turnIdPath,
        header: z.object({ "Last-Event-ID": streamCursorSchema.optional().meta({ description: "Resume after this event id (wins over `after`)" }) }),
        query: z.object({ after: streamCursorSchema.optional().meta({ description: "Resume after this event id; 0 = from the start" }) }),
      },
      responses: { "200": sse("The turn's events after the cursor"), ...errors(400, 404, 429) },
    },
  },
  "/api/chat/turns/{turnId}/stop": {
    post: {
      tags: ["chat"],
      operationId: "stopChatTurn",
      summary: "Stop a turn",
      description:
        "The partial reply is kept as the assistant message (`metadata.turn.stopped: true`) and no action runs (no job is created). " +
        "Answers once the turn has ended (when it runs in this server process). Only the owner stops (support: 403).",
      requestParams: { path: turnIdPath },
      responses: { ...ok("Whether this call stopped it, and the turn now", stopResponseSchema), ...errors(403, 404) },
    },
  },
  "/api/artifacts/{artifactId}": {
    get: {
      tags: ["chat"],
      operationId: "getArtifact",
      summary: "Download a stored file (a turn's design document, a run's file)",
      description: "`?inline=1` answers `Content-Disposition: inline` for viewing. Files are served with `nosniff` and a sandboxing Content-Security-Policy.",
      requestParams: {
        path: z.object({ artifactId: z.string().meta({ description: "`artifactId` of design_document_generated (or of a run's artifact)" }) }),
        query: z.object({ inline: z.enum(["1"]).optional().meta({ description: "1 = view in the browser instead of downloading" }) }),
      },
      responses: {
        "200": {
          description: "The file with its media type (`text/markdown; charset=utf-8` for a design document)",
          headers: z.object({ "Content-Disposition": z.string().meta({ description: "attachment (or inline) with the file name" }) }),
          content: { "text/markdown": { schema: { type: "string" } }, "application/octet-stream": { schema: { type: "string" } } },
        },
        ...errors(404),
      },
    },
  },
} satisfies Record<string, Partial<Record<Method, ZodOpenApiOperationObject>>>;
