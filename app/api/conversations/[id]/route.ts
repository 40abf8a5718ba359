// GET /api/conversations/{id} – one conversation with its messages and their metadata
// PATCH /api/conversations/{id} {title} – the owner renames it; from then on its plans no longer set the title
// DELETE /api/conversations/{id} – the owner deletes it with its messages, plans, jobs, runs, artifacts and turns (409 while work is in flight)
import { deleteConversation } from "@/lib/server/chat/delete-conversation";
import { getConversation, renameConversationTitle } from "@/lib/server/chat/queries";
import { getDeps } from "@/lib/server/deps";
import { limit } from "@/lib/server/http/rate-limit";
import { readJson, withRoute } from "@/lib/server/http/route";
import { renameConversationSchema, type ConversationDto } from "@/lib/shared/chat";

export const GET = withRoute<{ id: string }>(async ({ viewer, params }) =>
  Response.json(await getConversation(getDeps().db, viewer, params.id)),
);

export const PATCH = withRoute<{ id: string }>(async ({ request, viewer, params }) => {
  const input = await readJson(request, renameConversationSchema);
  const body: { conversation: ConversationDto } = { conversation: await renameConversationTitle(getDeps().db, viewer, params.id, input) };
  return Response.json(body);
});

export const DELETE = withRoute<{ id: string }>(async ({ request, viewer, params }) => {
  await limit(request, viewer, "delete");
  return Response.json({ deleted: await deleteConversation(getDeps().db, viewer, params.id) });
});
