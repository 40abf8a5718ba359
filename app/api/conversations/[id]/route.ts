// GET /api/conversations/{id} – one conversation with its messages and their metadata
import { getConversation } from "@/lib/server/chat/queries";
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";

export const GET = withRoute<{ id: string }>(async ({ viewer, params }) =>
  Response.json(await getConversation(getDeps().db, viewer, params.id)),
);
