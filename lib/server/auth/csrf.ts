import "server-only";
import { forwardedValue, isHttps } from "./session.ts";

/** Methods that change state and so must come from this site's own pages. */
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The origin this request was addressed to, `scheme://host[:port]`: the
 * scheme from isHttps (the URL or a trusted `X-Forwarded-Proto`), the host from
 * `X-Forwarded-Host` when `hops` > 0 trusted proxies stand in front (the
 * entry their outermost one wrote), else from `Host`, else from the URL.
 * Null when the host does not parse.
 */
export function requestOrigin(request: Request, hops: number): string | null {
  const host = forwardedValue(request.headers.get("x-forwarded-host"), hops) ?? request.headers.get("host") ?? new URL(request.url).host;
  try {
    return new URL(`${isHttps(request, hops) ? "https" : "http"}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * Cross-site request forgery check for one request (OWASP CSRF Prevention
 * Cheat Sheet: "Verifying Origin With Standard Headers" and "Fetch Metadata").
 * Safe methods (GET, HEAD, OPTIONS) always pass. A state-changing request
 * passes when its `Origin` equals the request's own origin (requestOrigin);
 * without `Origin`, when `Sec-Fetch-Site` is `same-origin` or `none` (typed
 * into the address bar, a bookmark). With neither header it passes: browsers
 * send `Origin` on every cross-site POST/PUT/PATCH/DELETE (and `Sec-Fetch-Site`
 * on every request since 2023), so a request carrying neither comes from a
 * non-browser client (curl, a server, a test) that holds its own cookie and
 * cannot be driven by another site. `Origin: null` (sandboxed frames, privacy
 * redirects) is rejected.
 * @returns null when allowed, else the reason (for the 403 message).
 */
export function csrfRejection(request: Request, hops: number): string | null {
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return null;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    const own = requestOrigin(request, hops);
    let sent: string | null;
    try {
      sent = origin === "null" ? null : new URL(origin).origin;
    } catch {
      sent = null;
    }
    return own !== null && sent === own ? null : `Cross-origin request refused: Origin ${JSON.stringify(origin)} is not this site (${own ?? "unknown host"})`;
  }
  const site = request.headers.get("sec-fetch-site");
  if (site === null || site === "same-origin" || site === "none") return null;
  return `Cross-site request refused (Sec-Fetch-Site: ${site})`;
}

/** The 403 answer to a refused request: `{"error":{"code":"csrf_rejected","message"}}`. */
export function csrfRejectedResponse(message: string): Response {
  return Response.json({ error: { code: "csrf_rejected", message } }, { status: 403, headers: { "Cache-Control": "no-store" } });
}
