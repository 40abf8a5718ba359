// The browser's one live copy of each job: the React Query cache. Stream frames,
// polls and list fetches write into it here (setQueryData); every view reads
// it (useJobLog's `job`, useJobStatus, the job pages).
import type { QueryClient } from "@tanstack/react-query";
import { isTerminal, statusFromEvent, type JobDto, type JobEventDto, type JobListPage, type JobSnapshot, type StreamFrame } from "@/lib/shared/jobs";
import { ApiError } from "./api";
import { queries } from "./queries";

/** Query key of a job's snapshot (GET /api/jobs/{id}): the job query for that id. */
export const jobSnapshotKey = (jobId: string) => ["jobs", jobId, "snapshot"] as const;
/** Prefix of every job list query's key (GET /api/jobs pages). */
export const JOB_LISTS_KEY = ["jobs", "list"] as const;

/** What a run of stream frames says about the job: status and stats as of `lastSeq`, and times from status events. */
export type JobPatch = Pick<JobDto, "status" | "lastSeq"> & Partial<Pick<JobDto, "stats" | "startedAt" | "finishedAt">>;

/** A full row (a poll page's or a list's job), or a patch from frames. */
export type JobUpdate = JobDto | JobPatch;

const isRow = (update: JobUpdate): update is JobDto => "id" in update;

/**
 * The patch a run of frames (seq order) makes: the last frame's status,
 * stats and seq; `startedAt`/`finishedAt` from `status` events to running /
 * a terminal status (frames carry no row times).
 */
export function jobPatchFromFrames(frames: StreamFrame[]): JobPatch {
  const last = frames.at(-1)!;
  const patch: JobPatch = { status: last.status, stats: last.stats, lastSeq: last.seq };
  for (const f of frames) {
    const to = statusFromEvent(f.event);
    if (to === "running") patch.startedAt ??= f.event.timestamp;
    else if (to && isTerminal(to)) patch.finishedAt ??= f.event.timestamp;
  }
  return patch;
}

/**
 * `job` with `update` applied, or `job` itself when the update is older
 * (lower lastSeq) or changes nothing. A row replaces the job; a patch sets
 * status, stats and lastSeq, and fills in start/finish times the row lacks.
 */
export function applyJobUpdate(job: JobDto, update: JobUpdate): JobDto {
  if (update.lastSeq < job.lastSeq) return job;
  if (isRow(update)) return update;
  const next: JobDto = {
    ...job,
    status: update.status,
    lastSeq: update.lastSeq,
    stats: update.stats ?? job.stats,
    startedAt: job.startedAt ?? update.startedAt ?? null,
    finishedAt: job.finishedAt ?? update.finishedAt ?? null,
  };
  const same = (Object.keys(next) as (keyof JobDto)[]).every((k) => next[k] === job[k]);
  return same ? job : next;
}

/**
 * Writes `update` into the job's snapshot query, if one is cached; and, when
 * the status changed, into the cached job lists that show the job (cheap: a
 * status changes a few times per job, while stats change with every line).
 */
export function updateJob(client: QueryClient, jobId: string, update: JobUpdate): void {
  client.setQueryData<JobSnapshot>(jobSnapshotKey(jobId), (old) => {
    if (!old) return undefined;
    const job = applyJobUpdate(old.job, update);
    return job === old.job ? undefined : { ...old, job };
  });
  client.setQueriesData<JobListPage>({ queryKey: JOB_LISTS_KEY }, (page) => {
    if (!page?.jobs.some((j) => j.id === jobId && j.status !== update.status && update.lastSeq >= j.lastSeq)) return undefined;
    return { ...page, jobs: page.jobs.map((j) => (j.id === jobId ? applyJobUpdate(j, update) : j)) };
  });
}

/** Brings cached snapshots up to date with fresher rows (a list page just fetched). */
export function syncJobSnapshots(client: QueryClient, rows: JobDto[]): void {
  for (const row of rows) {
    client.setQueryData<JobSnapshot>(jobSnapshotKey(row.id), (old) => {
      if (!old) return undefined;
      const job = applyJobUpdate(old.job, row);
      return job === old.job ? undefined : { ...old, job };
    });
  }
}

/**
 * Records that the job answered 404 after its snapshot loaded (the stream's
 * `missing`, or a poll): the snapshot query turns to that error, keeping its
 * data, so every reader sees the job as missing.
 */
export function markJobMissing(client: QueryClient, jobId: string): void {
  const query = client.getQueryCache().find({ queryKey: jobSnapshotKey(jobId), exact: true });
  if (!query || isNotFound(query.state.error)) return;
  query.setState({ status: "error", fetchStatus: "idle", error: new ApiError(404, "not_found", "Job not found") });
}

/** True for a 404 answer (ApiError or anything with `status: 404`). */
export const isNotFound = (error: unknown): boolean => (error as { status?: number } | null)?.status === 404;

/**
 * Side effects of newly arrived events outside the job itself: a
 * `tasks_updated` event refetches its plan (the tree changed), a terminal
 * status refetches the job lists. Every reader of a job's events calls it
 * (the log panel and a tab's status follower alike).
 */
export function onJobEvents(client: QueryClient, events: Pick<JobEventDto, "kind" | "data">[]): void {
  const planIds = new Set<string>();
  for (const e of events) {
    if (e.kind === "tasks_updated" && typeof e.data?.planId === "string") planIds.add(e.data.planId);
  }
  for (const planId of planIds) void client.invalidateQueries({ queryKey: queries.plan(planId).queryKey });
  if (events.some((e) => isTerminal(statusFromEvent(e) ?? ""))) void client.invalidateQueries({ queryKey: JOB_LISTS_KEY });
}
