// GET /api/conversations – the caller's conversations, newest first
import { listConversations } from "@/lib/server/chat/queries";
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";

export const GET = withRoute(async ({ viewer }) => Response.json({ conversations: await listConversations(getDeps().db, viewer) }));
