import "server-only";
import type { PlanDto, PlanTree } from "@/lib/shared/plans";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { findPlan, getPlanTree, toPlanDto } from "./plans-repo.ts";

type Viewer = { userId: string; role: string };

/** GET /api/plans: the viewer's plans, most recently changed first. */
export async function listPlans(db: Db, viewer: Viewer): Promise<PlanDto[]> {
  const rows = await db.plan.findMany({ where: { ownerId: viewer.userId }, orderBy: { updatedAt: "desc" }, take: 100 });
  return rows.map(toPlanDto);
}

/** GET /api/plans/{planId}: `{plan, tasks}` as a tree. @throws 404 (unknown or not the viewer's). */
export async function getPlan(db: Db, viewer: Viewer, planId: string): Promise<PlanTree> {
  const plan = await findPlan(db, planId, viewer);
  if (!plan) throw AppError.notFound("Plan");
  return getPlanTree(db, plan);
}
