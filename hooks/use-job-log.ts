"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useEffectEvent, useReducer, useSyncExternalStore } from "react";
import { fetchJson } from "@/lib/client/api";
import { getConnectivity } from "@/lib/client/connectivity";
import { isNotFound, jobSnapshotKey, markJobMissing, onJobEvents, updateJob } from "@/lib/client/job-cache";
import { followJob, type JobLogTransport } from "@/lib/client/job-follower";
import { getJobStreamHub } from "@/lib/client/job-stream";
import { jobEventsUrl } from "@/lib/client/job-urls";
import { queries } from "@/lib/client/queries";
import type { JobDto, JobEventDto, JobEventsPage, JobStatus } from "@/lib/shared/jobs";
import { initialJobLogState, jobLogReducer, type JobProgress } from "./job-log-state";

export { FRAME_BATCH_MS } from "@/lib/client/frame-batch";
export type { JobLogTransport } from "@/lib/client/job-follower";
export { MAX_POLL_FAILURES } from "@/lib/client/job-poller";
export type { JobProgress } from "./job-log-state";

/** Options of useJobLog. */
export type UseJobLogOptions = {
  /** Set false to load nothing (e.g. a collapsed tab). Default true. */
  enabled?: boolean;
  /** "all" pages in the whole history after the snapshot (job pages); default "latest" (the snapshot's ≤ 200, then "load earlier"). */
  history?: "latest" | "all";
};

/** Events per "load earlier" page (the API's maximum). */
export const EARLIER_PAGE = 1000;

/** What useJobLog returns. */
export type UseJobLogResult = {
  /** The job row from React Query (the snapshot query, patched live with status, stats and lastSeq). */
  job: JobDto | undefined;
  /** Log lines ordered by seq, de-duplicated. */
  events: JobEventDto[];
  /** `job.status`: the same live status useJobStatus reads. */
  status: JobStatus | undefined;
  /** The job 404'd: cleaned up or not the viewer's. */
  missing: boolean;
  transport: JobLogTransport;
  /** The last failure (snapshot, stream or poll), if any. */
  error: Error | undefined;
  /**
   * The log cannot be brought up to date now: the server is unreachable (the
   * tab's Connectivity is offline and the log is not complete) or polling
   * failed 5 times in a row. It recovers by itself when the server answers
   * again; retry() tries at once.
   */
  offline: boolean;
  /** Reloads a failed snapshot, probes the server, restarts polling after offline and reconnects the stream now. */
  retry: () => void;
  /** The latest `progress` event's counts, if any (kept as events arrive, not rescanned per render). */
  progress: JobProgress | undefined;
  /** Prepends the page of events before the earliest loaded one. @throws ApiError when the page fails. */
  loadEarlier: () => Promise<void>;
  hasEarlier: boolean;
};

const NO_EVENTS: JobEventDto[] = [];

/**
 * Follows one job's log (docs/design.md "SSE contract", "Client fallback"): loads
 * the snapshot (GET /api/jobs/{id}, React Query), then follows the tab's
 * multiplexed stream from the snapshot's last seq. While the stream is down
 * it polls `/events?after=` (1 s doubling to 10 s with jitter, back to 1 s on
 * new events); after 5 failed polls in a row it reports `offline` until
 * `retry()`. A 404 sets `missing`. Once the terminal status event has arrived
 * nothing stays open for the job. Everything the log says about the job
 * (status, stats, lastSeq, times) is written into React Query, where `job`
 * and useJobStatus read it; `tasks_updated` events invalidate the plan's query.
 * @example
 * const { events, status, transport } = useJobLog(jobId);
 */
export function useJobLog(jobId: string, options: UseJobLogOptions = {}): UseJobLogResult {
  const enabled = options.enabled ?? true;
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(jobLogReducer, initialJobLogState);
  const snapshot = useQuery({ ...queries.jobSnapshot(jobId), enabled });
  const [retries, bumpRetries] = useReducer((n: number) => n + 1, 0);
  const connectivity = getConnectivity();
  const reachable = useSyncExternalStore(connectivity.subscribe, () => connectivity.online, () => true);
  // In the render where jobId changes the state is still the previous job's (the reset runs in an effect).
  const own = state.jobId === jobId;

  useEffect(() => dispatch({ type: "reset", jobId }), [jobId]);

  // The snapshot's events are taken in when they change (a fetch), not when the
  // live patches of its job row change the query's data.
  const snapshotEvents = snapshot.data?.events;
  const takeSnapshot = useEffectEvent(() => {
    const data = snapshot.data;
    if (data) dispatch({ type: "snapshot", job: data.job, events: data.events, hasEarlier: data.hasEarlier });
  });
  useEffect(() => takeSnapshot(), [snapshotEvents, jobId]);

  const snapshotError = snapshot.error;
  const hasData = !!snapshot.data;
  useEffect(() => {
    if (isNotFound(snapshotError)) dispatch({ type: "missing" });
    else if (snapshotError && !hasData) dispatch({ type: "error", error: snapshotError });
  }, [snapshotError, hasData]);

  // Side effects of arriving events that live outside this hook's state.
  const onNewEvents = useCallback((events: JobEventDto[]) => onJobEvents(queryClient, events), [queryClient]);

  const following = enabled && own && state.loaded && !state.complete && !state.missing;
  const startCursor = useEffectEvent(() => state.lastSeq);

  useEffect(() => {
    if (!following) return;
    return followJob(
      { jobId, from: startCursor() },
      {
        onEvents(events, job) {
          dispatch({ type: "events", events });
          updateJob(queryClient, jobId, job);
          if (events.length > 0) onNewEvents(events);
        },
        onEnd(end, via) {
          dispatch({ type: "complete" });
          if (via === "poll") return; // the poll's row is final and already written
          updateJob(queryClient, jobId, end);
          // The snapshot refetch brings finishedAt and the result.
          void queryClient.invalidateQueries({ queryKey: jobSnapshotKey(jobId) });
        },
        onMissing() {
          dispatch({ type: "missing" });
          markJobMissing(queryClient, jobId);
        },
        onTransport: (transport) => dispatch({ type: "transport", transport }),
        onError: (error) => dispatch({ type: "error", error }),
        onOffline: (error) => dispatch({ type: "offline", error }),
      },
    );
    // `retries` restarts following after the offline state.
  }, [following, jobId, onNewEvents, queryClient, retries]);

  const missing = own && state.missing;
  const hasJob = hasData;
  const { refetch } = snapshot;
  const retry = useCallback(() => {
    dispatch({ type: "retry" });
    getConnectivity().probeNow();
    getJobStreamHub().reconnect();
    if (missing) return;
    if (!hasJob) void refetch();
    bumpRetries();
  }, [hasJob, missing, refetch]);

  const firstSeq = own ? state.events[0]?.seq : undefined;
  const loadEarlier = useCallback(async () => {
    if (!firstSeq || firstSeq <= 1) return;
    const page = await fetchJson<JobEventsPage>(jobEventsUrl(jobId, { before: firstSeq, limit: EARLIER_PAGE }));
    dispatch({ type: "earlier", events: page.events, hasEarlier: page.hasMore });
  }, [firstSeq, jobId]);

  // history: "all" – keep paging backwards until seq 1 is loaded.
  const wantAll = options.history === "all" && enabled && own && state.hasEarlier;
  useEffect(() => {
    if (!wantAll || !firstSeq) return;
    let cancelled = false;
    void fetchJson<JobEventsPage>(jobEventsUrl(jobId, { before: firstSeq, limit: EARLIER_PAGE }))
      .then((page) => cancelled || dispatch({ type: "earlier", events: page.events, hasEarlier: page.hasMore }))
      .catch((error) => cancelled || dispatch({ type: "error", error: error as Error }));
    return () => {
      cancelled = true;
    };
  }, [wantAll, firstSeq, jobId]);

  const job = snapshot.data?.job;
  return {
    job,
    events: own ? state.events : NO_EVENTS,
    status: job?.status,
    missing,
    transport: own ? state.transport : "idle",
    error: own ? state.error : undefined,
    offline: own && !state.missing && (state.offline || (!reachable && !state.complete)),
    retry,
    progress: own ? state.progress : undefined,
    loadEarlier,
    hasEarlier: own && state.hasEarlier,
  };
}
