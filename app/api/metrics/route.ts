// GET /api/metrics – Prometheus text format (Bearer METRICS_TOKEN when one is configured)
import { getApp } from "@/lib/server/deps";
import { env } from "@/lib/server/env";
import { withRoute } from "@/lib/server/http/route";
import { METRICS_CONTENT_TYPE, renderMetrics } from "@/lib/server/ops/metrics";
import { requireMetricsToken } from "@/lib/server/ops/metrics-auth";

export const GET = withRoute(async ({ request }) => {
  requireMetricsToken(request, env().METRICS_TOKEN);
  return new Response(await renderMetrics(getApp()), { headers: { "Content-Type": METRICS_CONTENT_TYPE, "Cache-Control": "no-store" } });
});
