"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { ApiError, fetchJson } from "@/lib/client/api";
import { backoffDelay, getJobStreamHub, type StreamWatcher } from "@/lib/client/job-stream";
import { queries } from "@/lib/client/queries";
import { isTerminal, type JobDto, type JobEventDto, type JobEventsPage, type JobStatus, type StreamFrame } from "@/lib/shared/jobs";

export type JobLogTransport = "sse" | "polling" | "idle";

export type UseJobLogOptions = {
  /** Set false to load nothing (e.g. a collapsed tab). Default true. */
  enabled?: boolean;
  /** "all" pages in the whole history after the snapshot (job pages); default "latest" (the snapshot's ≤ 200, then "load earlier"). */
  history?: "latest" | "all";
};

/** Longest a streamed line waits before it is rendered, ms (lines arriving meanwhile render together). */
export const FRAME_BATCH_MS = 50;

/** Events per "load earlier" page (the API's maximum). */
export const EARLIER_PAGE = 1000;

export type UseJobLogResult = {
  /** The job row, patched live with status, stats and lastSeq. */
  job: JobDto | undefined;
  /** Log lines ordered by seq, de-duplicated. */
  events: JobEventDto[];
  status: JobStatus | undefined;
  /** The job 404'd: cleaned up or not the viewer's. */
  missing: boolean;
  transport: JobLogTransport;
  /** The last failure (stream or poll), if any. */
  error: Error | undefined;
  /** Polling failed 5 times in a row; call retry(). */
  offline: boolean;
  retry: () => void;
  /** The latest `progress` event's counts, if any (kept as events arrive, not rescanned per render). */
  progress: JobProgress | undefined;
  /** Prepends the page of events before the earliest loaded one. */
  loadEarlier: () => Promise<void>;
  hasEarlier: boolean;
};

// One shared tick flushes every hook's pending frames in the same task, so
// React renders all busy panels together and the page lays out once per tick,
// not once per panel.
const flushQueue = new Set<() => void>();
let flushTick: ReturnType<typeof setTimeout> | undefined;
function enqueueFlush(flush: () => void): void {
  flushQueue.add(flush);
  flushTick ??= setTimeout(() => {
    flushTick = undefined;
    const due = [...flushQueue];
    flushQueue.clear();
    for (const f of due) f();
  }, FRAME_BATCH_MS);
}

/** `done` of `total` from a `progress` event (DESIGN.md "Event semantics"), with the event's seq. */
export type JobProgress = { seq: number; done: number; total: number };

/** The newer of `current` and the latest progress event among `events` (sorted by seq). */
function newerProgress(current: JobProgress | undefined, events: JobEventDto[]): JobProgress | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (current && e.seq <= current.seq) return current;
    if (e.kind !== "progress") continue;
    const { done, total } = (e.data ?? {}) as { done?: unknown; total?: unknown };
    if (typeof done === "number" && typeof total === "number") return { seq: e.seq, done, total };
  }
  return current;
}

/** Consecutive poll failures before the panel shows "offline" (DESIGN.md). */
export const MAX_POLL_FAILURES = 5;

type State = {
  job: JobDto | undefined;
  events: JobEventDto[];
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

type Action =
  | { type: "reset" }
  | { type: "snapshot"; job: JobDto; events: JobEventDto[]; hasEarlier: boolean }
  | { type: "events"; events: JobEventDto[]; job?: Partial<JobDto> }
  | { type: "earlier"; events: JobEventDto[]; hasEarlier: boolean }
  | { type: "transport"; transport: JobLogTransport }
  | { type: "complete"; status?: JobStatus; lastSeq?: number }
  | { type: "missing" }
  | { type: "offline"; error: Error }
  | { type: "retry" }
  | { type: "error"; error: Error | undefined };

const initial: State = {
  job: undefined,
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

/** Merges sorted event lists by seq; the common case (all newer) is an append. */
function merge(current: JobEventDto[], incoming: JobEventDto[]): JobEventDto[] {
  if (incoming.length === 0) return current;
  const last = current.at(-1)?.seq ?? 0;
  if (incoming[0].seq > last) return current.concat(incoming);
  if (current.length > 0 && incoming.at(-1)!.seq < current[0].seq) return incoming.concat(current); // an earlier page
  const bySeq = new Map(current.map((e) => [e.seq, e]));
  for (const e of incoming) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

function terminalIn(events: JobEventDto[]): JobStatus | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind === "status" && isTerminal(String(e.data?.to))) return e.data?.to as JobStatus;
  }
  return undefined;
}

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "reset":
      return initial;
    case "snapshot": {
      const events = merge(state.events, action.events);
      const lastSeq = Math.max(state.lastSeq, events.at(-1)?.seq ?? 0);
      const complete = state.complete || (isTerminal(action.job.status) && lastSeq >= action.job.lastSeq);
      const progress = newerProgress(state.progress, action.events);
      return { ...state, job: action.job, events, lastSeq, progress, hasEarlier: action.hasEarlier && (events[0]?.seq ?? 1) > 1, complete };
    }
    case "events": {
      const events = merge(state.events, action.events);
      const lastSeq = Math.max(state.lastSeq, events.at(-1)?.seq ?? 0);
      const terminal = terminalIn(action.events);
      const job = state.job ? { ...state.job, ...action.job, lastSeq: Math.max(state.job.lastSeq, lastSeq) } : state.job;
      if (job) {
        // Frames carry status and stats only; the status events' times stand in for the row's.
        for (const e of action.events) {
          if (e.kind !== "status") continue;
          if (e.data?.to === "running") job.startedAt ??= e.timestamp;
          else if (isTerminal(String(e.data?.to))) job.finishedAt ??= e.timestamp;
        }
        if (terminal) job.status = terminal;
      }
      const progress = newerProgress(state.progress, action.events);
      return { ...state, events, lastSeq, job, progress, complete: state.complete || !!terminal, offline: false };
    }
    case "earlier":
      return { ...state, events: merge(state.events, action.events), progress: newerProgress(state.progress, action.events), hasEarlier: action.hasEarlier };
    case "transport":
      // The stream (re)opening ends an offline spell even before new lines arrive.
      if (action.transport === "sse" && (state.offline || state.error)) return { ...state, transport: "sse", offline: false, error: undefined };
      return state.transport === action.transport ? state : { ...state, transport: action.transport };
    case "complete":
      return {
        ...state,
        complete: true,
        transport: "idle",
        job: state.job && action.status ? { ...state.job, status: action.status } : state.job,
      };
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

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Follows one job's log (DESIGN.md "SSE contract", "Client fallback"): loads
 * the snapshot (GET /api/jobs/{id}), then follows the tab's multiplexed stream
 * from the snapshot's lastSeq. While the stream is down it polls
 * `/events?after=` with exponential backoff and jitter (1 s doubling to 10 s,
 * back to 1 s on new events); after 5 failed polls in a row it reports
 * `offline` until `retry()`. A 404 sets `missing`. Once the terminal status
 * event has arrived nothing stays open for the job. `tasks_updated` events
 * invalidate the plan's query.
 * @example
 * const { events, status, transport } = useJobLog(jobId);
 */
export function useJobLog(jobId: string, options: UseJobLogOptions = {}): UseJobLogResult {
  const enabled = options.enabled ?? true;
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(reducer, initial);
  const snapshot = useQuery({ ...queries.jobSnapshot(jobId), enabled });
  const cursor = useRef(0);
  cursor.current = state.lastSeq;
  const [retries, bumpRetries] = useReducer((n: number) => n + 1, 0);

  useEffect(() => dispatch({ type: "reset" }), [jobId]);

  useEffect(() => {
    if (snapshot.data) {
      dispatch({ type: "snapshot", job: snapshot.data.job, events: snapshot.data.events, hasEarlier: snapshot.data.hasEarlier });
    } else if (snapshot.error instanceof ApiError && snapshot.error.status === 404) {
      dispatch({ type: "missing" });
    } else if (snapshot.error) {
      dispatch({ type: "error", error: snapshot.error });
    }
  }, [snapshot.data, snapshot.error]);

  // Side effects of arriving events that live outside this hook's state.
  const planIdsToRefresh = useRef(new Set<string>());
  const onNewEvents = useCallback(
    (events: JobEventDto[]) => {
      for (const e of events) {
        if (e.kind === "tasks_updated" && typeof e.data?.planId === "string") planIdsToRefresh.current.add(e.data.planId);
      }
      for (const planId of planIdsToRefresh.current) void queryClient.invalidateQueries({ queryKey: queries.plan(planId).queryKey });
      planIdsToRefresh.current.clear();
      if (terminalIn(events)) void queryClient.invalidateQueries({ queryKey: ["jobs", "list"] });
    },
    [queryClient],
  );

  // The state may still be the previous job's in the render where jobId changes (the
  // reset runs in an effect): following it would watch the new job from the old cursor.
  const loaded = state.job?.id === jobId;
  const following = enabled && loaded && !state.complete && !state.missing;

  useEffect(() => {
    if (!following) return;
    const abort = new AbortController();
    let polling: Promise<void> | undefined;
    // Polling has its own signal so the stream coming back can stop it alone.
    let pollAbort = new AbortController();
    const stopPolling = () => {
      pollAbort.abort();
      pollAbort = new AbortController();
    };
    // Set once polling gave up (offline): the hub's later failed reconnects must not
    // restart it; retry() re-runs this effect, a reopened stream clears it.
    let gaveUp = false;

    const poll = async (signal: AbortSignal) => {
      dispatch({ type: "transport", transport: "polling" });
      let failures = 0;
      let delay = 1000;
      while (!signal.aborted) {
        try {
          const page = await fetchJson<JobEventsPage>(
            `/api/jobs/${encodeURIComponent(jobId)}/events?after=${cursor.current}&limit=1000`,
            { signal },
          );
          if (signal.aborted) return;
          failures = 0;
          const fresh = page.events.filter((e) => e.seq > watcher.cursor);
          if (fresh.length > 0) {
            watcher.cursor = fresh.at(-1)!.seq;
            cursor.current = watcher.cursor;
            dispatch({ type: "events", events: fresh, job: page.job });
            onNewEvents(fresh);
            delay = 1000;
          } else {
            dispatch({ type: "events", events: [], job: page.job });
            delay = Math.min(delay * 2, 10_000);
          }
          if (isTerminal(page.job.status) && watcher.cursor >= page.job.lastSeq) {
            dispatch({ type: "complete", status: page.job.status });
            return;
          }
          if (page.hasMore) continue;
        } catch (error) {
          if (signal.aborted) return;
          if (error instanceof ApiError && error.status === 404) return dispatch({ type: "missing" });
          failures += 1;
          dispatch({ type: "error", error: error as Error });
          if (failures >= MAX_POLL_FAILURES) {
            gaveUp = true;
            return dispatch({ type: "offline", error: error as Error });
          }
        }
        // Jitter in [delay/2, delay] keeps many tabs from polling in lockstep.
        await sleep(delay / 2 + (Math.random() * delay) / 2, signal);
      }
    };

    // Frames are applied in batches (one render per FRAME_BATCH_MS for every
    // busy job together): a busy log at hundreds of lines a second would
    // otherwise render, and copy the event list, once per line. Anything else
    // flushes first, so order is kept.
    let pending: StreamFrame[] = [];
    const flush = () => {
      flushQueue.delete(flush);
      if (pending.length === 0) return;
      const frames = pending;
      pending = [];
      const events = frames.map((f): JobEventDto => ({ seq: f.seq, ...f.event }));
      const last = frames.at(-1)!;
      dispatch({ type: "events", events, job: { status: last.status, stats: last.stats } });
      onNewEvents(events);
    };

    const watcher: StreamWatcher = {
      cursor: cursor.current,
      onFrame(frame) {
        cursor.current = frame.seq;
        if (pending.push(frame) === 1) enqueueFlush(flush);
      },
      onEnd(end) {
        flush();
        dispatch({ type: "complete", status: end.status, lastSeq: end.lastSeq });
        // The snapshot refetch brings finishedAt and the result.
        void queryClient.invalidateQueries({ queryKey: queries.jobSnapshot(jobId).queryKey });
      },
      onMissing() {
        flush();
        dispatch({ type: "missing" });
      },
      onState(s) {
        if (abort.signal.aborted) return;
        flush();
        if (s === "open") {
          gaveUp = false;
          stopPolling();
          dispatch({ type: "transport", transport: "sse" });
        } else if (s === "failed") {
          if (!gaveUp) polling ??= poll(pollAbort.signal).finally(() => (polling = undefined));
        } else {
          dispatch({ type: "transport", transport: "idle" });
          stopPolling();
        }
      },
    };
    const unwatch = getJobStreamHub().watch(jobId, watcher);
    return () => {
      abort.abort();
      pollAbort.abort();
      unwatch();
      flush();
    };
    // `retries` restarts following after the offline state.
  }, [following, jobId, onNewEvents, queryClient, retries]);

  const retry = useCallback(() => {
    dispatch({ type: "retry" });
    getJobStreamHub().reconnect();
    if (state.missing) return;
    if (!state.job) void snapshot.refetch();
    bumpRetries();
  }, [snapshot, state.job, state.missing]);

  const firstSeq = state.events[0]?.seq;
  const loadEarlier = useCallback(async () => {
    if (!firstSeq || firstSeq <= 1) return;
    const page = await fetchJson<JobEventsPage>(`/api/jobs/${encodeURIComponent(jobId)}/events?before=${firstSeq}&limit=${EARLIER_PAGE}`);
    dispatch({ type: "earlier", events: page.events, hasEarlier: page.hasMore });
  }, [firstSeq, jobId]);

  // history: "all" – keep paging backwards until seq 1 is loaded.
  const wantAll = options.history === "all" && enabled;
  useEffect(() => {
    if (!wantAll || !state.hasEarlier || !firstSeq) return;
    let cancelled = false;
    void fetchJson<JobEventsPage>(`/api/jobs/${encodeURIComponent(jobId)}/events?before=${firstSeq}&limit=${EARLIER_PAGE}`)
      .then((page) => cancelled || dispatch({ type: "earlier", events: page.events, hasEarlier: page.hasMore }))
      .catch((error) => cancelled || dispatch({ type: "error", error: error as Error }));
    return () => {
      cancelled = true;
    };
  }, [wantAll, state.hasEarlier, firstSeq, jobId]);

  return {
    job: state.job,
    events: state.events,
    status: state.job?.status,
    missing: state.missing,
    transport: state.transport,
    error: state.error,
    offline: state.offline,
    retry,
    progress: state.progress,
    loadEarlier,
    hasEarlier: state.hasEarlier,
  };
}
