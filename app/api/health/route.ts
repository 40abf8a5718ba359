// GET /api/health – liveness: the process answers (no database; readiness is GET /api/ready)
import { withRoute } from "@/lib/server/http/route";

export const GET = withRoute(async () => Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }));
