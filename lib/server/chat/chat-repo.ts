import "server-only";
import type { MessageMetadata } from "@/lib/shared/chat";
import type { Db, Tx } from "../db/client.ts";
import type { Conversation, Message } from "../db/generated/client.ts";

/** Users, conversations and messages: the chat's rows. Plain functions; rules live in the services. */

/** Creates the user row of an anonymous session if it does not exist yet. */
export async function ensureUser(db: Db | Tx, userId: string): Promise<void> {
  await db.user.upsert({ where: { id: userId }, create: { id: userId }, update: {} });
}

export function findConversation(db: Db | Tx, id: string): Promise<Conversation | null> {
  return db.conversation.findUnique({ where: { id } });
}

export async function createConversation(tx: Tx, c: { id: string; ownerId: string; title: string }): Promise<void> {
  await tx.conversation.create({ data: c });
}

/** Moves a conversation to the top of its owner's list. */
export async function touchConversation(tx: Tx, id: string): Promise<void> {
  await tx.conversation.update({ where: { id }, data: { updatedAt: new Date() } });
}

/** An owner's conversations (null: everyone's), most recently active first (at most `limit`). */
export function listConversationsOf(db: Db, ownerId: string | null, limit: number): Promise<Conversation[]> {
  return db.conversation.findMany({ where: ownerId ? { ownerId } : {}, orderBy: { updatedAt: "desc" }, take: limit });
}

export async function createMessage(
  tx: Tx,
  m: { id?: string; conversationId: string; role: "user" | "assistant"; content: string; metadata?: MessageMetadata },
): Promise<void> {
  await tx.message.create({ data: { ...m, metadata: m.metadata as object | undefined } });
}

/** A conversation's messages, oldest first. */
export function listMessages(db: Db, conversationId: string): Promise<Message[]> {
  return db.message.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" } });
}

/** The stored metadata of one message, or null. */
export async function findMessageMetadata(db: Db, messageId: string): Promise<MessageMetadata | null> {
  const row = await db.message.findUnique({ where: { id: messageId }, select: { metadata: true } });
  return (row?.metadata as MessageMetadata | null) ?? null;
}
