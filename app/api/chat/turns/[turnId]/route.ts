// GET /api/chat/turns/{turnId} – one streamed turn's status
import { requireTurn, toTurnDto } from "@/lib/server/chat/turn-service";
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";

export const GET = withRoute<{ turnId: string }>(async ({ viewer, params }) => Response.json({ turn: toTurnDto(await requireTurn(getDeps().db, viewer, params.turnId)) }));
