// POST /api/chat/turns/{turnId}/stop – stop a turn: keep its partial reply (marked stopped), dispatch no actions
import { requestStop } from "@/lib/server/chat/turn-service";
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";

export const POST = withRoute<{ turnId: string }>(async ({ viewer, params }) => Response.json(await requestStop(getDeps().db, viewer, params.turnId)));
