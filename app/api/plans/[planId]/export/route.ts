// GET /api/plans/{planId}/export?format=md|json – the plan as a Markdown checklist or its JSON tree
import { getDeps } from "@/lib/server/deps";
import { readQuery, withRoute } from "@/lib/server/http/route";
import { planToMarkdown } from "@/lib/server/plans/plan-export";
import { getPlan } from "@/lib/server/plans/plan-queries";
import { planExportQuerySchema } from "@/lib/shared/plans";

export const GET = withRoute<{ planId: string }>(async ({ request, viewer, params }) => {
  const { format } = readQuery(request, planExportQuerySchema);
  const tree = await getPlan(getDeps().db, viewer, params.planId);
  const name = `plan-${tree.plan.id}.${format}`;
  const headers = { "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" };
  if (format === "json") return Response.json(tree, { headers });
  return new Response(planToMarkdown(tree), { headers: { ...headers, "Content-Type": "text/markdown; charset=utf-8" } });
});
