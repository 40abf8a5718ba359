import "server-only";
import type { TaskStatus } from "@/lib/shared/plans";
import { callKey } from "../tools/tool-executor.ts";

/** What earlier attempts of a run left behind, read from its job's stored events. */
export type EarlierAttempts = {
  /** Each task's status before the run (from the first attempt's workflow_started), else as now. */
  before: Record<string, TaskStatus>;
  /** Outputs of the calls that finished without error, by `callKey` (task, tool, input). */
  finished: Map<string, unknown>;
};

/**
 * Reads a retried run's history: the statuses to restore on cancel, and the
 * tool calls that already finished (a side-effecting one is not made again).
 * @param history the job's events in seq order (empty on the first attempt).
 * @param now the scope's tasks as they are now.
 */
export function readEarlierAttempts(history: readonly { kind: string; data: unknown }[], now: readonly { id: string; status: string }[]): EarlierAttempts {
  const firstStart = history.find((e) => e.kind === "workflow_started");
  const before =
    (firstStart?.data as { before?: Record<string, TaskStatus> } | null)?.before ?? Object.fromEntries(now.map((n) => [n.id, n.status as TaskStatus]));
  const finished = new Map<string, unknown>();
  const calls = new Map<string, { taskId: string | null; tool: string; input: unknown }>();
  for (const e of history) {
    const d = (e.data ?? {}) as { callId: string; taskId: string | null; tool: string; input?: unknown; output?: unknown; error?: string };
    if (e.kind === "tool_call") calls.set(d.callId, { taskId: d.taskId, tool: d.tool, input: d.input });
    const call = calls.get(d.callId);
    if (e.kind === "tool_result" && d.error === undefined && call) finished.set(callKey(call.taskId, call.tool, call.input), d.output);
  }
  return { before, finished };
}
