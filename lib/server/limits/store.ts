// Where rate-limit counters live. One process on SQLite keeps them in memory
// (rate-limiter-flexible's RateLimiterMemory). Several instances must share
// them: issue 14 plugs a RateLimiterPostgres (`storeClient`: a `pg` Pool,
// `tableName`) or RateLimiterRedis (`storeClient`: an ioredis/node-redis
// client) in here, with the same options; nothing else changes.
// Docs: https://github.com/animir/node-rate-limiter-flexible/wiki/PostgreSQL
//       https://github.com/animir/node-rate-limiter-flexible/wiki/Redis
import "server-only";
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Policy } from "./policies.ts";

/** Makes the limiter of one policy. Swap it (setLimiterFactory) for a shared store. */
export type LimiterFactory = (options: { keyPrefix: string; points: number; duration: number; blockDuration: number }) => RateLimiterAbstract;

/** The default: counters in this process's memory. `duration` 0 = never expires (concurrency caps). */
export const memoryLimiterFactory: LimiterFactory = (options) => new RateLimiterMemory(options);

type StoreState = { factory: LimiterFactory; limiters: Map<string, RateLimiterAbstract> };
// globalThis: Next bundles each route separately; every bundle must count in the same buckets.
const g = globalThis as unknown as { planstreamLimiters?: StoreState };
const state = (g.planstreamLimiters ??= { factory: memoryLimiterFactory, limiters: new Map() });

/** Uses `factory` for limiters made from now on and forgets the current ones (their counts start over). */
export function setLimiterFactory(factory: LimiterFactory): void {
  state.factory = factory;
  state.limiters.clear();
}

/** Forgets every count (tests; a changed configuration). */
export function resetLimiters(): void {
  state.limiters.clear();
}

/** The process's limiter for `policy` (one per name and settings). */
export function limiterFor(policy: Policy): RateLimiterAbstract {
  const id = `${policy.name}|${policy.points}|${policy.windowS}|${policy.blockS}`;
  let limiter = state.limiters.get(id);
  if (!limiter) {
    limiter = state.factory({ keyPrefix: `ps-${policy.name}`, points: policy.points, duration: policy.concurrent ? 0 : policy.windowS, blockDuration: policy.blockS });
    state.limiters.set(id, limiter);
  }
  return limiter;
}
