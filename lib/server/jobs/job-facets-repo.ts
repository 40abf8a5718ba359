import "server-only";
import type { OwnerFacet, PlanFacet } from "@/lib/shared/jobs";
import type { Db } from "../db/client.ts";

/** Titles of the plans among `planIds` that exist, by id (no ownership check: the caller filtered the jobs). */
export async function planTitlesOf(db: Db, planIds: string[]): Promise<Record<string, string>> {
  if (planIds.length === 0) return {};
  const rows = await db.plan.findMany({ where: { id: { in: planIds } }, select: { id: true, title: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.title]));
}

/**
 * Owners of jobs (`ownerId` given: that owner only) with their job count and
 * newest job's creation time, most recently active first, at most `limit`.
 */
export async function listJobOwners(db: Db, ownerId: string | null, limit: number): Promise<OwnerFacet[]> {
  const groups = await db.job.groupBy({
    by: ["ownerId"],
    where: ownerId ? { ownerId } : {},
    _count: { _all: true },
    _max: { createdAt: true },
    orderBy: { _max: { createdAt: "desc" } },
    take: limit,
  });
  return groups.map((g) => ({ id: g.ownerId, jobs: g._count._all, lastJobAt: g._max.createdAt?.toISOString() ?? null }));
}

/** Plans (`ownerId` given: that owner's), most recently changed first, at most `limit`. */
export async function listPlanFacets(db: Db, ownerId: string | null, limit: number): Promise<PlanFacet[]> {
  const rows = await db.plan.findMany({
    where: ownerId ? { ownerId } : {},
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, title: true, ownerId: true, updatedAt: true },
  });
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}
