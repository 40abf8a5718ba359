// GET /api/chat/turns?conversationId=&status= – a conversation's streamed turns, newest first
import { turnListQuerySchema } from "@/lib/shared/chat-stream";
import { listTurns } from "@/lib/server/chat/turn-service";
import { getDeps } from "@/lib/server/deps";
import { readQuery, withRoute } from "@/lib/server/http/route";

export const GET = withRoute(async ({ request, viewer }) => Response.json(await listTurns(getDeps().db, viewer, readQuery(request, turnListQuerySchema))));
