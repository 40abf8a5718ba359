import "server-only";
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { env } from "../env.ts";

/**
 * Cookie holding the signed anonymous session. Current format
 * `<userId>.<handle>.<base64url HMAC-SHA256("s2|userId|handle")>`: `handle` is a
 * random value chosen each time the cookie is issued, so rotating the cookie
 * (support sign-in and sign-out) gives the same user a new value (OWASP ASVS
 * V3.2.1 / V3.3.1: a new session token on authentication and on logout).
 * The older format `<userId>.<HMAC(userId)>` stays valid (handle "").
 */
export const SESSION_COOKIE = "ps_session";
const MAX_AGE_S = 60 * 60 * 24 * 365;
/** Cookie holding the support role: `<expires ms>.<HMAC of userId, session handle, expiry and the token's digest>`. */
export const SUPPORT_COOKIE = "ps_support";
/** How long a support sign-in lasts, seconds (a work day). */
export const SUPPORT_MAX_AGE_S = 60 * 60 * 12;

export type Session = {
  userId: string;
  role: "user" | "support";
  /** True when this request minted the id; the response must set the cookie. */
  isNew: boolean;
  /** The cookie value's handle ("" for an old-format cookie): what a support cookie is bound to. */
  handle: string;
};

/** A verified session cookie value. */
export type SessionValue = { userId: string; handle: string };

function sign(value: string, secret: string): string {
  return createHmac("sha256", secret).update(value).digest("base64url");
}

/** Constant-time string comparison (false for different lengths). */
function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies a cookie value of either format; returns the user id and handle,
 * or null when forged or malformed.
 */
export function parseSessionValue(value: string, secret = env().SESSION_SECRET): SessionValue | null {
  const parts = value.split(".");
  if (parts.some((p) => p === "")) return null;
  if (parts.length === 2) {
    const [userId, mac] = parts;
    return safeEqual(mac, sign(userId, secret)) ? { userId, handle: "" } : null;
  }
  if (parts.length === 3) {
    const [userId, handle, mac] = parts;
    return safeEqual(mac, sign(`s2|${userId}|${handle}`, secret)) ? { userId, handle } : null;
  }
  return null;
}

/** Verifies a cookie value; returns the user id or null when forged/malformed. */
export function verifySessionValue(value: string, secret = env().SESSION_SECRET): string | null {
  return parseSessionValue(value, secret)?.userId ?? null;
}

/** A fresh random handle (128 bits, base64url). */
export function newHandle(): string {
  return randomBytes(16).toString("base64url");
}

/** Signs a user id and a handle (fresh when omitted) into a cookie value. */
export function signSessionValue(userId: string, secret = env().SESSION_SECRET, handle = newHandle()): string {
  return `${userId}.${handle}.${sign(`s2|${userId}|${handle}`, secret)}`;
}

/** The value of cookie `name` in a Cookie header, or undefined. */
export function readCookieHeader(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The verified session cookie of a request, or null when absent, forged or malformed. */
export function readSessionCookie(request: Request): SessionValue | null {
  const raw = readCookieHeader(request.headers.get("cookie"), SESSION_COOKIE);
  return raw ? parseSessionValue(raw) : null;
}

/**
 * Signs the support role for one session cookie value. The HMAC covers the
 * user id, the session handle, the expiry and a digest of SUPPORT_TOKEN, so
 * the cookie is useless on another session or another value of the same
 * session (after a rotation), after it expires, and once the token is rotated.
 */
function supportSignature(userId: string, handle: string, expiresMs: number, token: string, secret: string): string {
  const tokenDigest = createHash("sha256").update(token).digest("base64url");
  return sign(`support|${userId}|${handle}|${expiresMs}|${tokenDigest}`, secret);
}

/** True when `candidate` is the configured SUPPORT_TOKEN (constant time; false when none is set). */
export function isSupportToken(candidate: string): boolean {
  const token = env().SUPPORT_TOKEN;
  if (!token) return false;
  const digest = (v: string) => createHash("sha256").update(v).digest("base64url");
  return safeEqual(digest(candidate), digest(token));
}

function hasSupportCookie(request: Request, session: SessionValue, now = Date.now()): boolean {
  const e = env();
  const raw = readCookieHeader(request.headers.get("cookie"), SUPPORT_COOKIE);
  if (!raw || !e.SUPPORT_TOKEN) return false;
  const dot = raw.indexOf(".");
  const expiresMs = Number(raw.slice(0, dot));
  if (dot <= 0 || !Number.isSafeInteger(expiresMs) || expiresMs <= now) return false;
  const expected = supportSignature(session.userId, session.handle, expiresMs, e.SUPPORT_TOKEN, e.SESSION_SECRET);
  return safeEqual(raw.slice(dot + 1), expected);
}

/**
 * The caller's session. The proxy (proxy.ts) mints the cookie before any
 * route runs; when a request reaches a route without a valid cookie (the
 * proxy was bypassed), an anonymous identity is minted here (`isNew`) and
 * withRoute sets its cookie. The User row is written with the first thing the
 * user creates (so a rejected request writes nothing). The support role comes
 * from `Authorization: Bearer <SUPPORT_TOKEN>` (API clients) or from the
 * signed `ps_support` cookie set by the sign-in form (POST /api/session/support).
 */
export function getSession(request: Request): Session {
  const value = readSessionCookie(request);
  const auth = request.headers.get("authorization");
  const bearer = auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : undefined;
  const support = (bearer !== undefined && isSupportToken(bearer)) || (!!value && hasSupportCookie(request, value));
  return {
    userId: value?.userId ?? randomUUID(),
    role: support ? "support" : "user",
    isNew: !value,
    handle: value?.handle ?? "",
  };
}

/**
 * Whether the request was served over HTTPS: its URL is https, or (behind
 * TRUST_PROXY_HOPS > 0 trusted proxies) the proxy's `X-Forwarded-Proto` says
 * https. Decides the cookies' `Secure` attribute. `hops` defaults to TRUST_PROXY_HOPS.
 */
export function isHttps(request: Request, hops = env().TRUST_PROXY_HOPS): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  return hops > 0 && forwardedValue(request.headers.get("x-forwarded-proto"), hops)?.toLowerCase() === "https";
}

/**
 * The entry of a comma-separated `X-Forwarded-*` header written by the
 * outermost of `hops` trusted proxies (proxies append, so it is the `hops`-th
 * from the right; a shorter list yields its first entry). Undefined when absent.
 */
export function forwardedValue(header: string | null, hops: number): string | undefined {
  if (!header || hops <= 0) return undefined;
  const list = header.split(",").map((s) => s.trim());
  const value = list[Math.max(0, list.length - hops)];
  return value || undefined;
}

const flags = (request: Request | undefined) => `Path=/; HttpOnly; SameSite=Lax${request && isHttps(request) ? "; Secure" : ""}`;

/** `Set-Cookie` value granting the support role to the session `{userId, handle}` for SUPPORT_MAX_AGE_S. */
export function supportCookieHeader(session: SessionValue, request?: Request, now = Date.now()): string {
  const e = env();
  if (!e.SUPPORT_TOKEN) throw new Error("SUPPORT_TOKEN is not set");
  const expiresMs = now + SUPPORT_MAX_AGE_S * 1000;
  const value = `${expiresMs}.${supportSignature(session.userId, session.handle, expiresMs, e.SUPPORT_TOKEN, e.SESSION_SECRET)}`;
  return `${SUPPORT_COOKIE}=${value}; ${flags(request)}; Max-Age=${SUPPORT_MAX_AGE_S}`;
}

/** `Set-Cookie` value that drops the support role. */
export function clearSupportCookieHeader(request?: Request): string {
  return `${SUPPORT_COOKIE}=; ${flags(request)}; Max-Age=0`;
}

/**
 * `Set-Cookie` value for a session (HttpOnly, SameSite=Lax, Path=/, one year;
 * `Secure` when `request` came over HTTPS, see isHttps). `value` defaults to a
 * freshly signed value for `userId` (a new handle).
 */
export function sessionCookieHeader(userId: string, request?: Request, value = signSessionValue(userId)): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; ${flags(request)}; Max-Age=${MAX_AGE_S}`;
}

/**
 * A rotated session for the same user (support sign-in and sign-out): a new
 * value with a fresh handle, and its `Set-Cookie`. The user's rows stay theirs.
 */
export function rotateSession(userId: string, request?: Request): { session: SessionValue; setCookie: string } {
  const handle = newHandle();
  const value = signSessionValue(userId, env().SESSION_SECRET, handle);
  return { session: { userId, handle }, setCookie: sessionCookieHeader(userId, request, value) };
}
