import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { ChatAction, MessageMetadata, SendMessageResponse, sendMessageSchema } from "@/lib/shared/chat";
import type { Language } from "@/lib/shared/language";
import { buildTaskTree, type TaskNode } from "@/lib/shared/plans";
import { clipWords, stripMarkdown } from "@/lib/shared/text";
import type { Task } from "../db/generated/client.ts";
import type { Viewer } from "../auth/viewer.ts";
import { inTransaction } from "../db/client.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { t } from "../i18n/messages.ts";
import { enqueueRun } from "../runs/run-service.ts";
import { chatActionsJob } from "../jobs/handlers/chat-actions.ts";
import { planDecomposeJob } from "../jobs/handlers/plan-decompose.ts";
import { taskOperationJob } from "../jobs/handlers/task-operation.ts";
import { generateStructured } from "../llm/generate.ts";
import { detectLanguage } from "../llm/prompts.ts";
import { chatReplySchema, type ChatReply } from "../llm/schemas.ts";
import { createPlan, findPlanById, latestPlanOfConversation, listTasks, toTaskDto } from "../plans/plans-repo.ts";
import { actionStatus, aggregateStatus } from "./action-status.ts";
import { createConversation, createMessage, ensureUser, findConversation, touchConversation } from "./chat-repo.ts";
import { gateActions, type GateDecision } from "./coordinator.ts";

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

function actionName(d: GateDecision, language: Language, planTitle: string): string {
  switch (d.kind) {
    case "execute_plan":
      return t(language, "action.execute_plan", { title: planTitle });
    case "create_plan":
      return t(language, "action.create_plan", { title: d.title });
    case "decompose_task":
      return d.title ? t(language, "action.decompose_task", { title: d.title }) : t(language, "action.decompose_all");
    case "set_task_status": {
      const status = d.accepted && d.operation.op === "set_task_status" ? t(language, `status.${d.operation.status}` as "status.todo") : "…";
      return t(language, "action.set_task_status", { title: d.title, status });
    }
    case "update_task":
      return d.accepted && d.operation.op === "update_task" && d.operation.title !== undefined
        ? t(language, "action.rename_task", { title: d.title, to: d.operation.title })
        : t(language, "action.update_task", { title: d.title });
    default:
      return t(language, `action.${d.kind}`, { title: d.title });
  }
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

/**
 * POST /api/chat/message, two-phase (seed 000). Phase one: the model replies
 * and proposes actions, the coordinator gates them, and in ONE transaction the
 * user's message, the reply, the plan row and every pending job are written
 * (guarantee 1; each job enqueued through its definition); then the queue is
 * woken and the 202 goes out before any action runs. `mode: "sync"` waits for
 * the jobs and answers 200.
 * @throws AppError 404 for an unknown or foreign conversation or a plan not in it, 500 model_error when the model fails.
 */
export async function sendMessage(deps: Deps, viewer: Pick<Viewer, "userId">, input: z.output<typeof sendMessageSchema>): Promise<SendMessageResult> {
  const t0 = performance.now();
  const { db, queue } = deps;
  const conversation = input.conversationId ? await findConversation(db, input.conversationId) : null;
  if (input.conversationId && (!conversation || conversation.ownerId !== viewer.userId)) throw AppError.notFound("Conversation");
  const chosen = input.planId ? await findPlanById(db, input.planId) : null;
  if (input.planId && (!chosen || !conversation || chosen.conversationId !== conversation.id)) throw AppError.notFound("Plan");
  const plan = chosen ?? (conversation ? await latestPlanOfConversation(db, conversation.id) : null);
  const tasks = plan ? await listTasks(db, plan.id) : [];
  const language = replyLanguage(input.message, input.language);

  let reply: ChatReply;
  let modelMs: number;
  try {
    const r = await generateStructured({
      model: deps.model,
      schema: chatReplySchema,
      fields: {
        Request: "chat_reply",
        Language: language,
        Message: input.message,
        PlanId: plan?.id,
        PlanTasks: planTasksField(tasks),
      },
    });
    reply = r.object;
    modelMs = r.ms;
  } catch (error) {
    console.error("[planstream] chat model call failed", error);
    throw new AppError("model_error", 500, "The planning model did not answer; please try again");
  }

  const decisions = gateActions(reply.actions, { plan: plan && { id: plan.id, tasks } });
  const accepted = decisions.filter((d) => d.accepted);
  const create = accepted.find((d) => d.kind === "create_plan");
  const planId = create ? randomUUID() : (plan?.id ?? null);
  const conversationId = conversation?.id ?? randomUUID();
  const messageId = randomUUID();
  const trackingId = accepted.length > 0 ? randomUUID() : undefined;

  // Task operations run as ONE task_operation job (all or nothing); decompositions after it.
  const operations = decisions.flatMap((d) => (d.accepted && "operation" in d ? [d.operation] : []));
  const operationJobId = operations.length > 0 ? randomUUID() : undefined;
  const actions: ChatAction[] = [];
  const decompositions: { id: string; taskId: string | null }[] = [];
  let execution: { jobId: string; runId: string; taskId: string | null } | undefined;
  for (const d of decisions) {
    const name = actionName(d, language, plan?.title ?? "");
    if (!d.accepted) actions.push({ kind: d.kind, name, status: "rejected", reason: d.reason });
    else if (d.kind === "create_plan") actions.push({ kind: d.kind, name, status: "pending", jobId: trackingId });
    else if (d.kind === "decompose_task") {
      const id = randomUUID();
      decompositions.push({ id, taskId: d.taskId });
      actions.push({ kind: d.kind, name, status: "pending", jobId: id });
    } else if (d.kind === "execute_plan" || d.kind === "execute_task") {
      execution = { jobId: randomUUID(), runId: randomUUID(), taskId: d.taskId };
      actions.push({ kind: d.kind, name, status: "pending", jobId: execution.jobId });
    } else actions.push({ kind: d.kind, name, status: "pending", jobId: operationJobId });
  }
  const jobs: MessageMetadata["jobs"] = [
    ...(trackingId ? [{ jobId: trackingId, jobType: "chat_actions" as const }] : []),
    ...(operationJobId ? [{ jobId: operationJobId, jobType: "task_operation" as const }] : []),
    ...decompositions.map((c) => ({ jobId: c.id, jobType: "plan_decompose" as const })),
    ...(execution ? [{ jobId: execution.jobId, jobType: "plan_execute" as const }] : []),
  ];
  const metadata: MessageMetadata = {
    type: "job_log",
    ...(trackingId ? { trackingId } : {}),
    conversationId,
    messageId,
    ...(planId ? { planId } : {}),
    status: trackingId ? "pending" : "completed",
    jobs,
    actions,
  };

  await inTransaction(db, async (tx) => {
    await ensureUser(tx, viewer.userId);
    if (!conversation) await createConversation(tx, { id: conversationId, ownerId: viewer.userId, title: clipWords(stripMarkdown(input.message), TITLE_CHARS) || clipWords(input.message, TITLE_CHARS) });
    else await touchConversation(tx, conversationId);
    await createMessage(tx, { conversationId, role: "user", content: input.message });
    if (create?.kind === "create_plan" && planId) {
      await createPlan(tx, { id: planId, ownerId: viewer.userId, conversationId, title: create.title, goal: create.goal, language });
    }
    if (trackingId) {
      await chatActionsJob.enqueue(
        tx,
        { id: trackingId, ownerId: viewer.userId, planId },
        {
          conversationId,
          messageId,
          language,
          planId,
          createPlan: create?.kind === "create_plan" ? { title: create.title, goal: create.goal } : null,
          dispatched: [
            ...(operationJobId ? [{ jobId: operationJobId, jobType: "task_operation", kind: "task_operations" }] : []),
            ...decompositions.map((c) => ({ jobId: c.id, jobType: "plan_decompose", kind: "decompose_task" })),
            ...(execution ? [{ jobId: execution.jobId, jobType: "plan_execute", kind: execution.taskId ? "execute_task" : "execute_plan" }] : []),
          ],
        },
      );
      if (operationJobId) {
        await taskOperationJob.enqueue(tx, { id: operationJobId, ownerId: viewer.userId, planId, parentJobId: trackingId }, { planId: planId!, language, operations });
      }
      for (const c of decompositions) {
        // After the message's task operations (a decomposition may name a task they add).
        await planDecomposeJob.enqueue(
          tx,
          { id: c.id, ownerId: viewer.userId, planId, taskId: c.taskId, parentJobId: operationJobId ?? trackingId },
          { planId: planId!, taskId: c.taskId, language },
        );
      }
    }
    if (execution && plan) {
      // After the message's edits and decompositions: it runs on the tree they leave.
      await enqueueRun(tx, {
        ownerId: viewer.userId,
        plan,
        taskId: execution.taskId,
        parentJobId: decompositions.at(-1)?.id ?? operationJobId ?? trackingId,
        jobId: execution.jobId,
        runId: execution.runId,
      });
    }
    // Written last so the assistant message shows up with its jobs already in place.
    await createMessage(tx, { id: messageId, conversationId, role: "assistant", content: reply.reply, metadata });
  });
  queue.wake();

  let status: 200 | 202 = 202;
  if (input.mode === "sync" && trackingId) {
    const ids = jobs.map((j) => j.jobId);
    await queue.waitUntilSettled(ids, { timeoutMs: SYNC_WAIT_MS });
    const statusOf = await deps.store.statuses(ids);
    for (const a of actions) if (a.jobId) a.status = actionStatus(statusOf.get(a.jobId) ?? "failed");
    metadata.status = aggregateStatus([...statusOf.values()]);
    status = 200;
  }
  const serverMs = performance.now() - t0 - modelMs;
  return { status, body: { response: reply.reply, actions, metadata }, timing: { modelMs, serverMs } };
}
