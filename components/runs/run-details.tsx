"use client";
// The inside of one run: what waits for approval, its files, its steps and the run-level tool calls.
import { Alert, Empty, Skeleton } from "antd";
import { useMemo } from "react";
import { useT } from "@/lib/client/i18n";
import { uniqueArtifacts } from "@/lib/client/run-format";
import type { RunView } from "@/lib/shared/runs";
import type { Decider } from "./approval-buttons";
import { ArtifactList } from "./artifact-link";
import { RunStep } from "./run-step";
import { RunToolCall } from "./run-tool-call";
import styles from "./run-view.module.css";

/** What the plan's tree says about a task: its title and depth (0 = top level). */
export type TaskInfo = { title: string; depth: number };

/** Props of RunDetails. */
export type RunDetailsProps = {
  runId: string;
  /** The run's view (useRunView); undefined while loading. */
  view: RunView | undefined;
  /** Loading the finished run failed. */
  error: Error | null;
  decider: Decider;
  /** The plan's tasks by id: steps indent as deep as their task sits in the tree, and take its title when their events named none. */
  tasks?: ReadonlyMap<string, TaskInfo>;
};

/**
 * A run's view (`data-testid="run-details"`): the calls waiting for approval
 * (with Approve / Deny for the run's owner), every file the run produced
 * (download links with name and size), its steps in order (RunStep, indented
 * like the tree: a task's subtasks under it) and the
 * tool calls outside any task (the calendar). Loading: a skeleton; a failed
 * load: an error. Props: RunDetailsProps.
 */
export function RunDetails({ runId, view, error, decider, tasks }: RunDetailsProps) {
  const t = useT();
  const files = useMemo(
    () => (view ? uniqueArtifacts([...view.steps.flatMap((s) => s.artifacts), ...view.artifacts]) : []),
    [view],
  );
  const top = view && view.steps.length > 0 ? Math.min(...view.steps.map((s) => tasks?.get(s.taskId)?.depth ?? 0)) : 0;
  if (!view) {
    return error ? <Alert type="error" showIcon title={t("run.loadError")} description={error.message} /> : <Skeleton active paragraph={{ rows: 3 }} />;
  }
  return (
    <div className={styles.details} data-testid="run-details">
      {view.pendingApprovals.length > 0 && (
        <section className={styles.section} data-testid="run-approvals">
          <h4 className={styles.sectionTitle}>{t("run.pendingApprovals")}</h4>
          <ul className={styles.calls}>
            {view.pendingApprovals.map((c) => (
              <RunToolCall key={c.callId} call={c} runId={runId} decider={decider} pendingButtons />
            ))}
          </ul>
        </section>
      )}
      {files.length > 0 && (
        <section className={styles.section} data-testid="run-files">
          <h4 className={styles.sectionTitle}>{t("run.artifacts")}</h4>
          <ArtifactList runId={runId} artifacts={files} />
        </section>
      )}
      <section className={styles.section}>
        <h4 className={styles.sectionTitle}>{t("run.steps")}</h4>
        {view.steps.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("run.noSteps")} />
        ) : (
          <ol className={styles.steps}>
            {view.steps.map((s) => (
              <RunStep
                key={s.taskId}
                step={s}
                runId={runId}
                decider={decider}
                fallbackTitle={tasks?.get(s.taskId)?.title}
                depth={(tasks?.get(s.taskId)?.depth ?? top) - top}
              />
            ))}
          </ol>
        )}
      </section>
      {view.runToolCalls.length > 0 && (
        <section className={styles.section} data-testid="run-tools">
          <h4 className={styles.sectionTitle}>{t("run.runTools")}</h4>
          <ul className={styles.calls}>
            {view.runToolCalls.map((c) => (
              <RunToolCall key={c.callId} call={c} runId={runId} decider={decider} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
