import "server-only";
// Phase one of a chat message (seed 000), shared by POST /api/chat/message
// and the streamed turn (POST /api/chat/agent): the gate's decisions become
// named actions with pre-chosen job ids and the message's metadata
// (planActions, pure), then ONE transaction writes the plan row, every pending
// job and the assistant message (commitActions), so a job id never leaves the
// server before its row is committed (guarantee 1).
import { randomUUID } from "node:crypto";
import type { ChatAction, MessageMetadata, MessageTurn, ReplyUsage } from "@/lib/shared/chat";
import type { Language } from "@/lib/shared/language";
import type { Plan } from "../db/generated/client.ts";
import { inTransaction, type Tx } from "../db/client.ts";
import type { Deps } from "../deps.ts";
import { errorFields, getLogger } from "../ops/logger.ts";
import { t } from "../i18n/messages.ts";
import { chatActionsJob } from "../jobs/handlers/chat-actions.ts";
import { planDecomposeJob } from "../jobs/handlers/plan-decompose.ts";
import { taskOperationJob } from "../jobs/handlers/task-operation.ts";
import type { TaskOperation } from "../plans/task-operations.ts";
import { createPlan } from "../plans/plans-repo.ts";
import { enqueueRun } from "../runs/run-service.ts";
import { actionStatus, aggregateStatus } from "./action-status.ts";
import { createMessage, updateMessageMetadata } from "./chat-repo.ts";
import type { GateDecision } from "./coordinator.ts";

/** The gate's decisions as the message will record them, with every id chosen (nothing written yet). */
export type ActionPlan = {
  actions: ChatAction[];
  metadata: MessageMetadata;
  /** The plan the actions act on: a new plan's pre-chosen id, else the current plan's, else null. */
  planId: string | null;
  trackingId?: string;
  create?: { title: string; goal: string };
  operations: TaskOperation[];
  operationJobId?: string;
  decompositions: { id: string; taskId: string | null }[];
  execution?: { jobId: string; runId: string; taskId: string | null };
};

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
 * Names the gate's decisions and chooses every id: one `chat_actions`
 * tracking job when anything was accepted, one `task_operation` job for all
 * task operations (all or nothing), one `plan_decompose` job per
 * decomposition, one `plan_execute` job (and run) for an execution. Rejected
 * actions keep their reason and get no job. Pure.
 */
export function planActions(args: {
  decisions: GateDecision[];
  language: Language;
  plan: Pick<Plan, "id" | "title"> | null;
  conversationId: string;
  messageId: string;
  usage: ReplyUsage;
  turn?: MessageTurn;
}): ActionPlan {
  const { decisions, language, plan } = args;
  const accepted = decisions.filter((d) => d.accepted);
  const createDecision = accepted.find((d) => d.kind === "create_plan");
  const create = createDecision?.kind === "create_plan" ? { title: createDecision.title, goal: createDecision.goal } : undefined;
  const planId = create ? randomUUID() : (plan?.id ?? null);
  const trackingId = accepted.length > 0 ? randomUUID() : undefined;
  const operations = decisions.flatMap((d) => (d.accepted && "operation" in d ? [d.operation] : []));
  const operationJobId = operations.length > 0 ? randomUUID() : undefined;
  const actions: ChatAction[] = [];
  const decompositions: ActionPlan["decompositions"] = [];
  let execution: ActionPlan["execution"];
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
  const metadata: MessageMetadata = {
    type: "job_log",
    ...(trackingId ? { trackingId } : {}),
    conversationId: args.conversationId,
    messageId: args.messageId,
    ...(planId ? { planId } : {}),
    status: trackingId ? "pending" : "completed",
    jobs: [
      ...(trackingId ? [{ jobId: trackingId, jobType: "chat_actions" as const }] : []),
      ...(operationJobId ? [{ jobId: operationJobId, jobType: "task_operation" as const }] : []),
      ...decompositions.map((c) => ({ jobId: c.id, jobType: "plan_decompose" as const })),
      ...(execution ? [{ jobId: execution.jobId, jobType: "plan_execute" as const }] : []),
    ],
    actions,
    usage: args.usage,
    ...(args.turn ? { turn: args.turn } : {}),
  };
  return { actions, metadata, planId, trackingId, create, operations, operationJobId, decompositions, execution };
}

/**
 * Writes phase one inside the caller's transaction: the new plan row, the
 * tracking job and its child jobs (each through its definition, in the order
 * they must run), the run, and last the assistant message with `content` and
 * the metadata, so the message shows up with its jobs already in place. Wake
 * the queue after the commit.
 */
export async function commitActions(
  tx: Tx,
  args: { ownerId: string; plan: Pick<Plan, "id" | "language"> | null; language: Language; planned: ActionPlan; content: string },
): Promise<void> {
  const { ownerId, plan, language, planned: p } = args;
  const { conversationId, messageId } = p.metadata;
  if (p.create && p.planId) await createPlan(tx, { id: p.planId, ownerId, conversationId, title: p.create.title, goal: p.create.goal, language });
  if (p.trackingId) {
    await chatActionsJob.enqueue(
      tx,
      { id: p.trackingId, ownerId, planId: p.planId },
      {
        conversationId,
        messageId,
        language,
        planId: p.planId,
        createPlan: p.create ?? null,
        dispatched: [
          ...(p.operationJobId ? [{ jobId: p.operationJobId, jobType: "task_operation", kind: "task_operations" }] : []),
          ...p.decompositions.map((c) => ({ jobId: c.id, jobType: "plan_decompose", kind: "decompose_task" })),
          ...(p.execution ? [{ jobId: p.execution.jobId, jobType: "plan_execute", kind: p.execution.taskId ? "execute_task" : "execute_plan" }] : []),
        ],
      },
    );
    if (p.operationJobId) {
      await taskOperationJob.enqueue(tx, { id: p.operationJobId, ownerId, planId: p.planId, parentJobId: p.trackingId }, { planId: p.planId!, language, operations: p.operations });
    }
    for (const c of p.decompositions) {
      // After the message's task operations (a decomposition may name a task they add).
      await planDecomposeJob.enqueue(
        tx,
        { id: c.id, ownerId, planId: p.planId, taskId: c.taskId, parentJobId: p.operationJobId ?? p.trackingId },
        { planId: p.planId!, taskId: c.taskId, language },
      );
    }
  }
  if (p.execution && plan) {
    // After the message's edits and decompositions: it runs on the tree they leave.
    await enqueueRun(tx, {
      ownerId,
      plan,
      taskId: p.execution.taskId,
      parentJobId: p.decompositions.at(-1)?.id ?? p.operationJobId ?? p.trackingId,
      jobId: p.execution.jobId,
      runId: p.execution.runId,
    });
  }
  await createMessage(tx, { id: messageId, conversationId, role: "assistant", content: args.content, metadata: p.metadata });
}

/**
 * `mode: "sync"`: waits up to `timeoutMs` for the message's jobs, then sets
 * each action's and the metadata's status from the jobs' statuses now and
 * stores that metadata on the message, so what is answered is what is stored.
 * A message without jobs answers 200 as it is. A wait past its limit answers
 * 202 with the statuses as they are (the rows were committed: never a 500).
 * Updates `planned.actions` (in place) and `planned.metadata` once stored.
 * @returns 200 when every job settled (or there were none), else 202. Never throws.
 */
export async function settleSync(deps: Pick<Deps, "db" | "store" | "queue">, planned: ActionPlan, timeoutMs: number): Promise<200 | 202> {
  const ids = planned.metadata.jobs.map((j) => j.jobId);
  if (ids.length === 0) return 200;
  let settled = true;
  try {
    await deps.queue.waitUntilSettled(ids, { timeoutMs });
  } catch {
    settled = false;
  }
  try {
    const statusOf = await deps.store.statuses(ids);
    const actions = planned.actions.map((a) => (a.jobId && statusOf.has(a.jobId) ? { ...a, status: actionStatus(statusOf.get(a.jobId)!) } : a));
    const metadata: MessageMetadata = { ...planned.metadata, actions, status: aggregateStatus([...statusOf.values()]) };
    await inTransaction(deps.db, (tx) => updateMessageMetadata(tx, metadata.messageId, metadata));
    // Answered only once stored: the response and the message agree.
    planned.actions.splice(0, planned.actions.length, ...actions);
    planned.metadata = metadata;
  } catch (error) {
    getLogger().error({ component: "chat", messageId: planned.metadata.messageId, ...errorFields(error) }, "sync wait: could not read or store the jobs' statuses");
    return 202;
  }
  return settled ? 200 : 202;
}
