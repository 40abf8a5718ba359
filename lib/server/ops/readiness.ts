import "server-only";
import type { Db } from "../db/client.ts";
import { migrationNames } from "../db/migrate-pg.ts";
import { migrationsDirFor } from "../db/migrate.ts";
import { env } from "../env.ts";
import type { JobStore } from "../jobs/job-store.ts";
import type { JobRunner } from "../jobs/runner.ts";

/** One readiness check: ok, or what failed (`error`), with details. */
export type Check = { ok: boolean; error?: string } & Record<string, unknown>;
/** GET /api/ready's body. */
export type Readiness = { status: "ready" | "not_ready"; checks: { database: Check; migrations: Check; runner: Check } };

/** A database round trip slower than this fails the check, ms. */
const DB_TIMEOUT_MS = 2_000;

/** The error's text on one line (Prisma's messages start with a blank line), at most 300 characters; its name/code when it has none. */
function message(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split("\n").map((l) => l.trim()).filter(Boolean);
  const code = (error as { code?: unknown })?.code;
  const text = lines.join(" ") || (typeof code === "string" ? code : error instanceof Error ? error.name : "unknown error");
  return text.slice(0, 300);
}

function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** The migrations this build ships for the configured provider (prisma/migrations or prisma/postgresql/migrations, `<name>/migration.sql`), sorted. */
export function bundledMigrations(dir = migrationsDirFor(env().DATABASE_URL)): string[] {
  return migrationNames(dir);
}

/**
 * Readiness (Kubernetes readinessProbe, a load balancer's health check): the
 * database answers a round trip within 2 s; every bundled migration is
 * applied (Prisma's `_prisma_migrations`, finished and not rolled back); the
 * job runner is started, not draining (a graceful stop began), and its claim
 * loop ran within 30 s. Never throws: a failing check is `ok: false` with
 * its error, and the status is `not_ready`.
 */
export async function checkReadiness(deps: { db: Db; store: JobStore }, runner: Pick<JobRunner, "alive">, stopping: boolean, dir = migrationsDirFor(env().DATABASE_URL)): Promise<Readiness> {
  const database = await (async (): Promise<Check> => {
    const started = performance.now();
    try {
      await timeout(deps.store.ping(), DB_TIMEOUT_MS, "the database");
      return { ok: true, ms: Math.round(performance.now() - started) };
    } catch (error) {
      return { ok: false, error: message(error) };
    }
  })();
  const migrations = await (async (): Promise<Check> => {
    if (!database.ok) return { ok: false, error: "database unreachable" };
    try {
      const bundled = bundledMigrations(dir);
      const rows = await timeout(
        deps.db.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`),
        DB_TIMEOUT_MS,
        "the database",
      );
      const applied = new Set(rows.map((r) => r.migration_name));
      const pending = bundled.filter((n) => !applied.has(n));
      return pending.length ? { ok: false, error: `${pending.length} migration(s) not applied`, pending } : { ok: true, applied: bundled.length };
    } catch (error) {
      return { ok: false, error: message(error) };
    }
  })();
  const alive = runner.alive;
  const runnerCheck: Check = stopping || alive.state === "draining"
    ? { ok: false, error: "shutting down", state: "draining" }
    : alive.ok
      ? { ok: true, state: alive.state }
      : { ok: false, error: alive.state === "stopped" ? "job runner not started" : "job runner loop stalled", state: alive.state, lastLoopMsAgo: alive.lastLoopMsAgo };
  const ok = database.ok && migrations.ok && runnerCheck.ok;
  return { status: ok ? "ready" : "not_ready", checks: { database, migrations, runner: runnerCheck } };
}
