// What the user reads when an edit of the plan tree fails: the server's reason,
// in the UI language where we know the case (README → API: 409 carries the
// current task, 400 the gate's reason, 403 support, 404 gone).
import type { TaskDto } from "@/lib/shared/plans";
import { ApiError } from "./api";
import type { Translate } from "./i18n";

/** The current task a 409 carries in `error.details.task`, if it does. */
export function conflictTask(error: unknown): TaskDto | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const task = (error.details as { task?: TaskDto } | undefined)?.task;
  return task && typeof task.id === "string" && typeof task.version === "number" ? task : undefined;
}

/**
 * One line naming why an edit failed: 409 "Someone else changed this task; it
 * now reads “…” (status)."; 400 the gate's reason; 403 owner-only; 404 gone;
 * anything else "Could not save: <message>".
 */
export function planEditErrorText(error: unknown, t: Translate): string {
  const current = conflictTask(error);
  if (current) return t("planEdit.conflict", { title: current.title, status: t(`taskStatus.${current.status}`) });
  if (error instanceof ApiError) {
    if (error.status === 409) return t("planEdit.conflictGone");
    if (error.status === 400) return t("planEdit.rejected", { reason: error.message });
    if (error.status === 403) return t("planEdit.forbidden");
    if (error.status === 404) return t("planEdit.notFound");
  }
  return t("planEdit.failed", { reason: error instanceof Error ? error.message : String(error) });
}
