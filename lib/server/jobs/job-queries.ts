import "server-only";
import type { z } from "zod";
import type { JobEventDto, JobEventsPage, JobListPage, JobSnapshot, jobListQuerySchema } from "@/lib/shared/jobs";
import type { Db } from "../db/client.ts";
import type { Job, Prisma } from "../db/generated/client.ts";
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

/** Opaque keyset cursor: base64url of `<createdAt ISO>|<id>` of the last job on a page. */
function encodeCursor(job: Job): string {
  return Buffer.from(`${job.createdAt.toISOString()}|${job.id}`).toString("base64url");
}

/** @throws 400 when the cursor is not one this API produced. */
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) throw AppError.badRequest("Invalid cursor", { cursor: ["Not a cursor from this API"] });
  return { createdAt, id };
}

/**
 * GET /api/jobs: a page of the viewer's jobs (support: everyone's), newest
 * first, filtered by plan, parent job, type, status, id prefix and creation
 * time. Keyset pagination on (createdAt, id), so pages stay stable while new
 * jobs arrive. `total` counts every match of the filters.
 * @throws 400 for a malformed cursor.
 */
export async function listJobs(db: Db, viewer: Viewer, q: z.output<typeof jobListQuerySchema>): Promise<JobListPage> {
  const where: Prisma.JobWhereInput = {
    ...(viewer.role === "support" ? {} : { ownerId: viewer.userId }),
    ...(q.planId ? { planId: q.planId } : {}),
    ...(q.parentJobId ? { parentJobId: q.parentJobId } : {}),
    ...(q.jobType ? { jobType: q.jobType } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.q ? { id: { startsWith: q.q } } : {}),
    ...(q.from || q.to
      ? { createdAt: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lt: new Date(q.to) } : {}) } }
      : {}),
  };
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const page: Prisma.JobWhereInput = after
    ? { AND: [where, { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }] }
    : where;
  const [rows, total] = await Promise.all([
    db.job.findMany({ where: page, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit + 1 }),
    db.job.count({ where }),
  ]);
  const more = rows.length > q.limit;
  const jobs = more ? rows.slice(0, q.limit) : rows;
  return { jobs: jobs.map(toJobDto), nextCursor: more ? encodeCursor(jobs.at(-1)!) : null, total };
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
