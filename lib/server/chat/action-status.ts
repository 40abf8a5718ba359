import "server-only";
import type { ChatAction } from "@/lib/shared/chat";
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
