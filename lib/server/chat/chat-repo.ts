import "server-only";
import type { MessageMetadata } from "@/lib/shared/chat";
import type { Db, Tx } from "../db/client.ts";
import type { Conversation, Message } from "../db/generated/client.ts";

/** Users, conversations and messages: the chat's rows. Plain functions; rules live in the services. */

/**
 * The upsert that creates the user row of an anonymous session if it does not
 * exist yet, safe against parallel first requests on every provider. Its
 * `update` sets the id to itself on purpose: with an empty `update` Prisma
 * reads, then inserts (two requests racing on PostgreSQL: one gets a unique
 * violation), while a non-empty one is a native `INSERT … ON CONFLICT DO UPDATE`.
 * The role is left as it is.
 */
export function ensureUserQuery(db: Db | Tx, userId: string, select?: { id: true }) {
  return db.user.upsert({ where: { id: userId }, create: { id: userId }, update: { id: userId }, ...(select ? { select } : {}) });
}

/** Creates the user row of an anonymous session if it does not exist yet (see ensureUserQuery). */
export async function ensureUser(db: Db | Tx, userId: string): Promise<void> {
  await ensureUserQuery(db, userId);
}

export function findConversation(db: Db | Tx, id: string): Promise<Conversation | null> {
  return db.conversation.findUnique({ where: { id } });
}

/** A conversation row with the title of its newest plan (null without a plan). */
export type ConversationWithPlanTitle = Conversation & { planTitle: string | null };

const newestPlanTitle = { plans: { orderBy: { createdAt: "desc" as const }, take: 1, select: { title: true } } };

/** One conversation with its newest plan's title, or null. */
export async function findConversationWithPlanTitle(db: Db, id: string): Promise<ConversationWithPlanTitle | null> {
  const row = await db.conversation.findUnique({ where: { id }, include: newestPlanTitle });
  return row && withPlanTitle(row);
}

function withPlanTitle({ plans, ...c }: Conversation & { plans: { title: string }[] }): ConversationWithPlanTitle {
  return { ...c, planTitle: plans[0]?.title ?? null };
}

/**
 * Sets a conversation's title as its owner's choice (`titleEditedAt` = now),
 * keeping `updatedAt` (a rename does not move it up the list).
 */
export async function renameConversation(db: Db, c: { id: string; title: string; updatedAt: Date }): Promise<void> {
  await db.conversation.update({ where: { id: c.id }, data: { title: c.title, titleEditedAt: new Date(), updatedAt: c.updatedAt } });
}

export async function createConversation(tx: Tx, c: { id: string; ownerId: string; title: string }): Promise<void> {
  await tx.conversation.create({ data: c });
}

/** Moves a conversation to the top of its owner's list. */
export async function touchConversation(tx: Tx, id: string): Promise<void> {
  await tx.conversation.update({ where: { id }, data: { updatedAt: new Date() } });
}

/** An owner's conversations (null: everyone's), most recently active first (at most `limit`), each with its newest plan's title. */
export async function listConversationsOf(db: Db, ownerId: string | null, limit: number): Promise<ConversationWithPlanTitle[]> {
  const rows = await db.conversation.findMany({ where: ownerId ? { ownerId } : {}, orderBy: { updatedAt: "desc" }, take: limit, include: newestPlanTitle });
  return rows.map(withPlanTitle);
}

export async function createMessage(
  tx: Tx,
  m: { id?: string; conversationId: string; role: "user" | "assistant"; content: string; metadata?: MessageMetadata },
): Promise<void> {
  await tx.message.create({ data: { ...m, metadata: m.metadata as object | undefined } });
}

/** Deletes one message if it exists (a failed turn's user message, agent-finish.ts). */
export async function deleteMessage(tx: Tx, id: string): Promise<void> {
  await tx.message.deleteMany({ where: { id } });
}

/** A conversation's messages, oldest first. */
export function listMessages(db: Db, conversationId: string): Promise<Message[]> {
  return db.message.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" } });
}

/** Replaces the metadata of one message (a resumed decomposition adds its job). */
export async function updateMessageMetadata(tx: Tx, messageId: string, metadata: MessageMetadata): Promise<void> {
  await tx.message.update({ where: { id: messageId }, data: { metadata: metadata as object } });
}

/** The stored metadata of one message, or null. */
export async function findMessageMetadata(db: Db | Tx, messageId: string): Promise<MessageMetadata | null> {
  const row = await db.message.findUnique({ where: { id: messageId }, select: { metadata: true } });
  return (row?.metadata as MessageMetadata | null) ?? null;
}
