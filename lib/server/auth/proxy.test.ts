// proxy.ts run the way Next.js runs it (test/proxy-harness.ts) in front of the
// real route handlers and database: one session per visitor, CSRF refusals
// that write nothing, and the security headers.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { GET as getSessionRoute } from "@/app/api/session/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { proxy } from "@/proxy";
import { countRows } from "@/test/db";
import { forwardedHeaders, throughProxy } from "@/test/proxy-harness";
import { SESSION_COOKIE, parseSessionValue, signSessionValue } from "./session";

const BASE = "http://127.0.0.1:3000";
const sessionSetCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
const cookiePair = (setCookie: string) => setCookie.split(";")[0];

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

describe("session minted in the proxy", () => {
  it("a first page request gets the cookie, and the page sees the same value", () => {
    const req = new NextRequest(`${BASE}/`, { headers: { host: "127.0.0.1:3000", cookie: "ps_lang=fr" } });
    const res = proxy(req);
    const set = sessionSetCookie(res)!;
    expect(set).toMatch(/^ps_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=31536000$/);
    const forwardedCookie = forwardedHeaders(req, res).get("cookie");
    expect(forwardedCookie).toBe(`ps_lang=fr; ${cookiePair(set)}`);
    expect(parseSessionValue(decodeURIComponent(cookiePair(set).slice(SESSION_COOKIE.length + 1)))).not.toBeNull();
  });

  it("a valid cookie is kept (no Set-Cookie, the Cookie header untouched)", () => {
    const cookie = `${SESSION_COOKIE}=${encodeURIComponent(signSessionValue("someone"))}`;
    const res = proxy(new NextRequest(`${BASE}/jobs`, { headers: { host: "127.0.0.1:3000", cookie } }));
    expect(sessionSetCookie(res)).toBeUndefined();
    expect(res.headers.get("x-middleware-request-cookie")).toBe(cookie);
  });

  it("a forged cookie is replaced by a minted one", () => {
    const req = new NextRequest(`${BASE}/`, { headers: { host: "127.0.0.1:3000", cookie: `${SESSION_COOKIE}=victim.handle.forged; a=1` } });
    const res = proxy(req);
    const pair = cookiePair(sessionSetCookie(res)!);
    expect(forwardedHeaders(req, res).get("cookie")).toBe(`a=1; ${pair}`);
  });

  it("a visitor's parallel first API calls after the first page all belong to one session", async () => {
    const before = await countRows();
    const page = proxy(new NextRequest(`${BASE}/`, { headers: { host: "127.0.0.1:3000" } }));
    const cookie = cookiePair(sessionSetCookie(page)!);
    const send = (i: number) =>
      throughProxy(
        new Request(`${BASE}/api/chat/message`, {
          method: "POST",
          headers: { host: "127.0.0.1:3000", origin: BASE, cookie, "content-type": "application/json" },
          body: JSON.stringify({ message: `hello ${i}` }),
        }),
        postMessage,
      );
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => send(i)));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(202));
    expect(responses.map(sessionSetCookie)).toEqual(Array(8).fill(undefined));
    const after = await countRows();
    expect(after.users - before.users).toBe(1);
    expect(after.conversations - before.conversations).toBe(8);
    const { userId } = (await (
      await throughProxy(new Request(`${BASE}/api/session`, { headers: { host: "127.0.0.1:3000", cookie } }), getSessionRoute)
    ).json()) as { userId: string };
    expect(await getDeps().db.conversation.count({ where: { ownerId: userId } })).toBe(8);
  });

  it("an API call without a cookie is minted in the proxy, and the route uses that id (one Set-Cookie)", async () => {
    const res = await throughProxy(new Request(`${BASE}/api/session`, { headers: { host: "127.0.0.1:3000" } }), getSessionRoute);
    const sets = res.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(sets).toHaveLength(1);
    const value = parseSessionValue(decodeURIComponent(cookiePair(sets[0]).slice(SESSION_COOKIE.length + 1)));
    expect(((await res.json()) as { userId: string }).userId).toBe(value?.userId);
  });
});

describe("CSRF in the proxy", () => {
  const post = (headers: Record<string, string>) =>
    throughProxy(
      new Request(`${BASE}/api/chat/message`, {
        method: "POST",
        headers: { host: "127.0.0.1:3000", "content-type": "application/json", ...headers },
        body: JSON.stringify({ message: "Plan a product launch in 4 weeks" }),
      }),
      postMessage,
    );

  it("a cross-origin POST answers 403 csrf_rejected and writes no row", async () => {
    const before = await countRows();
    for (const headers of [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, { origin: "null" }] as Record<string, string>[]) {
      const res = await post(headers);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("csrf_rejected");
      expect(sessionSetCookie(res)).toBeUndefined();
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
    expect(await countRows()).toEqual(before);
  });

  it("the same request from the app's own origin is accepted and writes", async () => {
    const before = await countRows();
    const res = await post({ origin: BASE, "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(202);
    expect((await countRows()).messages).toBeGreaterThan(before.messages);
  });
});

describe("security headers", () => {
  it("pages: a fresh nonce per request in the CSP, also forwarded to the page", () => {
    const req = new NextRequest(`${BASE}/plans/x`, { headers: { host: "127.0.0.1:3000" } });
    const res = proxy(req);
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    for (const d of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'", "connect-src 'self'"]) expect(csp).toContain(d);
    const forwarded = forwardedHeaders(req, res);
    expect(forwarded.get("x-nonce")).toBe(nonce);
    expect(forwarded.get("content-security-policy")).toBe(csp);
    expect(proxy(new NextRequest(`${BASE}/plans/x`)).headers.get("content-security-policy")).not.toBe(csp);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
  });

  it("API answers: a no-content policy and no nonce; assets: headers but no session", () => {
    const api = proxy(new NextRequest(`${BASE}/api/jobs`));
    expect(api.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox");
    expect(api.headers.get("x-middleware-request-x-nonce")).toBeNull();
    const asset = proxy(new NextRequest(`${BASE}/_next/static/chunks/app.js`));
    expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
    expect(sessionSetCookie(asset)).toBeUndefined();
  });
});
