"use client";
// The plan page's job list: every job of the plan, each expanding into its live log.
import { ExportOutlined, RightOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Collapse, Empty, Skeleton, Tag, Typography } from "antd";
import Link from "next/link";
import { JOB_TYPE_META, STATUS_COLOR, formatAgo, formatDateTime } from "@/components/job-log/job-log-meta";
import { JobLogPanel } from "@/components/job-log/job-log-panel";
import { useJobStatus } from "@/hooks/use-job-status";
import { useLang, useT } from "@/lib/client/i18n";
import { jobHistoryUrl, jobPageUrl } from "@/lib/client/job-urls";
import { queries, refetchWhileUnfinished } from "@/lib/client/queries";
import { isJobType, type JobDto } from "@/lib/shared/jobs";
import styles from "./plan-page.module.css";

/** Jobs listed (newest first); the rest are on /jobs?planId=. */
const LIMIT = 50;

/**
 * A job's row: type, live status (useJobStatus, else the row's), created.
 * It is the panel header's toggle button, so the link to the job's page sits
 * beside it (`PlanJobLink`), not inside (axe: nested-interactive).
 * Props: `{job, open}` (`open` turns the arrow).
 */
function PlanJobLabel({ job, open }: { job: JobDto; open: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const status = useJobStatus(job.id, { fallback: job.status }).status ?? job.status;
  const meta = JOB_TYPE_META[isJobType(job.jobType) ? job.jobType : "task_operation"];
  return (
    <span className={styles.jobLabel} data-testid="plan-job" data-job-id={job.id} data-job-type={job.jobType} data-status={status}>
      <RightOutlined rotate={open ? 90 : 0} className={styles.jobArrow} aria-hidden />
      <span className={styles.jobType}>
        <span aria-hidden>{meta.icon}</span> {isJobType(job.jobType) ? t(meta.title) : job.jobType}
      </span>
      <Tag color={STATUS_COLOR[status]} className={styles.jobStatus}>
        {t(`jobStatus.${status}`)}
      </Tag>
      <time className={styles.jobTime} dateTime={job.createdAt} title={formatDateTime(job.createdAt, lang)}>
        {formatAgo(job.createdAt, lang)}
      </time>
    </span>
  );
}

/** The link to a job's page at the end of its row (a 24 px target). Props: `{job}`. */
function PlanJobLink({ job }: { job: JobDto }) {
  const t = useT();
  return (
    <Link href={jobPageUrl(job.id)} aria-label={t("planPage.jobPage")} title={t("planPage.jobPage")} className={styles.jobLink} data-testid="plan-job-link">
      <ExportOutlined aria-hidden />
    </Link>
  );
}

/**
 * The jobs of a plan (GET /api/jobs?planId=, refreshed every 2 s while one
 * is unfinished and on every change of the plan's tree), newest first, as
 * collapsible rows (`data-testid="plan-job"`, `data-job-id`, `data-status`)
 * that expand into their JobLogPanel. Which rows are open is the caller's
 * (`open`, `onOpenChange`), so a decomposition started from the tree opens.
 * Props: `{planId, open: string[], onOpenChange(keys)}`.
 */
export function PlanJobs({ planId, open, onOpenChange }: { planId: string; open: string[]; onOpenChange: (keys: string[]) => void }) {
  const t = useT();
  const jobs = useQuery({ ...queries.jobs({ planId, limit: String(LIMIT) }), refetchInterval: refetchWhileUnfinished(2_000, false) });

  if (jobs.error) return <Alert type="error" showIcon title={t("jobs.loadError")} description={jobs.error.message} />;
  if (!jobs.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (jobs.data.jobs.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("planPage.noJobs")} />;
  return (
    <div className={styles.jobList} data-testid="plan-jobs">
      <Collapse
        size="small"
        activeKey={open}
        onChange={(keys) => onOpenChange(Array.isArray(keys) ? keys.map(String) : [String(keys)])}
        items={jobs.data.jobs.map((job) => ({
          key: job.id,
          label: <PlanJobLabel job={job} open={open.includes(job.id)} />,
          // Only the label toggles; the link beside it is a control of its own.
          collapsible: "header" as const,
          showArrow: false,
          extra: <PlanJobLink job={job} />,
          classNames: { body: styles.jobBody },
          children: <JobLogPanel jobId={job.id} jobType={isJobType(job.jobType) ? job.jobType : undefined} />,
        }))}
      />
      {jobs.data.total > jobs.data.jobs.length && (
        <Typography.Paragraph className={styles.moreJobs}>
          <Link href={jobHistoryUrl({ planId })}>{t("planPage.allJobs", { n: jobs.data.total })}</Link>
        </Typography.Paragraph>
      )}
    </div>
  );
}
