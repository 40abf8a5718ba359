import "server-only";
import { backoffDelay } from "@/lib/shared/backoff";
import type { JobDto } from "@/lib/shared/jobs";
import type { Viewer } from "../auth/viewer.ts";
import { inTransaction } from "../db/client.ts";
import type { Job } from "../db/generated/client.ts";
import { cancelJob } from "./cancel-job.ts";
import { eventCounter, jobLeaseRecovered, jobStarted } from "../ops/job-telemetry.ts";
import { errorFields, getLogger } from "../ops/logger.ts";
import type { AnyJobDefinition, JobDefinition, JobMeta } from "./define-job.ts";
import { drainRunning, type DrainReport, type Running } from "./drain.ts";
import { statsOf } from "./job-dto.ts";
import { executeJob } from "./job-execution.ts";
import { recordOutcome } from "./job-outcome.ts";
import type { JobQueue } from "./job-queue.ts";
import { allJobDefinitions } from "./registry.ts";
import { DEFAULT_MAX_ATTEMPTS, type RunnerDeps, type RunnerOptions } from "./runner-options.ts";
import { finishPending, transitionJob } from "./transition-job.ts";

/** Pending jobs looked at per claim round. */
const CLAIM_BATCH = 100;

/** The claim loop counts as alive while it ran within this long, ms (readiness). */
const LOOP_STALE_MS = 30_000;

/**
 * The in-process job queue and runner. Claims pending jobs whose `runAfter`
 * has come, oldest first, at most `concurrency` at a time, never two with the
 * same concurrency key (one writer per plan, guarantee 5, FIFO per key), and
 * a child only after its parent job succeeded. A run holds a lease renewed by
 * its heartbeat, which also picks up cancel requests. A failed attempt is
 * retried with exponential backoff and jitter up to the type's `maxAttempts`
 * unless the error is a NonRetryableError. Jobs whose lease expired (their
 * server died) are retried the same way or failed as "interrupted"
 * (guarantee 4). Every status change goes through `transitionJob`
 * (guarantee 3). Queue SQL lives in the JobStore.
 */
export class JobRunner implements JobQueue {
  private running = new Map<string, Running>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private again = false;
  private stopped = true;
  private draining = false;
  private lastLoopAt = 0;
  private readonly events: ReturnType<typeof eventCounter>;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly registry: Readonly<Record<string, AnyJobDefinition>>;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly options: RunnerOptions,
  ) {
    this.pollMs = options.pollMs ?? 500;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.registry = options.registry ?? allJobDefinitions;
    this.events = eventCounter(deps.bus);
  }

  /** Starts claiming; recovers expired leases first and on every poll. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.draining = false;
    const loop = async () => {
      this.lastLoopAt = Date.now();
      await this.recoverExpiredLeases().catch((e) => getLogger().error({ component: "jobs", ...errorFields(e) }, "lease recovery failed"));
      await this.tick();
      if (!this.stopped) this.timer = setTimeout(loop, this.pollMs);
    };
    void loop();
  }

  /** Stops claiming; waits for the jobs running here to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /**
   * Graceful stop (SIGTERM): stops claiming at once, lets the jobs running
   * here finish within `graceMs`, then aborts the rest with ShutdownAbort:
   * each hands itself back (pending again at once, its attempt not counted,
   * fenced on the attempt) so another instance — or this one after a restart
   * — picks it up without waiting for the lease. A handler that ignores its
   * AbortSignal for 2 s more gets its lease expired now (fenced on
   * the attempt), so the next lease recovery takes it over.
   * Same idea as pg-boss `stop({ graceful, timeout })` and BullMQ `worker.close()`.
   */
  async drain(graceMs: number): Promise<DrainReport> {
    this.stopped = true;
    this.draining = true;
    clearTimeout(this.timer);
    const report = await drainRunning(this.running, this.deps.store, graceMs);
    // Jobs handed back are pending again: another instance may start them now rather than at its next poll.
    if (report.released > 0) this.options.peers?.claim();
    return report;
  }

  /** Whether the runner claims jobs: started, not stopping, and its claim loop ran within the last 30 s (readiness). */
  get alive(): { ok: boolean; state: "running" | "draining" | "stopped"; lastLoopMsAgo: number | null } {
    const state = this.draining ? "draining" : this.stopped ? "stopped" : "running";
    const ago = this.lastLoopAt ? Date.now() - this.lastLoopAt : null;
    return { ok: state === "running" && ago !== null && ago < LOOP_STALE_MS, state, lastLoopMsAgo: ago };
  }

  /** Claims soon here, and tells other instances (`peers.claim`) a job was enqueued, so one with room starts it. */
  wake(): void {
    this.tickSoon();
    this.options.peers?.claim();
  }

  /** Claims soon in this process only (capacity freed, leases recovered, a peer's enqueue). */
  tickSoon(): void {
    if (!this.stopped) setImmediate(() => void this.tick());
  }

  async enqueue<P>(def: JobDefinition<P>, meta: JobMeta, payload: P): Promise<Job> {
    const job = await inTransaction(this.deps.db, (tx) => def.enqueue(tx, meta, payload));
    this.wake();
    return job;
  }

  /** Cancels (cancel-job.ts); a running job held by another instance is told at once through `peers.cancel`, its heartbeat being the backstop. */
  cancel(viewer: Viewer, jobId: string): Promise<JobDto> {
    const abortHere = (id: string, reason: string) => {
      if (this.abortLocal(id, reason)) return true;
      this.options.peers?.cancel(id, reason);
      return false;
    };
    return cancelJob({ ...this.deps, abortHere }, viewer, jobId);
  }

  async waitUntilSettled(jobIds?: string[], options: { timeoutMs?: number } = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    while ((await this.deps.store.countOpen(jobIds)) > 0) {
      if (Date.now() > deadline) throw new Error(`Jobs still open after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Jobs executing in this process (metrics). */
  get activeCount(): number {
    return this.running.size;
  }

  /** Aborts a job running in this process (a cancel, here or from a peer). @returns whether it was running here. */
  abortLocal(jobId: string, reason: string): boolean {
    const r = this.running.get(jobId);
    if (!r) return false;
    r.controller.abort(new Error(reason));
    return true;
  }

  private retryDelay = (attempt: number): number =>
    backoffDelay(attempt, { baseMs: this.options.retryBaseMs ?? 1000, maxMs: this.options.retryMaxMs ?? 30_000, random: this.options.random });

  private maxAttempts(jobType: string): number {
    return this.registry[jobType]?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    try {
      do {
        this.again = false;
        await this.claimAvailable();
      } while (this.again && !this.stopped);
    } catch (error) {
      getLogger().error({ component: "jobs", ...errorFields(error) }, "runner tick failed");
    } finally {
      this.ticking = false;
    }
  }

  private async claimAvailable(): Promise<void> {
    const free = this.options.concurrency - this.running.size;
    if (free <= 0) return;
    const { store } = this.deps;
    const pending = await store.listRunnable(new Date(), CLAIM_BATCH);
    if (pending.length === 0) return;
    const busyKeys = await store.runningConcurrencyKeys();
    const parents = await store.statuses([...new Set(pending.map((j) => j.parentJobId).filter((id): id is string => !!id))]);
    let started = 0;
    for (const job of pending) {
      if (started >= free) break;
      const parentStatus = job.parentJobId ? parents.get(job.parentJobId) : "succeeded";
      if (parentStatus === "cancelled" || parentStatus === "failed" || parentStatus === undefined) {
        const to = parentStatus === "cancelled" ? "cancelled" : "failed";
        const reason = to === "cancelled" ? `Parent job ${job.parentJobId} was cancelled` : `Parent job ${job.parentJobId} did not succeed`;
        await finishPending(this.deps, job, to, reason);
        continue;
      }
      if (parentStatus !== "succeeded") continue;
      // FIFO per key: a busy key holds back every younger job that shares it.
      if (job.concurrencyKey && busyKeys.has(job.concurrencyKey)) continue;
      if (job.concurrencyKey) busyKeys.add(job.concurrencyKey);
      const startedAt = new Date();
      const attempt = job.attempt + 1;
      const stats = statsOf(job);
      this.events.track(job, job.lastSeq);
      const claimed = await transitionJob(this.deps, {
        jobId: job.id,
        from: "pending",
        to: "running",
        level: "info",
        message: `Job started${attempt > 1 ? ` (attempt ${attempt})` : ""}`,
        stats,
        update: { startedAt, attempt, leaseExpiresAt: new Date(startedAt.getTime() + this.leaseMs) },
      });
      if (claimed === null) {
        this.events.untrack(job.id);
        continue;
      }
      jobStarted(job, attempt, startedAt);
      started += 1;
      this.launch({ ...job, status: "running", startedAt, attempt, lastSeq: claimed, stats });
    }
  }

  private launch(job: Job): void {
    const controller = new AbortController();
    const done = executeJob({ ...this.deps, queue: this }, this.registry[job.jobType], job, controller, {
      leaseMs: this.leaseMs,
      maxEvents: this.options.maxEvents,
      defaultMaxAttempts: DEFAULT_MAX_ATTEMPTS,
      retryDelay: this.retryDelay,
    }).finally(() => {
      this.running.delete(job.id);
      this.events.untrack(job.id);
      this.tickSoon();
    });
    this.running.set(job.id, { job, controller, done });
  }

  /**
   * Jobs whose lease expired (their process died) are retried with backoff
   * while attempts remain, else failed with reason "interrupted"; either way
   * with a status event. The transition is fenced on the expired lease, so
   * one process recovers each job. Jobs running in this process are skipped.
   * @returns how many jobs were recovered.
   */
  async recoverExpiredLeases(): Promise<number> {
    let n = 0;
    for (const job of await this.deps.store.listExpiredLeases(new Date())) {
      if (this.running.has(job.id)) continue;
      const outcome =
        job.attempt < this.maxAttempts(job.jobType)
          ? { status: "pending" as const, error: "interrupted", retryInMs: this.retryDelay(job.attempt) }
          : { status: "failed" as const, error: "interrupted" };
      const r = recordOutcome(job, outcome, "its server stopped mid-job");
      const done = await transitionJob(this.deps, { jobId: job.id, from: "running", lease: job.leaseExpiresAt, stats: statsOf(job), ...r });
      if (done === null) continue;
      n += 1;
      jobLeaseRecovered(job, outcome.status);
    }
    if (n > 0) this.tickSoon();
    return n;
  }
}
