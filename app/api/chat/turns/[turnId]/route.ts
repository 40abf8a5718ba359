// GET /api/chat/turns/{turnId} – one streamed turn's status
import { requireTurn, toTurnDto } from "@/lib/server/chat/turn-service";
import { auditSupportAccess } from "@/lib/server/audit/support-audit";
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";

export const GET = withRoute<{ turnId: string }>(async ({ request, viewer, params }) => {
  const db = getDeps().db;
  const turn = await requireTurn(db, viewer, params.turnId);
  await auditSupportAccess(db, viewer, { type: "turn", id: turn.id, ownerId: turn.ownerId }, { request });
  return Response.json({ turn: toTurnDto(turn) });
});
