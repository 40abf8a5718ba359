import "server-only";
import type { z } from "zod";
import type { JobEventDto, JobEventsPage, JobFacets, JobHistoryPage, JobSnapshot, jobFacetsQuerySchema, jobListQuerySchema } from "@/lib/shared/jobs";
import { canRead, type Viewer } from "../auth/viewer.ts";
import type { Db } from "../db/client.ts";
import type { Job } from "../db/generated/client.ts";
import { AppError } from "../errors.ts";
import { decodeKeysetCursor, encodeKeysetCursor } from "../http/keyset-cursor.ts";
import { toEventDto, toJobDto } from "./job-dto.ts";
import { listJobOwners, listPlanFacets, planTitlesOf } from "./job-facets-repo.ts";
import type { JobStore } from "./job-store.ts";

/** Events in a snapshot (docs/design.md: the latest ≤ 200). */
export const SNAPSHOT_EVENTS = 200;

/** A job the viewer may read, or null: someone else's job reads as missing (guarantee 8). */
export async function findVisibleJob(store: JobStore, viewer: Viewer, jobId: string): Promise<Job | null> {
  const job = await store.find(jobId);
  return job && canRead(viewer, job.ownerId) ? job : null;
}

/** A job the viewer may read. @throws 404 (unknown or someone else's: guarantee 8). */
export async function requireJob(store: JobStore, viewer: Viewer, jobId: string): Promise<Job> {
  const job = await findVisibleJob(store, viewer, jobId);
  if (!job) throw AppError.notFound("Job");
  return job;
}

/** Owners listed at most in the /jobs owner filter. */
export const OWNER_FACET_LIMIT = 200;
/** Plans listed at most in the /jobs plan filter. */
export const PLAN_FACET_LIMIT = 500;

/**
 * The owner the viewer's reads are limited to: support reads everyone's
 * (`ownerId` narrows to one owner), a user only their own. `undefined` = no
 * limit; `null` = a user asked for someone else's rows, which match nothing
 * (guarantee 8: as if they did not exist).
 */
function ownerScope(viewer: Viewer, ownerId: string | undefined): string | undefined | null {
  if (viewer.role === "support") return ownerId;
  return ownerId === undefined || ownerId === viewer.userId ? viewer.userId : null;
}

/**
 * GET /api/jobs: a page of the viewer's jobs (support: everyone's, or one
 * owner's with `ownerId`), newest first, filtered by plan, owner, parent job,
 * type, status, id prefix and creation time. Keyset pagination on
 * (createdAt, id), so pages stay stable while new jobs arrive. `total` counts
 * every match of the filters; `planTitles` names the plans of the page's jobs.
 * A user's `ownerId` other than their own matches nothing.
 * @throws 400 for a malformed cursor.
 */
export async function listJobs(
  deps: { store: JobStore; db: Db },
  viewer: Viewer,
  q: z.output<typeof jobListQuerySchema>,
): Promise<JobHistoryPage> {
  const key = q.cursor ? decodeKeysetCursor(q.cursor) : undefined;
  const after = key && { createdAt: key.at, id: key.id };
  const ownerId = ownerScope(viewer, q.ownerId);
  if (ownerId === null) return { jobs: [], nextCursor: null, total: 0, planTitles: {} };
  const { rows, total } = await deps.store.page(
    {
      ownerId,
      planId: q.planId,
      parentJobId: q.parentJobId,
      jobType: q.jobType,
      status: q.status,
      idPrefix: q.q,
      createdFrom: q.from ? new Date(q.from) : undefined,
      createdBefore: q.to ? new Date(q.to) : undefined,
    },
    after,
    q.limit + 1,
  );
  const more = rows.length > q.limit;
  const jobs = more ? rows.slice(0, q.limit) : rows;
  const planIds = [...new Set(jobs.flatMap((j) => (j.planId ? [j.planId] : [])))];
  return {
    jobs: jobs.map(toJobDto),
    nextCursor: more ? encodeKeysetCursor(jobs.at(-1)!.createdAt, jobs.at(-1)!.id) : null,
    total,
    planTitles: await planTitlesOf(deps.db, planIds),
  };
}

/**
 * GET /api/job-facets: the options of the /jobs owner and plan filters.
 * Support: every owner of a job (most recently active first, ≤ 200) and every
 * plan (or `ownerId`'s, most recently changed first, ≤ 500); a user: only
 * themselves and their own plans (another `ownerId` matches nothing).
 */
export async function getJobFacets(db: Db, viewer: Viewer, q: z.output<typeof jobFacetsQuerySchema>): Promise<JobFacets> {
  const plansOf = ownerScope(viewer, q.ownerId);
  if (plansOf === null) return { owners: await listJobOwners(db, viewer.userId, 1), plans: [] };
  const [owners, plans] = await Promise.all([
    listJobOwners(db, viewer.role === "support" ? null : viewer.userId, OWNER_FACET_LIMIT),
    listPlanFacets(db, plansOf ?? null, PLAN_FACET_LIMIT),
  ]);
  return { owners, plans };
}

/** GET /api/jobs/{id}: the job and its latest ≤ 200 events. @throws 404. */
export async function getJobSnapshot(store: JobStore, viewer: Viewer, jobId: string): Promise<JobSnapshot> {
  const job = await requireJob(store, viewer, jobId);
  const events = (await store.eventsBefore(jobId, job.lastSeq + 1, SNAPSHOT_EVENTS)).map(toEventDto);
  const firstSeq = events[0]?.seq ?? job.lastSeq;
  return { job: toJobDto(job), events, firstSeq, lastSeq: job.lastSeq, hasEarlier: firstSeq > 1 };
}

/**
 * GET /api/jobs/{id}/events: a page after `after` (ascending; the polling
 * fallback) or before `before` (older history). `lastSeq` is the job's. @throws 404.
 */
export async function getJobEvents(
  store: JobStore,
  viewer: Viewer,
  jobId: string,
  q: { after?: number; before?: number; limit: number },
): Promise<JobEventsPage> {
  // Job first: its lastSeq bounds the page, so a page never claims more than exists.
  const job = await requireJob(store, viewer, jobId);
  let events: JobEventDto[];
  let hasMore: boolean;
  if (q.before !== undefined) {
    events = (await store.eventsBefore(jobId, q.before, q.limit)).map(toEventDto);
    hasMore = (events[0]?.seq ?? 1) > 1;
  } else {
    const after = q.after ?? 0;
    events = (await store.eventsAfter(jobId, after, q.limit)).map(toEventDto);
    hasMore = (events.at(-1)?.seq ?? after) < job.lastSeq;
  }
  return { job: toJobDto(job), events, lastSeq: job.lastSeq, hasMore };
}
