import "server-only";
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { env } from "../env.ts";

/** Cookie holding `<userId>.<base64url HMAC-SHA256(userId)>`. */
export const SESSION_COOKIE = "ps_session";
const MAX_AGE_S = 60 * 60 * 24 * 365;

export type Session = {
  userId: string;
  role: "user" | "support";
  /** True when this request minted the id; the response must set the cookie. */
  isNew: boolean;
};

function sign(value: string, secret: string): string {
  return createHmac("sha256", secret).update(value).digest("base64url");
}

/** Verifies a cookie value; returns the user id or null when forged/malformed. */
export function verifySessionValue(value: string, secret = env().SESSION_SECRET): string | null {
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(id, secret));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** Signs a user id into a cookie value. */
export function signSessionValue(userId: string, secret = env().SESSION_SECRET): string {
  return `${userId}.${sign(userId, secret)}`;
}

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * The caller's session. An anonymous identity is minted when the request has
 * no valid cookie; its User row is written with the first thing the user
 * creates (so a rejected request writes nothing). `Authorization: Bearer
 * <SUPPORT_TOKEN>` grants the support role.
 */
export function getSession(request: Request): Session {
  const e = env();
  const raw = readCookie(request, SESSION_COOKIE);
  const id = raw ? verifySessionValue(raw, e.SESSION_SECRET) : null;
  const auth = request.headers.get("authorization");
  const support = !!e.SUPPORT_TOKEN && auth === `Bearer ${e.SUPPORT_TOKEN}`;
  return { userId: id ?? randomUUID(), role: support ? "support" : "user", isNew: !id };
}

/** `Set-Cookie` value for a session (httpOnly, SameSite=Lax, one year). */
export function sessionCookieHeader(userId: string): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(signSessionValue(userId))}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_S}`;
}
