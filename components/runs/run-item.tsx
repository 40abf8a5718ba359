"use client";
// One run in the plan page's Runs section: its outcome, counts and times, expanding into its view.
import { FileSearchOutlined, RightOutlined } from "@ant-design/icons";
import { Tag } from "antd";
import Link from "next/link";
import { useId, useMemo } from "react";
import { formatAgo, formatDateTime, formatDuration } from "@/components/job-log/job-log-meta";
import { useRunView } from "@/hooks/use-run-view";
import { useLang, useT } from "@/lib/client/i18n";
import { jobPageUrl } from "@/lib/client/job-urls";
import { RUN_OUTCOME_COLOR, isRunLive, runOutcome } from "@/lib/client/run-format";
import type { RunDto } from "@/lib/shared/runs";
import type { Decider } from "./approval-buttons";
import { RunDetails, type TaskInfo } from "./run-details";
import styles from "./run-view.module.css";

/** Props of RunItem. */
export type RunItemProps = {
  run: RunDto;
  open: boolean;
  onToggle: () => void;
  /** The plan page is read only (support reading another user's plan): no Approve / Deny. */
  readOnly: boolean;
  /** The plan's tasks by id (title, depth): the scope of a one-task run, steps indented as in the tree. */
  tasks: ReadonlyMap<string, TaskInfo>;
};

/**
 * A run (`data-testid="run-row"`, `data-run-id`, `data-status` = its job's
 * live status, `data-success`, `data-outcome`): a toggle (`run-toggle`,
 * aria-expanded) with the outcome tag — green "Succeeded" only when the run
 * succeeded, "Finished without success" (warning) when its job succeeded but
 * the run did not, red failed, grey cancelled, blue running/pending — its
 * scope (whole plan or one task), counts (done/total, left for a person,
 * failed, skipped, tool calls) and times; beside it a link to its job log (`run-job-link`). Open,
 * its RunDetails. A live run follows its job's events (useRunView), open or
 * not, so its counts move while it runs. Props: RunItemProps.
 */
export function RunItem({ run, open, onToggle, readOnly, tasks }: RunItemProps) {
  const t = useT();
  const { lang } = useLang();
  const id = useId();
  const { view, status, success, counts, live, error } = useRunView(run, { enabled: open || isRunLive(run) });
  const outcome = runOutcome({ status, success });
  const decider = useMemo<Decider>(() => ({ ownerId: run.ownerId, readOnly }), [run.ownerId, readOnly]);
  const startedAt = run.startedAt;
  const took = startedAt && run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(startedAt) : undefined;
  return (
    <li className={styles.run} data-testid="run-row" data-run-id={run.id} data-status={status} data-success={success ? "true" : "false"} data-outcome={outcome}>
      <div className={styles.runHead}>
        <button type="button" className={styles.runToggle} aria-expanded={open} aria-controls={open ? id : undefined} onClick={onToggle} data-testid="run-toggle">
          <RightOutlined className={`${styles.chevron} ${open ? styles.chevronOpen : ""}`} aria-hidden />
          <Tag color={RUN_OUTCOME_COLOR[outcome]} className={styles.runTag} data-testid="run-outcome">
            {t(`run.outcome.${outcome}`)}
          </Tag>
          <span className={styles.runScope}>{run.taskId ? `${t("run.scopeTask")}: ${tasks.get(run.taskId)?.title ?? run.taskId.slice(0, 8)}` : t("run.scopePlan")}</span>
          <span className={styles.runCounts} data-testid="run-counts">
            {t("run.counts", { done: counts.tasksDone, total: counts.tasksTotal, manual: counts.tasksManual, failed: counts.tasksFailed, skipped: counts.tasksSkipped })} ·{" "}
            {t("run.toolCalls", { n: counts.toolCalls })}
          </span>
          <span className={styles.runTime}>
            {startedAt ? (
              <time dateTime={startedAt} title={`${t("run.started")}: ${formatDateTime(startedAt, lang)}`}>
                {formatAgo(startedAt, lang)}
              </time>
            ) : (
              t("run.notStarted")
            )}
            {took !== undefined && run.finishedAt && (
              <time dateTime={run.finishedAt} title={`${t("run.finished")}: ${formatDateTime(run.finishedAt, lang)}`}>
                {" "}
                · {formatDuration(took)}
              </time>
            )}
          </span>
          {live && isRunLive({ status }) && <span className={styles.live}>{t("run.live")}</span>}
        </button>
        <Link href={jobPageUrl(run.jobId)} className={styles.jobLink} aria-label={t("run.jobLog")} title={t("run.jobLog")} data-testid="run-job-link">
          <FileSearchOutlined aria-hidden />
        </Link>
      </div>
      {open && (
        <div id={id} className={styles.runBody}>
          <RunDetails runId={run.id} view={view} error={error} decider={decider} tasks={tasks} />
        </div>
      )}
    </li>
  );
}
