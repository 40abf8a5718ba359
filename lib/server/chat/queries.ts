import "server-only";
import type { ActionStatusDto, ChatAction, ConversationDetail, ConversationDto, MessageDto, MessageMetadata } from "@/lib/shared/chat";
import { emptyStats, type JobStats, type JobStatus } from "@/lib/shared/jobs";
import type { Db } from "../db/client.ts";
import type { Conversation } from "../db/generated/client.ts";
import { AppError } from "../errors.ts";
import { actionStatus, aggregateStatus } from "./send-message.ts";

type Viewer = { userId: string; role: string };

const toConversationDto = (c: Conversation): ConversationDto => ({
  id: c.id,
  title: c.title,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** The viewer's conversations, newest first. */
export async function listConversations(db: Db, viewer: Viewer): Promise<ConversationDto[]> {
  const rows = await db.conversation.findMany({ where: { ownerId: viewer.userId }, orderBy: { updatedAt: "desc" }, take: 100 });
  return rows.map(toConversationDto);
}

/** One conversation with its messages (metadata included). @throws 404 when unknown or not the viewer's. */
export async function getConversation(db: Db, viewer: Viewer, id: string): Promise<ConversationDetail> {
  const c = await db.conversation.findUnique({ where: { id } });
  if (!c || (viewer.role !== "support" && c.ownerId !== viewer.userId)) throw AppError.notFound("Conversation");
  const [messages, plans] = await Promise.all([
    db.message.findMany({ where: { conversationId: id }, orderBy: { createdAt: "asc" } }),
    db.plan.findMany({ where: { conversationId: id }, orderBy: { createdAt: "asc" }, select: { id: true } }),
  ]);
  return {
    conversation: toConversationDto(c),
    planIds: plans.map((p) => p.id),
    messages: messages.map(
      (m): MessageDto => ({
        id: m.id,
        role: m.role as MessageDto["role"],
        content: m.content,
        metadata: (m.metadata as MessageMetadata | null) ?? null,
        createdAt: m.createdAt.toISOString(),
      }),
    ),
  };
}

/**
 * GET /api/chat/action-status/{trackingId}: the tracking job and its child
 * jobs folded into one status, with the message's actions at their live status.
 * @throws 404 when the tracking job is unknown or not the viewer's.
 */
export async function getActionStatus(db: Db, viewer: Viewer, trackingId: string): Promise<ActionStatusDto> {
  const tracking = await db.job.findUnique({ where: { id: trackingId } });
  if (!tracking || tracking.jobType !== "chat_actions" || (viewer.role !== "support" && tracking.ownerId !== viewer.userId)) {
    throw AppError.notFound("Tracking id");
  }
  const children = await db.job.findMany({ where: { parentJobId: trackingId } });
  const all = [tracking, ...children];
  const statusOf = new Map(all.map((j) => [j.id, j.status as JobStatus]));
  const messageId = (tracking.params as { messageId?: string }).messageId;
  const message = messageId ? await db.message.findUnique({ where: { id: messageId }, select: { metadata: true } }) : null;
  const stored = ((message?.metadata as MessageMetadata | null)?.actions ?? []) as ChatAction[];
  const actions = stored.map((a) => (a.jobId && statusOf.has(a.jobId) ? { ...a, status: actionStatus(statusOf.get(a.jobId)!) } : a));
  const stats = all.map((j) => ({ ...emptyStats(), ...(j.stats as Partial<JobStats>) }));
  const status = aggregateStatus([...statusOf.values()]);
  const open = status === "pending" || status === "running";
  const finishedAt = open ? null : new Date(Math.max(...all.map((j) => j.finishedAt?.getTime() ?? 0)));
  return {
    trackingId,
    status,
    planId: tracking.planId,
    actions,
    results: {
      createdTaskCount: stats.reduce((n, s) => n + s.createdTasks, 0),
      errors: all.filter((j) => j.error).map((j) => `${j.jobType}: ${j.error}`),
    },
    startedAt: tracking.startedAt?.toISOString() ?? null,
    finishedAt: finishedAt?.toISOString() ?? null,
    durationMs: finishedAt && tracking.startedAt ? finishedAt.getTime() - tracking.startedAt.getTime() : null,
    llmCalls: stats.reduce((n, s) => n + s.llmCalls, 0),
  };
}
