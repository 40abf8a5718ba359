"use client";
// The plan's editable task tree with live statuses (DESIGN.md "UI" → PlanTreeView).
// Live: usePlanLive (the plan's stream) and useJobLog (`tasks_updated`) invalidate queries.plan(planId).
import { CloseOutlined, ReloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Skeleton, Tooltip } from "antd";
import { useCallback, useMemo, useState, type ReactNode } from "react";
import { JobLogPanel } from "@/components/job-log/job-log-panel";
import { usePlanEdits, type UsePlanEditsOptions } from "@/hooks/use-plan-edits";
import { usePlanLive } from "@/hooks/use-plan-live";
import { useExecutePlan, type UseExecutePlanOptions } from "@/hooks/use-run-actions";
import { useT } from "@/lib/client/i18n";
import { flattenTasks, locateTask, planProgress } from "@/lib/client/plan-tree";
import { queries } from "@/lib/client/queries";
import { PlanProgress } from "./plan-progress";
import { PlanShortcutsHelp } from "./plan-shortcuts-help";
import { PlanTaskTree } from "./plan-task-tree";
import styles from "./plan-tree-view.module.css";

/** Props of PlanTreeView. */
export type PlanTreeViewProps = {
  planId: string;
  /**
   * "pane" (default; the chat's side pane): a header with the plan's title,
   * task count and progress bar. "page": a toolbar only (the plan page shows
   * title and progress itself).
   */
  variant?: "pane" | "page";
  /** Shown under the header (the chat pane's plan switcher and plan page link). */
  extra?: ReactNode;
  /**
   * Where a decomposition started from the tree is shown; default: its
   * JobLogPanel under the tree (newest first, dismissable).
   */
  onDecomposeStarted?: UsePlanEditsOptions["onDecomposeStarted"];
  /**
   * Where a run started from a task's menu ("Execute") is shown; default: its
   * job's JobLogPanel under the tree, like a decomposition.
   */
  onExecuteStarted?: UseExecutePlanOptions["onStarted"];
  /** Read only (support reading another user's plan): no editing controls (the server would refuse them with 403). */
  readOnly?: boolean;
};

/** At most this many job panels (decompositions, runs) under the tree. */
const MAX_PANELS = 3;

/** A job started from the tree, shown under it. */
type TreeJob = { jobId: string; taskId: string; kind: "decompose" | "execute" };

/**
 * One plan's editable task tree (PlanTaskTree: drag and drop, rename, status,
 * add, delete, decompose, keyboard shortcuts in a "?" tooltip), kept live by
 * the plan's stream and the jobs' `tasks_updated` events, with the plan's
 * progress and each subtree's done/total. Root `data-testid="plan-tree"`
 * (`data-plan-id`); task count `plan-task-count`, refresh `plan-refresh`,
 * progress `plan-progress`, decomposition and run panels `plan-decompose-jobs`.
 */
export function PlanTreeView({ planId, variant = "pane", extra, onDecomposeStarted, onExecuteStarted, readOnly = false }: PlanTreeViewProps) {
  const t = useT();
  const { data, error, isPending, isFetching, refetch } = useQuery(queries.plan(planId));
  usePlanLive({ planId });
  const [jobs, setJobs] = useState<TreeJob[]>([]);
  const showJob = useCallback((job: TreeJob) => setJobs((j) => [job, ...j.filter((x) => x.jobId !== job.jobId)].slice(0, MAX_PANELS)), []);
  const showDecomposition = useCallback(({ jobId, taskId }: { jobId: string; taskId: string }) => showJob({ jobId, taskId, kind: "decompose" }), [showJob]);
  const showRun = useCallback(
    ({ jobId, taskId }: { jobId: string; taskId: string | undefined }) => showJob({ jobId, taskId: taskId ?? "", kind: "execute" }),
    [showJob],
  );
  const edits = usePlanEdits({ planId, onDecomposeStarted: onDecomposeStarted ?? showDecomposition });
  const { execute } = useExecutePlan({ planId, onStarted: onExecuteStarted ?? showRun });
  const executeTask = useCallback((taskId: string) => void execute(taskId), [execute]);

  const tasks = data?.tasks;
  const count = useMemo(() => flattenTasks(tasks ?? []).length, [tasks]);
  const progress = useMemo(() => planProgress(tasks ?? []), [tasks]);

  const tools = (
    <span className={styles.tools}>
      <PlanShortcutsHelp />
      <Tooltip title={t("plan.refresh")}>
        <Button
          type="text"
          icon={<ReloadOutlined />}
          loading={isFetching}
          onClick={() => void refetch()}
          aria-label={t("plan.refresh")}
          data-testid="plan-refresh"
        />
      </Tooltip>
    </span>
  );

  return (
    <section className={`${styles.root} ${variant === "page" ? styles.rootPage : ""}`} data-testid="plan-tree" data-plan-id={planId} aria-busy={isFetching}>
      {variant === "pane" ? (
        <header className={styles.header}>
          <div className={styles.headingRow}>
            <div className={styles.heading}>
              <span className={styles.kicker}>{t("plan.title")}</span>
              <h2 className={styles.title} title={data?.plan.goal}>
                {data?.plan.title ?? (isPending ? "…" : "")}
              </h2>
            </div>
            {tools}
          </div>
          <div className={styles.progressRow}>
            <span className={styles.count}>
              <span data-testid="plan-task-count">{count}</span> {t("plan.tasks")}
            </span>
            <PlanProgress progress={progress} />
          </div>
          {extra && <div className={styles.extra}>{extra}</div>}
        </header>
      ) : (
        <div className={styles.toolbar}>
          <span className={styles.count}>
            <span data-testid="plan-task-count">{count}</span> {t("plan.tasks")}
          </span>
          {extra}
          {tools}
        </div>
      )}
      <div className={styles.body}>
        {error ? (
          <Alert type="error" showIcon title={t("plan.loadError")} description={error.message} />
        ) : isPending || !tasks ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : (
          <PlanTaskTree tasks={tasks} edits={edits} onExecute={executeTask} readOnly={readOnly} />
        )}
        {jobs.length > 0 && (
          <div className={styles.jobs} data-testid="plan-decompose-jobs">
            {jobs.map(({ jobId, taskId, kind }) => (
              <div key={jobId} className={styles.job}>
                <div className={styles.jobHead}>
                  <span className={styles.jobTitle}>
                    {t(kind === "execute" ? "run.executing" : "planEdit.decomposing", {
                      title: (tasks && locateTask(tasks, taskId)?.task.title) ?? (taskId ? taskId.slice(0, 8) : (data?.plan.title ?? "")),
                    })}
                  </span>
                  <Button
                    type="text"
                    size="small"
                    icon={<CloseOutlined />}
                    aria-label={t("planEdit.hideJob")}
                    onClick={() => setJobs((j) => j.filter((x) => x.jobId !== jobId))}
                  />
                </div>
                <JobLogPanel jobId={jobId} jobType={kind === "execute" ? "plan_execute" : "plan_decompose"} height={200} readOnly={readOnly} />
              </div>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
