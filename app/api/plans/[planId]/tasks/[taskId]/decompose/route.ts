// POST /api/plans/{planId}/tasks/{taskId}/decompose – split one task in a background job (202 {jobId, job})
import { getDeps } from "@/lib/server/deps";
import { limit } from "@/lib/server/http/rate-limit";
import { withRoute } from "@/lib/server/http/route";
import { decomposeTask } from "@/lib/server/plans/edit-plan";

export const POST = withRoute<{ planId: string; taskId: string }>(async ({ request, viewer, params }) => {
  await limit(request, viewer, "decompose");
  return Response.json(await decomposeTask(getDeps(), viewer, params.planId, params.taskId), { status: 202 });
});
