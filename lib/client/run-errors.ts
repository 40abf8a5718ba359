// What the user reads when starting a run or deciding an approval fails: the
// server's reason, in the UI language where we know the case (docs/design.md
// "HTTP API": 400 bad input, 403 not yours, 404 gone, 409 already decided or expired).
import { ApiError } from "./api";
import type { Translate } from "./i18n";

/**
 * One line naming why POST /api/plans/{planId}/execute failed: 400 the
 * server's reason, 403 owner-only, 404 the plan or task is gone, 409 the
 * server's reason, else "Could not start: <message>".
 */
export function executeErrorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 400 || error.status === 409) return t("run.executeRejected", { reason: error.message });
    if (error.status === 403) return t("run.executeForbidden");
    if (error.status === 404) return t("run.executeNotFound");
  }
  return t("run.executeFailed", { reason: error instanceof Error ? error.message : String(error) });
}

/**
 * One line naming why POST /api/runs/{runId}/approvals/{callId} failed: 409
 * already decided or expired, 403 owner-only, 404 gone, else "Could not send: <message>".
 */
export function approvalErrorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 409) return t("run.approvalConflict");
    if (error.status === 403) return t("run.approvalForbidden");
    if (error.status === 404) return t("run.approvalNotFound");
  }
  return t("run.approvalFailed", { reason: error instanceof Error ? error.message : String(error) });
}
