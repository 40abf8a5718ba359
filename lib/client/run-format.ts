// How runs, tool calls and artifacts read in the browser: the outcome tag of a
// run (seed 004: "Succeeded" only for an authoritative success), counts folded
// from live events, tool input summaries, formatted JSON and file sizes.
import { EXECUTION_EVENT_KINDS, type JobEventDto, type JobStatus } from "@/lib/shared/jobs";
import type { ArtifactRef, RunCounts, RunDto, RunView } from "@/lib/shared/runs";

/**
 * What a run's tag says. `succeeded` only when the run counts as a success
 * (`run.success`); `unsuccessful` when its job succeeded but the run did not
 * (its last execution event is not `workflow_complete`); otherwise its job's status.
 */
export type RunOutcome = "succeeded" | "unsuccessful" | "failed" | "cancelled" | "running" | "pending";

/** antd Tag colour of each outcome: green only for a real success, warning for "finished without success". */
export const RUN_OUTCOME_COLOR: Record<RunOutcome, "success" | "warning" | "error" | "default" | "processing"> = {
  succeeded: "success",
  unsuccessful: "warning",
  failed: "error",
  cancelled: "default",
  running: "processing",
  pending: "processing",
};

/**
 * The outcome of a run from its status and success flag (docs/design.md:
 * a run succeeded iff its job succeeded and its last execution event is
 * `workflow_complete`; the server computes `success`, the browser never guesses it up).
 * @example runOutcome({ status: "succeeded", success: false }) // "unsuccessful"
 */
export function runOutcome({ status, success }: { status: JobStatus; success: boolean }): RunOutcome {
  if (status === "succeeded") return success ? "succeeded" : "unsuccessful";
  return status;
}

/**
 * A run's counters from its folded events (a live run: the list's counts lag
 * until it is refetched), counted as the executor counts them: a completed
 * step is done, or manual when no tool could do it (left for a person).
 * `tasksTotal` is the larger of the known total and the steps seen.
 */
export function viewCounts(view: Pick<RunView, "steps" | "runToolCalls">, known: RunCounts): RunCounts {
  const count = (status: string) => view.steps.filter((s) => s.status === status).length;
  const manual = view.steps.filter((s) => s.status === "completed" && s.manual).length;
  const toolCalls = view.steps.reduce((n, s) => n + s.toolCalls.length, 0) + view.runToolCalls.length;
  return {
    tasksTotal: Math.max(known.tasksTotal, view.steps.length),
    tasksDone: count("completed") - manual,
    tasksManual: manual,
    tasksFailed: count("failed"),
    tasksSkipped: count("skipped"),
    toolCalls,
  };
}

/** True while a run's job has not reached a terminal status. */
export const isRunLive = (run: Pick<RunDto, "status">): boolean => run.status === "pending" || run.status === "running";

/** A file size for people: "512 B", "1.5 kB", "2.3 MB" (powers of 1000, one decimal below 10). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1000) return `${Math.max(0, Math.round(bytes || 0))} B`;
  const units = ["kB", "MB", "GB"];
  let value = bytes;
  let unit = "B";
  for (const u of units) {
    if (value < 1000) break;
    value /= 1000;
    unit = u;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`;
}

/** At most this many characters of a formatted JSON value are shown (the rest is in the artifact or export). */
export const MAX_JSON_CHARS = 20_000;

/**
 * A value as indented JSON for a details view (strings as they are), cut at
 * `max` characters. Values JSON cannot write (cycles, BigInt) fall back to String().
 * @returns `{text, cut}`; `cut` when characters were left out.
 */
export function formatJson(value: unknown, max = MAX_JSON_CHARS): { text: string; cut: boolean } {
  let text: string;
  if (typeof value === "string") text = value;
  else {
    try {
      text = JSON.stringify(value, null, 2) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? { text: `${text.slice(0, max)}…`, cut: true } : { text, cut: false };
}

const brief = (v: unknown): string => {
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null || typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `[${v.length}]`;
  return "{…}";
};

/**
 * A tool input in one short line: an object's fields as `key=value`
 * (strings quoted, nested objects `{…}`, arrays `[n]`), anything else as
 * JSON; cut at `max` characters with "…".
 * @example summarizeInput({ query: "venues in Lyon", limit: 5 }) // 'query="venues in Lyon" limit=5'
 */
export function summarizeInput(input: unknown, max = 80): string {
  let text: string;
  if (input && typeof input === "object" && !Array.isArray(input)) {
    text = Object.entries(input as Record<string, unknown>)
      .map(([k, v]) => `${k}=${brief(v)}`)
      .join(" ");
  } else if (input === undefined || input === null) text = "";
  else text = typeof input === "string" ? input : brief(input);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Artifacts without repeats (by artifactId), first occurrence kept. */
export function uniqueArtifacts(list: readonly ArtifactRef[]): ArtifactRef[] {
  const seen = new Set<string>();
  return list.filter((a) => !seen.has(a.artifactId) && seen.add(a.artifactId));
}

const EXECUTION_KINDS: ReadonlySet<string> = new Set(EXECUTION_EVENT_KINDS);

/**
 * The kind of the last execution event (`workflow_*`, `node_*`) among
 * `events` (sorted by seq), scanning from the end; null when there is none.
 * With the job's status it tells a run's success (isRunSuccess).
 */
export function lastExecutionKind(events: readonly Pick<JobEventDto, "kind">[]): string | null {
  for (let i = events.length - 1; i >= 0; i--) if (EXECUTION_KINDS.has(events[i].kind)) return events[i].kind;
  return null;
}
