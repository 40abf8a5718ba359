// The one backoff curve of the app: the job runner's retries, the browser's
// stream reconnects and its polling fallback all use it.

export type BackoffOptions = {
  /** Delay before the first retry, ms (before jitter). */
  baseMs: number;
  /** Cap on the delay, ms (before jitter). */
  maxMs: number;
  /** Jitter source in [0, 1); tests pass a fixed one. */
  random?: () => number;
};

/**
 * Delay before retry number `attempt` (1-based): `baseMs · 2^(attempt−1)`
 * capped at `maxMs`, then "equal jitter": a value drawn from [d/2, d].
 * Source: AWS Architecture Blog, "Exponential Backoff and Jitter" (2015).
 * @returns milliseconds, rounded.
 * @example backoffDelay(3, { baseMs: 1000, maxMs: 10_000 }) // 2000…4000
 */
export function backoffDelay(attempt: number, { baseMs, maxMs, random = Math.random }: BackoffOptions): number {
  const d = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
  return Math.round(d / 2 + random() * (d / 2));
}
