// Runs, tool calls, approvals and artifacts as the API returns them
// (docs/design.md "Words" → Run, Artifact; "Event semantics"; the runs routes).
// Shared by server and browser: the server computes GET /api/runs/{id} with
// `buildRunSteps` from the stored events, and the browser folds the streamed
// events with the same function, so replaying the log gives what the UI showed.
import { z } from "zod";
import type { JobEventDto, JobStatus } from "./jobs";

/** Body of POST /api/plans/{planId}/execute: the whole plan, or one task and its subtree. */
export const executePlanSchema = z.object({ taskId: z.string().min(1).max(100).optional() }).strict();
export type ExecutePlanInput = z.infer<typeof executePlanSchema>;
/** Answer of POST /api/plans/{planId}/execute (202). */
export type ExecutePlanResponse = { runId: string; jobId: string };

/** Body of POST /api/runs/{runId}/approvals/{callId}. */
export const approvalDecisionSchema = z.object({ approve: z.boolean() }).strict();
export type ApprovalDecisionInput = z.infer<typeof approvalDecisionSchema>;

/** A file a tool produced (Markdown, iCalendar, a full tool output). `url` downloads it. */
export type ArtifactDto = {
  id: string;
  runId: string | null;
  taskId: string | null;
  callId: string | null;
  name: string;
  mediaType: string;
  bytes: number;
  createdAt: string;
  url: string;
};

/** What a tool result event carries about a stored file. */
export type ArtifactRef = { artifactId: string; name: string; mediaType: string; bytes: number };

/** Counters of a run. `tasksManual`: tasks no tool could do (their result is advice; they stay as they were, for a person). */
export type RunCounts = { tasksTotal: number; tasksDone: number; tasksManual: number; tasksFailed: number; tasksSkipped: number; toolCalls: number };

/**
 * A run as the API returns it. `status` is its job's; `success` is true only
 * when the job succeeded and `workflow_complete` is its last execution event.
 * `taskId`: the task whose subtree ran, null for the whole plan.
 */
export type RunDto = {
  id: string;
  planId: string;
  jobId: string;
  ownerId: string;
  taskId: string | null;
  status: JobStatus;
  success: boolean;
  counts: RunCounts;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

// ---- Event data (docs/design.md "Event semantics") ----

export type WorkflowStartedData = { runId: string; planId: string; taskIds: string[]; total: number };
/** `depth`: 0 for a top task of the run, +1 per level below (absent in runs from before it was written). */
export type NodeStartedData = { runId: string; taskId: string; title: string; index: number; total: number; depth?: number };
/** `manual`: no tool did anything for the task; `result` is advice and the task was left as it was, for a person. */
export type NodeCompletedData = { runId: string; taskId: string; result: string; artifacts: ArtifactRef[]; scheduledDate?: string | null; manual?: boolean };
export type NodeFailedData = { runId: string; taskId: string; error: string };
/** `reason`: completed by an earlier attempt of this run, already done before the run, or a failed task before it stopped the run. */
export type NodeSkippedData = { runId: string; taskId: string; title: string; reason: "completed_earlier" | "already_done" | "stopped" };
export type WorkflowEndData = { runId: string; counts: RunCounts; error?: string };
export type ToolCallData = { runId: string; callId: string; tool: string; input: unknown; taskId: string | null };
/** `output` is capped (`truncated: true`, the full output in artifact `fullOutput`); `error` instead of `output` when the call failed. */
export type ToolResultData = {
  runId: string;
  callId: string;
  tool: string;
  taskId: string | null;
  durationMs: number;
  output?: unknown;
  error?: string;
  truncated?: boolean;
  fullOutput?: ArtifactRef;
  artifacts?: ArtifactRef[];
};
export type ApprovalRequestedData = { runId: string; callId: string; tool: string; input: unknown; taskId: string | null; expiresAt: string };
export type ApprovalDecidedData = { runId: string; callId: string; tool: string; approved: boolean; by: string; reason?: "timeout" };

// ---- The run as steps, computed from events ----

export type ToolCallStatus = "awaiting_approval" | "running" | "succeeded" | "failed" | "denied";

/** One tool call of a step: its call and result events folded together. */
export type ToolCallDto = {
  callId: string;
  tool: string;
  input: unknown;
  status: ToolCallStatus;
  output?: unknown;
  error?: string;
  durationMs?: number;
  truncated?: boolean;
  artifacts: ArtifactRef[];
  approval?: { status: "pending" | "approved" | "denied"; by?: string; reason?: string; expiresAt?: string };
  /** seq of the `tool_call` (or `approval_requested`) event. */
  seq: number;
};

export type StepStatus = "running" | "completed" | "failed" | "skipped";

/** One task of a run: the node events of one task, with the tool calls made inside it. */
export type RunStepDto = {
  taskId: string;
  title: string;
  status: StepStatus;
  result: string | null;
  error: string | null;
  skipReason: NodeSkippedData["reason"] | null;
  /** Completed as advice only: no tool did it, so it is left for a person. */
  manual: boolean;
  scheduledDate: string | null;
  artifacts: ArtifactRef[];
  toolCalls: ToolCallDto[];
  startedAt: string | null;
  finishedAt: string | null;
};

/** What the events of a run say: its steps, tool calls outside any task (the calendar), and how it ended. */
export type RunView = {
  steps: RunStepDto[];
  /** Tool calls not inside a task (e.g. the final calendar). */
  runToolCalls: ToolCallDto[];
  /** All artifacts named by the events, in order. */
  artifacts: ArtifactRef[];
  /** The last execution event's kind, if any. */
  lastExecutionKind: string | null;
  /** Approvals still waiting for a person. */
  pendingApprovals: ToolCallDto[];
};

/** GET /api/runs/{runId} */
export type RunDetail = { run: RunDto } & RunView;
/** GET /api/plans/{planId}/runs */
export type RunList = { runs: RunDto[] };

/** Whether a run counts as a success: its job succeeded and its last execution event is `workflow_complete` (seed 004). */
export function isRunSuccess(status: JobStatus, lastExecutionKind: string | null): boolean {
  return status === "succeeded" && lastExecutionKind === "workflow_complete";
}

export type RunEvent = Pick<JobEventDto, "seq" | "timestamp" | "kind" | "data">;

function emptyStep(taskId: string, title: string): RunStepDto {
  return {
    taskId,
    title,
    status: "running",
    result: null,
    error: null,
    skipReason: null,
    manual: false,
    scheduledDate: null,
    artifacts: [],
    toolCalls: [],
    startedAt: null,
    finishedAt: null,
  };
}

/**
 * Folds a run's events (in seq order; other kinds are ignored) into its steps:
 * one step per task that started or was skipped, each with its tool calls
 * (call and result paired by `callId`, approvals folded in). Pure and
 * incremental-safe: the server answers GET /api/runs/{id} with it and the
 * browser renders the streamed events with it, so both show the same run.
 * A task started again by a retried attempt keeps one step (the latest outcome).
 */
export function buildRunView(events: readonly RunEvent[]): RunView {
  const steps = new Map<string, RunStepDto>();
  const calls = new Map<string, ToolCallDto>();
  const runToolCalls: ToolCallDto[] = [];
  const artifacts: ArtifactRef[] = [];
  let lastExecutionKind: string | null = null;
  const stepOf = (taskId: string, title = ""): RunStepDto => {
    let step = steps.get(taskId);
    if (!step) {
      step = emptyStep(taskId, title);
      steps.set(taskId, step);
    }
    if (title) step.title = title;
    return step;
  };
  const callOf = (seq: number, d: { callId: string; tool: string; input?: unknown; taskId: string | null }): ToolCallDto => {
    let call = calls.get(d.callId);
    if (!call) {
      call = { callId: d.callId, tool: d.tool, input: d.input ?? null, status: "running", artifacts: [], seq };
      calls.set(d.callId, call);
      if (d.taskId) stepOf(d.taskId).toolCalls.push(call);
      else runToolCalls.push(call);
    }
    return call;
  };
  for (const e of events) {
    const data = (e.data ?? {}) as Record<string, unknown>;
    switch (e.kind) {
      case "workflow_started":
        lastExecutionKind = e.kind;
        break;
      case "node_started": {
        const d = data as NodeStartedData;
        const step = stepOf(d.taskId, d.title);
        Object.assign(step, { status: "running", error: null, skipReason: null, startedAt: e.timestamp, finishedAt: null });
        lastExecutionKind = e.kind;
        break;
      }
      case "node_completed": {
        const d = data as NodeCompletedData;
        const step = stepOf(d.taskId);
        Object.assign(step, { status: "completed", result: d.result, finishedAt: e.timestamp, scheduledDate: d.scheduledDate ?? null, manual: d.manual === true });
        step.artifacts = d.artifacts ?? [];
        lastExecutionKind = e.kind;
        break;
      }
      case "node_failed": {
        const d = data as NodeFailedData;
        Object.assign(stepOf(d.taskId), { status: "failed", error: d.error, finishedAt: e.timestamp });
        lastExecutionKind = e.kind;
        break;
      }
      case "node_skipped": {
        const d = data as NodeSkippedData;
        const step = stepOf(d.taskId, d.title);
        Object.assign(step, { status: "skipped", skipReason: d.reason, finishedAt: e.timestamp });
        lastExecutionKind = e.kind;
        break;
      }
      case "workflow_complete":
      case "workflow_failed":
        lastExecutionKind = e.kind;
        break;
      case "approval_requested": {
        const d = data as ApprovalRequestedData;
        const call = callOf(e.seq, d);
        call.status = "awaiting_approval";
        call.approval = { status: "pending", expiresAt: d.expiresAt };
        break;
      }
      case "approval_decided": {
        const d = data as ApprovalDecidedData;
        const call = callOf(e.seq, { ...d, taskId: null });
        call.approval = { ...call.approval, status: d.approved ? "approved" : "denied", by: d.by, reason: d.reason };
        call.status = d.approved ? "running" : "denied";
        break;
      }
      case "tool_call": {
        const d = data as ToolCallData;
        const call = callOf(e.seq, d);
        call.input = d.input;
        call.status = "running";
        break;
      }
      case "tool_result": {
        const d = data as ToolResultData;
        const call = callOf(e.seq, d);
        call.durationMs = d.durationMs;
        call.truncated = d.truncated;
        call.artifacts = [...(d.artifacts ?? []), ...(d.fullOutput ? [d.fullOutput] : [])];
        artifacts.push(...call.artifacts);
        if (d.error !== undefined) {
          call.status = call.status === "denied" ? "denied" : "failed";
          call.error = d.error;
        } else {
          call.status = "succeeded";
          call.output = d.output;
        }
        break;
      }
    }
  }
  const all = [...steps.values()];
  const pendingApprovals = [...calls.values()].filter((c) => c.approval?.status === "pending");
  return { steps: all, runToolCalls, artifacts, lastExecutionKind, pendingApprovals };
}
