// GET /api/plans/{planId} – a plan and its task tree
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";
import { getPlan } from "@/lib/server/plans/plan-queries";

export const GET = withRoute<{ planId: string }>(async ({ viewer, params }) =>
  Response.json(await getPlan(getDeps().db, viewer, params.planId)),
);
