// GET /api/plans/{planId}/runs – the plan's runs, newest first
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";
import { listPlanRuns } from "@/lib/server/runs/run-service";

export const GET = withRoute<{ planId: string }>(async ({ viewer, params }) => Response.json(await listPlanRuns(getDeps(), viewer, params.planId)));
