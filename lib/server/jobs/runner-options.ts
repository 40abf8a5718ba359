// What a JobRunner is built from (runner.ts): its dependencies, its options
// and how it reaches the runners of other instances.
import type { Deps } from "../deps.ts";
import type { AnyJobDefinition } from "./define-job.ts";

/** The runner's own needs: everything in Deps but the queue it is. */
export type RunnerDeps = Omit<Deps, "queue">;

export type RunnerOptions = {
  /** Jobs run at once by this process (JOB_CONCURRENCY). */
  concurrency: number;
  /** Safety-net poll for pending jobs and expired leases, ms (wake() is the fast path). */
  pollMs?: number;
  /** A running job's lease, ms; its heartbeat renews it every leaseMs / 3. */
  leaseMs?: number;
  /** Per-job cap on stored events (JOB_EVENT_CAP). */
  maxEvents?: number;
  /** Retry backoff: the first retry waits about `retryBaseMs`, doubling up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Jitter source (tests pass a fixed one). */
  random?: () => number;
  /** Job definitions by name (default: the registry and the diagnostics jobs). */
  registry?: Readonly<Record<string, AnyJobDefinition>>;
  /** Other instances sharing the database (PostgreSQL: db/pg-signals.ts); none on SQLite. */
  peers?: RunnerPeers;
};

/** How a runner reaches the runners of other instances. Hints: the database row stays the truth, the poll the backstop. */
export type RunnerPeers = {
  /** A job was enqueued: whoever has room may claim it. */
  claim(): void;
  /** Job `jobId` runs elsewhere and was asked to cancel: abort it now. */
  cancel(jobId: string, reason: string): void;
};

/** Attempts when a definition does not say. */
export const DEFAULT_MAX_ATTEMPTS = 3;
