"use client";
// The tool lines of a log: a `tool_call` is one expandable call/result pair
// (status and duration once its `tool_result` arrives), the result a compact
// "← result" line linked to its call, approval lines with Approve / Deny.
import { RightOutlined } from "@ant-design/icons";
import { useContext, type ReactNode } from "react";
import { ApprovalState } from "@/components/runs/approval-buttons";
import { ToolCallDetails } from "@/components/runs/tool-call-details";
import { ToolCallStatusIcon } from "@/components/runs/tool-call-status";
import { useT } from "@/lib/client/i18n";
import { summarizeInput } from "@/lib/client/run-format";
import type { LoggedToolCall } from "@/lib/client/tool-pairs";
import type { JobEventDto } from "@/lib/shared/jobs";
import type { ToolCallStatus } from "@/lib/shared/runs";
import { formatDuration } from "./job-log-meta";
import styles from "./tool-call-line.module.css";
import { ToolCallsContext } from "./tool-calls-context";

/** Kinds drawn by this file. */
export const TOOL_LINE_KINDS: ReadonlySet<string> = new Set(["tool_call", "tool_result", "approval_requested", "approval_decided"]);

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** The call an event belongs to: the paired one, else what the event itself says (a call whose other lines are not loaded). */
function callOf(event: JobEventDto, calls: ReadonlyMap<string, LoggedToolCall>): LoggedToolCall {
  const data = event.data ?? {};
  const callId = str(data.callId) ?? `seq-${event.seq}`;
  const paired = calls.get(callId);
  if (paired) return paired;
  const failed = event.kind === "tool_result" && data.error !== undefined;
  const status: ToolCallStatus = event.kind === "tool_result" ? (failed ? "failed" : "succeeded") : event.kind === "approval_requested" ? "awaiting_approval" : "running";
  return {
    callId,
    tool: str(data.tool) ?? "tool",
    input: data.input ?? null,
    status,
    output: data.output,
    error: str(data.error),
    durationMs: typeof data.durationMs === "number" ? data.durationMs : undefined,
    artifacts: [],
    seq: event.seq,
    runId: str(data.runId) ?? null,
  };
}

const detailsId = (seq: number) => `tool-call-details-${seq}`;

function Duration({ ms }: { ms: number | undefined }) {
  return ms === undefined ? null : <span className={styles.duration}>{formatDuration(ms)}</span>;
}

/**
 * The text of a tool line. `tool_call`: a toggle with the tool's name
 * (`data-testid="tool-call-toggle"`, aria-expanded), its status (spinner, ✓,
 * ✗, awaiting approval, denied) and duration, and a short input summary, all
 * in `data-testid="tool-call"` (`data-call-id`, `data-status`); its message
 * only when it says more than "→ tool" or holds a search match.
 * `tool_result`: its status, the message ("← tool (12 ms)", "✗ tool: …") and
 * a link to its call's line that opens the call (`data-testid="tool-result"`,
 * `tool-result-call`). `approval_requested`: the message, input summary and
 * ApprovalState (Approve / Deny for the owner while undecided).
 * `approval_decided`: the message. Props: `{event, message, marked}` (the
 * line's message with its search marks; `marked`: it has some).
 */
export function ToolLineText({ event, message, marked = false }: { event: JobEventDto; message: ReactNode; marked?: boolean }) {
  const t = useT();
  const { calls, expanded, toggle, reveal, decider } = useContext(ToolCallsContext);
  const call = callOf(event, calls);
  switch (event.kind) {
    case "tool_call": {
      const open = expanded.has(call.callId);
      return (
        <span className={styles.call} data-testid="tool-call" data-call-id={call.callId} data-status={call.status}>
          <button
            type="button"
            className={styles.toggle}
            aria-expanded={open}
            aria-controls={open ? detailsId(event.seq) : undefined}
            title={t(open ? "tool.hideDetails" : "tool.showDetails", { tool: call.tool })}
            onClick={() => toggle(call.callId)}
            data-testid="tool-call-toggle"
          >
            <RightOutlined className={`${styles.chevron} ${open ? styles.chevronOpen : ""}`} aria-hidden />
            <span className={styles.name}>{call.tool}</span>
          </button>
          <ToolCallStatusIcon status={call.status} />
          <Duration ms={call.durationMs} />
          {(marked || event.message.trim() !== `→ ${call.tool}`) && message}
          <span className={styles.input}>{summarizeInput(call.input)}</span>
        </span>
      );
    }
    case "tool_result": {
      const callSeq = call.callSeq;
      return (
        <span className={styles.result} data-testid="tool-result" data-call-id={call.callId} data-status={call.status}>
          <ToolCallStatusIcon status={call.status} />
          {message}
          {callSeq !== undefined && (
            <button
              type="button"
              className={styles.goToCall}
              title={t("tool.goToCall", { seq: callSeq })}
              onClick={() => {
                toggle(call.callId, true);
                reveal(callSeq);
              }}
              data-testid="tool-result-call"
            >
              {t("tool.callLink", { seq: callSeq })}
            </button>
          )}
        </span>
      );
    }
    case "approval_requested":
      return (
        <span className={styles.approval} data-testid="approval-request" data-call-id={call.callId}>
          {message}
          <span className={styles.input}>{summarizeInput(call.input)}</span>
          <ApprovalState approval={call.approval} runId={call.runId} callId={call.callId} tool={call.tool} decider={decider} />
        </span>
      );
    default:
      return (
        <span className={styles.approval} data-testid="approval-decision" data-call-id={call.callId}>
          {message}
        </span>
      );
  }
}

/**
 * The details under an expanded `tool_call` line (input, output or error,
 * files; ToolCallDetails), spanning the line's text columns; nothing for other
 * lines or a closed call. Props: `{event}`.
 */
export function ToolLineDetails({ event }: { event: JobEventDto }) {
  const { calls, expanded } = useContext(ToolCallsContext);
  if (event.kind !== "tool_call") return null;
  const call = callOf(event, calls);
  if (!expanded.has(call.callId)) return null;
  return (
    <div className={styles.detailsRow}>
      <ToolCallDetails call={call} runId={call.runId} detailsId={detailsId(event.seq)} />
    </div>
  );
}
