import "server-only";
import type { MessageMetadata } from "@/lib/shared/chat";
import { canRead, type Viewer } from "../auth/viewer.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { findConversation } from "./chat-repo.ts";

/** What DELETE /api/conversations/{id} removed, by kind (rows). */
export type DeletedConversation = { messages: number; plans: number; jobs: number; runs: number; artifacts: number; turns: number };

/** `details` of the 409 while the conversation has work in flight: its pending or running jobs and running turns. */
export type ConversationBusyDetails = { busyJobs: number; jobIds: string[]; runningTurns: number; turnIds: string[] };

/** The job ids an assistant message names (its jobs and its actions' jobs). */
function jobIdsOf(metadata: MessageMetadata | null): string[] {
  if (!metadata) return [];
  return [...(metadata.jobs ?? []).map((j) => j.jobId), ...(metadata.actions ?? []).flatMap((a) => (a.jobId ? [a.jobId] : []))];
}

/**
 * DELETE /api/conversations/{id}: deletes a conversation with its messages,
 * turns (and their events and design documents), plans (with their tasks),
 * jobs (those of its plans, those its messages name, and their child jobs,
 * with their events), runs (with results and approvals) and artifacts, in one
 * transaction.
 * @returns the number of rows of each kind deleted.
 * @throws AppError 404 when unknown or not visible; 403 when support deletes
 * another user's; 409 `conversation_busy` (details: ConversationBusyDetails)
 * while any of its jobs is pending or running or a turn is still running
 * (cancel them, POST /api/jobs/{id}/cancel, and try again).
 */
export async function deleteConversation(db: Db, viewer: Viewer, id: string): Promise<DeletedConversation> {
  const c = await findConversation(db, id);
  if (!c || !canRead(viewer, c.ownerId)) throw AppError.notFound("Conversation");
  if (c.ownerId !== viewer.userId) throw new AppError("forbidden", 403, "Support can read this conversation but only its owner can delete it");

  const [plans, messages, turns] = await Promise.all([
    db.plan.findMany({ where: { conversationId: id }, select: { id: true } }),
    db.message.findMany({ where: { conversationId: id }, select: { metadata: true } }),
    db.chatTurn.findMany({ where: { conversationId: id }, select: { id: true, status: true } }),
  ]);
  const planIds = plans.map((p) => p.id);
  const named = messages.flatMap((m) => jobIdsOf(m.metadata as MessageMetadata | null));
  // The jobs of its plans and messages, then their children, grandchildren…
  const jobs = new Map<string, string>();
  let frontier = await db.job.findMany({ where: { OR: [{ planId: { in: planIds } }, { id: { in: named } }] }, select: { id: true, status: true } });
  while (frontier.length > 0) {
    for (const j of frontier) jobs.set(j.id, j.status);
    const parents = frontier.map((j) => j.id);
    frontier = (await db.job.findMany({ where: { parentJobId: { in: parents } }, select: { id: true, status: true } })).filter((j) => !jobs.has(j.id));
  }
  const busy = [...jobs].filter(([, s]) => s === "pending" || s === "running").map(([jobId]) => jobId);
  const running = turns.filter((t) => t.status === "running").map((t) => t.id);
  if (busy.length > 0 || running.length > 0) {
    const details: ConversationBusyDetails = { busyJobs: busy.length, jobIds: busy, runningTurns: running.length, turnIds: running };
    throw new AppError("conversation_busy", 409, `${busy.length} job(s) of this conversation are pending or running and ${running.length} reply(ies) still streaming: cancel them first`, details);
  }

  const jobIds = [...jobs.keys()];
  return db.$transaction(async (tx) => {
    const runs = await tx.run.findMany({ where: { OR: [{ jobId: { in: jobIds } }, { planId: { in: planIds } }] }, select: { id: true } });
    const runIds = runs.map((r) => r.id);
    await tx.approval.deleteMany({ where: { OR: [{ runId: { in: runIds } }, { jobId: { in: jobIds } }] } });
    const artifacts = await tx.artifact.deleteMany({
      where: { OR: [{ runId: { in: runIds } }, { jobId: { in: jobIds } }, { planId: { in: planIds } }, { turnId: { in: turns.map((t) => t.id) } }] },
    });
    const deletedRuns = await tx.run.deleteMany({ where: { id: { in: runIds } } });
    const deletedJobs = await tx.job.deleteMany({ where: { id: { in: jobIds } } });
    const deletedPlans = await tx.plan.deleteMany({ where: { id: { in: planIds } } });
    const deletedMessages = await tx.message.deleteMany({ where: { conversationId: id } });
    const deletedTurns = await tx.chatTurn.deleteMany({ where: { conversationId: id } });
    await tx.conversation.delete({ where: { id } });
    return {
      messages: deletedMessages.count,
      plans: deletedPlans.count,
      jobs: deletedJobs.count,
      runs: deletedRuns.count,
      artifacts: artifacts.count,
      turns: deletedTurns.count,
    };
  });
}
