import "server-only";
import type { z } from "zod";
import type { JobDto, JobEventDto, JobEventsPage, JobSnapshot, jobListQuerySchema } from "@/lib/shared/jobs";
import type { Db } from "../db/client.ts";
import type { Job } from "../db/generated/client.ts";
import { AppError } from "../errors.ts";
import { eventsAfter, eventsBefore, findJob, toEventDto, toJobDto } from "./jobs-repo.ts";

type Viewer = { userId: string; role: string };

/** Events in a snapshot (DESIGN.md: the latest ≤ 200). */
export const SNAPSHOT_EVENTS = 200;

/** A job the viewer may read. @throws 404 (unknown or someone else's: guarantee 8). */
export async function requireJob(db: Db, viewer: Viewer, jobId: string): Promise<Job> {
  const job = await findJob(db, jobId, viewer);
  if (!job) throw AppError.notFound("Job");
  return job;
}

/** GET /api/jobs: the viewer's jobs (support: everyone's), newest first. */
export async function listJobs(db: Db, viewer: Viewer, q: z.output<typeof jobListQuerySchema>): Promise<JobDto[]> {
  const rows = await db.job.findMany({
    where: {
      ...(viewer.role === "support" ? {} : { ownerId: viewer.userId }),
      ...(q.planId ? { planId: q.planId } : {}),
      ...(q.jobType ? { jobType: q.jobType } : {}),
      ...(q.status ? { status: q.status } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: q.limit,
  });
  return rows.map(toJobDto);
}

/** GET /api/jobs/{id}: the job and its latest ≤ 200 events. */
export async function getJobSnapshot(db: Db, viewer: Viewer, jobId: string): Promise<JobSnapshot> {
  const job = await requireJob(db, viewer, jobId);
  const events = (await eventsBefore(db, jobId, job.lastSeq + 1, SNAPSHOT_EVENTS)).map(toEventDto);
  const firstSeq = events[0]?.seq ?? job.lastSeq;
  return { job: toJobDto(job), events, firstSeq, lastSeq: job.lastSeq, hasEarlier: firstSeq > 1 };
}

/**
 * GET /api/jobs/{id}/events: a page after `after` (ascending; the polling
 * fallback) or before `before` (older history). `lastSeq` is the job's.
 */
export async function getJobEvents(
  db: Db,
  viewer: Viewer,
  jobId: string,
  q: { after?: number; before?: number; limit: number },
): Promise<JobEventsPage> {
  // Job first: its lastSeq bounds the page, so a page never claims more than exists.
  const job = await requireJob(db, viewer, jobId);
  let events: JobEventDto[];
  let hasMore: boolean;
  if (q.before !== undefined) {
    events = (await eventsBefore(db, jobId, q.before, q.limit)).map(toEventDto);
    hasMore = (events[0]?.seq ?? 1) > 1;
  } else {
    const after = q.after ?? 0;
    events = (await eventsAfter(db, jobId, after, q.limit)).map(toEventDto);
    hasMore = (events.at(-1)?.seq ?? after) < job.lastSeq;
  }
  return { job: toJobDto(job), events, lastSeq: job.lastSeq, hasMore };
}
