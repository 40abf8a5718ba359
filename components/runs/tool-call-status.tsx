"use client";
// A tool call's status as an icon with its word for screen readers (and a tooltip).
import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined, PauseCircleFilled, StopFilled } from "@ant-design/icons";
import type { ReactNode } from "react";
import { useT } from "@/lib/client/i18n";
import type { ToolCallStatus } from "@/lib/shared/runs";
import styles from "./runs.module.css";

const ICON: Record<ToolCallStatus, ReactNode> = {
  running: <LoadingOutlined />,
  succeeded: <CheckCircleFilled />,
  failed: <CloseCircleFilled />,
  awaiting_approval: <PauseCircleFilled />,
  denied: <StopFilled />,
};

// On the wrapper: antd's `.anticon { color: inherit }` outranks a class on the icon itself.
const COLOR: Record<ToolCallStatus, string> = {
  running: styles.statusRunning,
  succeeded: styles.statusSucceeded,
  failed: styles.statusFailed,
  awaiting_approval: styles.statusAwaiting,
  denied: styles.statusDenied,
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
    <span role="img" aria-label={label} title={label} className={COLOR[status]} data-testid="tool-call-status" data-status={status}>
      {ICON[status]}
    </span>
  );
}
