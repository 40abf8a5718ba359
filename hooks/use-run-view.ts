"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { queries } from "@/lib/client/queries";
import { viewCounts } from "@/lib/client/run-format";
import { isTerminal, type JobStatus } from "@/lib/shared/jobs";
import { buildRunView, isRunSuccess, type RunCounts, type RunDto, type RunView } from "@/lib/shared/runs";
import { useJobLog } from "./use-job-log";
import { useJobStatus } from "./use-job-status";

/** Options of useRunView. */
export type UseRunViewOptions = {
  /** False loads nothing (a collapsed, finished run). Default true. */
  enabled?: boolean;
};

/** What useRunView returns. */
export type UseRunViewResult = {
  /** The run's steps, tool calls, artifacts and pending approvals; undefined until known. */
  view: RunView | undefined;
  /** The run's live status (its job's). */
  status: JobStatus;
  /** Whether the run counts as a success (false while it runs). */
  success: boolean;
  /** Counters: folded from the live events while it runs, the server's once finished. */
  counts: RunCounts;
  /** The view comes from the streamed events (the run is, or was while watched, running). */
  live: boolean;
  /** Loading the finished run failed. */
  error: Error | null;
};

/**
 * One run as the UI shows it. While the run's job is pending or running its
 * log is followed (useJobLog: the tab's multiplexed stream, whole history)
 * and its events are folded with buildRunView — the function the server
 * answers GET /api/runs/{id} with — so a live run renders without a request
 * per event. When the job reaches its terminal status the run (GET
 * /api/runs/{id}) and the plan's run list are refetched once; the folded view
 * stays on screen until the answer replaces it. A run finished before it was
 * shown is only fetched. `status` reads the job's live status (useJobStatus).
 * @example const { view, status, success, counts } = useRunView(run, { enabled: expanded });
 */
export function useRunView(run: RunDto, { enabled = true }: UseRunViewOptions = {}): UseRunViewResult {
  const client = useQueryClient();
  const liveStatus = useJobStatus(run.jobId, { fallback: run.status }).status;
  // The list's row is authoritative once it is terminal (it carries `success`); before, the job's live status.
  const status = isTerminal(run.status) ? run.status : (liveStatus ?? run.status);
  const terminal = isTerminal(status);
  // Once seen running, the log stays this view's source until the finished run is fetched.
  const [followed, setFollowed] = useState(() => !isTerminal(run.status));
  if (!terminal && !followed) setFollowed(true);

  const log = useJobLog(run.jobId, { enabled: enabled && followed, history: "all" });
  const folded = useMemo(() => (followed && log.events.length > 0 ? buildRunView(log.events) : undefined), [followed, log.events]);
  const detail = useQuery({ ...queries.run(run.id), enabled: enabled && terminal });

  // Reaching the end live: the server's run (success, counts) and the list's row, once.
  const { planId, id: runId } = run;
  useEffect(() => {
    if (!terminal || !followed) return;
    void client.invalidateQueries({ queryKey: queries.runs(planId).queryKey });
    void client.invalidateQueries({ queryKey: queries.run(runId).queryKey });
  }, [terminal, followed, client, planId, runId]);

  const fetched = detail.data;
  const fetchedView = useMemo<RunView | undefined>(() => {
    if (!fetched) return undefined;
    const { steps, runToolCalls, artifacts, lastExecutionKind, pendingApprovals } = fetched;
    return { steps, runToolCalls, artifacts, lastExecutionKind, pendingApprovals };
  }, [fetched]);
  const view: RunView | undefined = (terminal && fetchedView) || !folded ? fetchedView : folded;
  const base = fetched && isTerminal(fetched.run.status) ? fetched.run : run;
  const settled = isTerminal(base.status);
  return {
    view,
    status: settled ? base.status : status,
    success: settled ? base.success : isRunSuccess(status, folded?.lastExecutionKind ?? null),
    counts: settled || !folded ? base.counts : viewCounts(folded, base.counts),
    live: view === folded && folded !== undefined,
    error: detail.error,
  };
}
