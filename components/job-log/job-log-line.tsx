"use client";
// One log line. Kept self-contained (props in, no list knowledge) so the body
// can be virtualized later without touching how a line looks.
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
} from "@ant-design/icons";
import { Tag, Tooltip } from "antd";
import { createContext, memo, useContext, type ReactNode } from "react";
import { useT } from "@/lib/client/i18n";
import { statusFromEvent, type EventKind, type JobEventDto } from "@/lib/shared/jobs";
import { briefJson, formatClock, formatRelative } from "./job-log-meta";
import styles from "./job-log.module.css";

const KIND_ICON: Partial<Record<EventKind, ReactNode>> = {
  status: <SwapOutlined />,
  progress: <DashboardOutlined />,
  planning_step: <BulbOutlined />,
  tool_call: <ToolOutlined />,
  tool_result: <ToolOutlined />,
  node_start: <PlayCircleOutlined />,
  node_complete: <CheckCircleOutlined />,
  node_error: <CloseCircleOutlined />,
  workflow_complete: <FlagOutlined />,
  workflow_error: <WarningOutlined />,
  tasks_updated: <ApartmentOutlined />,
};

const KIND_CLASS: Record<EventKind, string> = {
  log: styles.kindLog,
  status: styles.kindStatus,
  progress: styles.kindProgress,
  planning_step: styles.kindPlanning,
  tool_call: styles.kindTool,
  tool_result: styles.kindTool,
  node_start: styles.kindExec,
  node_complete: styles.kindExecOk,
  node_error: styles.kindExecError,
  workflow_complete: styles.kindExecOk,
  workflow_error: styles.kindExecError,
  tasks_updated: styles.kindTasks,
};

/** The search text to highlight in messages ("" = none), set by the log body. */
export const LogHighlightContext = createContext("");

/** "clock": local HH:MM:SS.mmm; "relative": +m:ss.mmm since the job was created. */
export type LogTimeMode = "clock" | "relative";

/**
 * How lines show their time and what "copy" does, set by the log body:
 * `origin` (ISO) is time zero for relative timestamps; `copy` copies one line.
 */
export const LogLineContext = createContext<{ timeMode: LogTimeMode; origin: string | undefined; copy: (event: JobEventDto) => void }>({
  timeMode: "clock",
  origin: undefined,
  copy: () => {},
});

/** `text` with every case-insensitive occurrence of the current search wrapped in <mark>. */
function Mark({ text }: { text: string }) {
  const q = useContext(LogHighlightContext);
  if (!q) return <>{text}</>;
  const lower = text.toLowerCase();
  const needle = q.toLowerCase();
  const parts: ReactNode[] = [];
  let at = 0;
  for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, at)) {
    if (i > at) parts.push(text.slice(at, i));
    parts.push(
      <mark key={i} className={styles.mark}>
        {text.slice(i, i + needle.length)}
      </mark>,
    );
    at = i + needle.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

function LineText({ event }: { event: JobEventDto }) {
  const t = useT();
  const data = event.data ?? {};
  switch (event.kind) {
    case "planning_step":
      return (
        <>
          <Tooltip title={t("log.simulatedHint")}>
            <Tag className={styles.simulatedBadge} data-testid="job-log-simulated">
              {t("log.simulated")}
            </Tag>
          </Tooltip>
          <span className={styles.message}><Mark text={event.message} /></span>
        </>
      );
    case "tool_call":
    case "tool_result": {
      const tool = str(data.tool) ?? "tool";
      const detail = event.kind === "tool_call" ? data.args : data.error ?? data.result;
      return (
        <>
          <span className={styles.toolName}>
            {event.kind === "tool_call" ? "→" : "←"} {tool}
          </span>
          <span className={styles.message}><Mark text={event.message} /></span>
          {detail !== undefined && <span className={styles.toolDetail}>{briefJson(detail)}</span>}
        </>
      );
    }
    case "progress": {
      const done = num(data.done);
      const total = num(data.total);
      return (
        <span className={styles.message}>
          {done !== undefined && total !== undefined ? t("log.progress", { done, total }) : event.message}
        </span>
      );
    }
    case "status": {
      const from = str(data.from);
      const to = statusFromEvent(event) ?? "";
      return (
        <span className={styles.message}>
          <Mark text={event.message || (from && to ? `${from} → ${to}` : "")} />
          {str(data.error) && event.message && !event.message.includes(String(data.error)) ? `: ${data.error}` : null}
        </span>
      );
    }
    default:
      return <span className={styles.message}><Mark text={event.message} /></span>;
  }
}

/**
 * One job event as a log line: time (local HH:MM:SS.mmm, or +m:ss.mmm since
 * the job was created; the full ISO time on hover), level colour and a style
 * per kind (planning_step italic with a "simulated" badge, tool calls
 * monospace with the tool name, execution events with an icon, status bold,
 * tasks_updated with a tree icon), and a copy button shown on hover or focus.
 * Props: `{event: JobEventDto}`.
 */
export const JobLogLine = memo(function JobLogLine({ event }: { event: JobEventDto }) {
  const t = useT();
  const { timeMode, origin, copy } = useContext(LogLineContext);
  const levelClass =
    event.level === "error" ? styles.levelError : event.level === "warn" ? styles.levelWarn : event.level === "debug" ? styles.levelDebug : "";
  return (
    <div
      className={`${styles.line} ${KIND_CLASS[event.kind] ?? styles.kindLog} ${levelClass}`}
      data-testid="job-log-line"
      data-seq={event.seq}
      data-kind={event.kind}
      data-level={event.level}
    >
      <time className={styles.time} dateTime={event.timestamp} title={event.timestamp}>
        {timeMode === "relative" && origin ? formatRelative(event.timestamp, origin) : formatClock(event.timestamp)}
      </time>
      <span className={styles.level}>{event.level.toUpperCase()}</span>
      <span className={styles.icon} aria-hidden>
        {KIND_ICON[event.kind] ?? null}
      </span>
      <span className={styles.text}>
        <LineText event={event} />
      </span>
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
    </div>
  );
});
