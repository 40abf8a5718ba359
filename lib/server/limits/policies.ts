// The rate-limit policies: what each limited action may do per session and per
// client address, read from the environment (docs/limits.md lists them).
import "server-only";
import type { Env } from "../env.ts";

/** A limited action, named in route handlers: `await limit(request, viewer, "chat")`. */
export type LimitKind = "chat" | "execute" | "decompose" | "edits" | "delete" | "signin" | "stream";

/** Who a bucket counts: the session (user id) or the client address. */
export type Scope = "session" | "address";

/**
 * One bucket: `points` per `windowS` seconds (a fixed window, rate-limiter-flexible's),
 * blocked for `blockS` once exceeded (0 = no block beyond the window); `concurrent`:
 * a cap on things open at once (acquired and released), with no window.
 */
export type Policy = { name: string; kind: LimitKind; scope: Scope; points: number; windowS: number; blockS: number; concurrent: boolean };

/** Actions that queue work for the model: they also check the queued-job bound and the daily token budget. */
export const MODEL_KINDS: ReadonlySet<LimitKind> = new Set(["chat", "execute", "decompose"]);

/**
 * The policies of `kind` from the environment, session first. Sign-in counts
 * per address (brute force from one place) and per session; the others give
 * an address `RATE_LIMIT_ADDRESS_MULTIPLIER` times a session's budget.
 */
export function policiesOf(kind: LimitKind, e: Env): Policy[] {
  const windowed = (perSession: number): Policy[] => [
    { name: `${kind}-session`, kind, scope: "session", points: perSession, windowS: e.RATE_LIMIT_WINDOW_S, blockS: 0, concurrent: false },
    { name: `${kind}-address`, kind, scope: "address", points: perSession * e.RATE_LIMIT_ADDRESS_MULTIPLIER, windowS: e.RATE_LIMIT_WINDOW_S, blockS: 0, concurrent: false },
  ];
  switch (kind) {
    case "chat":
      return windowed(e.RATE_LIMIT_CHAT_PER_MIN);
    case "execute":
      return windowed(e.RATE_LIMIT_EXECUTE_PER_MIN);
    case "decompose":
      return windowed(e.RATE_LIMIT_DECOMPOSE_PER_MIN);
    case "edits":
      return windowed(e.RATE_LIMIT_EDITS_PER_MIN);
    case "delete":
      return windowed(e.RATE_LIMIT_DELETES_PER_MIN);
    case "signin": {
      const w = e.RATE_LIMIT_SIGNIN_WINDOW_S;
      return [
        { name: "signin-session", kind, scope: "session", points: e.RATE_LIMIT_SIGNIN_TRIES, windowS: w, blockS: w, concurrent: false },
        { name: "signin-address", kind, scope: "address", points: e.RATE_LIMIT_SIGNIN_TRIES, windowS: w, blockS: w, concurrent: false },
      ];
    }
    case "stream":
      return [
        { name: "streams-session", kind, scope: "session", points: e.RATE_LIMIT_STREAMS_PER_SESSION, windowS: 0, blockS: 0, concurrent: true },
        { name: "streams-address", kind, scope: "address", points: e.RATE_LIMIT_STREAMS_PER_ADDRESS, windowS: 0, blockS: 0, concurrent: true },
      ];
  }
}
