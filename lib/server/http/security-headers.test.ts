// The page CSP (nonce, strict-dynamic, dev-only eval, https-only upgrade) and the common headers.
import { describe, expect, it } from "vitest";
import { baseSecurityHeaders, newNonce, pageContentSecurityPolicy } from "./security-headers";

describe("pageContentSecurityPolicy", () => {
  it("production over HTTP: nonce scripts only, no eval, no upgrade", () => {
    expect(pageContentSecurityPolicy("abc", { dev: false, https: false })).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
  });

  it("development adds 'unsafe-eval' to scripts; HTTPS adds upgrade-insecure-requests", () => {
    expect(pageContentSecurityPolicy("n", { dev: true, https: false })).toContain("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval';");
    expect(pageContentSecurityPolicy("n", { dev: false, https: true }).endsWith("; upgrade-insecure-requests")).toBe(true);
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, different each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});

describe("baseSecurityHeaders", () => {
  it("has the fixed headers, and HSTS only over HTTPS", () => {
    const plain = baseSecurityHeaders({ https: false });
    expect(plain).toEqual({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    expect(baseSecurityHeaders({ https: true })["Strict-Transport-Security"]).toBe("max-age=15552000");
  });
});
