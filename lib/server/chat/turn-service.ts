import "server-only";
import type { z } from "zod";
import type { chatAgentSchema, StopTurnResponse, TurnDto, TurnStatus } from "@/lib/shared/chat-stream";
import { streamCursorSchema } from "@/lib/shared/streams";
import { auditSupportAccess } from "../audit/support-audit.ts";
import { canRead, type Viewer } from "../auth/viewer.ts";
import type { Db } from "../db/client.ts";
import type { ChatTurn } from "../db/generated/client.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { contentDisposition } from "../runs/run-service.ts";
import { STOP_REASON } from "./agent-finish.ts";
import { startTurn, type AgentOptions } from "./agent-start.ts";
import { runTurn } from "./agent-turn.ts";
import { findConversation } from "./chat-repo.ts";
import { recoverExpiredTurn } from "./turn-follow.ts";
import { getTurnHub, type TurnHub } from "./turn-hub.ts";
import { findArtifactById, findTurn, listTurnsOf, requestTurnStop } from "./turn-repo.ts";

/** Turns listed per conversation. */
const TURN_LIST_LIMIT = 50;
/** How long POST …/stop waits for a turn running here to end, ms. */
const STOP_WAIT_MS = 5_000;

/**
 * POST /api/chat/agent: starts a turn (startTurn) and runs it detached from
 * the request (runTurn). @returns the turn's id; its events are then followed with followTurn.
 * @throws AppError 404 (conversation or plan).
 */
export async function beginTurn(
  deps: Deps,
  viewer: Viewer,
  input: z.output<typeof chatAgentSchema>,
  at: { t0: number; requestedAt: Date },
  options: AgentOptions = {},
  hub: TurnHub = getTurnHub(),
): Promise<string> {
  const { turnId, setup } = await startTurn(deps, viewer, input, at, options, hub);
  // After this tick: the response and its conversation_start go out before the reply's work begins.
  setImmediate(() => void runTurn(setup));
  return turnId;
}

export function toTurnDto(t: ChatTurn): TurnDto {
  return {
    id: t.id,
    conversationId: t.conversationId,
    userMessageId: t.userMessageId,
    messageId: t.messageId,
    language: t.language,
    status: t.status as TurnStatus,
    lastSeq: t.lastSeq,
    stopRequested: t.stopRequestedAt !== null,
    createdAt: t.createdAt.toISOString(),
    finishedAt: t.finishedAt?.toISOString() ?? null,
  };
}

/**
 * The turn, if the viewer may read it (support: any), after ending it as
 * failed if its lease expired with nobody running it.
 * @throws AppError 404.
 */
export async function requireTurn(db: Db, viewer: Viewer, turnId: string, hub: TurnHub = getTurnHub()): Promise<ChatTurn> {
  const turn = await findTurn(db, turnId);
  if (!turn || !canRead(viewer, turn.ownerId)) throw AppError.notFound("Turn");
  return hub.get(turnId) ? turn : recoverExpiredTurn(db, turn);
}

/**
 * GET /api/chat/turns?conversationId=&status=: the conversation's turns,
 * newest first (a reopened conversation finds its running turn here and
 * resumes its stream). @throws AppError 404 (conversation).
 */
export async function listTurns(db: Db, viewer: Viewer, q: { conversationId: string; status?: TurnStatus }, hub: TurnHub = getTurnHub()): Promise<{ turns: TurnDto[] }> {
  const c = await findConversation(db, q.conversationId);
  if (!c || !canRead(viewer, c.ownerId)) throw AppError.notFound("Conversation");
  await auditSupportAccess(db, viewer, { type: "conversation", id: c.id, ownerId: c.ownerId }, { details: { view: "turns" } });
  const rows = await listTurnsOf(db, q.conversationId, q.status, TURN_LIST_LIMIT);
  const turns = await Promise.all(rows.map((t) => (hub.get(t.id) ? t : recoverExpiredTurn(db, t))));
  return { turns: turns.filter((t) => !q.status || t.status === q.status).map(toTurnDto) };
}

/**
 * POST /api/chat/turns/{turnId}/stop: stops a running turn whose actions are
 * not dispatched yet. Its partial reply is kept as the assistant message,
 * marked stopped, and no action runs. A turn running in this process is
 * aborted at once and answered once it ended (≤ 5 s); one running elsewhere
 * stops at its next lease renewal. Stopping an ended or dispatched turn
 * changes nothing (`stopped: false`).
 * @throws AppError 404; 403 when support stops another user's turn.
 */
export async function requestStop(db: Db, viewer: Viewer, turnId: string, hub: TurnHub = getTurnHub()): Promise<StopTurnResponse> {
  const turn = await requireTurn(db, viewer, turnId, hub);
  if (turn.ownerId !== viewer.userId) throw new AppError("forbidden", 403, "Support can read this turn but only its owner can stop it");
  const stopped = await requestTurnStop(db, turnId, new Date());
  const live = hub.get(turnId);
  if (stopped && live) {
    live.controller.abort(STOP_REASON);
    await Promise.race([live.ended, new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
  }
  return { stopped, turn: toTurnDto((await findTurn(db, turnId)) ?? turn) };
}

/** The cursor of a resume: `Last-Event-ID`, else `?after=`, else 0 (docs/design.md "SSE contract"). @throws AppError 400. */
export function turnCursor(request: Request): number {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after") ?? "0";
  const cursor = streamCursorSchema.safeParse(raw);
  if (!cursor.success) throw AppError.badRequest("Cursor must be a non-negative integer", { cursor: [raw] });
  return cursor.data;
}

/**
 * GET /api/artifacts/{artifactId}: a stored file (a chat turn's design
 * document, or a run's file) for its owner (support: any), as a download —
 * or `inline` for viewing in the browser. Same headers as the run download.
 * @throws AppError 404.
 */
export async function readArtifact(deps: Pick<Deps, "db">, viewer: Viewer, artifactId: string, inline: boolean): Promise<Response> {
  const a = await findArtifactById(deps.db, artifactId);
  if (!a || !canRead(viewer, a.ownerId)) throw AppError.notFound("Artifact");
  await auditSupportAccess(deps.db, viewer, { type: "artifact", id: a.id, ownerId: a.ownerId });
  const disposition = contentDisposition(a.name);
  return new Response(a.content, {
    headers: {
      "Content-Type": a.mediaType,
      "Content-Disposition": inline ? disposition.replace(/^attachment/, "inline") : disposition,
      "X-Content-Type-Options": "nosniff",
      // Viewed inline, a file may never run script or load anything.
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=31536000, immutable",
    },
  });
}
