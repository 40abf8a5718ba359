// GET /api/metrics – Prometheus text format
import { getApp } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";
import { renderMetrics } from "@/lib/server/ops/metrics";

export const GET = withRoute(async () =>
  new Response(await renderMetrics(getApp()), { headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" } }),
);
