// The cap on open SSE streams: a slot is taken when the route admits the
// request (before anything is written) and given back when the stream ends.
// The route's one `limit(request, viewer, "stream")` takes it and ties it to
// the Request; `sseResponse` (the one SSE helper) adopts it and releases it in
// its cleanup (producer done, client gone, cancel). A slot no stream adopted
// (the handler failed after the check, e.g. a 404) is released when the
// request is aborted or after RESERVATION_TTL_MS, whichever comes first.
import "server-only";
import { bucketKey, isRateLimiterRes, rateLimited, type Subject } from "./buckets.ts";
import type { Policy } from "./policies.ts";
import type { PolicyState } from "./ratelimit-headers.ts";
import { limiterFor } from "./store.ts";
import { errorFields, getLogger } from "../ops/logger.ts";

/** Seconds a client is told to wait when every stream slot is taken (a slot frees when one of its streams closes). */
export const STREAM_RETRY_S = 5;
/** How long a slot waits for its stream to open, ms. */
export const RESERVATION_TTL_MS = 30_000;

type Slot = { release: () => void; timer: NodeJS.Timeout };
// globalThis: the route bundle takes the slot, the SSE helper's copy in another bundle adopts it.
const g = globalThis as unknown as { planstreamStreamSlots?: WeakMap<Request, Slot> };
const slots = (g.planstreamStreamSlots ??= new WeakMap());

/**
 * Takes one slot in each concurrency policy that applies to `subject` and ties
 * them to `request`.
 * @returns each cap's state (slots left) for the RateLimit headers.
 * @throws AppError 429 rate_limited (Retry-After STREAM_RETRY_S) when a cap is full; nothing stays taken.
 */
export async function acquireStreamSlots(request: Request, policies: Policy[], subject: Subject): Promise<PolicyState[]> {
  const taken: { policy: Policy; key: string }[] = [];
  const states: PolicyState[] = [];
  // A count back at 0 is deleted: caps have no window, so an idle key would otherwise stay in the store for good.
  const giveBack = () =>
    Promise.all(
      taken.map(async (t) => {
        const limiter = limiterFor(t.policy);
        const res = await limiter.reward(t.key, 1);
        if (res.consumedPoints <= 0) await limiter.delete(t.key);
      }),
    ).then(() => undefined);
  for (const policy of policies) {
    const key = bucketKey(policy, subject);
    if (key === null) continue;
    try {
      const res = await limiterFor(policy).consume(key, 1);
      taken.push({ policy, key });
      states.push({ policy, remaining: res.remainingPoints });
    } catch (error) {
      if (!isRateLimiterRes(error)) {
        await giveBack();
        throw error;
      }
      // A rejected consume still counted: undo it with the slots already taken.
      await limiterFor(policy).reward(key, 1);
      await giveBack();
      throw rateLimited(STREAM_RETRY_S, [...states, { policy, remaining: 0 }]);
    }
  }
  if (taken.length === 0) return states;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearTimeout(slot.timer);
    slots.delete(request);
    void giveBack().catch((error) => getLogger().error({ component: "limits", ...errorFields(error) }, "releasing a stream slot failed"));
  };
  const slot: Slot = { release, timer: setTimeout(release, RESERVATION_TTL_MS) };
  slot.timer.unref();
  slots.get(request)?.release();
  slots.set(request, slot);
  request.signal?.addEventListener("abort", release, { once: true });
  return states;
}

/**
 * Adopts the slot `limit(…, "stream")` took for `request`, if any: it is no
 * longer released by the timeout, only by calling the returned function
 * (idempotent; a no-op when there was no slot).
 */
export function adoptStreamSlot(request: Request): () => void {
  const slot = slots.get(request);
  if (!slot) return () => undefined;
  clearTimeout(slot.timer);
  return slot.release;
}
