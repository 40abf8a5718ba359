// POST /api/session/support {token} – the sign-in form: a correct SUPPORT_TOKEN
// gives this session the support role (signed cookie, 12 h). DELETE signs out.
import { auditSignIn, auditSignOut } from "@/lib/server/audit/session-audit";
import { clearSupportCookieHeader, isSupportToken, supportCookieHeader } from "@/lib/server/auth/session";
import { getDeps } from "@/lib/server/deps";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { limit } from "@/lib/server/http/rate-limit";
import { readJson, withRoute } from "@/lib/server/http/route";
import { supportSignInSchema, type SessionDto } from "@/lib/shared/session";

export const POST = withRoute(async ({ request, viewer }) => {
  await limit(request, viewer, "signin");
  const { token } = await readJson(request, supportSignInSchema);
  if (!env().SUPPORT_TOKEN) throw new AppError("support_disabled", 403, "Support sign-in is not enabled on this server (SUPPORT_TOKEN is not set)");
  const granted = isSupportToken(token);
  await auditSignIn(getDeps().db, request, viewer, granted); // fails closed (docs/audit.md)
  if (!granted) throw new AppError("wrong_token", 401, "Wrong support token");
  const body: SessionDto = { userId: viewer.userId, role: "support", supportSignIn: true };
  return Response.json(body, { headers: { "Set-Cookie": supportCookieHeader(viewer.userId), "Cache-Control": "no-store" } });
});

export const DELETE = withRoute(async ({ request, viewer }) => {
  await auditSignOut(getDeps().db, request, viewer);
  const body: SessionDto = { userId: viewer.userId, role: "user", supportSignIn: !!env().SUPPORT_TOKEN };
  return Response.json(body, { headers: { "Set-Cookie": clearSupportCookieHeader(), "Cache-Control": "no-store" } });
});
