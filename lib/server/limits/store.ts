// Where rate-limit counters live. One process on SQLite keeps them in memory
// (rate-limiter-flexible's RateLimiterMemory). Several instances on
// PostgreSQL share them in the database (RateLimiterPostgres on the
// "RateLimit" table of prisma/postgresql/migrations), so a limit holds for
// the whole deployment, not per instance; chosen by DATABASE_URL on first use.
// Docs: https://github.com/animir/node-rate-limiter-flexible/wiki/PostgreSQL
import "server-only";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from "rate-limiter-flexible";
import { dbProvider } from "../db/provider.ts";
import { env } from "../env.ts";
import type { Policy } from "./policies.ts";

/** Makes the limiter of one policy. Swap it (setLimiterFactory) for a shared store. */
export type LimiterFactory = (options: { keyPrefix: string; points: number; duration: number; blockDuration: number }) => RateLimiterAbstract;

/** The default: counters in this process's memory. `duration` 0 = never expires (concurrency caps). */
export const memoryLimiterFactory: LimiterFactory = (options) => new RateLimiterMemory(options);

/**
 * Counters in PostgreSQL, shared by every instance (`pool`: node-postgres).
 * Each limiter keeps a memory limiter of the same settings as its insurance:
 * while the database does not answer, this instance counts alone rather
 * than refusing or failing requests. Concurrency caps (duration 0: open
 * streams) stay in memory: a crashed instance would otherwise leave its
 * slots taken for ever; they cap what one instance holds open.
 */
export function postgresLimiterFactory(pool: pg.Pool): LimiterFactory {
  return (options) => {
    if (options.duration === 0) return new RateLimiterMemory(options);
    return new RateLimiterPostgres({
      ...options,
      storeClient: pool,
      storeType: "pool",
      tableName: "RateLimit",
      tableCreated: true,
      clearExpiredByTimeout: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  };
}

type StoreState = { factory?: LimiterFactory; pool?: pg.Pool; limiters: Map<string, RateLimiterAbstract> };
// globalThis: Next bundles each route separately; every bundle must count in the same buckets.
const g = globalThis as unknown as { planstreamLimiters?: StoreState };
const state: StoreState = (g.planstreamLimiters ??= { limiters: new Map() });

/** Connections of the limiter's own pool on PostgreSQL (one round trip per limited request). */
const LIMITS_POOL_SIZE = 3;

/** The factory for the configured database: memory on SQLite, PostgreSQL (a pool of its own) on PostgreSQL. */
function defaultFactory(): LimiterFactory {
  const url = env().DATABASE_URL;
  if (dbProvider(url) !== "postgresql") return memoryLimiterFactory;
  state.pool = new pg.Pool({ connectionString: url, max: LIMITS_POOL_SIZE, application_name: "planstream-limits" });
  state.pool.on("error", () => undefined); // an idle connection dropped by the server: the pool replaces it
  return postgresLimiterFactory(state.pool);
}

/** Uses `factory` for limiters made from now on and forgets the current ones (their counts start over). */
export function setLimiterFactory(factory: LimiterFactory): void {
  state.factory = factory;
  state.limiters.clear();
}

/** Closes the PostgreSQL pool of the counters, if any (graceful stop). */
export async function closeLimiterStore(): Promise<void> {
  const pool = state.pool;
  state.pool = undefined;
  state.factory = undefined;
  state.limiters.clear();
  await pool?.end();
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
    state.factory ??= defaultFactory();
    limiter = state.factory({ keyPrefix: `ps-${policy.name}`, points: policy.points, duration: policy.concurrent ? 0 : policy.windowS, blockDuration: policy.blockS });
    state.limiters.set(id, limiter);
  }
  return limiter;
}
