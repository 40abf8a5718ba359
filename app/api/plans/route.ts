// GET /api/plans – the caller's plans
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";
import { listPlans } from "@/lib/server/plans/plan-queries";

export const GET = withRoute(async ({ viewer }) => Response.json({ plans: await listPlans(getDeps().db, viewer) }));
