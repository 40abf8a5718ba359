"use client";
// One step of a run: a task's outcome, its result text, tool calls and files.
import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined, MinusCircleFilled, UserOutlined } from "@ant-design/icons";
import type { ReactNode } from "react";
import { useT } from "@/lib/client/i18n";
import type { RunStepDto, StepStatus } from "@/lib/shared/runs";
import type { Decider } from "./approval-buttons";
import { ArtifactList } from "./artifact-link";
import { RunToolCall } from "./run-tool-call";
import styles from "./run-view.module.css";

/** Indent per tree level, px. */
const INDENT_PX = 16;

const STEP_ICON: Record<StepStatus, ReactNode> = {
  running: <LoadingOutlined />,
  completed: <CheckCircleFilled />,
  failed: <CloseCircleFilled />,
  skipped: <MinusCircleFilled />,
};

// On the wrapper: antd's `.anticon { color: inherit }` outranks a class on the icon itself.
const STEP_COLOR: Record<StepStatus, string> = {
  running: styles.stepRunning,
  completed: styles.stepCompleted,
  failed: styles.stepFailed,
  skipped: styles.stepSkipped,
};

/**
 * A step (`data-testid="run-step"`, `data-task-id`, `data-status` running |
 * completed | failed | skipped, `data-manual` when no tool could do it and it
 * is left for a person, its result the advice): status icon and word, the task's title, its
 * scheduled date, the result text (or the error, or why it was skipped), its
 * tool calls (RunToolCall, expandable) and its files as download links.
 * Props: `{step, runId, decider, fallbackTitle?, depth?}` (a title for a step
 * whose events named none; how many levels below the run's top tasks it sits,
 * indented by as many steps, `data-depth`).
 */
export function RunStep({
  step,
  runId,
  decider,
  fallbackTitle,
  depth = 0,
}: {
  step: RunStepDto;
  runId: string;
  decider: Decider;
  fallbackTitle?: string;
  depth?: number;
}) {
  const t = useT();
  const manual = step.status === "completed" && step.manual;
  const label = manual ? t("run.step.manual") : t(`run.step.${step.status}`);
  return (
    <li
      className={styles.step}
      style={depth > 0 ? { marginInlineStart: depth * INDENT_PX } : undefined}
      data-testid="run-step"
      data-task-id={step.taskId}
      data-status={step.status}
      data-depth={depth}
      data-manual={manual ? "true" : undefined}
    >
      <div className={styles.stepHead}>
        <span role="img" aria-label={label} title={label} className={`${styles.stepIcon} ${manual ? styles.stepManual : STEP_COLOR[step.status]}`}>
          {manual ? <UserOutlined /> : STEP_ICON[step.status]}
        </span>
        <span className={styles.stepTitle}>{step.title || fallbackTitle || step.taskId.slice(0, 8)}</span>
        <span className={styles.stepStatus}>{label}</span>
        {step.scheduledDate && <span className={styles.stepDate}>{t("run.scheduled", { date: step.scheduledDate })}</span>}
      </div>
      {step.result && (
        <p className={styles.stepResult} data-testid="run-step-result">
          {step.result}
        </p>
      )}
      {manual && <p className={styles.stepNote}>{t("run.manualHint")}</p>}
      {step.error && (
        <p className={styles.stepError} data-testid="run-step-error">
          {step.error}
        </p>
      )}
      {step.skipReason && <p className={styles.stepNote}>{t(`run.skip.${step.skipReason}`)}</p>}
      {step.toolCalls.length > 0 && (
        <ul className={styles.calls}>
          {step.toolCalls.map((c) => (
            <RunToolCall key={c.callId} call={c} runId={runId} decider={decider} />
          ))}
        </ul>
      )}
      {step.artifacts.length > 0 && (
        <div className={styles.stepFiles}>
          <ArtifactList runId={runId} artifacts={step.artifacts} />
        </div>
      )}
    </li>
  );
}
