"use client";
import { Button, Space, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import Link from "next/link";
import { JOB_TYPE_META, STATUS_COLOR, formatAgo, formatDateTime, formatDuration } from "@/components/job-log/job-log-meta";
import { useJobStatus } from "@/hooks/use-job-status";
import { useLang, useT } from "@/lib/client/i18n";
import { jobPageUrl } from "@/lib/client/job-urls";
import { isJobType, type JobDto } from "@/lib/shared/jobs";
import { clipWords } from "@/lib/shared/text";
import styles from "./jobs.module.css";

/** Plan titles in the table are cut (on a word boundary) to this many characters; the full title is the tooltip. */
export const PLAN_TITLE_CHARS = 48;
/** …and in the phone line under the job. */
const PLAN_TITLE_CHARS_PHONE = 32;

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
  /** Plan titles by id (the list's `planTitles`, then the filter's plans); unknown ids show "Plan 1a2b3c4d". */
  planTitles: ReadonlyMap<string, string>;
  /** The plan column's click: filter the page by that plan. */
  onPlan: (planId: string) => void;
  /** The owner column's click: filter the page by that owner (support). */
  onOwner: (ownerId: string) => void;
  /** Adds the owner column (support sees everyone's jobs). */
  isSupport: boolean;
  /** The viewer's user id ("you" in the owner column). */
  viewerId?: string;
};

/**
 * The columns of the /jobs table: job (type icon, link to /jobs/{id}, short
 * id), status, plan (title cut on a word boundary, full title as tooltip;
 * click filters), for support the owner (short id; click filters), created
 * ("3 minutes ago", full time as title), duration and lines (lastSeq with
 * warning/error counts). Below 768 px only job and status stay, and the job
 * cell adds a line with the created time, plan and owner (so nothing scrolls
 * sideways on a phone and the headers stay over their cells).
 * @returns antd Table columns for JobDto rows.
 */
export function useJobHistoryColumns({ planTitles, onPlan, onOwner, isSupport, viewerId }: JobHistoryColumnsOptions): ColumnsType<JobDto> {
  const t = useT();
  const { lang } = useLang();
  const planTitle = (planId: string) => planTitles.get(planId) ?? t("jobs.unknownPlan", { id: planId.slice(0, 8) });
  const ownerLabel = (ownerId: string) => (ownerId === viewerId ? `${ownerId.slice(0, 8)} (${t("jobs.you")})` : ownerId.slice(0, 8));
  return [
    {
      title: t("jobs.col.job"),
      key: "job",
      render: (_, job) => {
        const meta = JOB_TYPE_META[isJobType(job.jobType) ? job.jobType : "task_operation"];
        return (
          <div className={styles.jobCell}>
            <Space size={6} align="start">
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
            <div className={styles.phoneMeta} data-testid="job-history-phone-meta">
              <time dateTime={job.createdAt} title={formatDateTime(job.createdAt, lang)}>
                {formatAgo(job.createdAt, lang)}
              </time>
              {job.planId && (
                <span title={planTitle(job.planId)} data-testid="job-history-phone-plan">
                  {clipWords(planTitle(job.planId), PLAN_TITLE_CHARS_PHONE)}
                </span>
              )}
              {isSupport && <span title={job.ownerId}>{ownerLabel(job.ownerId)}</span>}
            </div>
          </div>
        );
      },
    },
    {
      title: t("jobs.col.status"),
      key: "status",
      width: 116,
      render: (_, job) => <JobStatusCell job={job} />,
    },
    {
      title: t("jobs.col.plan"),
      key: "plan",
      responsive: ["md"],
      render: (_, job) => {
        if (!job.planId) return <Typography.Text type="secondary">—</Typography.Text>;
        const planId = job.planId;
        const full = planTitle(planId);
        return (
          <Tooltip title={full === clipWords(full, PLAN_TITLE_CHARS) ? t("jobs.filterByPlan") : full}>
            <Button
              type="link"
              size="small"
              className={styles.inlineLink}
              onClick={() => onPlan(planId)}
              aria-label={`${full}: ${t("jobs.filterByPlan")}`}
              data-testid="job-history-plan"
            >
              {clipWords(full, PLAN_TITLE_CHARS)}
            </Button>
          </Tooltip>
        );
      },
    },
    ...(isSupport
      ? [
          {
            title: t("jobs.col.owner"),
            key: "owner",
            width: 130,
            responsive: ["md" as const],
            render: (_: unknown, job: JobDto) => (
              <Tooltip title={t("jobs.filterByOwner")}>
                <Button
                  type="link"
                  size="small"
                  className={`${styles.inlineLink} ${styles.mono}`}
                  onClick={() => onOwner(job.ownerId)}
                  aria-label={`${job.ownerId}: ${t("jobs.filterByOwner")}`}
                  data-testid="job-history-owner"
                >
                  {ownerLabel(job.ownerId)}
                </Button>
              </Tooltip>
            ),
          },
        ]
      : []),
    {
      title: t("jobs.col.created"),
      dataIndex: "createdAt",
      width: 150,
      responsive: ["md"],
      render: (iso: string) => <time dateTime={iso} title={formatDateTime(iso, lang)}>{formatAgo(iso, lang)}</time>,
    },
    {
      title: t("jobs.col.duration"),
      key: "duration",
      width: 100,
      responsive: ["lg"],
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
      width: 120,
      responsive: ["lg"],
      render: (_, job) => (
        <Space size={4}>
          <span>{job.lastSeq.toLocaleString(lang)}</span>
          {job.stats.warnings > 0 && <Tag color="warning">{job.stats.warnings}</Tag>}
          {job.stats.errors > 0 && <Tag color="error">{job.stats.errors}</Tag>}
        </Space>
      ),
    },
  ];
}
