// GET /api/plans/{planId}/stream – SSE: a `plan` frame whenever the plan's tree changes (the plan views refetch on it)
import { getDeps } from "@/lib/server/deps";
import { env } from "@/lib/server/env";
import { limit } from "@/lib/server/http/rate-limit";
import { withRoute } from "@/lib/server/http/route";
import { sseResponse } from "@/lib/server/http/sse";
import { followPlan } from "@/lib/server/plans/plan-changes";
import { getPlan } from "@/lib/server/plans/plan-queries";

export const GET = withRoute<{ planId: string }>(async ({ request, viewer, params }) => {
  const deps = getDeps();
  await getPlan(deps.db, viewer, params.planId); // 404 before the stream opens
  await limit(request, viewer, "stream");
  return sseResponse(request, { heartbeatMs: env().SSE_HEARTBEAT_MS, run: (sink) => followPlan(deps, sink, params.planId) });
});
