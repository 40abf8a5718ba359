import "server-only";
import { getTurnHub } from "./chat/turn-hub.ts";
import { applyMigrations } from "./db/migrate.ts";
import { getApp } from "./deps.ts";
import { env } from "./env.ts";
import { sweepRetention } from "./jobs/retention.ts";
import { errorFields, getLogger } from "./ops/logger.ts";
import { gracefulStop } from "./ops/shutdown.ts";
import { closeToolRegistry } from "./tools/registry.ts";

/** How often finished jobs past retention are deleted, ms. */
const RETENTION_SWEEP_MS = 60 * 60 * 1000;
/** Beyond the grace and the hand-back waits, how long the graceful stop may take before the process exits anyway (code 1), ms. */
const SHUTDOWN_MARGIN_MS = 8_000;

type BootState = { ready?: Promise<void>; sweeper?: NodeJS.Timeout; stopping?: boolean; signals?: boolean };
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
    const applied = await applyMigrations(e.DATABASE_URL);
    const log = getLogger();
    if (applied.length > 0) log.info({ event: "migrations_applied", migrations: applied }, "migrations applied");
    const { deps, runner, signals } = getApp();
    await signals?.start();
    runner.start();
    const sweep = () =>
      sweepRetention(deps, { retentionDays: e.JOB_RETENTION_DAYS, auditRetentionDays: e.AUDIT_RETENTION_DAYS })
        .then((n) => n.jobs > 0 && log.info({ event: "retention_sweep", jobs: n.jobs, auditEntries: n.auditEntries }, "retention: deleted finished jobs"))
        .catch((error) => log.error({ event: "retention_sweep", ...errorFields(error) }, "retention sweep failed"));
    void sweep();
    state.sweeper = setInterval(sweep, RETENTION_SWEEP_MS);
    state.sweeper.unref();
    log.info({ event: "server_started", jobConcurrency: e.JOB_CONCURRENCY, logLevel: e.LOG_LEVEL }, "server started");
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
  await getApp().signals?.stop();
  await closeToolRegistry();
  state.ready = undefined;
}

/** Whether a graceful stop has begun (readiness answers 503 from then on). */
export function isStopping(): boolean {
  return state.stopping === true;
}

/**
 * Stops this process gracefully (see `gracefulStop`: drain jobs and turns
 * within SHUTDOWN_GRACE_MS, end streams with a `retry:` hint, close MCP and
 * the database) and exits 0; exits 1 if it takes longer than the grace plus
 * a margin. A second signal during the stop exits at once (1).
 */
export async function shutdown(signal: string): Promise<void> {
  const log = getLogger().child({ component: "shutdown" });
  if (state.stopping) {
    log.warn({ event: "shutdown_forced", signal }, "second signal: exiting now");
    process.exit(1);
  }
  state.stopping = true;
  const graceMs = env().SHUTDOWN_GRACE_MS;
  log.info({ event: "shutdown_started", signal, graceMs }, "graceful stop started");
  setTimeout(() => {
    log.error({ event: "shutdown_timeout" }, "graceful stop took too long: exiting");
    process.exit(1);
  }, graceMs + SHUTDOWN_MARGIN_MS).unref();
  await state.ready?.catch(() => undefined);
  await gracefulStop(getApp(), getTurnHub(), { graceMs, beforeDrain: () => clearInterval(state.sweeper) });
  process.exit(0);
}

/**
 * Installs the SIGTERM / SIGINT handlers (once per process; from
 * instrumentation.ts only, never in tests). `next start` registers its own
 * handler unless NEXT_MANUAL_SIG_HANDLE is set (next/dist/server/lib/start-server.js):
 * it closes the HTTP server, waiting for every open connection — SSE streams
 * never end by themselves — and exits 143. When that variable is not set, its
 * handler (the listener named `cleanup`) is removed so this graceful stop runs alone.
 */
export function installSignalHandlers(manualSignalHandling: boolean): void {
  if (state.signals) return;
  state.signals = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    if (!manualSignalHandling) {
      for (const l of process.listeners(signal)) if (l.name === "cleanup") process.removeListener(signal, l);
    }
    process.on(signal, () => void shutdown(signal));
  }
}
