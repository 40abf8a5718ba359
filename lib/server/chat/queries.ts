import "server-only";
import type { z } from "zod";
import {
  MAX_CONVERSATION_TITLE_CHARS,
  type ActionStatusDto,
  type ChatAction,
  type ConversationDetail,
  type ConversationDto,
  type MessageDto,
  type MessageMetadata,
  type renameConversationSchema,
} from "@/lib/shared/chat";
import { clipWords, stripMarkdown } from "@/lib/shared/text";
import type { JobStatus } from "@/lib/shared/jobs";
import { auditSupportAccess } from "../audit/support-audit.ts";
import { canRead, type Viewer } from "../auth/viewer.ts";
import type { Db } from "../db/client.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { statsOf } from "../jobs/job-dto.ts";
import { planIdsOfConversation } from "../plans/plans-repo.ts";
import { actionStatus, aggregateStatus, trackingMetrics } from "./action-status.ts";
import {
  findConversation,
  findConversationWithPlanTitle,
  findMessageMetadata,
  listConversationsOf,
  listMessages,
  renameConversation,
  type ConversationWithPlanTitle,
} from "./chat-repo.ts";

/** Conversations listed at most. */
const CONVERSATION_LIST_LIMIT = 100;

/**
 * A conversation's title as shown: the owner's own once renamed, else its
 * newest plan's title (Markdown stripped), else the title taken from its first message.
 */
export function conversationTitle(c: ConversationWithPlanTitle): Pick<ConversationDto, "title" | "titleSource"> {
  if (c.titleEditedAt) return { title: c.title, titleSource: "user" };
  const plan = c.planTitle ? clipWords(stripMarkdown(c.planTitle), MAX_CONVERSATION_TITLE_CHARS) : "";
  return plan ? { title: plan, titleSource: "plan" } : { title: c.title, titleSource: "message" };
}

const toConversationDto = (viewer: Viewer, c: ConversationWithPlanTitle): ConversationDto => ({
  id: c.id,
  ...conversationTitle(c),
  readOnly: c.ownerId !== viewer.userId,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** The viewer's conversations (support: everyone's), most recently active first. */
export async function listConversations(db: Db, viewer: Viewer): Promise<ConversationDto[]> {
  const rows = await listConversationsOf(db, viewer.role === "support" ? null : viewer.userId, CONVERSATION_LIST_LIMIT);
  return rows.map((c) => toConversationDto(viewer, c));
}

/**
 * PATCH /api/conversations/{id}: the owner renames a conversation; from then
 * on its plans no longer set its title.
 * @throws 404 when unknown or not visible, 403 when support renames another user's.
 */
export async function renameConversationTitle(db: Db, viewer: Viewer, id: string, input: z.output<typeof renameConversationSchema>): Promise<ConversationDto> {
  const c = await findConversation(db, id);
  if (!c || !canRead(viewer, c.ownerId)) throw AppError.notFound("Conversation");
  if (c.ownerId !== viewer.userId) throw new AppError("forbidden", 403, "Support can read this conversation but only its owner can change it");
  await renameConversation(db, { id, title: input.title, updatedAt: c.updatedAt });
  return toConversationDto(viewer, (await findConversationWithPlanTitle(db, id))!);
}

/** One conversation with its messages (metadata included). @throws 404 when unknown or not the viewer's. */
export async function getConversation(db: Db, viewer: Viewer, id: string): Promise<ConversationDetail> {
  const c = await findConversationWithPlanTitle(db, id);
  if (!c || !canRead(viewer, c.ownerId)) throw AppError.notFound("Conversation");
  await auditSupportAccess(db, viewer, { type: "conversation", id: c.id, ownerId: c.ownerId });
  const [messages, planIds] = await Promise.all([listMessages(db, id), planIdsOfConversation(db, id)]);
  return {
    conversation: toConversationDto(viewer, c),
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
  await auditSupportAccess(deps.db, viewer, { type: "tracking", id: tracking.id, ownerId: tracking.ownerId });
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
  const metadata = messageId ? await findMessageMetadata(deps.db, messageId) : null;
  const stored: ChatAction[] = metadata?.actions ?? [];
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
    ...trackingMetrics({ usage: metadata?.usage, jobLlmCalls: stats.reduce((n, s) => n + s.llmCalls, 0), tracking, finishedAt }),
  };
}
