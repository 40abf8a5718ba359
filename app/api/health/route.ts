// GET /api/health – liveness plus a database round trip
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";

export const GET = withRoute(async () => {
  const started = performance.now();
  await getDeps().store.ping();
  return Response.json({ status: "ok", database: "ok", dbMs: Math.round(performance.now() - started) });
});
