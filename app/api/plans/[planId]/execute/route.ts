// POST /api/plans/{planId}/execute – run the plan (or one task's subtree) with tools in a background job (202 {runId, jobId})
import { executePlanSchema } from "@/lib/shared/runs";
import { getDeps } from "@/lib/server/deps";
import { limit } from "@/lib/server/http/rate-limit";
import { readJson, withRoute } from "@/lib/server/http/route";
import { startRun } from "@/lib/server/runs/run-service";

export const POST = withRoute<{ planId: string }>(async ({ request, viewer, params }) => {
  await limit(request, viewer, "execute");
  const body = await readJson(request, executePlanSchema, undefined, { allowEmpty: true });
  return Response.json(await startRun(getDeps(), viewer, params.planId, body.taskId), { status: 202 });
});
