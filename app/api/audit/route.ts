// GET /api/audit?action=&actor=&since=&until=&cursor=&limit= – the audit log, newest first (support only; docs/audit.md)
import { auditQuerySchema } from "@/lib/shared/audit";
import { queryAudit } from "@/lib/server/audit/audit-log";
import { getDeps } from "@/lib/server/deps";
import { AppError } from "@/lib/server/errors";
import { readQuery, withRoute } from "@/lib/server/http/route";

export const GET = withRoute(async ({ request, viewer }) => {
  if (viewer.role !== "support") throw new AppError("forbidden", 403, "Only support can read the audit log");
  const page = await queryAudit(getDeps().db, readQuery(request, auditQuerySchema));
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
});
