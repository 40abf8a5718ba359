// POST /api/session/support {token} – the sign-in form: a correct SUPPORT_TOKEN
// gives this session the support role (signed cookie, 12 h). DELETE signs out.
// Both rotate the session cookie (same user id, new value) and bind the support
// cookie to the new value, so a session value captured before sign-in never
// carries the role and a support cookie kept after sign-out no longer works
// with the browser's session (OWASP ASVS V3.2.1, V3.3.1). Both are audited (docs/audit.md).
import { auditSignIn, auditSignOut } from "@/lib/server/audit/session-audit";
import { clearSupportCookieHeader, isSupportToken, rotateSession, supportCookieHeader } from "@/lib/server/auth/session";
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
  const rotated = rotateSession(viewer.userId, request);
  // This response sets the session cookie itself; withRoute must not append a second (minted) one.
  viewer.isNew = false;
  const body: SessionDto = { userId: viewer.userId, role: "support", supportSignIn: true };
  const headers = new Headers({ "Cache-Control": "no-store" });
  headers.append("Set-Cookie", rotated.setCookie);
  headers.append("Set-Cookie", supportCookieHeader(rotated.session, request));
  return Response.json(body, { headers });
});

export const DELETE = withRoute(async ({ request, viewer }) => {
  await auditSignOut(getDeps().db, request, viewer);
  const rotated = rotateSession(viewer.userId, request);
  viewer.isNew = false;
  const body: SessionDto = { userId: viewer.userId, role: "user", supportSignIn: !!env().SUPPORT_TOKEN };
  const headers = new Headers({ "Cache-Control": "no-store" });
  headers.append("Set-Cookie", rotated.setCookie);
  headers.append("Set-Cookie", clearSupportCookieHeader(request));
  return Response.json(body, { headers });
});
