// POST /api/runs/{runId}/approvals/{callId} – approve or deny a tool call waiting for a person
import { approvalDecisionSchema } from "@/lib/shared/runs";
import { getDeps } from "@/lib/server/deps";
import { readJson, withRoute } from "@/lib/server/http/route";
import { decideToolCall } from "@/lib/server/runs/run-service";

export const POST = withRoute<{ runId: string; callId: string }>(async ({ request, viewer, params }) => {
  const { approve } = await readJson(request, approvalDecisionSchema);
  return Response.json(await decideToolCall(getDeps(), viewer, params.runId, params.callId, approve));
});
