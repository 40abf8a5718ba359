import "server-only";
import type { Job } from "../db/generated/client.ts";
import { ShutdownAbort } from "./define-job.ts";
import type { JobStore } from "./job-store.ts";

/** A job executing in this process: its row as claimed, its AbortController, and its attempt's end. */
export type Running = { job: Job; controller: AbortController; done: Promise<void> };

/** What a drain did with the jobs running here: finished within the grace, handed back (pending, attempt not counted), or left to lease expiry. */
export type DrainReport = { finished: number; released: number; expired: number };

/** After the grace, how long aborted jobs get to hand themselves back before their leases are expired outright, ms. */
const RELEASE_WAIT_MS = 2_000;

/**
 * The body of `JobRunner.drain` (claiming has already stopped): waits up to
 * `graceMs` for `running` to finish, aborts what is left with ShutdownAbort
 * (each attempt then hands its job back itself, see executeJob), waits
 * RELEASE_WAIT_MS more, and expires the lease of any attempt still running
 * (a heartbeat to the epoch, fenced on the attempt).
 */
export async function drainRunning(running: Map<string, Running>, store: Pick<JobStore, "heartbeat">, graceMs: number): Promise<DrainReport> {
  const before = running.size;
  const all = () => Promise.all([...running.values()].map((r) => r.done));
  await settleWithin(all(), graceMs);
  const left = [...running.values()];
  const report: DrainReport = { finished: before - left.length, released: 0, expired: 0 };
  if (left.length === 0) return report;
  for (const r of left) r.controller.abort(new ShutdownAbort());
  await settleWithin(all(), RELEASE_WAIT_MS);
  for (const r of left) {
    if (!running.has(r.job.id)) {
      report.released += 1;
      continue;
    }
    const expired = await store.heartbeat(r.job.id, r.job.attempt, new Date(0)).catch(() => ({ held: false }));
    if (expired.held) report.expired += 1;
  }
  return report;
}

/** Resolves when `p` settles or after `ms`, whichever comes first. */
function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    p.then(done, done);
  });
}
