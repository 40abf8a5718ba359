// Counting requests in rate-limit buckets (rate-limiter-flexible) and the 429
// a full bucket answers.
import "server-only";
import ipaddr from "ipaddr.js";
import type { RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors.ts";
import { UNKNOWN_ADDRESS } from "../http/client-info.ts";
import type { Policy } from "./policies.ts";
import { rateLimitHeaders, type PolicyState } from "./ratelimit-headers.ts";
import { limiterFor } from "./store.ts";

/** Whose budgets a request spends: the session's user id and the client address (`UNKNOWN_ADDRESS`: no per-address buckets). */
export type Subject = { userId: string; address: string };

/**
 * The bucket key of an address: IPv6 by its /64 prefix (one customer's
 * allocation; a host picks any address in it), anything else as it is.
 */
export function addressKey(address: string): string {
  if (!ipaddr.IPv6.isValid(address) || ipaddr.IPv4.isValid(address)) return address;
  const parts = ipaddr.IPv6.parse(address).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(":")}::/64`;
}

/** The key of `policy`'s bucket for `subject`, or null when the policy does not apply (unknown address). */
export function bucketKey(policy: Policy, subject: Subject): string | null {
  if (policy.scope === "session") return subject.userId;
  return subject.address === UNKNOWN_ADDRESS ? null : addressKey(subject.address);
}

/**
 * The 429 of a full bucket: `rate_limited`, "Too many requests; try again in N s",
 * details `{retryAfterSeconds: N}`, headers `Retry-After: N` (RFC 9110 §10.2.3)
 * and the RateLimit fields of the policies seen so far, the exhausted one at r=0.
 */
export function rateLimited(retryAfterSeconds: number, states: PolicyState[]): AppError {
  const n = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError("rate_limited", 429, `Too many requests; try again in ${n} s`, { retryAfterSeconds: n }, { "Retry-After": String(n), ...rateLimitHeaders(states) });
}

/**
 * Spends one point in each windowed bucket of `policies` that applies to
 * `subject`, in order.
 * @returns each bucket's state after the request (for the RateLimit headers).
 * @throws AppError 429 rate_limited at the first full bucket (the points already spent stay spent, as for any request).
 */
export async function consumeWindowed(policies: Policy[], subject: Subject): Promise<PolicyState[]> {
  const states: PolicyState[] = [];
  for (const policy of policies) {
    const key = bucketKey(policy, subject);
    if (key === null) continue;
    try {
      const res = await limiterFor(policy).consume(key, 1);
      states.push({ policy, remaining: res.remainingPoints, resetS: res.msBeforeNext / 1000 });
    } catch (error) {
      if (!isRateLimiterRes(error)) throw error;
      const waitS = error.msBeforeNext / 1000;
      throw rateLimited(waitS, [...states, { policy, remaining: 0, resetS: waitS }]);
    }
  }
  return states;
}

/**
 * Whether a limiter's rejection is a full bucket (a RateLimiterRes) and not a
 * store error. Checked by shape, not `instanceof`: Next bundles the routes and
 * instrumentation separately, each with its own copy of rate-limiter-flexible,
 * while the limiters are shared on globalThis (store.ts), so a limiter made in
 * one bundle rejects with another copy's class (seen: a 500 instead of 429 on
 * the third sign-in try under `next start`).
 */
export function isRateLimiterRes(error: unknown): error is RateLimiterRes {
  if (typeof error !== "object" || error === null || error instanceof Error) return false;
  const e = error as Record<string, unknown>;
  return typeof e.msBeforeNext === "number" && typeof e.remainingPoints === "number" && typeof e.consumedPoints === "number";
}
