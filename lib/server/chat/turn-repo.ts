import "server-only";
import type { ChatStreamEvent, TurnStatus } from "@/lib/shared/chat-stream";
import type { ArtifactRef } from "@/lib/shared/runs";
import { clampSeq } from "@/lib/shared/streams";
import type { Db, Tx } from "../db/client.ts";
import type { Artifact, ChatTurn, ChatTurnEvent } from "../db/generated/client.ts";
import { redactText } from "../security/redact.ts";
import { ensureUserQuery } from "./chat-repo.ts";

// Chat turns, their events, and the rows the chat agent reads besides them
// (artifacts of a turn, a plan's task results): the only module that touches
// those tables. Plain functions; the rules live in the services.

/**
 * Writes the start of a turn in one transaction: the user row (if new), the
 * conversation (created with `title`, else moved to the top of the list), the
 * user's message, the running turn and its first event (seq 1). A batch
 * transaction rather than an interactive one: this write is on the path to
 * the first event, and the batch takes about half the time.
 */
export async function insertTurnStart(
  db: Db,
  r: {
    ownerId: string;
    conversation: { id: string; title?: string };
    userMessage: { id: string; content: string };
    turn: { id: string; messageId: string; language: string; leaseExpiresAt: Date };
    start: ChatStreamEvent;
  },
): Promise<void> {
  const only = { select: { id: true } } as const;
  const conversationId = r.conversation.id;
  await db.$transaction([
    ensureUserQuery(db, r.ownerId, only.select),
    r.conversation.title === undefined
      ? db.conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() }, ...only })
      : db.conversation.create({ data: { id: conversationId, ownerId: r.ownerId, title: r.conversation.title }, ...only }),
    db.message.create({ data: { id: r.userMessage.id, conversationId, role: "user", content: r.userMessage.content }, ...only }),
    db.chatTurn.create({
      data: {
        ...r.turn,
        conversationId,
        ownerId: r.ownerId,
        userMessageId: r.userMessage.id,
        lastSeq: 1,
        events: { create: [{ seq: 1, event: r.start.event, data: r.start.data as object }] },
      },
      ...only,
    }),
  ]);
}

export function findTurn(db: Db | Tx, turnId: string): Promise<ChatTurn | null> {
  return db.chatTurn.findUnique({ where: { id: turnId } });
}

/** A conversation's turns, newest first (at most `limit`), optionally of one status. */
export function listTurnsOf(db: Db, conversationId: string, status: TurnStatus | undefined, limit: number): Promise<ChatTurn[]> {
  return db.chatTurn.findMany({ where: { conversationId, ...(status ? { status } : {}) }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
}

/**
 * Appends events after seq `afterSeq` (gapless: the caller holds the turn's
 * only writer) and bumps `lastSeq` and the lease, in the caller's transaction.
 */
export async function appendTurnEvents(tx: Tx, turnId: string, afterSeq: number, events: ChatStreamEvent[], leaseExpiresAt: Date | null): Promise<void> {
  if (events.length === 0) return;
  await tx.chatTurnEvent.createMany({ data: events.map((e, i) => ({ turnId, seq: afterSeq + i + 1, event: e.event, data: e.data as object })) });
  await tx.chatTurn.update({ where: { id: turnId }, data: { lastSeq: afterSeq + events.length, ...(leaseExpiresAt ? { leaseExpiresAt } : {}) } });
}

/** appendTurnEvents in its own batch transaction (no other writes: about half the time of an interactive one). @returns the events. */
export async function appendTurnEventsBatch(db: Db, turnId: string, afterSeq: number, events: ChatStreamEvent[], leaseExpiresAt: Date): Promise<ChatStreamEvent[]> {
  if (events.length === 0) return events;
  await db.$transaction([
    db.chatTurnEvent.createMany({ data: events.map((e, i) => ({ turnId, seq: afterSeq + i + 1, event: e.event, data: e.data as object })) }),
    db.chatTurn.update({ where: { id: turnId }, data: { lastSeq: afterSeq + events.length, leaseExpiresAt }, select: { id: true } }),
  ]);
  return events;
}

/** Events with seq > `afterSeq`, oldest first, at most `limit`. */
export function turnEventsAfter(db: Db, turnId: string, afterSeq: number, limit: number): Promise<ChatTurnEvent[]> {
  return db.chatTurnEvent.findMany({ where: { turnId, seq: { gt: clampSeq(afterSeq) } }, orderBy: { seq: "asc" }, take: limit });
}

/** Renews a running turn's lease. @returns the turn's stop request (null when none), or undefined when it is no longer running. */
export async function renewTurnLease(db: Db, turnId: string, until: Date): Promise<Date | null | undefined> {
  const { count } = await db.chatTurn.updateMany({ where: { id: turnId, status: "running" }, data: { leaseExpiresAt: until } });
  if (count === 0) return undefined;
  return (await db.chatTurn.findUnique({ where: { id: turnId }, select: { stopRequestedAt: true } }))?.stopRequestedAt ?? null;
}

/** Records a stop request on a running turn whose actions are not dispatched yet. @returns whether it was recorded. */
export async function requestTurnStop(db: Db, turnId: string, at: Date): Promise<boolean> {
  const { count } = await db.chatTurn.updateMany({ where: { id: turnId, status: "running", dispatchedAt: null }, data: { stopRequestedAt: at } });
  return count === 1;
}

/** Claims the dispatch of a turn's actions unless a stop was requested (the two exclude each other: SQLite serializes writers). */
export async function claimTurnDispatch(tx: Tx, turnId: string, at: Date): Promise<boolean> {
  const { count } = await tx.chatTurn.updateMany({ where: { id: turnId, status: "running", stopRequestedAt: null, dispatchedAt: null }, data: { dispatchedAt: at } });
  return count === 1;
}

/** Ends a running turn. @returns false when it had already ended. */
export async function finishTurn(tx: Tx, turnId: string, status: Exclude<TurnStatus, "running">, metadata: Record<string, unknown>, at: Date): Promise<boolean> {
  const { count } = await tx.chatTurn.updateMany({ where: { id: turnId, status: "running" }, data: { status, metadata: metadata as object, finishedAt: at, leaseExpiresAt: null } });
  return count === 1;
}

/** Fails a running turn whose lease expired before `now` (its process is gone). @returns the turn when this call failed it. */
export async function failExpiredTurn(tx: Tx, turnId: string, now: Date, metadata: Record<string, unknown>): Promise<ChatTurn | null> {
  const { count } = await tx.chatTurn.updateMany({
    where: { id: turnId, status: "running", leaseExpiresAt: { lt: now } },
    data: { status: "failed", metadata: metadata as object, finishedAt: now, leaseExpiresAt: null },
  });
  return count === 1 ? tx.chatTurn.findUnique({ where: { id: turnId } }) : null;
}

/**
 * Retention (guarantee 10): deletes the stored events of turns that ended
 * before `cutoff`. Their messages (and design documents) stay: they are the
 * conversation, not its log; such a turn's stream then replays nothing.
 * @returns the number of events deleted.
 */
export async function deleteEventsOfTurnsEndedBefore(db: Db, cutoff: Date): Promise<number> {
  const { count } = await db.chatTurnEvent.deleteMany({ where: { turn: { status: { not: "running" }, finishedAt: { lt: cutoff } } } });
  return count;
}

/** Stores a file made in a chat turn. @returns its reference. */
export async function insertTurnArtifact(
  db: Db | Tx,
  a: { turnId: string; planId: string | null; callId: string | null; ownerId: string; name: string; mediaType: string; content: string },
): Promise<ArtifactRef> {
  // Secrets out of the name and content first, so `bytes` and the returned name are those stored (docs/data-protection.md).
  a = { ...a, name: redactText(a.name), content: redactText(a.content) };
  const bytes = Buffer.byteLength(a.content, "utf8");
  const row = await db.artifact.create({ data: { ...a, bytes }, select: { id: true } });
  return { artifactId: row.id, name: a.name, mediaType: a.mediaType, bytes };
}

export function findArtifactById(db: Db, artifactId: string): Promise<Artifact | null> {
  return db.artifact.findUnique({ where: { id: artifactId } });
}

/** The newest result text of each task of a plan across its runs, by task id. */
export async function latestTaskResults(db: Db, planId: string): Promise<Map<string, { status: string; text: string }>> {
  const rows = await db.taskResult.findMany({ where: { run: { planId } }, orderBy: { createdAt: "desc" }, select: { taskId: true, status: true, text: true } });
  const out = new Map<string, { status: string; text: string }>();
  for (const r of rows) if (!out.has(r.taskId)) out.set(r.taskId, { status: r.status, text: r.text });
  return out;
}
