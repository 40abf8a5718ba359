// POST /api/chat/message – two-phase chat: reply and pending jobs now, work in the background
import { sendMessageSchema } from "@/lib/shared/chat";
import { sendMessage } from "@/lib/server/chat/send-message";
import { getDeps } from "@/lib/server/deps";
import { idempotent } from "@/lib/server/http/idempotency";
import { limit } from "@/lib/server/http/rate-limit";
import { readJson, withRoute } from "@/lib/server/http/route";

export const POST = withRoute(async ({ request, viewer }) => {
  await limit(request, viewer, "chat");
  const input = await readJson(request, sendMessageSchema);
  const deps = getDeps();
  return idempotent(deps.db, { request, userId: viewer.userId, route: "POST /api/chat/message", input }, async () => {
    const { status, body, timing } = await sendMessage(deps, viewer, input);
    return {
      status,
      body,
      headers: { "Server-Timing": `model;dur=${timing.modelMs.toFixed(1)}, app;dur=${timing.serverMs.toFixed(1)}` },
    };
  });
});
