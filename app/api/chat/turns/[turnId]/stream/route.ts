// GET /api/chat/turns/{turnId}/stream – SSE of a turn's events from the Last-Event-ID / ?after= cursor (resume; a finished turn replays and closes)
import { auditSupportAccess } from "@/lib/server/audit/support-audit";
import { followTurn } from "@/lib/server/chat/turn-follow";
import { getTurnHub } from "@/lib/server/chat/turn-hub";
import { requireTurn, turnCursor } from "@/lib/server/chat/turn-service";
import { getDeps } from "@/lib/server/deps";
import { env } from "@/lib/server/env";
import { limit } from "@/lib/server/http/rate-limit";
import { withRoute } from "@/lib/server/http/route";
import { sseResponse } from "@/lib/server/http/sse";

export const GET = withRoute<{ turnId: string }>(async ({ request, viewer, params }) => {
  const deps = getDeps();
  const turn = await requireTurn(deps.db, viewer, params.turnId);
  const cursor = turnCursor(request);
  await limit(request, viewer, "stream");
  await auditSupportAccess(deps.db, viewer, { type: "turn", id: turn.id, ownerId: turn.ownerId }, { request, details: { view: "stream" } });
  return sseResponse(request, {
    heartbeatMs: env().SSE_HEARTBEAT_MS,
    run: (sink) => followTurn({ db: deps.db, hub: getTurnHub() }, sink, params.turnId, cursor),
  });
});
