import "server-only";
import { closeLimiterStore } from "../limits/store.ts";
import type { App } from "../deps.ts";
import type { TurnHub } from "../chat/turn-hub.ts";
import { closeAllStreams } from "../http/sse.ts";
import type { DrainReport } from "../jobs/drain.ts";
import { closeToolRegistry } from "../tools/registry.ts";
import { errorFields, getLogger } from "./logger.ts";

/** The reconnection delay hinted to streams closed at shutdown, ms (with jitter up to as much again, so clients do not reconnect in one burst). */
export const SHUTDOWN_RETRY_MS = 1_000;
/** After the drain, how long streams get to deliver what it wrote (a job's hand-back, a turn's end) before they are closed, ms. */
const STREAM_SETTLE_MS = 250;
/** After the grace, how long an aborted chat turn gets to record its interruption, ms. */
const TURN_END_WAIT_MS = 2_000;

/** What the graceful stop did (logged as `shutdown_complete`). */
export type ShutdownReport = { jobs: DrainReport; turns: { finished: number; interrupted: number }; streams: number; ms: number };

/** Why a turn is aborted at shutdown (anything but the stop route's reason: the turn ends `failed` with code `interrupted`). */
export const TURN_SHUTDOWN_REASON = new Error("the server is shutting down");

/**
 * The graceful stop, in order (docs/operations.md "Graceful stop"):
 * 1. `beforeDrain` (stop the retention sweep; readiness already answers 503);
 * 2. the runner stops claiming; running jobs and chat turns get `graceMs` to
 *    finish; jobs still running are handed back (pending, attempt not counted)
 *    or their leases expired; turns still running are aborted and end
 *    `failed` / `interrupted` (so a reader never waits for their lease);
 * 3. open SSE streams get a `retry:` hint and are closed (clients resume by cursor elsewhere);
 * 4. MCP connections close, then the database client.
 * Never throws: a failing step is logged and the next one runs.
 */
export async function gracefulStop(app: App, hub: TurnHub, options: { graceMs: number; beforeDrain?: () => void }): Promise<ShutdownReport> {
  const log = getLogger().child({ component: "shutdown" });
  const started = Date.now();
  const step = async <T>(name: string, fn: () => Promise<T> | T, fallback: T): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      log.error({ step: name, ...errorFields(error) }, "shutdown step failed");
      return fallback;
    }
  };
  options.beforeDrain?.();
  const [jobs, turns] = await Promise.all([
    step("jobs", () => app.runner.drain(options.graceMs), { finished: 0, released: 0, expired: 0 }),
    step("turns", () => drainTurns(hub, options.graceMs), { finished: 0, interrupted: 0 }),
  ]);
  log.info({ event: "shutdown_drained", jobs, turns }, "jobs and turns drained");
  await new Promise((r) => setTimeout(r, STREAM_SETTLE_MS));
  const streams = closeAllStreams(SHUTDOWN_RETRY_MS + Math.floor(Math.random() * SHUTDOWN_RETRY_MS));
  // Let the closing frames leave before the connections go.
  await new Promise((r) => setTimeout(r, 100));
  await step("mcp", () => closeToolRegistry(), undefined);
  await step("listener", async () => app.signals?.stop(), undefined);
  await step("limits", () => closeLimiterStore(), undefined);
  await step("database", () => app.deps.db.$disconnect(), undefined);
  const report = { jobs, turns, streams, ms: Date.now() - started };
  log.info({ event: "shutdown_complete", ...report }, "graceful stop complete");
  return report;
}

/** Lets the turns running here end within `graceMs`, then aborts the rest and waits (bounded) for them to record it. */
async function drainTurns(hub: TurnHub, graceMs: number): Promise<{ finished: number; interrupted: number }> {
  const live = hub.turns();
  if (live.length === 0) return { finished: 0, interrupted: 0 };
  const within = (p: Promise<unknown>, ms: number) => Promise.race([p, new Promise((r) => setTimeout(r, ms))]);
  await within(Promise.all(live.map((t) => t.ended)), graceMs);
  const left = live.filter((t) => !t.done);
  for (const t of left) hub.abort(t.id, TURN_SHUTDOWN_REASON);
  await within(Promise.all(left.map((t) => t.ended)), TURN_END_WAIT_MS);
  return { finished: live.length - left.length, interrupted: left.length };
}
