"use client";
// One log line: line number (its seq, a link), time, level, kind icon, the
// message (ANSI colours, search marks) and its copy buttons.
import {
  ApartmentOutlined,
  BulbOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  FlagOutlined,
  PlayCircleOutlined,
  SwapOutlined,
  ToolOutlined,
  WarningOutlined,
  DashboardOutlined,
  CopyOutlined,
  LinkOutlined,
  SafetyOutlined,
  RocketOutlined,
  StepForwardOutlined,
} from "@ant-design/icons";
import { Tag, Tooltip } from "antd";
import { createContext, memo, useContext, type CSSProperties, type MouseEvent, type ReactNode } from "react";
import { viewerMessage } from "@/lib/client/event-message";
import { useLang, useT } from "@/lib/client/i18n";
import type { MarkRange } from "@/lib/client/log-ansi";
import { formatLogTime, type LogTimeMode } from "@/lib/client/log-time";
import { statusFromEvent, type EventKind, type JobEventDto } from "@/lib/shared/jobs";
import { AnsiText } from "./ansi-text";
import styles from "./job-log.module.css";
import { TOOL_LINE_KINDS, ToolLineDetails, ToolLineText } from "./tool-call-line";

const KIND_ICON: Partial<Record<EventKind, ReactNode>> = {
  status: <SwapOutlined />,
  progress: <DashboardOutlined />,
  planning_step: <BulbOutlined />,
  tool_call: <ToolOutlined />,
  tool_result: <ToolOutlined />,
  approval_requested: <SafetyOutlined />,
  approval_decided: <SafetyOutlined />,
  workflow_started: <RocketOutlined />,
  node_started: <PlayCircleOutlined />,
  node_skipped: <StepForwardOutlined />,
  node_completed: <CheckCircleOutlined />,
  node_failed: <CloseCircleOutlined />,
  workflow_complete: <FlagOutlined />,
  workflow_failed: <WarningOutlined />,
  tasks_updated: <ApartmentOutlined />,
};

const KIND_CLASS: Record<EventKind, string> = {
  log: styles.kindLog,
  status: styles.kindStatus,
  progress: styles.kindProgress,
  planning_step: styles.kindPlanning,
  tool_call: styles.kindTool,
  tool_result: styles.kindTool,
  workflow_started: styles.kindExec,
  node_started: styles.kindExec,
  node_skipped: styles.kindExec,
  approval_requested: styles.kindTool,
  approval_decided: styles.kindTool,
  node_completed: styles.kindExecOk,
  node_failed: styles.kindExecError,
  workflow_complete: styles.kindExecOk,
  workflow_failed: styles.kindExecError,
  tasks_updated: styles.kindTasks,
};

/**
 * What every line of one log shares, set by the log body: the time mode and
 * its origin (ISO, the job's start), the line-number link (`href(seq)`) and
 * its click handler (selection on the job page; absent = plain navigation),
 * whether lines carry the `L{seq}` anchor ids, and the copy actions.
 */
export type LogLineShared = {
  timeMode: LogTimeMode;
  origin: string | undefined;
  href: (seq: number) => string;
  onNumberClick?: (seq: number, event: MouseEvent<HTMLAnchorElement>) => void;
  anchors: boolean;
  copy: (event: JobEventDto) => void;
  copyLink: (seq: number) => void;
};

/** The shared line settings (see LogLineShared). */
export const LogLineContext = createContext<LogLineShared>({
  timeMode: "local",
  origin: undefined,
  href: (seq) => `#L${seq}`,
  anchors: false,
  copy: () => {},
  copyLink: () => {},
});

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

function LineText({ event, ranges }: { event: JobEventDto; ranges: MarkRange[] | undefined }) {
  const t = useT();
  const data = event.data ?? {};
  const message = <span className={styles.message}><AnsiText {...viewerMessage(event, useLang().lang, ranges)} /></span>;
  switch (event.kind) {
    case "planning_step":
      return (
        <>
          <Tooltip title={t("log.simulatedHint")}>
            <Tag className={styles.simulatedBadge} data-testid="job-log-simulated">
              {t("log.simulated")}
            </Tag>
          </Tooltip>
          {message}
        </>
      );
    case "tool_call":
    case "tool_result":
    case "approval_requested":
    case "approval_decided":
      return <ToolLineText event={event} message={message} marked={!!ranges?.length} />;
    case "progress": {
      const done = num(data.done);
      const total = num(data.total);
      return done !== undefined && total !== undefined ? <span className={styles.message}>{t("log.progress", { done, total })}</span> : message;
    }
    case "status": {
      const from = str(data.from);
      const to = statusFromEvent(event) ?? "";
      if (!event.message) return <span className={styles.message}>{from && to ? `${from} → ${to}` : ""}</span>;
      return (
        <>
          {message}
          {str(data.error) && !event.message.includes(String(data.error)) ? <span className={styles.message}>: {String(data.error)}</span> : null}
        </>
      );
    }
    default:
      return message;
  }
}

/** Props of JobLogLine. */
export type JobLogLineProps = {
  event: JobEventDto;
  /** Search matches in the message (offsets into the text without ANSI codes). */
  ranges?: MarkRange[];
  /** In the selected range (`#L120-L130`): highlighted. */
  selected?: boolean;
  /** Inside a group (indented under its header). */
  grouped?: boolean;
  /** Its group's depth in a run's task tree (indented one more step per level). */
  depth?: number;
};

/**
 * One job event as a log line: the line number (the seq; a link to
 * `/jobs/{id}#L{seq}`, on the job page selecting the line, shift-click a
 * range), the time (local, UTC with "Z", or elapsed; milliseconds hidden on
 * narrow screens; the ISO time on hover), the level, a kind icon and style
 * (planning_step italic with a "simulated" badge, status bold; tool lines
 * drawn by ToolLineText: a `tool_call` is its call/result pair, expandable in
 * place), the message with its ANSI colours and search
 * marks, and "copy link" / "copy line" buttons shown on hover or focus.
 * The root carries `id="L{seq}"` where the body asks for anchors.
 */
export const JobLogLine = memo(function JobLogLine({ event, ranges, selected = false, grouped = false, depth = 0 }: JobLogLineProps) {
  const t = useT();
  const { timeMode, origin, href, onNumberClick, anchors, copy, copyLink } = useContext(LogLineContext);
  const levelClass =
    event.level === "error" ? styles.levelError : event.level === "warn" ? styles.levelWarn : event.level === "debug" ? styles.levelDebug : "";
  const time = formatLogTime(event.timestamp, timeMode, origin);
  return (
    <div
      id={anchors ? `L${event.seq}` : undefined}
      className={`${styles.line} ${KIND_CLASS[event.kind] ?? styles.kindLog} ${levelClass} ${selected ? styles.selected : ""} ${grouped ? styles.grouped : ""}`}
      style={depth > 0 ? ({ "--log-depth": depth } as CSSProperties) : undefined}
      data-testid="job-log-line"
      data-seq={event.seq}
      data-kind={event.kind}
      data-level={event.level}
      data-selected={selected ? "true" : undefined}
    >
      <a
        className={styles.lineNo}
        href={href(event.seq)}
        onClick={onNumberClick ? (e) => onNumberClick(event.seq, e) : undefined}
        aria-label={t("log.lineLink", { seq: event.seq })}
        data-testid="job-log-line-no"
      >
        {event.seq}
      </a>
      <time className={styles.time} dateTime={event.timestamp} title={event.timestamp}>
        {time.main}
        <span className={styles.ms}>{time.ms}</span>
        {time.suffix}
      </time>
      <span className={styles.level}>{event.level.toUpperCase()}</span>
      <span className={styles.icon} aria-hidden>
        {KIND_ICON[event.kind] ?? null}
      </span>
      <span className={styles.text}>
        <LineText event={event} ranges={ranges} />
      </span>
      {TOOL_LINE_KINDS.has(event.kind) && <ToolLineDetails event={event} />}
      <span className={styles.lineActions}>
        <button
          type="button"
          className={styles.copyButton}
          onClick={() => copyLink(event.seq)}
          aria-label={t("log.copyLink", { seq: event.seq })}
          title={t("log.copyLink", { seq: event.seq })}
          data-testid="job-log-copy-link"
        >
          <LinkOutlined />
        </button>
        <button
          type="button"
          className={styles.copyButton}
          onClick={() => copy(event)}
          aria-label={t("log.copyLine", { seq: event.seq })}
          title={t("log.copyLine", { seq: event.seq })}
          data-testid="job-log-copy"
        >
          <CopyOutlined />
        </button>
      </span>
    </div>
  );
});
