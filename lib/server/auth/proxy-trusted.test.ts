// proxy.ts behind one trusted TLS proxy (TRUST_PROXY_HOPS=1): Secure cookies,
// HSTS and upgrade-insecure-requests from X-Forwarded-Proto, the site's origin
// from X-Forwarded-Host.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

// env() is read lazily, on the first request below.
process.env.TRUST_PROXY_HOPS = "1";

const behindProxy = (init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest("http://10.0.0.5:3000/", {
    method: init.method ?? "GET",
    headers: { host: "10.0.0.5:3000", "x-forwarded-proto": "https", "x-forwarded-host": "plans.example.org", ...init.headers },
  });

describe("behind a trusted TLS proxy", () => {
  it("the session cookie is Secure; HSTS and upgrade-insecure-requests are sent", () => {
    const res = proxy(behindProxy());
    expect(res.headers.getSetCookie()[0]).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Secure; Max-Age=31536000$/);
    expect(res.headers.get("strict-transport-security")).toBe("max-age=15552000");
    expect(res.headers.get("content-security-policy")).toMatch(/; upgrade-insecure-requests$/);
  });

  it("a write from the public origin passes; one from the internal address or elsewhere is refused", () => {
    expect(proxy(behindProxy({ method: "POST", headers: { origin: "https://plans.example.org" } })).status).toBe(200);
    expect(proxy(behindProxy({ method: "POST", headers: { origin: "http://10.0.0.5:3000" } })).status).toBe(403);
    expect(proxy(behindProxy({ method: "POST", headers: { origin: "https://evil.example" } })).status).toBe(403);
  });

  it("a client's own X-Forwarded-Proto before the proxy's entry is ignored", () => {
    const res = proxy(behindProxy({ headers: { "x-forwarded-proto": "https, http" } }));
    expect(res.headers.getSetCookie()[0]).not.toContain("Secure");
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });
});
