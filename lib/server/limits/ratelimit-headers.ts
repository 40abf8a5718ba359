// The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers-11,
// §3 RateLimit-Policy and §4 RateLimit): Structured Field Lists of items named
// by a policy, e.g.
//   RateLimit-Policy: "chat-session";q=20;w=60, "chat-address";q=100;w=60
//   RateLimit: "chat-session";r=19;t=60, "chat-address";r=99;t=60
// A concurrency cap has no window and the unit "concurrent-requests":
//   RateLimit-Policy: "streams-session";q=20;qu="concurrent-requests"
import "server-only";
import type { Policy } from "./policies.ts";

/** The state of one policy after a request: quota left (`remaining`, ≥ 0) and seconds until it resets (`resetS`, absent for a concurrency cap). */
export type PolicyState = { policy: Policy; remaining: number; resetS?: number };

/** One Quota Policy Item (§3.1): `"name";q=<quota>;w=<window s>` or `;qu="concurrent-requests"`. */
export function policyItem(p: Policy): string {
  return p.concurrent ? `"${p.name}";q=${p.points};qu="concurrent-requests"` : `"${p.name}";q=${p.points};w=${p.windowS}`;
}

/** One Service Limit Item (§4.1): `"name";r=<remaining>;t=<seconds>`. */
export function serviceLimitItem(s: PolicyState): string {
  const r = Math.max(0, Math.floor(s.remaining));
  return s.resetS === undefined ? `"${s.policy.name}";r=${r}` : `"${s.policy.name}";r=${r};t=${Math.max(0, Math.ceil(s.resetS))}`;
}

/**
 * `RateLimit-Policy` and `RateLimit` headers for the policies a request went
 * through (empty when none). Names are ASCII tokens, so no escaping is needed.
 */
export function rateLimitHeaders(states: PolicyState[]): Record<string, string> {
  if (states.length === 0) return {};
  return {
    "RateLimit-Policy": states.map((s) => policyItem(s.policy)).join(", "),
    RateLimit: states.map(serviceLimitItem).join(", "),
  };
}
