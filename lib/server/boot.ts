import "server-only";
import { applyMigrations } from "./db/migrate.ts";
import { getDeps } from "./deps.ts";
import { env } from "./env.ts";
import { deleteExpired } from "./jobs/retention.ts";
import { JobRunner } from "./jobs/runner.ts";

/** How often finished jobs past retention are deleted, ms. */
const RETENTION_SWEEP_MS = 60 * 60 * 1000;

type BootState = { ready?: Promise<void>; runner?: JobRunner };
// globalThis: instrumentation and each route bundle share one boot and one runner.
const g = globalThis as unknown as { planstreamBoot?: BootState };
const state = (g.planstreamBoot ??= {});

/**
 * Boots the server once per process: validates the environment, applies
 * pending migrations, sets the SQLite busy timeout and starts the job runner.
 * Called from instrumentation.ts at start and, idempotently, by every route.
 */
export function ensureStarted(): Promise<void> {
  state.ready ??= (async () => {
    const e = env();
    await applyMigrations(e.DATABASE_URL);
    const deps = getDeps();
    state.runner = new JobRunner(deps, { concurrency: e.JOB_CONCURRENCY, leaseMs: e.JOB_LEASE_MS, maxEvents: e.JOB_EVENT_CAP });
    state.runner.start();
    const sweep = () =>
      deleteExpired(deps.db, e.JOB_RETENTION_DAYS)
        .then((n) => n.jobs > 0 && console.log(`[planstream] retention: deleted ${n.jobs} finished job(s)`))
        .catch((error) => console.error("[planstream] retention sweep failed", error));
    void sweep();
    setInterval(sweep, RETENTION_SWEEP_MS).unref();
  })().catch((error) => {
    state.ready = undefined;
    throw error;
  });
  return state.ready;
}

/** The process's runner (after ensureStarted). */
export function getRunner(): JobRunner {
  if (!state.runner) throw new Error("Job runner not started: call ensureStarted() first");
  return state.runner;
}
