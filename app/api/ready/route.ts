// GET /api/ready – readiness: database reachable, migrations applied, job runner alive (503 with what failed)
import { isStopping } from "@/lib/server/boot";
import { getApp } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";
import { checkReadiness } from "@/lib/server/ops/readiness";

export const GET = withRoute(async () => {
  const { deps, runner } = getApp();
  const readiness = await checkReadiness(deps, runner, isStopping());
  return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
