// Timestamps of log lines: local clock, UTC or elapsed since the job started,
// with a compact form (no milliseconds) for narrow screens.

/** How the log shows time: the browser's zone, UTC, or elapsed since the job started. */
export type LogTimeMode = "local" | "utc" | "relative";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * A line's time in `mode`, split so the milliseconds can be hidden on narrow
 * screens: local "14:03:05" + ".123"; utc "14:03:05" + ".123" and the suffix
 * "Z"; relative "+1:02:03" / "+2:03" + ".123" (elapsed since `origin`, never
 * negative). An invalid date gives dashes.
 * @returns `{main, ms, suffix}`; the full text is `main + ms + suffix`.
 */
export function formatLogTime(iso: string, mode: LogTimeMode, origin?: string): { main: string; ms: string; suffix: string } {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { main: "--:--:--", ms: ".---", suffix: mode === "utc" ? "Z" : "" };
  if (mode === "relative") {
    const start = origin ? new Date(origin).getTime() : NaN;
    const ms = Number.isNaN(start) ? 0 : Math.max(0, d.getTime() - start);
    const total = Math.floor(ms / 1000);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const main = h > 0 ? `+${h}:${pad(m)}:${pad(total % 60)}` : `+${m}:${pad(total % 60)}`;
    return { main, ms: `.${pad(ms % 1000, 3)}`, suffix: "" };
  }
  if (mode === "utc")
    return { main: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`, ms: `.${pad(d.getUTCMilliseconds(), 3)}`, suffix: "Z" };
  return { main: `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`, ms: `.${pad(d.getMilliseconds(), 3)}`, suffix: "" };
}

/**
 * The browser's UTC offset at `at` as "UTC+08:00" / "UTC−05:30" / "UTC"
 * (the label beside local times; offsets change with daylight saving).
 * @param offsetMinutes `-Date#getTimezoneOffset()`, for tests.
 */
export function zoneLabel(at: Date = new Date(), offsetMinutes = -at.getTimezoneOffset()): string {
  if (offsetMinutes === 0) return "UTC";
  const sign = offsetMinutes > 0 ? "+" : "−";
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Reads a stored time mode; older builds stored "clock" (= local). Unknown → local. */
export const readTimeMode = (stored: string | null): LogTimeMode => (stored === "utc" || stored === "relative" ? stored : "local");
