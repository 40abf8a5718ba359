import "server-only";
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { env } from "../env.ts";

/** Cookie holding `<userId>.<base64url HMAC-SHA256(userId)>`. */
export const SESSION_COOKIE = "ps_session";
const MAX_AGE_S = 60 * 60 * 24 * 365;
/** Cookie holding the support role: `<expires ms>.<HMAC of userId, expiry and the token's digest>`. */
export const SUPPORT_COOKIE = "ps_support";
/** How long a support sign-in lasts, seconds (a work day). */
export const SUPPORT_MAX_AGE_S = 60 * 60 * 12;

export type Session = {
  userId: string;
  role: "user" | "support";
  /** True when this request minted the id; the response must set the cookie. */
  isNew: boolean;
};

function sign(value: string, secret: string): string {
  return createHmac("sha256", secret).update(value).digest("base64url");
}

/** Constant-time string comparison (false for different lengths). */
function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Verifies a cookie value; returns the user id or null when forged/malformed. */
export function verifySessionValue(value: string, secret = env().SESSION_SECRET): string | null {
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = value.slice(0, dot);
  return safeEqual(value.slice(dot + 1), sign(id, secret)) ? id : null;
}

/** Signs a user id into a cookie value. */
export function signSessionValue(userId: string, secret = env().SESSION_SECRET): string {
  return `${userId}.${sign(userId, secret)}`;
}

/** Percent-decodes a cookie value; a malformed escape (`%E0%A4%A`) reads as no cookie instead of throwing URIError (found by the route fuzz). */
const safeDecode = (value: string): string | undefined => {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
};

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return safeDecode(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Signs the support role for one session. The HMAC covers the user id, the
 * expiry and a digest of SUPPORT_TOKEN, so the cookie is useless on another
 * session, after it expires, and once the token is rotated.
 */
function supportSignature(userId: string, expiresMs: number, token: string, secret: string): string {
  const tokenDigest = createHash("sha256").update(token).digest("base64url");
  return sign(`support|${userId}|${expiresMs}|${tokenDigest}`, secret);
}

/** True when `candidate` is the configured SUPPORT_TOKEN (constant time; false when none is set). */
export function isSupportToken(candidate: string): boolean {
  const token = env().SUPPORT_TOKEN;
  if (!token) return false;
  const digest = (v: string) => createHash("sha256").update(v).digest("base64url");
  return safeEqual(digest(candidate), digest(token));
}

function hasSupportCookie(request: Request, userId: string, now = Date.now()): boolean {
  const e = env();
  const raw = readCookie(request, SUPPORT_COOKIE);
  if (!raw || !e.SUPPORT_TOKEN) return false;
  const dot = raw.indexOf(".");
  const expiresMs = Number(raw.slice(0, dot));
  if (dot <= 0 || !Number.isSafeInteger(expiresMs) || expiresMs <= now) return false;
  return safeEqual(raw.slice(dot + 1), supportSignature(userId, expiresMs, e.SUPPORT_TOKEN, e.SESSION_SECRET));
}

/**
 * The caller's session. An anonymous identity is minted when the request has
 * no valid cookie; its User row is written with the first thing the user
 * creates (so a rejected request writes nothing). The support role comes from
 * `Authorization: Bearer <SUPPORT_TOKEN>` (API clients) or from the signed
 * `ps_support` cookie set by the sign-in form (POST /api/session/support).
 */
export function getSession(request: Request): Session {
  const e = env();
  const raw = readCookie(request, SESSION_COOKIE);
  const id = raw ? verifySessionValue(raw, e.SESSION_SECRET) : null;
  const userId = id ?? randomUUID();
  const auth = request.headers.get("authorization");
  const bearer = auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : undefined;
  const support = (bearer !== undefined && isSupportToken(bearer)) || (!!id && hasSupportCookie(request, id));
  return { userId, role: support ? "support" : "user", isNew: !id };
}

/** `Set-Cookie` value granting the support role to `userId` for SUPPORT_MAX_AGE_S. */
export function supportCookieHeader(userId: string, now = Date.now()): string {
  const e = env();
  if (!e.SUPPORT_TOKEN) throw new Error("SUPPORT_TOKEN is not set");
  const expiresMs = now + SUPPORT_MAX_AGE_S * 1000;
  const value = `${expiresMs}.${supportSignature(userId, expiresMs, e.SUPPORT_TOKEN, e.SESSION_SECRET)}`;
  return `${SUPPORT_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SUPPORT_MAX_AGE_S}`;
}

/** `Set-Cookie` value that drops the support role. */
export function clearSupportCookieHeader(): string {
  return `${SUPPORT_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

/** `Set-Cookie` value for a session (httpOnly, SameSite=Lax, one year). */
export function sessionCookieHeader(userId: string): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(signSessionValue(userId))}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_S}`;
}
