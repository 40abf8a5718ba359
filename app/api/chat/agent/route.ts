// POST /api/chat/agent – streamed chat turn: typed SSE events while the reply types out, actions as jobs.
// With an Idempotency-Key a repeat starts nothing: it streams the first request's turn from its start.
import { chatAgentSchema } from "@/lib/shared/chat-stream";
import { followTurn } from "@/lib/server/chat/turn-follow";
import { getTurnHub } from "@/lib/server/chat/turn-hub";
import { beginTurn } from "@/lib/server/chat/turn-service";
import { getDeps } from "@/lib/server/deps";
import { env } from "@/lib/server/env";
import { runOnce } from "@/lib/server/http/idempotency";
import { limit } from "@/lib/server/http/rate-limit";
import { readJson, withRoute } from "@/lib/server/http/route";
import { sseResponse } from "@/lib/server/http/sse";

export const POST = withRoute(async ({ request, viewer }) => {
  const at = { t0: performance.now(), requestedAt: new Date() };
  const input = await readJson(request, chatAgentSchema);
  await limit(request, viewer, "chat", "stream");
  const deps = getDeps();
  const { result, replayed } = await runOnce(deps.db, { request, userId: viewer.userId, route: "POST /api/chat/agent", input }, async () => ({
    status: 200,
    body: { turnId: await beginTurn(deps, viewer, input, at) },
  }));
  const { turnId } = result.body as { turnId: string };
  // The stream follows the turn; closing it does not stop the turn (resume: GET /api/chat/turns/{turnId}/stream).
  const response = sseResponse(request, {
    heartbeatMs: input.heartbeatMs ?? env().SSE_HEARTBEAT_MS,
    run: (sink) => followTurn({ db: deps.db, hub: getTurnHub() }, sink, turnId, 0),
  });
  if (replayed) response.headers.set("Idempotent-Replayed", "true");
  return response;
});
