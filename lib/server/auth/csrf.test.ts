// The CSRF rule: state-changing requests must be same-origin (Origin, else Sec-Fetch-Site).
import { describe, expect, it } from "vitest";
import { csrfRejectedResponse, csrfRejection, requestOrigin } from "./csrf";

const req = (method: string, headers: Record<string, string>, url = "http://app.test:3000/api/chat/message") =>
  new Request(url, { method, headers: { host: "app.test:3000", ...headers } });

describe("csrfRejection", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const m of ["GET", "HEAD", "OPTIONS"]) expect(csrfRejection(req(m, { origin: "https://evil.example" }), 0)).toBeNull();
  });

  it("accepts a same-origin Origin on every state-changing method", () => {
    for (const m of ["POST", "PUT", "PATCH", "DELETE"]) expect(csrfRejection(req(m, { origin: "http://app.test:3000" }), 0)).toBeNull();
    expect(csrfRejection(req("POST", { origin: "HTTP://APP.TEST:3000" }), 0)).toBeNull();
  });

  it("refuses another origin, another port, another scheme, Origin: null and garbage", () => {
    for (const origin of ["https://evil.example", "http://app.test:3001", "https://app.test:3000", "null", "not a url", "http://app.test"]) {
      expect(csrfRejection(req("POST", { origin }), 0)).toMatch(/^Cross-origin request refused/);
    }
  });

  it("without Origin uses Sec-Fetch-Site: same-origin and none pass, same-site and cross-site do not", () => {
    expect(csrfRejection(req("POST", { "sec-fetch-site": "same-origin" }), 0)).toBeNull();
    expect(csrfRejection(req("DELETE", { "sec-fetch-site": "none" }), 0)).toBeNull();
    expect(csrfRejection(req("POST", { "sec-fetch-site": "same-site" }), 0)).toBe("Cross-site request refused (Sec-Fetch-Site: same-site)");
    expect(csrfRejection(req("PATCH", { "sec-fetch-site": "cross-site" }), 0)).toBe("Cross-site request refused (Sec-Fetch-Site: cross-site)");
  });

  it("with neither header (curl, servers) lets the request through", () => {
    expect(csrfRejection(req("POST", {}), 0)).toBeNull();
  });

  it("Origin wins over Sec-Fetch-Site", () => {
    expect(csrfRejection(req("POST", { origin: "https://evil.example", "sec-fetch-site": "same-origin" }), 0)).not.toBeNull();
  });
});

describe("requestOrigin behind proxies", () => {
  const proxied = { "x-forwarded-host": "plans.example.org", "x-forwarded-proto": "https" };

  it("ignores X-Forwarded-* when no proxy is trusted", () => {
    expect(requestOrigin(req("POST", proxied), 0)).toBe("http://app.test:3000");
    expect(csrfRejection(req("POST", { ...proxied, origin: "https://plans.example.org" }), 0)).not.toBeNull();
  });

  it("believes them with TRUST_PROXY_HOPS > 0", () => {
    expect(requestOrigin(req("POST", proxied), 1)).toBe("https://plans.example.org");
    expect(csrfRejection(req("POST", { ...proxied, origin: "https://plans.example.org" }), 1)).toBeNull();
    expect(csrfRejection(req("POST", { ...proxied, origin: "http://app.test:3000" }), 1)).not.toBeNull();
  });

  it("drops default ports like browsers do", () => {
    expect(requestOrigin(req("POST", { host: "app.test:80" }, "http://app.test/"), 0)).toBe("http://app.test");
  });
});

describe("csrfRejectedResponse", () => {
  it("is a 403 in the one error shape", async () => {
    const res = csrfRejectedResponse("nope");
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "csrf_rejected", message: "nope" } });
  });
});
