// Session cookie values (both formats), cookie flags, and rotation on support
// sign-in and sign-out: same user id, new value, support cookie bound to it.
import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getSessionRoute } from "@/app/api/session/route";
import { DELETE as signOut, POST as signIn } from "@/app/api/session/support/route";
import { applyMigrations } from "@/lib/server/db/migrate";
import { env } from "@/lib/server/env";
import { TestUser } from "@/test/http";
import {
  SESSION_COOKIE,
  SUPPORT_COOKIE,
  forwardedValue,
  isHttps,
  parseSessionValue,
  sessionCookieHeader,
  signSessionValue,
  verifySessionValue,
} from "./session";

const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0]
    .slice(name.length + 1);


// Sign-in and sign-out write audit entries (docs/audit.md): the schema must exist.
beforeAll(async () => {
  await applyMigrations(env().DATABASE_URL);
});

describe("session values", () => {
  it("signs userId.handle.mac, a fresh handle each time, and verifies it", () => {
    const a = signSessionValue("user-1");
    const b = signSessionValue("user-1");
    expect(a).not.toBe(b);
    expect(a.split(".")).toHaveLength(3);
    expect(parseSessionValue(a)).toEqual({ userId: "user-1", handle: a.split(".")[1] });
    expect(verifySessionValue(b)).toBe("user-1");
  });

  it("keeps accepting the old format <userId>.<HMAC(userId)>", () => {
    const mac = createHmac("sha256", env().SESSION_SECRET).update("old-user").digest("base64url");
    expect(parseSessionValue(`old-user.${mac}`)).toEqual({ userId: "old-user", handle: "" });
  });

  it("rejects tampered, re-assembled and malformed values", () => {
    const [id, handle, mac] = signSessionValue("user-1").split(".");
    expect(parseSessionValue(`user-2.${handle}.${mac}`)).toBeNull();
    expect(parseSessionValue(`${id}.other.${mac}`)).toBeNull();
    expect(parseSessionValue(`${id}.${handle}`)).toBeNull(); // a new value read as the old format
    expect(parseSessionValue(`${id}..${mac}`)).toBeNull();
    expect(parseSessionValue(`${id}.${handle}.${mac}.x`)).toBeNull();
    expect(parseSessionValue(signSessionValue("user-1", "another-secret-of-16+"))).toBeNull();
  });
});

describe("cookie flags", () => {
  it("HttpOnly, SameSite=Lax, Path=/, one year; Secure only over HTTPS", () => {
    const plain = sessionCookieHeader("u", new Request("http://app.test/"));
    expect(plain).toMatch(/^ps_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=31536000$/);
    expect(sessionCookieHeader("u", new Request("https://app.test/"))).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Secure; Max-Age=31536000$/);
  });

  it("believes X-Forwarded-Proto only from trusted proxies", () => {
    const req = (xfp: string) => new Request("http://app.test/", { headers: { "x-forwarded-proto": xfp } });
    expect(isHttps(req("https"), 0)).toBe(false);
    expect(isHttps(req("https"), 1)).toBe(true);
    expect(isHttps(req("http"), 1)).toBe(false);
    // Two proxies append: the client-facing one wrote the entry 2nd from the right; the client's own is ignored.
    expect(isHttps(req("https, http, http"), 2)).toBe(false);
    expect(isHttps(req("http, https, http"), 2)).toBe(true);
    expect(forwardedValue("a, b", 5)).toBe("a");
    expect(forwardedValue(null, 1)).toBeUndefined();
  });
});

describe("rotation on support sign-in and sign-out", () => {
  it("sign-in: same user, new session value, support cookie bound to the new value only", async () => {
    const user = new TestUser();
    const { userId } = (await (await user.call(getSessionRoute, { url: "/api/session" })).json()) as { userId: string };
    const before = user.cookie!;
    const res = await user.call(signIn, { url: "/api/session/support", body: { token: "support-token-for-tests" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userId, role: "support", supportSignIn: true });
    const newSession = decodeURIComponent(cookieOf(res, SESSION_COOKIE)!);
    const support = cookieOf(res, SUPPORT_COOKIE)!;
    expect(res.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=`))).toHaveLength(1);
    expect(parseSessionValue(newSession)?.userId).toBe(userId);
    expect(`${SESSION_COOKIE}=${encodeURIComponent(newSession)}`).not.toBe(before);

    const who = async (cookie: string) => {
      const probe = new TestUser();
      probe.cookie = cookie;
      return (await (await probe.call(getSessionRoute, { url: "/api/session" })).json()) as { userId: string; role: string };
    };
    expect(await who(user.cookie!)).toEqual({ userId, role: "support", supportSignIn: true });
    // The value captured before sign-in does not carry the role, even with the new support cookie.
    expect(await who(`${before}; ${SUPPORT_COOKIE}=${support}`)).toEqual({ userId, role: "user", supportSignIn: true });
  });

  it("sign-out: same user, new session value; the old support cookie no longer works with it", async () => {
    const user = new TestUser();
    await user.call(getSessionRoute, { url: "/api/session" });
    const signedIn = await user.call(signIn, { url: "/api/session/support", body: { token: "support-token-for-tests" } });
    const support = cookieOf(signedIn, SUPPORT_COOKIE)!;
    const { userId } = (await signedIn.json()) as { userId: string };
    const res = await user.call(signOut, { url: "/api/session/support", method: "DELETE" });
    expect(await res.json()).toEqual({ userId, role: "user", supportSignIn: true });
    expect(res.headers.getSetCookie().find((c) => c.startsWith(`${SUPPORT_COOKIE}=`))).toMatch(/Max-Age=0/);
    const afterOut = user.cookie!;
    expect(parseSessionValue(decodeURIComponent(cookieOf(res, SESSION_COOKIE)!))?.userId).toBe(userId);
    const probe = new TestUser();
    probe.cookie = `${afterOut}; ${SUPPORT_COOKIE}=${support}`;
    expect(await (await probe.call(getSessionRoute, { url: "/api/session" })).json()).toEqual({ userId, role: "user", supportSignIn: true });
  });

  it("a wrong token rotates nothing", async () => {
    const user = new TestUser();
    await user.call(getSessionRoute, { url: "/api/session" });
    const res = await user.call(signIn, { url: "/api/session/support", body: { token: "wrong-token" } });
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("sign-in without any cookie (proxy bypassed) sets one session cookie, bound to the support cookie", async () => {
    const user = new TestUser();
    const res = await user.call(signIn, { url: "/api/session/support", body: { token: "support-token-for-tests" } });
    expect(res.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=`))).toHaveLength(1);
    const { userId } = (await res.json()) as { userId: string };
    expect(await (await user.call(getSessionRoute, { url: "/api/session" })).json()).toEqual({ userId, role: "support", supportSignIn: true });
  });
});
