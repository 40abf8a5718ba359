// Presentation facts shared by the job-log components: job-type icon/colour,
// status tag colours and time formatting.
import {
  ApartmentOutlined,
  MessageOutlined,
  PlayCircleOutlined,
  ToolOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { ActionStatus } from "@/lib/shared/chat";
import { isTerminal, statusFromEvent, type JobDto, type JobEventDto, type JobStatus, type JobType } from "@/lib/shared/jobs";
import type { MessageKey } from "@/lib/client/i18n";

/** Icon, title key and accent class of every job type (docs/design.md "Words"). */
export const JOB_TYPE_META: Record<JobType, { icon: ReactNode; title: MessageKey; accent: string }> = {
  plan_decompose: { icon: <ApartmentOutlined />, title: "jobType.plan_decompose", accent: "accentBlue" },
  plan_execute: { icon: <PlayCircleOutlined />, title: "jobType.plan_execute", accent: "accentGreen" },
  task_operation: { icon: <ToolOutlined />, title: "jobType.task_operation", accent: "accentOrange" },
  chat_actions: { icon: <MessageOutlined />, title: "jobType.chat_actions", accent: "accentGrey" },
};

/** What the panel shows as status: the job's, or "loading"/"missing" before/without one. */
export type PanelStatus = JobStatus | "loading" | "missing";

/** The PanelStatus of a live status (useJobStatus / useJobLog): "missing" wins, "loading" while unknown. */
export const toPanelStatus = ({ status, missing }: { status: JobStatus | undefined; missing: boolean }): PanelStatus =>
  missing ? "missing" : (status ?? "loading");

/** antd Tag/Badge status colour per panel status. */
export const STATUS_COLOR: Record<PanelStatus, "default" | "processing" | "success" | "error" | "warning"> = {
  pending: "default",
  running: "processing",
  succeeded: "success",
  failed: "error",
  cancelled: "warning",
  loading: "default",
  missing: "warning",
};

/** antd Tag colour per chat action status (Pending/Running/Completed/Failed/Rejected). */
export const ACTION_COLOR: Record<ActionStatus, "default" | "processing" | "success" | "error" | "warning"> = {
  pending: "default",
  running: "processing",
  completed: "success",
  failed: "error",
  rejected: "warning",
  cancelled: "default",
};

/** A job status as the action tag shows it. */
export const toActionStatus = (s: JobStatus): ActionStatus => (s === "succeeded" ? "completed" : s);

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * "3 minutes ago" / "3分钟前" for `iso` relative to `now`, in `lang`
 * (Intl.RelativeTimeFormat, largest whole unit from seconds to years).
 */
export function formatAgo(iso: string, lang: string, now = Date.now()): string {
  const diffS = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Number.isNaN(diffS)) return "";
  const fmt = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["year", 31_536_000],
    ["month", 2_592_000],
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  for (const [unit, seconds] of units) if (Math.abs(diffS) >= seconds) return fmt.format(Math.trunc(diffS / seconds), unit);
  return fmt.format(diffS, "second");
}

/** A local date and time with seconds, e.g. "21/11/2026, 06:40:12" (the user's locale). */
export function formatDateTime(iso: string, lang: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleString(lang, { dateStyle: "medium", timeStyle: "medium" });
}

/** A running clock: m:ss, or h:mm:ss past an hour. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** A finished duration: "850 ms", "12.4 s", "3 m 05 s", "1 h 02 m". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return h > 0 ? `${h} h ${pad(m)} m` : `${m} m ${pad(total % 60)} s`;
}

/**
 * When the job started and finished. The row's own times win; while the row
 * is stale (the snapshot was taken before the job started, and stream frames
 * carry only status and stats) the `status` events' timestamps stand in.
 */
export function jobTimes(
  job: Pick<JobDto, "startedAt" | "finishedAt" | "status"> | undefined,
  events: JobEventDto[],
): { startedAt: string | null; finishedAt: string | null } {
  let startedAt = job?.startedAt ?? null;
  let finishedAt = job?.finishedAt ?? null;
  if (!startedAt || (!finishedAt && job && isTerminal(job.status))) {
    for (const e of events) {
      const to = statusFromEvent(e);
      if (!to) continue;
      if (!startedAt && to === "running") startedAt = e.timestamp;
      if (!finishedAt && isTerminal(to)) finishedAt = e.timestamp;
    }
  }
  return { startedAt, finishedAt };
}
