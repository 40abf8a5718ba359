import "server-only";
import type { PlanDto, PlanTree } from "@/lib/shared/plans";
import { auditSupportAccess } from "../audit/support-audit.ts";
import { canRead, type Viewer } from "../auth/viewer.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { findPlanById, getPlanTree, listPlansOf, toPlanDto } from "./plans-repo.ts";

/** Plans listed at most. */
const PLAN_LIST_LIMIT = 100;

/** GET /api/plans: the viewer's plans (support: everyone's), most recently changed first. */
export async function listPlans(db: Db, viewer: Viewer): Promise<PlanDto[]> {
  return (await listPlansOf(db, viewer.role === "support" ? null : viewer.userId, PLAN_LIST_LIMIT)).map(toPlanDto);
}

/** GET /api/plans/{planId}: `{plan, tasks}` as a tree. @throws 404 (unknown or not the viewer's); 503 when support's audit entry cannot be written. */
export async function getPlan(db: Db, viewer: Viewer, planId: string): Promise<PlanTree> {
  const plan = await findPlanById(db, planId);
  if (!plan || !canRead(viewer, plan.ownerId)) throw AppError.notFound("Plan");
  await auditSupportAccess(db, viewer, { type: "plan", id: plan.id, ownerId: plan.ownerId });
  return getPlanTree(db, plan);
}
