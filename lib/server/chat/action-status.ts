import "server-only";
import type { ChatAction, ReplyUsage } from "@/lib/shared/chat";
import type { JobStatus } from "@/lib/shared/jobs";

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

/**
 * The tracking metrics of one message (GET /api/chat/action-status): model
 * calls counting the phase-one reply (`usage.llmCalls`, absent on old
 * messages) beside every job's; the duration from the request's arrival
 * (`usage.requestedAt`, else the tracking job's start) to `finishedAt`; and
 * the tracking job's queue wait (created → started). Times are Dates, results ms.
 */
export function trackingMetrics(args: {
  usage: Pick<ReplyUsage, "requestedAt" | "llmCalls"> | undefined;
  jobLlmCalls: number;
  tracking: { createdAt: Date; startedAt: Date | null };
  finishedAt: Date | null;
}): { llmCalls: number; durationMs: number | null; queueWaitMs: number | null } {
  const { usage, tracking, finishedAt } = args;
  const from = usage ? new Date(usage.requestedAt) : tracking.startedAt;
  return {
    llmCalls: args.jobLlmCalls + (usage?.llmCalls ?? 0),
    durationMs: finishedAt && from ? Math.max(0, finishedAt.getTime() - from.getTime()) : null,
    queueWaitMs: tracking.startedAt ? Math.max(0, tracking.startedAt.getTime() - tracking.createdAt.getTime()) : null,
  };
}
