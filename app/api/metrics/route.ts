// GET /api/metrics – Prometheus text format
import { getRunner } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";
import { renderMetrics } from "@/lib/server/ops/metrics";

export const GET = withRoute(async () =>
  new Response(await renderMetrics(getDeps(), getRunner()), { headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" } }),
);
