"use client";
// What the tool-call lines of one log share: every call paired with its
// result (by callId), which calls are expanded, and how to reach a call's line.
// Provided by the log body; only tool lines read it, so other lines do not
// re-render when a result arrives.
import { createContext, useCallback, useMemo, useState } from "react";
import type { Decider } from "@/components/runs/approval-buttons";
import { NO_TOOL_CALLS, pairToolCalls, type ToolCallIndex } from "@/lib/client/tool-pairs";
import type { JobEventDto } from "@/lib/shared/jobs";

/** The shared state of a log's tool calls (see useToolCalls). */
export type ToolCallsShared = {
  calls: ToolCallIndex;
  expanded: ReadonlySet<string>;
  /** Opens (`open` true), closes (false) or flips (undefined) a call's details. */
  toggle: (callId: string, open?: boolean) => void;
  /** Brings a line into view (loading earlier lines, clearing filters, unfolding its group as needed). */
  reveal: (seq: number) => void;
  /** Who may approve or deny this job's calls: its owner, unless the view is read only. */
  decider: Decider;
};

const NONE: ReadonlySet<string> = new Set();

/** The tool calls of the enclosing log (none outside one). */
export const ToolCallsContext = createContext<ToolCallsShared>({ calls: NO_TOOL_CALLS, expanded: NONE, toggle: () => {}, reveal: () => {}, decider: { ownerId: undefined, readOnly: true } });

/**
 * Builds a log's ToolCallsShared: pairs the loaded `events` (pairToolCalls,
 * recomputed when they change) and keeps which calls are expanded (this
 * survives rows leaving the virtualized window). `onExpand` runs when a call
 * is opened (the body stops following the tail so the details stay in view).
 * Options: `{decider, reveal, onExpand?}`.
 */
export function useToolCalls(
  events: JobEventDto[],
  { decider, reveal, onExpand }: { decider: Decider; reveal: (seq: number) => void; onExpand?: () => void },
): ToolCallsShared {
  const calls = useMemo(() => pairToolCalls(events), [events]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(NONE);
  const toggle = useCallback(
    (callId: string, open?: boolean) => {
      const want = open ?? !expanded.has(callId);
      if (want === expanded.has(callId)) return;
      const next = new Set(expanded);
      if (want) next.add(callId);
      else next.delete(callId);
      setExpanded(next);
      if (want) onExpand?.();
    },
    [expanded, onExpand],
  );
  return useMemo(() => ({ calls, expanded, toggle, reveal, decider }), [calls, expanded, toggle, reveal, decider]);
}
