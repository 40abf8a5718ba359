"use client";
// Header of a JobLogPanel: type icon + title, status, elapsed time, progress,
// transport badge, export menu and the collapse toggle.
import { DownloadOutlined, DownOutlined, FieldTimeOutlined, StopOutlined, UpOutlined } from "@ant-design/icons";
import { App, Button, Dropdown, Progress, Tag, Tooltip } from "antd";
import { memo, useState } from "react";
import type { JobLogTransport } from "@/hooks/use-job-log";
import { useJobStatus } from "@/hooks/use-job-status";
import { fetchJson } from "@/lib/client/api";
import { useT } from "@/lib/client/i18n";
import { jobCancelUrl, jobExportUrl } from "@/lib/client/job-urls";
import type { JobType } from "@/lib/shared/jobs";
import { formatDuration, formatElapsed, JOB_TYPE_META, STATUS_COLOR, toPanelStatus } from "./job-log-meta";
import styles from "./job-log.module.css";
import { useElapsed } from "./use-elapsed";

/** Props of JobLogHeader. */
export type JobLogHeaderProps = {
  jobId: string;
  jobType: JobType;
  /** See jobTimes. */
  times: { startedAt: string | null; finishedAt: string | null };
  transport: JobLogTransport;
  progress: { done: number; total: number } | undefined;
  collapsed: boolean;
  /** Absent: no collapse toggle (the job page). */
  onToggle?: () => void;
  /** A plan execution whose job succeeded but whose run did not (seed 004): a warning tag says so beside the status. */
  unsuccessfulRun?: boolean;
};

/**
 * The panel header. Props: `{jobId, jobType, times, transport, progress,
 * collapsed, onToggle}`; `progress` is the last `progress` event's data. The
 * status tag is the job's live status (useJobStatus): `data-status` = job
 * status | "loading" | "missing"; beside it, for a run that finished without
 * success, a "Finished without success" tag (`run-outcome-tag`). Cancel POSTs /api/jobs/{id}/cancel (errors
 * as an antd message); export links are GET /api/jobs/{id}/export downloads.
 */
export const JobLogHeader = memo(function JobLogHeader({ jobId, jobType, times, transport, progress, collapsed, onToggle, unsuccessfulRun = false }: JobLogHeaderProps) {
  const t = useT();
  const status = toPanelStatus(useJobStatus(jobId));
  const meta = JOB_TYPE_META[jobType];
  const elapsed = useElapsed(times);
  const { message } = App.useApp();
  const [cancelling, setCancelling] = useState(false);
  // Cancel is explicit (guarantee 9); the terminal `cancelled` event then arrives on the log.
  const cancel = async () => {
    setCancelling(true);
    try {
      await fetchJson(jobCancelUrl(jobId), { method: "POST" });
    } catch (error) {
      message.error(`${t("log.cancelFailed")}: ${(error as Error).message}`);
      setCancelling(false);
    }
  };
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : undefined;

  return (
    <div className={styles.header}>
      <span className={styles.title}>
        <span className={styles.typeIcon} aria-hidden>
          {meta.icon}
        </span>
        <span data-testid="job-log-title">{t(meta.title)}</span>
      </span>
      <Tag color={STATUS_COLOR[status]} data-testid="job-status-tag" data-status={status} className={styles.statusTag}>
        {t(`jobStatus.${status}`)}
      </Tag>
      {unsuccessfulRun && status === "succeeded" && (
        <Tag color="warning" className={styles.statusTag} data-testid="run-outcome-tag">
          {t("run.outcome.unsuccessful")}
        </Tag>
      )}
      {transport === "polling" && (
        <Tooltip title={t("log.pollingHint")}>
          <Tag className={styles.transportTag} data-testid="job-log-transport" tabIndex={0}>
            {t("log.polling")}
          </Tag>
        </Tooltip>
      )}
      {elapsed !== undefined && (
        <Tooltip title={t("log.elapsed")}>
          <span className={styles.elapsed} data-testid="job-log-elapsed">
            <FieldTimeOutlined /> {times.finishedAt ? formatDuration(elapsed) : formatElapsed(elapsed)}
          </span>
        </Tooltip>
      )}
      <span className={styles.headerSpacer} />
      {progress && percent !== undefined && (
        <Progress
          className={styles.progress}
          percent={percent}
          size="small"
          status={status === "failed" ? "exception" : status === "succeeded" ? "success" : "active"}
          format={() => `${progress.done}/${progress.total}`}
          aria-label={t("log.progress", { done: progress.done, total: progress.total })}
          data-testid="job-log-progress"
        />
      )}
      {(status === "pending" || status === "running") && (
        <Tooltip title={t("log.cancel")}>
          <Button
            size="small"
            type="text"
            danger
            icon={<StopOutlined />}
            loading={cancelling}
            onClick={cancel}
            aria-label={t("log.cancel")}
            data-testid="job-log-cancel"
          />
        </Tooltip>
      )}
      {status !== "missing" && (
        <>
          <Dropdown
            trigger={["click"]}
            menu={{
              items: [
                { key: "json", label: <a href={jobExportUrl(jobId, "json")} download>{t("log.exportJson")}</a> },
                { key: "ndjson", label: <a href={jobExportUrl(jobId, "ndjson")} download>{t("log.exportNdjson")}</a> },
                { key: "text", label: <a href={jobExportUrl(jobId, "text")} download>{t("log.exportText")}</a> },
              ],
            }}
          >
            <Button size="small" type="text" icon={<DownloadOutlined />} data-testid="job-log-export" aria-label={t("log.export")}>
              <span className={styles.buttonLabel}>{t("log.export")}</span>
            </Button>
          </Dropdown>
          {onToggle && (
          <Tooltip title={collapsed ? t("log.expand") : t("log.collapse")}>
            <Button
              size="small"
              type="text"
              icon={collapsed ? <DownOutlined /> : <UpOutlined />}
              onClick={onToggle}
              aria-expanded={!collapsed}
              aria-label={collapsed ? t("log.expand") : t("log.collapse")}
              data-testid="job-log-toggle"
            />
          </Tooltip>
          )}
        </>
      )}
    </div>
  );
});
