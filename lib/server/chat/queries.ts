import "server-only";
import type { ActionStatusDto, ChatAction, ConversationDetail, ConversationDto, MessageDto, MessageMetadata } from "@/lib/shared/chat";
import type { JobStatus } from "@/lib/shared/jobs";
import { canRead, type Viewer } from "../auth/viewer.ts";
import type { Db } from "../db/client.ts";
import type { Conversation } from "../db/generated/client.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { statsOf } from "../jobs/job-dto.ts";
import { planIdsOfConversation } from "../plans/plans-repo.ts";
import { actionStatus, aggregateStatus } from "./action-status.ts";
import { findConversation, findMessageMetadata, listConversationsOf, listMessages } from "./chat-repo.ts";

/** Conversations listed at most. */
const CONVERSATION_LIST_LIMIT = 100;

const toConversationDto = (c: Conversation): ConversationDto => ({
  id: c.id,
  title: c.title,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** The viewer's conversations (support: everyone's), most recently active first. */
export async function listConversations(db: Db, viewer: Viewer): Promise<ConversationDto[]> {
  return (await listConversationsOf(db, viewer.role === "support" ? null : viewer.userId, CONVERSATION_LIST_LIMIT)).map(toConversationDto);
}

/** One conversation with its messages (metadata included). @throws 404 when unknown or not the viewer's. */
export async function getConversation(db: Db, viewer: Viewer, id: string): Promise<ConversationDetail> {
  const c = await findConversation(db, id);
  if (!c || !canRead(viewer, c.ownerId)) throw AppError.notFound("Conversation");
  const [messages, planIds] = await Promise.all([listMessages(db, id), planIdsOfConversation(db, id)]);
  return {
    conversation: toConversationDto(c),
    planIds,
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
export async function getActionStatus(deps: Pick<Deps, "db" | "store">, viewer: Viewer, trackingId: string): Promise<ActionStatusDto> {
  const tracking = await deps.store.find(trackingId);
  if (!tracking || tracking.jobType !== "chat_actions" || !canRead(viewer, tracking.ownerId)) throw AppError.notFound("Tracking id");
  // The message's other jobs: children of the tracking job and their children (decompositions wait for the task operations).
  const children = [];
  for (let parents = [trackingId]; parents.length > 0; ) {
    const next = (await Promise.all(parents.map((id) => deps.store.listChildren(id)))).flat();
    children.push(...next);
    parents = next.map((j) => j.id);
  }
  const all = [tracking, ...children];
  const statusOf = new Map(all.map((j) => [j.id, j.status as JobStatus]));
  const messageId = (tracking.params as { messageId?: string }).messageId;
  const stored: ChatAction[] = (messageId ? await findMessageMetadata(deps.db, messageId) : null)?.actions ?? [];
  const actions = stored.map((a) => (a.jobId && statusOf.has(a.jobId) ? { ...a, status: actionStatus(statusOf.get(a.jobId)!) } : a));
  const stats = all.map(statsOf);
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
