// POST /api/jobs/{jobId}/resume – a cancelled or failed decomposition continues in a new job with the tasks not yet split (202 {jobId, job})
import { resumeDecomposition } from "@/lib/server/chat/resume-decomposition";
import { getDeps } from "@/lib/server/deps";
import { limit } from "@/lib/server/http/rate-limit";
import { withRoute } from "@/lib/server/http/route";

export const POST = withRoute<{ jobId: string }>(async ({ request, viewer, params }) => {
  await limit(request, viewer, "decompose");
  return Response.json(await resumeDecomposition(getDeps(), viewer, params.jobId), { status: 202 });
});
