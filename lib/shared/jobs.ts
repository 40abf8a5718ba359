// Job and job-event types shared by server and browser (docs/design.md "Words",
// "Event semantics", "SSE contract").
import { z } from "zod";

export const JOB_TYPES = ["chat_actions", "plan_decompose", "plan_execute", "task_operation"] as const;
export type JobType = (typeof JOB_TYPES)[number];
/** True for docs/design.md's four job types (diagnostics jobs have others). */
export const isJobType = (v: unknown): v is JobType => (JOB_TYPES as readonly unknown[]).includes(v);

export const JOB_STATUSES = ["pending", "running", "succeeded", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(["succeeded", "failed", "cancelled"]);
export const isTerminal = (s: string): boolean => TERMINAL_STATUSES.has(s as JobStatus);

export const EVENT_LEVELS = ["debug", "info", "warn", "error"] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];

export const EVENT_KINDS = [
  "log",
  "status",
  "progress",
  "planning_step",
  "tool_call",
  "tool_result",
  "approval_requested",
  "approval_decided",
  "workflow_started",
  "node_started",
  "node_completed",
  "node_failed",
  "node_skipped",
  "workflow_complete",
  "workflow_failed",
  "tasks_updated",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Kinds any handler may write through its log context (docs/design.md "Event semantics"). */
export const LOG_KINDS = ["log", "progress", "planning_step", "tasks_updated"] as const;
export type LogKind = (typeof LOG_KINDS)[number];
/** Kinds only the tool executor may write. */
export const TOOL_EVENT_KINDS = ["tool_call", "tool_result", "approval_requested", "approval_decided"] as const;
export type ToolEventKind = (typeof TOOL_EVENT_KINDS)[number];
/** Kinds only the plan executor may write, only in plan_execute jobs. */
export const EXECUTION_EVENT_KINDS = [
  "workflow_started",
  "node_started",
  "node_completed",
  "node_failed",
  "node_skipped",
  "workflow_complete",
  "workflow_failed",
] as const;
export type ExecutionEventKind = (typeof EXECUTION_EVENT_KINDS)[number];

/** Counters kept on every job (docs/design.md "Job" → stats). */
export type JobStats = {
  llmCalls: number;
  inputTokens: number;
  outputTokens: number;
  createdTasks: number;
  events: number;
  warnings: number;
  errors: number;
  /** Lines beyond the per-job event cap: counted, not stored. */
  suppressed: number;
};
export const emptyStats = (): JobStats => ({
  llmCalls: 0,
  inputTokens: 0,
  outputTokens: 0,
  createdTasks: 0,
  events: 0,
  warnings: 0,
  errors: 0,
  suppressed: 0,
});

/** A job as the API returns it; dates are ISO-8601 strings. */
export type JobDto = {
  id: string;
  jobType: JobType;
  status: JobStatus;
  ownerId: string;
  planId: string | null;
  taskId: string | null;
  parentJobId: string | null;
  params: unknown;
  result: unknown;
  error: string | null;
  stats: JobStats;
  attempt: number;
  lastSeq: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

/** One line of a job's log. `seq` is gapless per job, starting at 1. */
export type JobEventDto = {
  seq: number;
  timestamp: string;
  level: EventLevel;
  kind: EventKind;
  message: string;
  data: Record<string, unknown> | null;
};

/**
 * One event as a readable text line (no newline): ISO time, `#seq`, level,
 * `[kind]`, message and the data as JSON. The text export and "copy line" share it.
 * @example "2026-11-21T06:00:00.000Z #3 INFO  [log] Decomposing {\"tasks\":6}"
 */
export function formatLogLine(e: JobEventDto): string {
  return `${e.timestamp} #${e.seq} ${e.level.toUpperCase().padEnd(5)} [${e.kind}] ${e.message}${e.data ? ` ${JSON.stringify(e.data)}` : ""}`;
}

/** `data:` of an SSE event frame (docs/design.md "SSE contract"). */
export type StreamFrame = {
  job_id: string;
  seq: number;
  /** The job's status when this event was committed. */
  status: JobStatus;
  event: Omit<JobEventDto, "seq">;
  stats: JobStats;
};

/**
 * The status a `status` event moved the job to (its `data.to`), or undefined
 * for any other event or a malformed one. The one reader of that field.
 */
export function statusFromEvent(e: { kind: string; data: Record<string, unknown> | null | undefined }): JobStatus | undefined {
  if (e.kind !== "status") return undefined;
  const to = e.data?.to;
  return (JOB_STATUSES as readonly unknown[]).includes(to) ? (to as JobStatus) : undefined;
}

/**
 * Builds one stream frame (docs/design.md "SSE contract"): the event without its
 * seq, beside the job's status as of that event and its current stats. The
 * one place a frame is shaped, for the shared tail and direct replays alike.
 */
export function toStreamFrame(jobId: string, event: JobEventDto, status: JobStatus, stats: JobStats): StreamFrame {
  const { seq, ...rest } = event;
  return { job_id: jobId, seq, status, event: rest, stats };
}

/** `data:` of the `end` frame sent after the terminal status event. */
export type StreamEnd = { job_id: string; status: JobStatus; lastSeq: number };

/** GET /api/jobs/{id} */
export type JobSnapshot = { job: JobDto; events: JobEventDto[]; firstSeq: number; lastSeq: number; hasEarlier: boolean };
/** GET /api/jobs/{id}/events */
export type JobEventsPage = { job: JobDto; events: JobEventDto[]; lastSeq: number; hasMore: boolean };

/**
 * GET /api/jobs query. `from` (inclusive) and `to` (exclusive) bound
 * `createdAt` (ISO-8601 instants); `cursor` is the previous page's
 * `nextCursor` (keyset pagination on createdAt, id: stable while jobs are added);
 * `q` matches the start of a job id; `ownerId` narrows support's list to one
 * user (for a user, any other id matches nothing).
 */
export const jobListQuerySchema = z
  .object({
    planId: z.string().max(100).optional(),
    ownerId: z.string().max(100).optional(),
    parentJobId: z.string().max(100).optional(),
    jobType: z.enum(JOB_TYPES).optional(),
    status: z.enum(JOB_STATUSES).optional(),
    q: z.string().trim().max(100).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), {
    message: "from must be before to",
    path: ["to"],
  });
export type JobListQuery = z.input<typeof jobListQuerySchema>;

/** GET /api/jobs answer: a page, newest first. `nextCursor` is null on the last page. */
export type JobListPage = { jobs: JobDto[]; nextCursor: string | null; total: number };
/** GET /api/jobs answer as the server sends it: the page plus the title of every plan its jobs belong to (by plan id). */
export type JobHistoryPage = JobListPage & { planTitles: Record<string, string> };

/** An owner in the /jobs owner filter (GET /api/job-facets): a user id, their job count and their newest job's creation time. */
export type OwnerFacet = { id: string; jobs: number; lastJobAt: string | null };
/** A plan in the /jobs plan filter (GET /api/job-facets). */
export type PlanFacet = { id: string; title: string; ownerId: string; updatedAt: string };
/** GET /api/job-facets answer: the options of the owner and plan filters of /jobs. */
export type JobFacets = { owners: OwnerFacet[]; plans: PlanFacet[] };
/** GET /api/job-facets query: `ownerId` narrows the plans to that owner's (support). */
export const jobFacetsQuerySchema = z.object({ ownerId: z.string().max(100).optional() });

export const eventsQuerySchema = z
  .object({
    after: z.coerce.number().int().min(0).optional(),
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
  })
  .refine((q) => q.after === undefined || q.before === undefined, { message: "Use either after or before", path: ["before"] });
