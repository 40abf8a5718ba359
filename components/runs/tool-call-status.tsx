"use client";
// A tool call's status as an icon with its word for screen readers (and a tooltip).
import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined, PauseCircleFilled, StopFilled } from "@ant-design/icons";
import type { ReactNode } from "react";
import { useT } from "@/lib/client/i18n";
import type { ToolCallStatus } from "@/lib/shared/runs";
import styles from "./runs.module.css";

const ICON: Record<ToolCallStatus, ReactNode> = {
  running: <LoadingOutlined className={styles.statusRunning} />,
  succeeded: <CheckCircleFilled className={styles.statusSucceeded} />,
  failed: <CloseCircleFilled className={styles.statusFailed} />,
  awaiting_approval: <PauseCircleFilled className={styles.statusAwaiting} />,
  denied: <StopFilled className={styles.statusDenied} />,
};

/**
 * The status of a tool call: a spinner while it runs, ✓ succeeded, ✗ failed,
 * pause while awaiting approval, stop when denied; the word is the icon's
 * accessible name and tooltip. `data-testid="tool-call-status"`. Props: `{status}`.
 */
export function ToolCallStatusIcon({ status }: { status: ToolCallStatus }) {
  const t = useT();
  const label = t(`tool.status.${status}`);
  return (
    <span role="img" aria-label={label} title={label} data-testid="tool-call-status" data-status={status}>
      {ICON[status]}
    </span>
  );
}
