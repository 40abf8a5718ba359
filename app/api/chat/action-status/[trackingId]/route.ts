// GET /api/chat/action-status/{trackingId} – live status of one message's actions
import { getActionStatus } from "@/lib/server/chat/queries";
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";

export const GET = withRoute<{ trackingId: string }>(async ({ viewer, params }) =>
  Response.json(await getActionStatus(getDeps(), viewer, params.trackingId)),
);
