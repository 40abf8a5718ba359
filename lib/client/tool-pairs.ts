// A job log's tool calls with their outcomes: each `tool_call` paired with its
// `tool_result` (and approval events) by `callId`, so the log shows call and
// result as one expandable row (docs/design.md "Event semantics").
import type { JobEventDto } from "@/lib/shared/jobs";
import { buildRunView, type ArtifactRef, type ToolCallDto } from "@/lib/shared/runs";
import { uniqueArtifacts } from "./run-format";

/**
 * One tool call as the log shows it: the shared fold's ToolCallDto (status,
 * input, output or error, duration, artifacts, approval) plus where its lines
 * are (`callSeq` the `tool_call`, `resultSeq` the `tool_result`, `requestSeq`
 * the `approval_requested`, `decidedSeq` the `approval_decided`; undefined
 * when not loaded) and its run (`runId`, from the events; null outside a run).
 */
export type LoggedToolCall = ToolCallDto & {
  runId: string | null;
  callSeq?: number;
  resultSeq?: number;
  requestSeq?: number;
  decidedSeq?: number;
};

/** Tool calls of a log by callId. */
export type ToolCallIndex = ReadonlyMap<string, LoggedToolCall>;

const TOOL_KINDS = new Set(["tool_call", "tool_result", "approval_requested", "approval_decided"]);
const SEQ_FIELD = { tool_call: "callSeq", tool_result: "resultSeq", approval_requested: "requestSeq", approval_decided: "decidedSeq" } as const;

/** The shared empty index (stable for React memos). */
export const NO_TOOL_CALLS: ToolCallIndex = new Map();

/**
 * Pairs the tool events of `events` (sorted by seq; other kinds ignored) by
 * `callId` with buildRunView, the fold the server answers GET /api/runs/{id}
 * with, so a call's status here is the one the run shows. O(lines); a log
 * without tool events gives NO_TOOL_CALLS.
 * @example pairToolCalls(events).get("call-1")?.status // "succeeded"
 */
export function pairToolCalls(events: readonly JobEventDto[]): ToolCallIndex {
  const tool = events.filter((e) => TOOL_KINDS.has(e.kind) && typeof e.data?.callId === "string");
  if (tool.length === 0) return NO_TOOL_CALLS;
  const view = buildRunView(tool);
  const index = new Map<string, LoggedToolCall>();
  for (const call of [...view.steps.flatMap((s) => s.toolCalls), ...view.runToolCalls]) index.set(call.callId, { ...call, runId: null });
  for (const e of tool) {
    const entry = index.get(e.data!.callId as string);
    if (!entry) continue;
    entry[SEQ_FIELD[e.kind as keyof typeof SEQ_FIELD]] ??= e.seq;
    if (entry.runId === null && typeof e.data?.runId === "string") entry.runId = e.data.runId;
  }
  return index;
}

/**
 * The files a run's log names (its steps' and its tool results'), without
 * repeats, with the run's id (from the first event carrying `data.runId`);
 * undefined when the log names none or no run.
 */
export function runFilesOf(events: readonly JobEventDto[]): { runId: string; artifacts: ArtifactRef[] } | undefined {
  const runId = events.find((e) => typeof e.data?.runId === "string")?.data?.runId as string | undefined;
  if (!runId) return undefined;
  const view = buildRunView(events);
  const artifacts = uniqueArtifacts([...view.steps.flatMap((s) => s.artifacts), ...view.artifacts]);
  return artifacts.length > 0 ? { runId, artifacts } : undefined;
}
