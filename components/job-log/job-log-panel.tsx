"use client";
// The one log panel for every job type (docs/design.md "UI" → JobLogPanel; seed 001).
import { Alert, Button } from "antd";
import { memo, useCallback, useMemo, useState } from "react";
import { useJobLog } from "@/hooks/use-job-log";
import { useT } from "@/lib/client/i18n";
import { isJobType, type JobType } from "@/lib/shared/jobs";
import { JobLogBody } from "./job-log-body";
import { JobLogHeader } from "./job-log-header";
import { JOB_TYPE_META, jobTimes, toPanelStatus } from "./job-log-meta";
import { JobLogSummary } from "./job-log-summary";
import styles from "./job-log.module.css";

/** Props of JobLogPanel. */
export type JobLogPanelProps = {
  jobId: string;
  /** From the message metadata; the job's own type wins once loaded. Default plan_decompose (legacy messages). */
  jobType?: JobType;
  /** Start collapsed (true) or expanded (false); default: collapsed only when the job already succeeded. */
  defaultCollapsed?: boolean;
  /** Max height of the log body in px (default 320); the body scrolls past it. */
  height?: number;
  /** "all" loads the whole log (job pages); default the latest lines with "load earlier". */
  history?: "latest" | "all";
  /** Collapse to the summary once the job succeeded (the chat); placeholder until the job-log work lands, today every panel does. */
  collapseOnSuccess?: boolean;
};

/**
 * Live log of one job, any type. Header: type icon/title, status tag, elapsed
 * time, progress, transport badge, export menu, collapse toggle. Body: the
 * lines, following the tail. Expanded while the job runs; collapses to a
 * summary when it succeeds; failed jobs stay open with their error. The
 * status it follows is written into React Query, so tags elsewhere on the
 * page show it through useJobStatus.
 * Props: `{jobId, jobType?, defaultCollapsed?, height?, history?}` (memoized on them).
 * Root: `data-testid="job-log-panel"` with `data-job-id`, `data-status`
 * (job status | "loading" | "missing"), `data-transport`, `data-collapsed`,
 * `data-last-seq` (the highest seq loaded), `data-first-seq` (the lowest),
 * `data-line-count` (lines loaded: gapless iff last − first + 1).
 */
export const JobLogPanel = memo(function JobLogPanel({ jobId, jobType, defaultCollapsed, height = 320, history }: JobLogPanelProps) {
  const t = useT();
  const { job, events, status: jobStatus, missing, transport, error, offline, retry, loadEarlier, hasEarlier, progress } = useJobLog(jobId, { history });
  const panelStatus = toPanelStatus({ status: jobStatus, missing });
  // Unknown types (diagnostics jobs) render with the generic task_operation look.
  const type: JobType = isJobType(job?.jobType) ? job.jobType : isJobType(jobType) ? jobType : job ? "task_operation" : "plan_decompose";

  // null = automatic (collapsed once succeeded); a boolean = the user's (or caller's) choice.
  const [override, setOverride] = useState<boolean | null>(defaultCollapsed ?? null);
  const [seenStatus, setSeenStatus] = useState(jobStatus);
  if (jobStatus !== seenStatus) {
    setSeenStatus(jobStatus);
    // Reaching "succeeded" live collapses the panel even if the user had opened it.
    if (jobStatus === "succeeded" && seenStatus !== undefined) setOverride(null);
  }
  const collapsed = !missing && (override ?? panelStatus === "succeeded");
  const toggle = useCallback(() => setOverride(!collapsed), [collapsed]);

  const { startedAt, finishedAt } = jobTimes(job, events);
  const times = useMemo(() => ({ startedAt, finishedAt }), [startedAt, finishedAt]);
  const lineCount = Math.max(job?.lastSeq ?? 0, events.at(-1)?.seq ?? 0, events.length);

  return (
    <section
      className={`${styles.panel} ${styles[JOB_TYPE_META[type].accent]}`}
      data-testid="job-log-panel"
      data-job-id={jobId}
      data-job-type={type}
      data-status={panelStatus}
      data-transport={transport}
      data-collapsed={collapsed ? "true" : "false"}
      data-last-seq={events.at(-1)?.seq ?? 0}
      data-first-seq={events[0]?.seq ?? 0}
      data-line-count={events.length}
      aria-label={t(JOB_TYPE_META[type].title)}
    >
      <JobLogHeader
        jobId={jobId}
        jobType={type}
        times={times}
        transport={transport}
        progress={progress}
        collapsed={collapsed}
        onToggle={toggle}
      />
      {offline && !missing && (
        <Alert
          className={styles.alert}
          type="warning"
          showIcon
          title={t("log.offline")}
          data-testid="job-log-offline"
          action={
            <Button size="small" onClick={retry} data-testid="job-log-retry">
              {t("log.retry")}
            </Button>
          }
        />
      )}
      {missing ? (
        <div className={styles.missing} data-testid="job-log-missing">
          {t("log.missing")}
        </div>
      ) : collapsed ? (
        <JobLogSummary job={job} times={times} lineCount={lineCount} onExpand={() => setOverride(false)} />
      ) : (
        <>
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
          {error && !offline && !job && (
            <Alert
              className={styles.alert}
              type="error"
              showIcon
              title={t("log.loadError")}
              data-testid="job-log-load-error"
              description={error.message}
              action={
                <Button size="small" onClick={retry} data-testid="job-log-retry">
                  {t("log.retry")}
                </Button>
              }
            />
          )}
          <JobLogBody
            events={events}
            height={height}
            hasEarlier={hasEarlier}
            loadEarlier={loadEarlier}
            placeholder={t("log.waiting")}
            origin={job?.createdAt}
          />
        </>
      )}
    </section>
  );
});
