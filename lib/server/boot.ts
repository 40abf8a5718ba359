import "server-only";
import { applyMigrations } from "./db/migrate.ts";
import { getApp } from "./deps.ts";
import { env } from "./env.ts";
import { sweepRetention } from "./jobs/retention.ts";
import { closeToolRegistry } from "./tools/registry.ts";

/** How often finished jobs past retention are deleted, ms. */
const RETENTION_SWEEP_MS = 60 * 60 * 1000;

type BootState = { ready?: Promise<void>; sweeper?: NodeJS.Timeout };
// globalThis: instrumentation and the route bundles share one boot per process.
const g = globalThis as unknown as { planstreamBoot?: BootState };
const state = (g.planstreamBoot ??= {});

/**
 * Boots the server once per process: validates the environment, applies
 * pending migrations, starts the job runner (which first recovers expired
 * leases) and the hourly retention sweep. Called by `instrumentation.ts` at
 * start and by test setups; idempotent.
 * @throws Error when the environment is invalid or a migration fails (the next call retries).
 */
export function startServer(): Promise<void> {
  state.ready ??= (async () => {
    const e = env();
    await applyMigrations(e.DATABASE_URL);
    const { deps, runner } = getApp();
    runner.start();
    const sweep = () =>
      sweepRetention(deps, { retentionDays: e.JOB_RETENTION_DAYS, auditRetentionDays: e.AUDIT_RETENTION_DAYS })
        .then((n) => n.jobs > 0 && console.log(`[planstream] retention: deleted ${n.jobs} finished job(s)`))
        .catch((error) => console.error("[planstream] retention sweep failed", error));
    void sweep();
    state.sweeper = setInterval(sweep, RETENTION_SWEEP_MS);
    state.sweeper.unref();
  })().catch((error) => {
    state.ready = undefined;
    throw error;
  });
  return state.ready;
}

/** Stops the runner (waiting for the jobs running here), the sweep and the MCP servers' connections; `startServer` may be called again. */
export async function stopServer(): Promise<void> {
  if (!state.ready) return;
  await state.ready.catch(() => undefined);
  clearInterval(state.sweeper);
  await getApp().runner.stop();
  await closeToolRegistry();
  state.ready = undefined;
}
