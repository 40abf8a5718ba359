"use client";
// One tool call inside a run's view: a row that expands into its input, output and files.
import { RightOutlined } from "@ant-design/icons";
import { useId, useState } from "react";
import { formatDuration } from "@/components/job-log/job-log-meta";
import { summarizeInput } from "@/lib/client/run-format";
import type { ToolCallDto } from "@/lib/shared/runs";
import { ApprovalState, type Decider } from "./approval-buttons";
import styles from "./run-view.module.css";
import { ToolCallDetails } from "./tool-call-details";
import { ToolCallStatusIcon } from "./tool-call-status";

/**
 * A run's tool call (`data-testid="tool-call"`, `data-call-id`, `data-status`):
 * a toggle (`tool-call-toggle`, aria-expanded) with its status, tool name and
 * input summary, its duration, and where its approval stands (ApprovalState;
 * Approve / Deny for the owner while pending only with `pendingButtons`, the
 * Waiting-for-approval list); open, its details (ToolCallDetails: input,
 * output or error, files). Props: `{call, runId, decider, pendingButtons?, defaultOpen?}`.
 */
export function RunToolCall({
  call,
  runId,
  decider,
  pendingButtons = false,
  defaultOpen = false,
}: {
  call: ToolCallDto;
  runId: string;
  decider: Decider;
  pendingButtons?: boolean;
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  return (
    <li className={styles.call} data-testid="tool-call" data-call-id={call.callId} data-status={call.status}>
      <div className={styles.callHead}>
        <button type="button" className={styles.callToggle} aria-expanded={open} aria-controls={open ? id : undefined} onClick={() => setOpen(!open)} data-testid="tool-call-toggle">
          <RightOutlined className={`${styles.chevron} ${open ? styles.chevronOpen : ""}`} aria-hidden />
          <ToolCallStatusIcon status={call.status} />
          <span className={styles.callName}>{call.tool}</span>
          <span className={styles.callInput}>{summarizeInput(call.input, 60)}</span>
        </button>
        {call.durationMs !== undefined && <span className={styles.callDuration}>{formatDuration(call.durationMs)}</span>}
      </div>
      {call.approval && (
        <div className={styles.callApproval}>
          <ApprovalState approval={call.approval} runId={runId} callId={call.callId} tool={call.tool} decider={decider} pendingButtons={pendingButtons} />
        </div>
      )}
      {open && <ToolCallDetails call={call} runId={runId} detailsId={id} />}
    </li>
  );
}
