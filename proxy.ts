// Next.js 16 proxy (formerly middleware; always the Node.js runtime): runs
// before every route and page. It refuses cross-site writes (CSRF), mints the
// anonymous session cookie once per visitor, and puts the security headers
// (CSP with a per-request nonce) on every answer. docs/security.md.
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { csrfRejectedResponse, csrfRejection } from "@/lib/server/auth/csrf";
import { SESSION_COOKIE, isHttps, readSessionCookie, sessionCookieHeader, signSessionValue } from "@/lib/server/auth/session";
import { env } from "@/lib/server/env";
import { API_CONTENT_SECURITY_POLICY, baseSecurityHeaders, newNonce, pageContentSecurityPolicy } from "@/lib/server/http/security-headers";

/** Request header carrying the page's CSP nonce to the layout (Next.js docs, "Content Security Policy"). */
export const NONCE_HEADER = "x-nonce";

/** Build output and files that need neither a session nor a page policy. */
const isAsset = (path: string) => path.startsWith("/_next/static/") || path.startsWith("/_next/image") || path === "/favicon.ico";

/** `cookieHeader` with cookie `name` set to `value` (replacing a forged or stale one). */
export function replaceCookie(cookieHeader: string | null, name: string, value: string): string {
  const others = (cookieHeader ?? "")
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p !== "" && p.slice(0, p.indexOf("=")).trim() !== name);
  return [...others, `${name}=${value}`].join("; ");
}

/**
 * The proxy. In order:
 * 1. a state-changing request from another site answers 403 `csrf_rejected`
 *    before any route runs (lib/server/auth/csrf.ts), so nothing is written;
 * 2. without a valid `ps_session` cookie, a session is minted here: the signed
 *    value is forwarded to the route in the request's Cookie header (the route
 *    and the page see the same id) and set on the response, so a visitor's first
 *    page sets the cookie before the page's parallel API calls go out;
 * 3. security headers (lib/server/http/security-headers.ts): a nonce CSP for
 *    pages (the nonce also goes to the page as the `x-nonce` request header and
 *    in the request's CSP header, where Next.js looks for it), a no-content CSP
 *    for API answers, and the common headers on everything.
 */
export function proxy(request: NextRequest): Response {
  const e = env();
  const path = request.nextUrl.pathname;
  const https = isHttps(request);
  const common = baseSecurityHeaders({ https });

  const refused = csrfRejection(request, e.TRUST_PROXY_HOPS);
  if (refused) {
    const response = csrfRejectedResponse(refused);
    for (const [k, v] of Object.entries(common)) response.headers.set(k, v);
    response.headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
    return response;
  }

  if (isAsset(path)) {
    const response = NextResponse.next();
    for (const [k, v] of Object.entries(common)) response.headers.set(k, v);
    return response;
  }

  const requestHeaders = new Headers(request.headers);
  let setCookie: string | undefined;
  if (!readSessionCookie(request)) {
    const userId = randomUUID();
    const value = signSessionValue(userId);
    requestHeaders.set("cookie", replaceCookie(request.headers.get("cookie"), SESSION_COOKIE, encodeURIComponent(value)));
    setCookie = sessionCookieHeader(userId, request, value);
  }

  let csp = API_CONTENT_SECURITY_POLICY;
  if (!path.startsWith("/api/")) {
    const nonce = newNonce();
    csp = pageContentSecurityPolicy(nonce, { dev: e.NODE_ENV === "development", https });
    requestHeaders.set(NONCE_HEADER, nonce);
    requestHeaders.set("content-security-policy", csp);
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(common)) response.headers.set(k, v);
  response.headers.set("Content-Security-Policy", csp);
  if (setCookie) response.headers.append("Set-Cookie", setCookie);
  return response;
}
