// GET /api/session – who the caller is: `{userId, role, supportSignIn}` (supportSignIn: a SUPPORT_TOKEN is configured)
import { env } from "@/lib/server/env";
import { withRoute } from "@/lib/server/http/route";
import type { SessionDto } from "@/lib/shared/session";

export const GET = withRoute(async ({ viewer }) =>
  Response.json({ userId: viewer.userId, role: viewer.role, supportSignIn: !!env().SUPPORT_TOKEN } satisfies SessionDto, {
    headers: { "Cache-Control": "no-store" },
  }),
);
