import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { ChatAction, MessageMetadata, SendMessageResponse, sendMessageSchema } from "@/lib/shared/chat";
import type { JobStatus } from "@/lib/shared/jobs";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { ChatActionsParams } from "../jobs/handlers/chat-actions.ts";
import { insertJob } from "../jobs/jobs-repo.ts";
import { generateStructured } from "../llm/generate.ts";
import { chatReplySchema } from "../llm/schemas.ts";
import { gateActions } from "./coordinator.ts";

export type SendMessageResult = {
  status: 200 | 202;
  body: SendMessageResponse;
  /** Milliseconds: the model call, and everything else the server did. */
  timing: { modelMs: number; serverMs: number };
};

type Runner = { wake(): void; idle(jobIds: string[], timeoutMs?: number): Promise<void> };

/** The language to answer in: the message's own script first, then the UI's. */
export function replyLanguage(message: string, uiLanguage?: "en" | "zh-CN"): "en" | "zh-CN" {
  if (/[\u4e00-\u9fff]/.test(message)) return "zh-CN";
  if (/[A-Za-z]{2,}/.test(message)) return "en";
  return uiLanguage ?? "en";
}

const planKey = (planId: string) => `plan:${planId}`;

/**
 * POST /api/chat/message, two-phase (seed 000). Phase one: the model replies
 * and proposes actions, the coordinator gates them, and in ONE transaction the
 * user's message, the reply, the plan row and every pending job are written
 * (guarantee 1); then the runner is woken and the 202 goes out before any
 * action runs. `mode: "sync"` waits for the jobs and answers 200.
 * @throws AppError 404 for an unknown or foreign conversation, 500 model_error when the model fails.
 */
export async function sendMessage(
  deps: Deps,
  runner: Runner,
  user: { userId: string },
  input: z.output<typeof sendMessageSchema>,
): Promise<SendMessageResult> {
  const t0 = performance.now();
  const { db } = deps;
  const conversation = input.conversationId ? await db.conversation.findUnique({ where: { id: input.conversationId } }) : null;
  if (input.conversationId && (!conversation || conversation.ownerId !== user.userId)) throw AppError.notFound("Conversation");
  const plan = conversation
    ? await db.plan.findFirst({ where: { conversationId: conversation.id }, orderBy: { createdAt: "desc" } })
    : null;
  const tasks = plan ? await db.task.findMany({ where: { planId: plan.id }, select: { id: true, title: true, parentId: true } }) : [];
  const language = replyLanguage(input.message, input.language);

  let reply: z.infer<typeof chatReplySchema>;
  let modelMs = 0;
  try {
    const r = await generateStructured({
      model: deps.model,
      schema: chatReplySchema,
      fields: {
        Request: "chat_reply",
        Language: language,
        Message: input.message,
        PlanId: plan?.id,
        PlanTasks: tasks.length ? tasks.map((t) => `${t.id}|${t.title}`).join(" ;; ") : undefined,
      },
    });
    reply = r.object;
    modelMs = r.ms;
  } catch (error) {
    console.error("[planstream] chat model call failed", error);
    throw new AppError("model_error", 500, "The planning model did not answer; please try again");
  }

  const decisions = gateActions(reply.actions, { plan, taskIds: new Set(tasks.map((t) => t.id)) });
  const accepted = decisions.filter((d) => d.accepted);
  const create = accepted.find((d) => d.kind === "create_plan");
  const planId = create ? randomUUID() : (plan?.id ?? null);
  const conversationId = conversation?.id ?? randomUUID();
  const messageId = randomUUID();
  const trackingId = accepted.length > 0 ? randomUUID() : undefined;

  const actions: ChatAction[] = [];
  const jobs: MessageMetadata["jobs"] = [];
  const childJobs: { id: string; taskId: string | null }[] = [];
  for (const d of decisions) {
    if (!d.accepted) {
      actions.push({ kind: d.kind, name: actionName(d.kind, d.title, language), status: "rejected", reason: d.reason });
    } else if (d.kind === "create_plan") {
      actions.push({ kind: d.kind, name: actionName(d.kind, d.title, language), status: "pending", jobId: trackingId });
    } else if (d.kind === "decompose_task") {
      const id = randomUUID();
      childJobs.push({ id, taskId: d.taskId });
      actions.push({ kind: d.kind, name: actionName(d.kind, d.title, language), status: "pending", jobId: id });
    }
  }
  if (trackingId) jobs.push({ jobId: trackingId, jobType: "chat_actions" });
  for (const c of childJobs) jobs.push({ jobId: c.id, jobType: "plan_decompose" });

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

  await db.$transaction(async (tx) => {
    await tx.user.upsert({ where: { id: user.userId }, create: { id: user.userId }, update: {} });
    if (!conversation) {
      await tx.conversation.create({ data: { id: conversationId, ownerId: user.userId, title: input.message.slice(0, 80) } });
    } else {
      await tx.conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() } });
    }
    await tx.message.create({ data: { conversationId, role: "user", content: input.message } });
    if (create && create.kind === "create_plan" && planId) {
      await tx.plan.create({ data: { id: planId, ownerId: user.userId, conversationId, title: create.title, goal: create.goal, language } });
    }
    if (trackingId) {
      const params: ChatActionsParams = {
        conversationId,
        messageId,
        language,
        planId,
        createPlan: create && create.kind === "create_plan" ? { title: create.title, goal: create.goal } : null,
        dispatched: childJobs.map((c) => ({ jobId: c.id, jobType: "plan_decompose", kind: "decompose_task" })),
      };
      await insertJob(tx, {
        id: trackingId,
        jobType: "chat_actions",
        ownerId: user.userId,
        planId,
        concurrencyKey: planId ? planKey(planId) : null,
        params,
      });
      for (const c of childJobs) {
        await insertJob(tx, {
          id: c.id,
          jobType: "plan_decompose",
          ownerId: user.userId,
          planId,
          taskId: c.taskId,
          parentJobId: trackingId,
          concurrencyKey: planKey(planId!),
          params: { planId, taskId: c.taskId, language },
        });
      }
    }
    // Written last so the assistant message shows up with its jobs already in place.
    await tx.message.create({ data: { id: messageId, conversationId, role: "assistant", content: reply.reply, metadata } });
  });
  runner.wake();

  if (input.mode === "sync" && trackingId) {
    const ids = jobs.map((j) => j.jobId);
    await runner.idle(ids, 120_000);
    const rows = await db.job.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
    const statusOf = new Map(rows.map((r) => [r.id, r.status as JobStatus]));
    for (const a of actions) if (a.jobId) a.status = actionStatus(statusOf.get(a.jobId) ?? "failed");
    metadata.status = aggregateStatus([...statusOf.values()]);
    const serverMs = performance.now() - t0 - modelMs;
    return { status: 200, body: { response: reply.reply, actions, metadata }, timing: { modelMs, serverMs } };
  }
  const serverMs = performance.now() - t0 - modelMs;
  return { status: 202, body: { response: reply.reply, actions, metadata }, timing: { modelMs, serverMs } };
}

function actionName(kind: string, title: string, language: "en" | "zh-CN"): string {
  const zh = language === "zh-CN";
  if (kind === "create_plan") return zh ? `创建计划「${title}」` : `Create plan “${title}”`;
  if (title) return zh ? `拆解任务「${title}」` : `Decompose “${title}”`;
  return zh ? "拆解所有顶层任务" : "Decompose the top-level tasks";
}

/** Job status → action status shown on the tag. */
export function actionStatus(s: JobStatus): ChatAction["status"] {
  return s === "succeeded" ? "completed" : s;
}

/** One status for a set of jobs: open while any is open, failed if any failed. */
export function aggregateStatus(statuses: JobStatus[]): JobStatus {
  if (statuses.some((s) => s === "running")) return "running";
  if (statuses.some((s) => s === "pending")) return statuses.every((s) => s === "pending") ? "pending" : "running";
  if (statuses.some((s) => s === "failed")) return "failed";
  if (statuses.some((s) => s === "cancelled")) return "cancelled";
  return "succeeded";
}
