// The one call a route handler makes to be limited:
//   await limit(request, viewer, "chat");
// before anything is written. It spends the request's points in the session
// and client-address buckets of each kind (429 rate_limited when one is full),
// checks the queued-job bound and the daily token budget for actions that
// queue model work, and takes an open-stream slot for "stream". The RateLimit
// headers of a request that passed are added to its response by withRoute
// (`applyLimitHeaders`). Policies and defaults: docs/limits.md.
import "server-only";
import type { Viewer } from "../auth/viewer.ts";
import { getDeps } from "../deps.ts";
import { env } from "../env.ts";
import { consumeWindowed, type Subject } from "../limits/buckets.ts";
import { MODEL_KINDS, policiesOf, type LimitKind } from "../limits/policies.ts";
import { assertQueueRoom } from "../limits/queued-jobs.ts";
import { rateLimitHeaders, type PolicyState } from "../limits/ratelimit-headers.ts";
import { acquireStreamSlots } from "../limits/stream-slots.ts";
import { assertTokenBudget } from "../limits/token-budget.ts";
import { clientAddress } from "./client-info.ts";

export type { LimitKind } from "../limits/policies.ts";

// globalThis: the route's bundle records, withRoute's copy (same bundle) reads; shared anyway for safety.
const g = globalThis as unknown as { planstreamLimitStates?: WeakMap<Request, PolicyState[]> };
const passed = (g.planstreamLimitStates ??= new WeakMap());

/**
 * Admits `request` for `kinds` or throws. Per kind, in order: the windowed
 * buckets (session, then client address; RATE_LIMIT_ENABLED); for chat,
 * execute and decompose the queued-job bound and the daily token budget
 * (always); for "stream" a slot of the open-stream caps, released when the
 * stream ends (RATE_LIMIT_ENABLED).
 * Sources: OWASP ASVS 5.0 V2.4 (anti-automation), OWASP Top 10 for LLM apps LLM10.
 * @throws AppError 429 `rate_limited` (Retry-After, RateLimit-Policy, RateLimit),
 *   429 `too_many_jobs`, 429 `token_budget_exhausted` (Retry-After to the next UTC midnight).
 */
export async function limit(request: Request, viewer: Pick<Viewer, "userId">, ...kinds: LimitKind[]): Promise<void> {
  const e = env();
  const subject: Subject = { userId: viewer.userId, address: clientAddress(request, e.TRUST_PROXY_HOPS) };
  const states: PolicyState[] = [];
  if (e.RATE_LIMIT_ENABLED) {
    for (const kind of kinds) if (kind !== "stream") states.push(...(await consumeWindowed(policiesOf(kind, e), subject)));
  }
  if (kinds.some((k) => MODEL_KINDS.has(k))) {
    const { db } = getDeps();
    await assertQueueRoom(db, viewer.userId, e.MAX_QUEUED_JOBS_PER_USER);
    await assertTokenBudget(db, viewer.userId, new Date(), e.LLM_DAILY_TOKEN_BUDGET);
  }
  // Last: a slot taken here must not be left taken by a later refusal.
  if (e.RATE_LIMIT_ENABLED && kinds.includes("stream")) states.push(...(await acquireStreamSlots(request, policiesOf("stream", e), subject)));
  if (states.length > 0) passed.set(request, states);
}

/** The RateLimit headers of the policies `request` passed (empty when it was not limited). */
export function limitHeadersOf(request: Request): Record<string, string> {
  return rateLimitHeaders(passed.get(request) ?? []);
}

/** Adds `request`'s RateLimit headers to `response` (called by withRoute on success; immutable headers are left as they are). */
export function applyLimitHeaders(request: Request, response: Response): void {
  const headers = limitHeadersOf(request);
  for (const [name, value] of Object.entries(headers)) {
    try {
      response.headers.set(name, value);
    } catch {
      return;
    }
  }
}
