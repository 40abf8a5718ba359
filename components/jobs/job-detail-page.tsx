"use client";
// /jobs/[id]: one job's full log in a full-height panel, with its metadata,
// the related plan, and its parent and child jobs (DESIGN.md "UI" → Job pages).
import { useQuery } from "@tanstack/react-query";
import { Descriptions, Tag, Typography } from "antd";
import Link from "next/link";
import { JobLogPanel } from "@/components/job-log/job-log-panel";
import { JOB_TYPE_META, STATUS_COLOR, formatAgo, formatDateTime, formatDuration } from "@/components/job-log/job-log-meta";
import { useSupportSession } from "@/components/support/use-support-session";
import { useJobStatus } from "@/hooks/use-job-status";
import { useLang, useT } from "@/lib/client/i18n";
import { jobHistoryUrl, jobPageUrl } from "@/lib/client/job-urls";
import { planPageUrl } from "@/lib/client/plan-urls";
import { queries, refetchWhileUnfinished } from "@/lib/client/queries";
import { isJobType, type JobDto, type JobSnapshot } from "@/lib/shared/jobs";
import { JobRun } from "./job-run";
import { JobsHeader } from "./jobs-header";
import styles from "./jobs.module.css";

/** A link to another job: type title, short id and its live status tag (useJobStatus, else the row's). Props: `{job}`. */
function JobLink({ job }: { job: JobDto }) {
  const t = useT();
  const status = useJobStatus(job.id, { fallback: job.status }).status ?? job.status;
  return (
    <span data-testid="related-job" data-job-id={job.id}>
      <Link href={jobPageUrl(job.id)}>{isJobType(job.jobType) ? t(JOB_TYPE_META[job.jobType].title) : job.jobType}</Link>{" "}
      <Typography.Text type="secondary" className={styles.jobId}>
        {job.id.slice(0, 8)}
      </Typography.Text>{" "}
      <Tag color={STATUS_COLOR[status]}>{t(`jobStatus.${status}`)}</Tag>
    </span>
  );
}

/** The job fields the detail page shows (stable while only stats and lastSeq change). */
const selectJobMeta = ({ job }: JobSnapshot) => ({
  id: job.id,
  jobType: job.jobType,
  attempt: job.attempt,
  createdAt: job.createdAt,
  startedAt: job.startedAt,
  finishedAt: job.finishedAt,
  ownerId: job.ownerId,
  planId: job.planId,
  parentJobId: job.parentJobId,
});

/**
 * The job detail page: metadata (id, attempt, created, started, duration,
 * owner for support), the related plan (linking to its plan page), the
 * parent job and the child jobs (live while any is unfinished), a plan_execute
 * job's run (JobRun: outcome, counts, steps, files), above the
 * JobLogPanel with the whole history loaded, never collapsed, its lines
 * deep-linkable (`#L123`, `#L120-L130`). The `<h1>` names the job type and short id. The job is the panel's own
 * snapshot query (one fetch), which the panel keeps live. Props: `{jobId}`.
 */
export function JobDetailPage({ jobId }: { jobId: string }) {
  const t = useT();
  const { lang } = useLang();
  const { isSupport } = useSupportSession();
  // The panel's snapshot query (same key: one fetch), patched live by the panel's log;
  // only the fields shown here, so the page does not re-render per log line.
  const job = useQuery({ ...queries.jobSnapshot(jobId), select: selectJobMeta }).data;
  const plan = useQuery({ ...queries.plan(job?.planId ?? ""), enabled: !!job?.planId });
  const parent = useQuery({ ...queries.jobSnapshot(job?.parentJobId ?? ""), enabled: !!job?.parentJobId });
  const children = useQuery({
    ...queries.jobs({ parentJobId: jobId, limit: "100" }),
    enabled: !!job,
    refetchInterval: refetchWhileUnfinished(2_000, false),
  });

  return (
    <main className={styles.page} data-testid="job-detail">
      <JobsHeader
        historyLink
        title={t("jobs.detailTitle", {
          type: job && isJobType(job.jobType) ? t(JOB_TYPE_META[job.jobType].title) : (job?.jobType ?? t("jobs.col.job")),
          id: jobId.slice(0, 8),
        })}
      />
      {job && (
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} className={styles.related} data-testid="job-meta">
          <Descriptions.Item label="ID">
            <Typography.Text copyable className={styles.jobId} style={{ marginLeft: 0 }}>
              {job.id}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("jobs.attempt")}>{job.attempt}</Descriptions.Item>
          <Descriptions.Item label={t("jobs.created")}>
            <time dateTime={job.createdAt} title={formatAgo(job.createdAt, lang)}>
              {formatDateTime(job.createdAt, lang)}
            </time>
          </Descriptions.Item>
          {job.startedAt && job.finishedAt && (
            <Descriptions.Item label={t("log.duration")}>{formatDuration(Date.parse(job.finishedAt) - Date.parse(job.startedAt))}</Descriptions.Item>
          )}
          {isSupport && (
            <Descriptions.Item label={t("jobs.col.owner")}>
              <Typography.Text className={styles.jobId} style={{ marginLeft: 0 }}>
                {job.ownerId}
              </Typography.Text>
            </Descriptions.Item>
          )}
          {job.planId && (
            <Descriptions.Item label={t("jobs.col.plan")}>
              <span data-testid="related-plan">
                {plan.data ? (
                  <Link href={planPageUrl(job.planId)} data-testid="related-plan-link">
                    {plan.data.plan.title}
                  </Link>
                ) : plan.isError ? (
                  <Typography.Text type="secondary">{t("jobs.planMissing")}</Typography.Text>
                ) : (
                  job.planId.slice(0, 8)
                )}{" "}
                <Link href={jobHistoryUrl({ planId: job.planId })}>({t("jobs.planJobs")})</Link>
              </span>
            </Descriptions.Item>
          )}
          {job.parentJobId && (
            <Descriptions.Item label={t("jobs.parent")}>
              {parent.data ? (
                <JobLink job={parent.data.job} />
              ) : (
                <Link href={jobPageUrl(job.parentJobId)}>{job.parentJobId.slice(0, 8)}</Link>
              )}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {children.data && children.data.jobs.length > 0 && (
        <section className={styles.related} data-testid="child-jobs">
          <strong>{t("jobs.children", { n: children.data.total })}</strong>
          <ul className={styles.childList}>
            {children.data.jobs.map((child) => (
              <li key={child.id}>
                <JobLink job={child} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {job?.jobType === "plan_execute" && job.planId && <JobRun planId={job.planId} jobId={jobId} />}
      <JobLogPanel jobId={jobId} history="all" height={640} collapsible={false} anchors />
    </main>
  );
}
