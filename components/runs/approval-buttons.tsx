"use client";
// Approve / Deny of one tool call waiting for a person (docs/design.md "Event semantics" → approval_*).
import { Button } from "antd";
import { useApprovalDecision, useApprovalError } from "@/hooks/use-run-actions";
import { useCanDecide } from "@/hooks/use-run-permissions";
import { useT } from "@/lib/client/i18n";
import styles from "./runs.module.css";

/**
 * Approve and Deny buttons of a pending approval (POST
 * /api/runs/{runId}/approvals/{callId}). While a decision is sent both are
 * disabled and the clicked one spins; a failure (409: already decided or
 * expired) shows inline beside them (`data-testid="approval-error"`, role
 * alert); once the server took the decision they give way to "Decision sent"
 * until the `approval_decided` event replaces the row's state. Only render
 * it for the run's owner (read-only viewers see the state, not the buttons).
 * testids `approval-approve`, `approval-deny`. Props: `{runId, callId, tool}`.
 */
export function ApprovalButtons({ runId, callId, tool }: { runId: string; callId: string; tool: string }) {
  const t = useT();
  const { decide, sending, error, decided } = useApprovalDecision(runId, callId);
  if (decided !== undefined) {
    return (
      <span className={styles.decision} role="status" data-testid="approval-sent">
        {t("run.approvalSent")}
      </span>
    );
  }
  return (
    <span className={styles.approval} role="group" aria-label={`${t("run.approvalNeeded")}: ${tool}`} data-testid="approval-buttons">
      <Button size="small" type="primary" loading={sending === "approve"} disabled={sending !== null} onClick={() => void decide(true)} data-testid="approval-approve">
        {t("run.approve")}
      </Button>
      <Button size="small" danger loading={sending === "deny"} disabled={sending !== null} onClick={() => void decide(false)} data-testid="approval-deny">
        {t("run.deny")}
      </Button>
      {error && (
        <span className={styles.approvalError} role="alert" data-testid="approval-error">
          {error}
        </span>
      )}
    </span>
  );
}

/** A pending approval: the buttons for the owner (session), else who it waits for. */
function PendingApproval({ runId, callId, tool, ownerId, readOnly }: { runId: string | null; callId: string; tool: string; ownerId: string | undefined; readOnly: boolean }) {
  const t = useT();
  const canDecide = useCanDecide(ownerId, readOnly);
  return canDecide && runId ? <ApprovalButtons runId={runId} callId={callId} tool={tool} /> : <>{t("run.approvalWaiting")}</>;
}

/** This browser's failed decision of a decided call (someone else decided first, or it expired), inline. */
function DecisionError({ runId, callId }: { runId: string; callId: string }) {
  const error = useApprovalError(runId, callId);
  return error ? (
    <span className={styles.approvalError} role="alert" data-testid="approval-error">
      {error}
    </span>
  ) : null;
}

/** Who may decide a run's approvals: its owner's id, and whether the view is read only (see useCanDecide). */
export type Decider = { ownerId: string | undefined; readOnly: boolean };

/**
 * Where a call's approval stands: Approve / Deny while pending for the run's
 * owner (the session's user is `decider.ownerId`, the view not read only),
 * else "Waiting for the owner's approval"; "Approved by …", "Denied by …" or
 * "Denied: no decision in time" once decided — with, when this browser's own
 * decision came too late, why it was not taken (`approval-error`). The
 * session is read only while an approval is pending.
 * `data-testid="approval-state"` with `data-approval` (pending | approved |
 * denied). Props: `{approval, runId, callId, tool, decider, pendingButtons?}`
 * (`pendingButtons` false: a pending approval reads "Awaiting approval" and
 * its buttons are elsewhere); nothing without an approval.
 */
export function ApprovalState({
  approval,
  runId,
  callId,
  tool,
  decider,
  pendingButtons = true,
}: {
  approval: { status: "pending" | "approved" | "denied"; by?: string; reason?: string } | undefined;
  runId: string | null;
  callId: string;
  tool: string;
  decider: Decider;
  pendingButtons?: boolean;
}) {
  const t = useT();
  if (!approval) return null;
  let body;
  if (approval.status === "pending") body = pendingButtons ? <PendingApproval runId={runId} callId={callId} tool={tool} {...decider} /> : t("tool.status.awaiting_approval");
  else if (approval.status === "approved") body = t("run.approvedBy", { by: approval.by ?? "?" });
  else body = approval.reason === "timeout" ? t("run.deniedTimeout") : t("run.deniedBy", { by: approval.by ?? "?" });
  return (
    <span className={styles.decision} data-testid="approval-state" data-approval={approval.status}>
      {body}
      {approval.status !== "pending" && runId && <DecisionError runId={runId} callId={callId} />}
    </span>
  );
}
