"use client";
// The header of a group of log lines (one task of a run): fold toggle, title, duration, status.
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, MinusCircleFilled, RightOutlined, SyncOutlined, UserOutlined } from "@ant-design/icons";
import { memo, type CSSProperties, type ReactNode } from "react";
import { useT } from "@/lib/client/i18n";
import { stripAnsi } from "@/lib/client/log-ansi";
import type { GroupStatus, LogGroup } from "@/lib/client/log-groups";
import { formatDuration } from "./job-log-meta";
import styles from "./job-log.module.css";

/** The status icon (colour carries no text, so the label keeps full contrast beside it). */
const STATUS_ICON: Record<GroupStatus, ReactNode> = {
  running: <SyncOutlined spin />,
  done: <CheckCircleFilled />,
  failed: <CloseCircleFilled />,
  warning: <ExclamationCircleFilled />,
  skipped: <MinusCircleFilled />,
};

/** The icon's colour, on its wrapper: antd's `.anticon { color: inherit }` outranks a class on the icon itself. */
const STATUS_CLASS: Record<GroupStatus, string> = {
  running: styles.groupRunning,
  done: styles.groupDone,
  failed: styles.groupFailed,
  warning: styles.groupWarning,
  skipped: styles.groupSkipped,
};

/**
 * A group header row: a button (Enter / Space fold and unfold, `aria-expanded`)
 * with the group's title (its first line's message, without ANSI codes), its
 * line count and duration (first → last line), and its status (icon + word).
 * A task's node in a plan execution names the node's state instead
 * (Running / Completed / For a person / Failed / Skipped, `data-node-status`;
 * a task no tool could do is completed with `data-manual`) and indents
 * by its depth in the run's tree (`data-depth`), so a run reads as a tree of steps.
 * Props: `{group, folded, onToggle(groupId, fold)}`. Root `data-testid="job-log-group"`
 * with `data-group-id`, `data-status`, `data-folded`, and `data-node-status` on node groups.
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
  const title = stripAnsi(group.title);
  return (
    <div
      className={styles.groupHeader}
      data-testid="job-log-group"
      data-group-id={group.id}
      data-status={group.status}
      data-folded={folded ? "true" : "false"}
      data-node-status={group.node}
      data-manual={group.manual ? "true" : undefined}
      data-depth={group.depth}
      style={group.depth ? ({ "--log-depth": group.depth } as CSSProperties) : undefined}
    >
      <button
        type="button"
        className={styles.groupToggle}
        aria-expanded={!folded}
        onClick={() => onToggle(group.id, !folded)}
        data-testid="job-log-group-toggle"
      >
        <RightOutlined className={folded ? styles.chevron : `${styles.chevron} ${styles.chevronOpen}`} aria-hidden />
        <span className={styles.groupTitle} title={title}>
          {title}
        </span>
      </button>
      <span className={styles.groupMeta}>
        {t("log.groupLines", { n: group.count })} · {formatDuration(group.durationMs)}
      </span>
      <span className={styles.groupStatus} data-testid="job-log-group-status">
        <span aria-hidden className={group.manual ? styles.groupManual : STATUS_CLASS[group.status]}>
          {group.manual ? <UserOutlined /> : STATUS_ICON[group.status]}
        </span>{" "}
        {group.manual ? t("log.node.manual") : group.node ? t(`log.node.${group.node}`) : t(`log.group.${group.status}`)}
      </span>
    </div>
  );
});
