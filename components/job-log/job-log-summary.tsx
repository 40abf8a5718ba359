"use client";
// What a collapsed panel leaves visible: the job's numbers and "View details".
import { Button } from "antd";
import { ArtifactList } from "@/components/runs/artifact-link";
import { useT } from "@/lib/client/i18n";
import type { JobDto } from "@/lib/shared/jobs";
import type { ArtifactRef } from "@/lib/shared/runs";
import { formatDuration } from "./job-log-meta";
import styles from "./job-log.module.css";
import { useElapsed } from "./use-elapsed";

type Props = {
  job: JobDto | undefined;
  /** See jobTimes. */
  times: { startedAt: string | null; finishedAt: string | null };
  lineCount: number;
  onExpand: () => void;
  /** A run's files (plan executions), offered as downloads in the summary. */
  files?: { runId: string; artifacts: ArtifactRef[] };
};

/**
 * The collapsed summary: duration, line count, warnings/errors (from
 * job.stats), LLM calls and created tasks (not for a plan execution), a run's files as download links,
 * and a "View details" button. Props: `{job, times, lineCount, onExpand, files?}`.
 */
export function JobLogSummary({ job, times, lineCount, onExpand, files }: Props) {
  const t = useT();
  const elapsed = useElapsed(times);
  const stats = job?.stats;
  const items: { key: string; label: string; value: string | number; tone?: "warn" | "error" }[] = [
    ...(elapsed !== undefined ? [{ key: "duration", label: t("log.duration"), value: formatDuration(elapsed) }] : []),
    { key: "lines", label: t("log.lines"), value: lineCount },
    ...(stats
      ? [
          { key: "warnings", label: t("log.warnings"), value: stats.warnings, tone: stats.warnings ? ("warn" as const) : undefined },
          { key: "errors", label: t("log.errors"), value: stats.errors, tone: stats.errors ? ("error" as const) : undefined },
          { key: "llmCalls", label: t("log.llmCalls"), value: stats.llmCalls },
          // A plan execution creates no tasks: its files say what it made.
          ...(job?.jobType === "plan_execute" ? [] : [{ key: "createdTasks", label: t("log.createdTasks"), value: stats.createdTasks }]),
        ]
      : []),
  ];
  return (
    <div className={styles.summary} data-testid="job-log-summary">
      <dl className={styles.summaryList}>
        {items.map((i) => (
          <div key={i.key} className={styles.summaryItem} data-stat={i.key}>
            <dt>{i.label}</dt>
            <dd className={i.tone === "error" ? styles.levelErrorText : i.tone === "warn" ? styles.levelWarnText : undefined}>{i.value}</dd>
          </div>
        ))}
      </dl>
      <Button size="small" type="link" onClick={onExpand} data-testid="job-log-expand">
        {t("log.viewDetails")}
      </Button>
      {files && (
        <div className={styles.summaryFiles}>
          <ArtifactList runId={files.runId} artifacts={files.artifacts} />
        </div>
      )}
    </div>
  );
}
