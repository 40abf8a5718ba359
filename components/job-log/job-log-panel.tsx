"use client";
// The one log panel for every job type (docs/design.md "UI" → JobLogPanel; seed 001).
import { Alert, Button } from "antd";
import { memo, useCallback, useMemo, useState } from "react";
import { useJobLog } from "@/hooks/use-job-log";
import { useT, type MessageKey } from "@/lib/client/i18n";
import { panelBodyState } from "@/lib/client/log-panel-state";
import { lastExecutionKind } from "@/lib/client/run-format";
import { runFilesOf } from "@/lib/client/tool-pairs";
import { isJobType, type JobType } from "@/lib/shared/jobs";
import { isRunSuccess } from "@/lib/shared/runs";
import { JobLogBody } from "./job-log-body";
import { JobLogHeader } from "./job-log-header";
import { JOB_TYPE_META, jobTimes, toPanelStatus, type PanelStatus } from "./job-log-meta";
import { JobLogSummary } from "./job-log-summary";
import styles from "./job-log.module.css";

/** Props of JobLogPanel. */
export type JobLogPanelProps = {
  jobId: string;
  /** From the message metadata; the job's own type wins once loaded. Default plan_decompose (legacy messages). */
  jobType?: JobType;
  /** Start collapsed (true) or expanded (false); default: expanded (collapsed once succeeded with `collapseOnSuccess`). */
  defaultCollapsed?: boolean;
  /**
   * Collapse to the summary once the job succeeds (also when it succeeds
   * while watched). Only the chat sets it; failed and cancelled jobs stay open. Default false.
   */
  collapseOnSuccess?: boolean;
  /** Offer the collapse toggle (default true); the job page shows the log always. */
  collapsible?: boolean;
  /** Max height of the log body in px (default 320); the body scrolls past it. */
  height?: number;
  /** "all" loads the whole log (job pages); default the latest lines with "load earlier". */
  history?: "latest" | "all";
  /** Line anchors (`id="L{seq}"`, `#L12` / `#L12-L20` deep links): the job page only, where ids are unique. */
  anchors?: boolean;
  /**
   * Read only (support reading another user's conversation): no Approve /
   * Deny. Default false; even then only the job's owner is offered them.
   */
  readOnly?: boolean;
};

const STATUS_KEY: Record<PanelStatus, MessageKey> = {
  pending: "jobStatus.pending",
  running: "jobStatus.running",
  succeeded: "jobStatus.succeeded",
  failed: "jobStatus.failed",
  cancelled: "jobStatus.cancelled",
  loading: "log.statusLoading",
  missing: "log.statusMissing",
};

/**
 * Live log of one job, any type. Header: type icon/title, status tag, elapsed
 * time, progress, transport badge, export menu, collapse toggle. Body: exactly
 * one of missing / load error with Retry / loading / the lines (or "waiting
 * for the first line" while the job has none yet); being offline is one
 * compact "reconnecting" notice with "Retry now", never stacked with a load
 * error or loading. Collapses to a summary only with `collapseOnSuccess` (the
 * chat) and only after success; failed and cancelled jobs stay open with
 * their error. Tool calls pair with their results (expandable in place);
 * pending approvals offer Approve / Deny to the job's owner unless `readOnly`.
 * Status changes — not lines — are announced to screen readers
 * through one polite live region. The status it follows is written into
 * React Query, so tags elsewhere on the page show it through useJobStatus.
 * Root: `data-testid="job-log-panel"` with `data-job-id`, `data-status`
 * (job status | "loading" | "missing"), `data-transport`, `data-collapsed`,
 * `data-state` (the BodyState), `data-last-seq` (the highest seq loaded),
 * `data-first-seq` (the lowest), `data-line-count` (lines loaded: gapless iff
 * last − first + 1).
 */
export const JobLogPanel = memo(function JobLogPanel({
  jobId,
  jobType,
  defaultCollapsed,
  collapseOnSuccess = false,
  collapsible = true,
  height = 320,
  history,
  anchors = false,
  readOnly = false,
}: JobLogPanelProps) {
  const t = useT();
  const { job, events, status: jobStatus, missing, transport, error, offline, retry, loadEarlier, hasEarlier, progress } = useJobLog(jobId, { history });
  const ownerId = job?.ownerId;
  const decider = useMemo(() => ({ ownerId, readOnly }), [ownerId, readOnly]);
  const panelStatus = toPanelStatus({ status: jobStatus, missing });
  // Unknown types (diagnostics jobs) render with the generic task_operation look.
  const type: JobType = isJobType(job?.jobType) ? job.jobType : isJobType(jobType) ? jobType : job ? "task_operation" : "plan_decompose";

  // null = automatic (collapsed once succeeded, with collapseOnSuccess); a boolean = the user's (or caller's) choice.
  const [override, setOverride] = useState<boolean | null>(collapsible ? (defaultCollapsed ?? null) : false);
  const [seenStatus, setSeenStatus] = useState(jobStatus);
  if (jobStatus !== seenStatus) {
    setSeenStatus(jobStatus);
    // Reaching "succeeded" live collapses the panel even if the user had opened it.
    if (collapseOnSuccess && collapsible && jobStatus === "succeeded" && seenStatus !== undefined) setOverride(null);
  }
  const collapsed = collapsible && !missing && (override ?? (collapseOnSuccess && panelStatus === "succeeded"));
  const toggle = useCallback(() => setOverride(!collapsed), [collapsed]);

  const { startedAt, finishedAt } = jobTimes(job, events);
  const times = useMemo(() => ({ startedAt, finishedAt }), [startedAt, finishedAt]);
  const lineCount = Math.max(job?.lastSeq ?? 0, events.at(-1)?.seq ?? 0, events.length);
  const state = panelBodyState({ missing, hasJob: !!job, error: !!error, offline, collapsed });
  const running = panelStatus === "pending" || panelStatus === "running";
  // A plan execution: "Succeeded" is the job's word; the run's own (seed 004) is told apart, and its files stay at hand when collapsed.
  const execution = type === "plan_execute";
  const unsuccessfulRun = execution && jobStatus === "succeeded" && events.length > 0 && !isRunSuccess(jobStatus, lastExecutionKind(events));
  const files = useMemo(() => (execution && state === "collapsed" ? runFilesOf(events) : undefined), [execution, state, events]);

  const offlineNotice = (
    <div className={styles.offline} role="status" data-testid="job-log-offline">
      <span>{t("log.reconnecting")}</span>
      <Button size="small" type="link" onClick={retry} data-testid="job-log-retry">
        {t("log.retryNow")}
      </Button>
    </div>
  );

  return (
    <section
      className={`${styles.panel} ${styles[JOB_TYPE_META[type].accent]}`}
      data-testid="job-log-panel"
      data-job-id={jobId}
      data-job-type={type}
      data-status={panelStatus}
      data-transport={transport}
      data-collapsed={collapsed ? "true" : "false"}
      data-state={state}
      data-last-seq={events.at(-1)?.seq ?? 0}
      data-first-seq={events[0]?.seq ?? 0}
      data-line-count={events.length}
      aria-label={t(JOB_TYPE_META[type].title)}
    >
      {/* The one live region: the status, announced when it changes (not the lines). */}
      <span className={styles.srOnly} aria-live="polite" aria-atomic="true" data-testid="job-log-status-live">
        {panelStatus === "loading" ? "" : `${t(JOB_TYPE_META[type].title)}: ${t(STATUS_KEY[panelStatus])}`}
      </span>
      <JobLogHeader
        jobId={jobId}
        jobType={type}
        times={times}
        transport={transport}
        progress={progress}
        collapsed={collapsed}
        onToggle={collapsible ? toggle : undefined}
        unsuccessfulRun={unsuccessfulRun}
      />
      {state === "missing" && (
        <div className={styles.missing} data-testid="job-log-missing">
          {t("log.missing")}
        </div>
      )}
      {state === "offline" && offlineNotice}
      {state === "loadError" && (
        <Alert
          className={styles.alert}
          type="error"
          showIcon
          title={t("log.loadError")}
          description={error?.message}
          data-testid="job-log-load-error"
          action={
            <Button size="small" onClick={retry} data-testid="job-log-retry">
              {t("log.retry")}
            </Button>
          }
        />
      )}
      {state === "loading" && (
        <div className={styles.placeholder} data-testid="job-log-loading">
          {t("log.loading")}
        </div>
      )}
      {state === "collapsed" && <JobLogSummary job={job} times={times} lineCount={lineCount} onExpand={() => setOverride(false)} files={files} />}
      {state === "log" && (
        <>
          {offline && offlineNotice}
          {panelStatus === "failed" && (
            <Alert
              className={styles.alert}
              type="error"
              showIcon
              title={t("log.error")}
              description={job?.error ?? undefined}
              data-testid="job-log-error"
            />
          )}
          <JobLogBody
            jobId={jobId}
            events={events}
            height={height}
            hasEarlier={hasEarlier}
            loadEarlier={loadEarlier}
            emptyText={running ? t("log.waiting") : t("log.noLines")}
            origin={startedAt ?? job?.createdAt}
            running={running}
            anchors={anchors}
            decider={decider}
          />
        </>
      )}
    </section>
  );
});
