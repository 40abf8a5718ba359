import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { ReplyUsage, SendMessageResponse, sendMessageSchema } from "@/lib/shared/chat";
import type { Language } from "@/lib/shared/language";
import { buildTaskTree, type TaskNode } from "@/lib/shared/plans";
import { clipWords, stripMarkdown } from "@/lib/shared/text";
import type { Conversation, Plan, Task } from "../db/generated/client.ts";
import type { Viewer } from "../auth/viewer.ts";
import { inTransaction } from "../db/client.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { budgetedModel } from "../limits/budgeted-model.ts";
import { generateStructured, type GenerateResult } from "../llm/generate.ts";
import { modelErrorOf } from "../llm/model-errors.ts";
import { detectLanguage } from "../llm/prompts.ts";
import { chatReplySchema, type ChatReply } from "../llm/schemas.ts";
import { recordPhaseOne } from "../ops/metrics.ts";
import { findPlanById, latestPlanOfConversation, listTasks, toTaskDto } from "../plans/plans-repo.ts";
import { createConversation, createMessage, ensureUser, findConversation, touchConversation } from "./chat-repo.ts";
import { gateActions } from "./coordinator.ts";
import { commitActions, planActions, settleSync } from "./turn-actions.ts";
import { redactText } from "../security/redact.ts";
import { errorFields, getLogger } from "../ops/logger.ts";

export type SendMessageResult = {
  status: 200 | 202;
  body: SendMessageResponse;
  /** Milliseconds: the model call, and everything else the server did. */
  timing: { modelMs: number; serverMs: number };
};

/** Longest conversation title taken from the first message, characters (cut on a word boundary). */
const TITLE_CHARS = 80;
/** How long `mode: "sync"` waits for the jobs, ms. */
const SYNC_WAIT_MS = 120_000;

/** The language to answer in: the message's own language (detectLanguage), then the UI's, then English. */
export function replyLanguage(message: string, uiLanguage?: Language): Language {
  return detectLanguage(message, uiLanguage ?? "en");
}

/**
 * The plan's tasks for the model's `PlanTasks:` field: `id|number|status|title`
 * in tree order, numbered like an outline (3, 3.2), so "task 3" or "3.2" in a
 * message can be resolved.
 */
export function planTasksField(tasks: Task[]): string | undefined {
  const out: string[] = [];
  const walk = (nodes: TaskNode[], prefix: string) =>
    nodes.forEach((n, i) => {
      const number = `${prefix}${i + 1}`;
      out.push(`${n.id}|${number}|${n.status}|${n.title.replace(/\s*(;;|\|)\s*/g, " ")}`);
      walk(n.children, `${number}.`);
    });
  walk(buildTaskTree(tasks.map(toTaskDto)), "");
  return out.length ? out.join(" ;; ") : undefined;
}

/** What a message acts on: its conversation (null = a new one), the plan (the one named, else the conversation's newest), its tasks, and the reply language. */
export type MessageContext = { conversation: Conversation | null; plan: Plan | null; tasks: Task[]; language: Language };

/**
 * Reads what a message acts on (no writes).
 * @throws AppError 404 for an unknown or foreign conversation, or a plan not in it.
 */
export async function loadMessageContext(
  deps: Pick<Deps, "db">,
  viewer: Pick<Viewer, "userId">,
  input: Pick<z.output<typeof sendMessageSchema>, "conversationId" | "planId" | "message" | "language">,
): Promise<MessageContext> {
  const { db } = deps;
  const conversation = input.conversationId ? await findConversation(db, input.conversationId) : null;
  if (input.conversationId && (!conversation || conversation.ownerId !== viewer.userId)) throw AppError.notFound("Conversation");
  const chosen = input.planId ? await findPlanById(db, input.planId) : null;
  if (input.planId && (!chosen || !conversation || chosen.conversationId !== conversation.id)) throw AppError.notFound("Plan");
  const plan = chosen ?? (conversation ? await latestPlanOfConversation(db, conversation.id) : null);
  const tasks = plan ? await listTasks(db, plan.id) : [];
  return { conversation, plan, tasks, language: replyLanguage(input.message, input.language) };
}

/**
 * POST /api/chat/message, two-phase (seed 000). Phase one: the model replies
 * and proposes actions, the coordinator gates them, and in ONE transaction the
 * user's message, the reply, the plan row and every pending job are written
 * (guarantee 1; each job enqueued through its definition); then the queue is
 * woken and the 202 goes out before any action runs. `mode: "sync"` waits for
 * the jobs and answers 200 (202 with the statuses as they are when the wait
 * passes `options.syncWaitMs`, default 120 s; 200 at once without jobs), and
 * stores the statuses it answers on the message.
 * @throws AppError 404 for an unknown or foreign conversation or a plan not in it; 502/503 model_unavailable
 *   (503 with Retry-After when the provider gave one) or 502 model_bad_output when the model fails (nothing written).
 */
export async function sendMessage(
  deps: Deps,
  viewer: Pick<Viewer, "userId">,
  input: z.output<typeof sendMessageSchema>,
  options: { syncWaitMs?: number } = {},
): Promise<SendMessageResult> {
  // The stored message, the conversation title and what the model sees carry no secrets (OWASP LLM02).
  input = { ...input, message: redactText(input.message) };
  const t0 = performance.now();
  const requestedAt = new Date().toISOString();
  const { db, queue } = deps;
  const { conversation, plan, tasks, language } = await loadMessageContext(deps, viewer, input);

  let r: GenerateResult<typeof chatReplySchema>;
  try {
    r = await generateStructured({
      model: budgetedModel(deps.model, { db: deps.db, userId: viewer.userId }),
      schema: chatReplySchema,
      fields: {
        Request: "chat_reply",
        Language: language,
        Message: input.message,
        PlanId: plan?.id,
        PlanTasks: planTasksField(tasks),
      },
    });
  } catch (error) {
    // Already classified (model-errors.ts): 502/503 model_unavailable or 502 model_bad_output; nothing was written.
    const failure = modelErrorOf(error);
    getLogger().warn({ component: "chat", code: failure.code, status: failure.status, ...errorFields(error) }, "chat model call failed");
    throw failure;
  }
  const reply: ChatReply = r.object;

  const decisions = gateActions(reply.actions, { plan: plan && { id: plan.id, tasks } });
  const conversationId = conversation?.id ?? randomUUID();
  const usage: ReplyUsage = { requestedAt, llmCalls: 1, inputTokens: r.usage.inputTokens, outputTokens: r.usage.outputTokens, modelMs: r.ms };
  const planned = planActions({ decisions, language, plan, conversationId, messageId: randomUUID(), usage });

  await inTransaction(db, async (tx) => {
    await ensureUser(tx, viewer.userId);
    if (!conversation) await createConversation(tx, { id: conversationId, ownerId: viewer.userId, title: conversationTitleOf(input.message) });
    else await touchConversation(tx, conversationId);
    await createMessage(tx, { conversationId, role: "user", content: input.message });
    await commitActions(tx, { ownerId: viewer.userId, plan, language, planned, content: reply.reply });
  });
  queue.wake();
  recordPhaseOne({ route: "message", modelMs: r.ms, serverMs: performance.now() - t0 - r.ms });

  // From here on the rows are committed: nothing may turn the answer into an error (the idempotency key keeps it).
  const status = input.mode === "sync" ? await settleSync(deps, planned, options.syncWaitMs ?? SYNC_WAIT_MS) : 202;
  const serverMs = performance.now() - t0 - r.ms;
  return { status, body: { response: reply.reply, actions: planned.actions, metadata: planned.metadata }, timing: { modelMs: r.ms, serverMs } };
}

/** A new conversation's title: its first message, Markdown stripped, cut on a word boundary. */
export function conversationTitleOf(message: string): string {
  return clipWords(stripMarkdown(message), TITLE_CHARS) || clipWords(message, TITLE_CHARS);
}
