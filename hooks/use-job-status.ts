"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { isNotFound, jobSnapshotKey, markJobMissing, onJobEvents, updateJob } from "@/lib/client/job-cache";
import { followJob } from "@/lib/client/job-follower";
import { queries } from "@/lib/client/queries";
import { isTerminal, type JobSnapshot, type JobStatus } from "@/lib/shared/jobs";

/** Options of useJobStatus. */
export type UseJobStatusOptions = {
  /**
   * The status to show while React Query has no snapshot of the job: the row
   * of a job list, or a chat message's metadata. Lists keep cached snapshots
   * up to date (queries.jobs), so a cached snapshot always wins.
   */
  fallback?: JobStatus;
  /**
   * Keep the status live even when no log of the job is on screen (a tab not
   * opened yet): loads the snapshot if it is not cached and, until the job is
   * terminal, follows it on the tab's stream (polling while the stream is down),
   * writing into React Query like useJobLog does. Default false: only read.
   */
  follow?: boolean;
};

/** What useJobStatus returns. */
export type UseJobStatusResult = {
  /** The job's live status; the fallback (or undefined) until React Query knows the job. */
  status: JobStatus | undefined;
  /** The job answered 404 (cleaned up or not the viewer's), on its snapshot, stream or a poll. */
  missing: boolean;
};

const selectStatus = (snapshot: JobSnapshot): JobStatus => snapshot.job.status;

/**
 * The one live status of a job in the browser, read from React Query (the job
 * snapshot query, `["jobs", id, "snapshot"]`), which the stream, the polling
 * fallback and job list fetches all write. Re-renders only when the status
 * (or `missing`) changes, not per log line. Tab labels, action tags and
 * headers read it instead of being told by the log panels.
 * @example const { status, missing } = useJobStatus(jobId, { fallback: row.status });
 */
export function useJobStatus(jobId: string, { fallback, follow = false }: UseJobStatusOptions = {}): UseJobStatusResult {
  const queryClient = useQueryClient();
  const query = useQuery({ ...queries.jobSnapshot(jobId), enabled: follow, select: selectStatus });
  const missing = isNotFound(query.error);
  const known = query.data;
  const live = follow && !missing && known !== undefined && !isTerminal(known);

  useEffect(() => {
    if (!live) return;
    const from = queryClient.getQueryData<JobSnapshot>(jobSnapshotKey(jobId))?.job.lastSeq ?? 0;
    return followJob(
      { jobId, from },
      {
        onEvents: (events, job) => {
          updateJob(queryClient, jobId, job);
          onJobEvents(queryClient, events);
        },
        onEnd: (end) => updateJob(queryClient, jobId, end),
        onMissing: () => markJobMissing(queryClient, jobId),
        // The status keeps its last value while the job cannot be reached.
        onTransport: () => {},
        onError: () => {},
        onOffline: () => {},
      },
    );
  }, [live, jobId, queryClient]);

  return { status: known ?? fallback, missing };
}
