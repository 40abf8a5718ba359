import "server-only";
import { randomBytes } from "node:crypto";

/** A fresh CSP nonce: 128 random bits, base64 (CSP3 `nonce-source`). */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy of an HTML page, with its per-request `nonce`
 * (Next.js reads it from the request's CSP header and puts it on its own
 * scripts; the layout puts it on the theme script). Scripts: only nonced ones
 * and what they load (`'strict-dynamic'`, the "strict CSP" of CSP3 and
 * web.dev); `'unsafe-eval'` only when `dev` (React's dev build needs it).
 * Styles: `'self' 'unsafe-inline'`. antd's CSS-in-JS accepts a nonce
 * (ConfigProvider `csp`), but the rc-component helpers it uses insert
 * `<style>` elements without one (Modal's scroll lock, Table's scrollbar
 * measure: @rc-component/util updateCSS without `csp`), and React and antd
 * render `style="…"` attributes that no nonce can cover; with a nonce in
 * style-src those would be blocked (a modal would not lock the page).
 * Inline styles cannot run script; what renders data is text (docs/security.md).
 * `upgrade-insecure-requests` only when served over HTTPS (`https`).
 */
export function pageContentSecurityPolicy(nonce: string, { dev, https }: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * The policy of every API answer (JSON, streams, exports, artifacts): nothing
 * may load, nothing may frame it, and opened as a document it is sandboxed (no
 * script, unique origin). It replaces a route's own CSP (Next.js applies the
 * proxy's response headers over the route's), so it includes the `sandbox`
 * an artifact viewed inline needs.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

/**
 * Headers on every response (OWASP Secure Headers Project): no MIME sniffing,
 * no framing (legacy browsers; CSP `frame-ancestors` for the rest), the
 * referrer only as the origin across sites, no powerful features, a separate
 * browsing context group. `https` adds HSTS (180 days).
 */
export function baseSecurityHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=15552000" } : {}),
  };
}
