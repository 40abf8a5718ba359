"use client";
import { Button, Space, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import Link from "next/link";
import { JOB_TYPE_META, STATUS_COLOR, formatAgo, formatDateTime, formatDuration } from "@/components/job-log/job-log-meta";
import { useJobStatus } from "@/hooks/use-job-status";
import { useLang, useT } from "@/lib/client/i18n";
import { jobPageUrl } from "@/lib/client/job-urls";
import { isJobType, type JobDto } from "@/lib/shared/jobs";
import type { PlanDto } from "@/lib/shared/plans";
import styles from "./jobs.module.css";

/** A row's status tag: the job's live status (useJobStatus; live while its panel is open), else the row's. Props: `{job}`. */
function JobStatusCell({ job }: { job: JobDto }) {
  const t = useT();
  const status = useJobStatus(job.id, { fallback: job.status }).status ?? job.status;
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="job-history-status">
      {t(`jobStatus.${status}`)}
    </Tag>
  );
}

/** Options of useJobHistoryColumns. */
export type JobHistoryColumnsOptions = {
  /** Plans by id, for the plan column's titles (ids shorten to 8 characters when unknown). */
  planById: Map<string, PlanDto>;
  /** The plan column's click: filter the page by that plan. */
  onPlan: (planId: string) => void;
  /** Adds the owner column (support sees everyone's jobs). */
  isSupport: boolean;
};

/**
 * The columns of the /jobs table: job (type icon, link to /jobs/{id}, short
 * id), status, plan, created ("3 minutes ago", full time as title), duration,
 * lines (lastSeq with warning/error counts) and, for support, the owner.
 * @returns antd Table columns for JobDto rows.
 */
export function useJobHistoryColumns({ planById, onPlan, isSupport }: JobHistoryColumnsOptions): ColumnsType<JobDto> {
  const t = useT();
  const { lang } = useLang();
  return [
    {
      title: t("jobs.col.job"),
      key: "job",
      render: (_, job) => {
        const meta = JOB_TYPE_META[isJobType(job.jobType) ? job.jobType : "task_operation"];
        return (
          <Space size={6}>
            <span className={styles[meta.accent]} aria-hidden>
              {meta.icon}
            </span>
            <span>
              <Link href={jobPageUrl(job.id)} data-testid="job-history-link">
                {isJobType(job.jobType) ? t(meta.title) : job.jobType}
              </Link>
              <Typography.Text type="secondary" className={styles.jobId} title={job.id}>
                {job.id.slice(0, 8)}
              </Typography.Text>
            </span>
          </Space>
        );
      },
    },
    {
      title: t("jobs.col.status"),
      key: "status",
      width: 120,
      render: (_, job) => <JobStatusCell job={job} />,
    },
    {
      title: t("jobs.col.plan"),
      key: "plan",
      ellipsis: true,
      render: (_, job) => {
        if (!job.planId) return <Typography.Text type="secondary">—</Typography.Text>;
        const planId = job.planId;
        return (
          <Tooltip title={t("jobs.filterByPlan")}>
            <Button type="link" size="small" className={styles.inlineLink} onClick={() => onPlan(planId)}>
              {planById.get(planId)?.title ?? planId.slice(0, 8)}
            </Button>
          </Tooltip>
        );
      },
    },
    {
      title: t("jobs.col.created"),
      dataIndex: "createdAt",
      width: 170,
      render: (iso: string) => <time dateTime={iso} title={formatDateTime(iso, lang)}>{formatAgo(iso, lang)}</time>,
    },
    {
      title: t("jobs.col.duration"),
      key: "duration",
      width: 110,
      render: (_, job) =>
        job.startedAt && job.finishedAt
          ? formatDuration(Date.parse(job.finishedAt) - Date.parse(job.startedAt))
          : job.status === "running"
            ? t("jobStatus.running")
            : "—",
    },
    {
      title: t("jobs.col.lines"),
      key: "lines",
      width: 130,
      render: (_, job) => (
        <Space size={4}>
          <span>{job.lastSeq.toLocaleString(lang)}</span>
          {job.stats.warnings > 0 && <Tag color="warning">{job.stats.warnings}</Tag>}
          {job.stats.errors > 0 && <Tag color="error">{job.stats.errors}</Tag>}
        </Space>
      ),
    },
    ...(isSupport
      ? [
          {
            title: t("jobs.col.owner"),
            dataIndex: "ownerId",
            width: 110,
            render: (owner: string) => (
              <Typography.Text type="secondary" className={styles.jobId} title={owner}>
                {owner.slice(0, 8)}
              </Typography.Text>
            ),
          },
        ]
      : []),
  ];
}
