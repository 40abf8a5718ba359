"use client";
// The header of a group of log lines (one task of a run): fold toggle, title, duration, status.
import { RightOutlined } from "@ant-design/icons";
import { Tag } from "antd";
import { memo } from "react";
import { useT } from "@/lib/client/i18n";
import { stripAnsi } from "@/lib/client/log-ansi";
import type { GroupStatus, LogGroup } from "@/lib/client/log-groups";
import { formatDuration } from "./job-log-meta";
import styles from "./job-log.module.css";

const STATUS_COLOR: Record<GroupStatus, "processing" | "success" | "error" | "warning"> = {
  running: "processing",
  done: "success",
  failed: "error",
  warning: "warning",
};

/**
 * A group header row: a button (Enter / Space fold and unfold, `aria-expanded`)
 * with the group's title (its first line's message, without ANSI codes), its
 * line count and duration (first → last line), and its status tag.
 * Props: `{group, folded, onToggle(groupId, fold)}`. Root `data-testid="job-log-group"`
 * with `data-group-id`, `data-status`, `data-folded`.
 */
export const JobLogGroupHeader = memo(function JobLogGroupHeader({
  group,
  folded,
  onToggle,
}: {
  group: LogGroup;
  folded: boolean;
  onToggle: (groupId: string, fold: boolean) => void;
}) {
  const t = useT();
  return (
    <div className={styles.groupHeader} data-testid="job-log-group" data-group-id={group.id} data-status={group.status} data-folded={folded ? "true" : "false"}>
      <button
        type="button"
        className={styles.groupToggle}
        aria-expanded={!folded}
        onClick={() => onToggle(group.id, !folded)}
        data-testid="job-log-group-toggle"
      >
        <RightOutlined className={folded ? styles.chevron : `${styles.chevron} ${styles.chevronOpen}`} aria-hidden />
        <span className={styles.groupTitle}>{stripAnsi(group.title)}</span>
      </button>
      <span className={styles.groupMeta}>
        {t("log.groupLines", { n: group.count })} · {formatDuration(group.durationMs)}
      </span>
      <Tag color={STATUS_COLOR[group.status]} className={styles.groupStatus} data-testid="job-log-group-status">
        {t(`log.group.${group.status}`)}
      </Tag>
    </div>
  );
});
