// The pure state of useJobLog: one job's loaded log lines and how they arrive.
// The job row itself is not here: it lives in React Query (lib/client/job-cache.ts).
import type { JobLogTransport } from "@/lib/client/job-follower";
import { isTerminal, statusFromEvent, type JobDto, type JobEventDto, type JobStatus } from "@/lib/shared/jobs";

/** `done` of `total` from a `progress` event (docs/design.md "Event semantics"), with the event's seq. */
export type JobProgress = { seq: number; done: number; total: number };

/** One job's log as useJobLog holds it. */
export type JobLogState = {
  /** Whose log this is ("" before the first reset). */
  jobId: string;
  /** The snapshot has been taken in: following can start. */
  loaded: boolean;
  /** Log lines ordered by seq, de-duplicated. */
  events: JobEventDto[];
  /** The highest seq loaded. */
  lastSeq: number;
  hasEarlier: boolean;
  progress: JobProgress | undefined;
  transport: JobLogTransport;
  missing: boolean;
  offline: boolean;
  error: Error | undefined;
  /** The terminal status event (or `end`) arrived: nothing left to follow. */
  complete: boolean;
};

/** What can happen to the log: a snapshot, new or earlier events, transport changes, the end, a 404, failures. */
export type JobLogAction =
  | { type: "reset"; jobId: string }
  | { type: "snapshot"; job: JobDto; events: JobEventDto[]; hasEarlier: boolean }
  | { type: "events"; events: JobEventDto[] }
  | { type: "earlier"; events: JobEventDto[]; hasEarlier: boolean }
  | { type: "transport"; transport: JobLogTransport }
  | { type: "complete" }
  | { type: "missing" }
  | { type: "offline"; error: Error }
  | { type: "retry" }
  | { type: "error"; error: Error | undefined };

/** No job yet: nothing loaded, idle. */
export const initialJobLogState: JobLogState = {
  jobId: "",
  loaded: false,
  events: [],
  lastSeq: 0,
  hasEarlier: false,
  progress: undefined,
  transport: "idle",
  missing: false,
  offline: false,
  error: undefined,
  complete: false,
};

/** Merges sorted event lists by seq; the common case (all newer) is an append, an earlier page a prepend. */
export function mergeEvents(current: JobEventDto[], incoming: JobEventDto[]): JobEventDto[] {
  if (incoming.length === 0) return current;
  const last = current.at(-1)?.seq ?? 0;
  if (incoming[0].seq > last) return current.concat(incoming);
  if (current.length > 0 && incoming.at(-1)!.seq < current[0].seq) return incoming.concat(current);
  const bySeq = new Map(current.map((e) => [e.seq, e]));
  for (const e of incoming) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The terminal status the latest terminal `status` event among `events` moved to, if any. */
export function terminalIn(events: JobEventDto[]): JobStatus | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const to = statusFromEvent(events[i]);
    if (to && isTerminal(to)) return to;
  }
  return undefined;
}

/** The newer of `current` and the latest progress event among `events` (sorted by seq): kept as events arrive, never rescanned. */
export function newerProgress(current: JobProgress | undefined, events: JobEventDto[]): JobProgress | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (current && e.seq <= current.seq) return current;
    if (e.kind !== "progress") continue;
    const { done, total } = (e.data ?? {}) as { done?: unknown; total?: unknown };
    if (typeof done === "number" && typeof total === "number") return { seq: e.seq, done, total };
  }
  return current;
}

/** useJobLog's reducer: pure, so every transition can be read (and tested) alone. */
export function jobLogReducer(state: JobLogState, action: JobLogAction): JobLogState {
  switch (action.type) {
    case "reset":
      return { ...initialJobLogState, jobId: action.jobId };
    case "snapshot": {
      const events = mergeEvents(state.events, action.events);
      const lastSeq = Math.max(state.lastSeq, events.at(-1)?.seq ?? 0);
      const complete = state.complete || (isTerminal(action.job.status) && lastSeq >= action.job.lastSeq);
      const progress = newerProgress(state.progress, action.events);
      const hasEarlier = action.hasEarlier && (events[0]?.seq ?? 1) > 1;
      return { ...state, loaded: true, events, lastSeq, progress, hasEarlier, complete };
    }
    case "events": {
      if (action.events.length === 0) return state.offline ? { ...state, offline: false } : state;
      const events = mergeEvents(state.events, action.events);
      const lastSeq = Math.max(state.lastSeq, events.at(-1)?.seq ?? 0);
      const progress = newerProgress(state.progress, action.events);
      return { ...state, events, lastSeq, progress, complete: state.complete || !!terminalIn(action.events), offline: false };
    }
    case "earlier":
      return { ...state, events: mergeEvents(state.events, action.events), progress: newerProgress(state.progress, action.events), hasEarlier: action.hasEarlier };
    case "transport":
      // The stream (re)opening ends an offline spell even before new lines arrive.
      if (action.transport === "sse" && (state.offline || state.error)) return { ...state, transport: "sse", offline: false, error: undefined };
      return state.transport === action.transport ? state : { ...state, transport: action.transport };
    case "complete":
      return { ...state, complete: true, transport: "idle" };
    case "missing":
      return { ...state, missing: true, transport: "idle", complete: true };
    case "offline":
      return { ...state, offline: true, transport: "idle", error: action.error };
    case "retry":
      return { ...state, offline: false, error: undefined };
    case "error":
      return { ...state, error: action.error };
  }
}
