-- Rate-limit counters shared by every instance (rate-limiter-flexible's
-- RateLimiterPostgres, lib/server/limits/store.ts). Its own table layout; not a
-- Prisma model: only the limiter reads and writes it.
CREATE TABLE IF NOT EXISTS "RateLimit" (
    "key" VARCHAR(255) PRIMARY KEY,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT
);
