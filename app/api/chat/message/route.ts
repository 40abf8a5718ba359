// POST /api/chat/message – two-phase chat: reply and pending jobs now, work in the background
import { sendMessageSchema } from "@/lib/shared/chat";
import { getRunner } from "@/lib/server/boot";
import { sendMessage } from "@/lib/server/chat/send-message";
import { getDeps } from "@/lib/server/deps";
import { readJson, withRoute } from "@/lib/server/http/route";

export const POST = withRoute(async ({ request, session }) => {
  const input = await readJson(request, sendMessageSchema);
  const { status, body, timing } = await sendMessage(getDeps(), getRunner(), session, input);
  return Response.json(body, {
    status,
    headers: { "Server-Timing": `model;dur=${timing.modelMs.toFixed(1)}, app;dur=${timing.serverMs.toFixed(1)}` },
  });
});
