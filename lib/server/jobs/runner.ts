import "server-only";
import { emptyStats, type JobStats, type JobStatus } from "@/lib/shared/jobs";
import type { Job } from "../db/generated/client.ts";
import type { Deps } from "../deps.ts";
import { NonRetryableError, type AnyJobDefinition } from "./define-job.ts";
import { countEvent, JobLogger, runInJobContext } from "./job-logger.ts";
import { appendEvents, type EventDraft } from "./jobs-repo.ts";
import { jobRegistry } from "./registry.ts";

export type RunnerOptions = {
  /** Jobs run at once by this process (JOB_CONCURRENCY). */
  concurrency: number;
  /** Safety-net poll for pending jobs and expired leases, ms (wake() is the fast path). */
  pollMs?: number;
  /** A running job's lease, ms; renewed every leaseMs / 3. */
  leaseMs?: number;
  /** Per-job cap on stored events (JOB_EVENT_CAP). */
  maxEvents?: number;
  /** Retry backoff: the first retry waits about `retryBaseMs`, doubling up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Jitter source (tests pass a fixed one). */
  random?: () => number;
  registry?: Partial<Record<string, AnyJobDefinition>>;
};

/** Attempts when a definition does not say. */
export const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * Delay before retrying after failed attempt number `attempt` (1-based):
 * `base · 2^(attempt−1)` capped at `max`, with jitter drawn from [d/2, d]
 * ("equal jitter", AWS Architecture Blog, "Exponential Backoff and Jitter").
 */
export function retryDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const d = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
  return Math.round(d / 2 + random() * (d / 2));
}

type Running = { job: Job; controller: AbortController; done: Promise<void> };
type Outcome =
  | { status: "succeeded"; result: unknown }
  | { status: "failed" | "cancelled"; error: string }
  | { status: "pending"; error: string; retryInMs: number };

const statsOf = (job: Pick<Job, "stats">): JobStats => ({ ...emptyStats(), ...(job.stats as Partial<JobStats>) });

/**
 * The in-process job runner. Claims pending jobs whose `runAfter` has come,
 * oldest first, at most `concurrency` at a time, never two with the same
 * concurrency key (one writer per plan, guarantee 5), and a child only after
 * its parent job succeeded. A run holds a lease renewed by heartbeat; the
 * heartbeat also picks up cancel requests. A failed attempt is retried with
 * exponential backoff and jitter up to the type's `maxAttempts`, unless the
 * error is a NonRetryableError. Jobs whose lease expired (their server died)
 * are retried the same way or failed with reason "interrupted" (guarantee 4).
 * Every status change and its `status` event commit in one transaction
 * (guarantee 3).
 */
export class JobRunner {
  private running = new Map<string, Running>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private again = false;
  private stopped = true;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly registry: Partial<Record<string, AnyJobDefinition>>;

  constructor(
    private readonly deps: Deps,
    private readonly options: RunnerOptions,
  ) {
    this.pollMs = options.pollMs ?? 500;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.registry = options.registry ?? jobRegistry;
  }

  /** Starts polling; recovers interrupted jobs first. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      await this.recoverExpired().catch((e) => console.error("[planstream] lease recovery failed", e));
      await this.tick();
      if (!this.stopped) this.timer = setTimeout(loop, this.pollMs);
    };
    void loop();
  }

  /** Stops claiming; waits for running jobs to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** Asks the runner to look for work now (after a job was enqueued). */
  wake(): void {
    if (!this.stopped) setImmediate(() => void this.tick());
  }

  /** Aborts a job running in this process. @returns whether it was running here. */
  abort(jobId: string, reason: string): boolean {
    const r = this.running.get(jobId);
    if (!r) return false;
    r.controller.abort(new Error(reason));
    return true;
  }

  get activeCount(): number {
    return this.running.size;
  }

  /** Resolves when none of `jobIds` (default: no job at all) is pending or running. */
  async idle(jobIds?: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const open = await this.deps.db.job.count({
        where: { status: { in: ["pending", "running"] }, ...(jobIds ? { id: { in: jobIds } } : {}) },
      });
      if (open === 0) return;
      if (Date.now() > deadline) throw new Error(`Jobs still open after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  private maxAttempts(jobType: string): number {
    return this.registry[jobType]?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  private backoff(attempt: number): number {
    return retryDelay(attempt, this.options.retryBaseMs ?? 1000, this.options.retryMaxMs ?? 30_000, this.options.random);
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
      console.error("[planstream] runner tick failed", error);
    } finally {
      this.ticking = false;
    }
  }

  private async claimAvailable(): Promise<void> {
    const free = this.options.concurrency - this.running.size;
    if (free <= 0) return;
    const { db } = this.deps;
    const pending = await db.job.findMany({
      where: { status: "pending", runAfter: { lte: new Date() } },
      orderBy: { createdAt: "asc" },
      take: 100,
    });
    if (pending.length === 0) return;
    const busyKeys = new Set(
      (await db.job.findMany({ where: { status: "running", concurrencyKey: { not: null } }, select: { concurrencyKey: true } })).map(
        (j) => j.concurrencyKey,
      ),
    );
    const parentIds = [...new Set(pending.map((j) => j.parentJobId).filter((id): id is string => !!id))];
    const parents = new Map(
      (await db.job.findMany({ where: { id: { in: parentIds } }, select: { id: true, status: true } })).map((p) => [p.id, p.status]),
    );
    let started = 0;
    for (const job of pending) {
      if (started >= free) break;
      const parentStatus = job.parentJobId ? parents.get(job.parentJobId) : "succeeded";
      if (parentStatus === "cancelled") {
        await this.finishWithoutRunning(job, "cancelled", `Parent job ${job.parentJobId} was cancelled`);
        continue;
      }
      if (parentStatus === "failed" || parentStatus === undefined) {
        await this.finishWithoutRunning(job, "failed", `Parent job ${job.parentJobId} did not succeed`);
        continue;
      }
      if (parentStatus !== "succeeded") continue;
      // FIFO per key: a busy key holds back every younger job that shares it.
      if (job.concurrencyKey && busyKeys.has(job.concurrencyKey)) continue;
      if (job.concurrencyKey) busyKeys.add(job.concurrencyKey);
      const startedAt = new Date();
      const claimed = await db.job.updateMany({
        where: { id: job.id, status: "pending" },
        data: { status: "running", startedAt, attempt: { increment: 1 }, leaseExpiresAt: new Date(startedAt.getTime() + this.leaseMs) },
      });
      if (claimed.count !== 1) continue;
      started += 1;
      this.launch({ ...job, status: "running", startedAt, attempt: job.attempt + 1 });
    }
  }

  private launch(job: Job): void {
    const controller = new AbortController();
    const done = this.execute(job, controller).finally(() => {
      this.running.delete(job.id);
      this.wake();
    });
    this.running.set(job.id, { job, controller, done });
  }

  private async execute(job: Job, controller: AbortController): Promise<void> {
    const { db, bus } = this.deps;
    const logger = new JobLogger(db, bus, job.id, statsOf(job), this.options.maxEvents);
    const heartbeat = setInterval(() => {
      db.job
        .update({ where: { id: job.id }, data: { leaseExpiresAt: new Date(Date.now() + this.leaseMs) }, select: { cancelRequestedAt: true } })
        .then((row) => row.cancelRequestedAt && controller.abort(new Error("cancelled by request")))
        .catch((e) => console.error("[planstream] lease renewal failed", job.id, e));
    }, this.leaseMs / 3);
    try {
      const attemptNote = job.attempt > 1 ? ` (attempt ${job.attempt})` : "";
      await logger.commit([{ level: "info", kind: "status", message: `Job started${attemptNote}`, data: { from: "pending", to: "running" } }], {});
      const outcome = await this.runHandler(job, logger, controller);
      await logger.commit([statusEvent(job, outcome)], jobUpdateFor(outcome));
    } catch (error) {
      // The event log itself failed (database gone). The lease will expire and
      // recovery will finish the job with its terminal event.
      console.error("[planstream] job bookkeeping failed", job.id, error);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async runHandler(job: Job, logger: JobLogger, controller: AbortController): Promise<Outcome> {
    const def = this.registry[job.jobType];
    try {
      if (!def) throw new NonRetryableError(`No handler for job type ${job.jobType}`);
      const params = def.schema.safeParse(job.params);
      if (!params.success) throw new NonRetryableError(`Invalid job payload: ${params.error.message}`);
      const result = await runInJobContext(
        { jobId: job.id, jobType: job.jobType, ownerId: job.ownerId, planId: job.planId, logger, signal: controller.signal },
        () => def.handle(params.data, { deps: this.deps, job, signal: controller.signal }),
      );
      return { status: "succeeded", result: result ?? null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (controller.signal.aborted) {
        const reason = controller.signal.reason instanceof Error ? controller.signal.reason.message : message;
        return { status: "cancelled", error: reason };
      }
      if (error instanceof NonRetryableError || job.attempt >= this.maxAttempts(job.jobType)) return { status: "failed", error: message };
      return { status: "pending", error: message, retryInMs: this.backoff(job.attempt) };
    }
  }

  /** Terminal status for a job that never ran (its parent did not succeed, or it was cancelled while pending). */
  async finishWithoutRunning(
    job: Pick<Job, "id" | "stats">,
    status: Exclude<JobStatus, "pending" | "running" | "succeeded">,
    reason: string,
  ): Promise<boolean> {
    const { db, bus } = this.deps;
    const stats = statsOf(job);
    countEvent(stats, status === "failed" ? "error" : "info");
    // Guard against a concurrent claim: only a still-pending job is finished here.
    const lastSeq = await db.$transaction(async (tx) => {
      const flipped = await tx.job.updateMany({
        where: { id: job.id, status: "pending" },
        data: { status, finishedAt: new Date(), error: reason, stats, lastSeq: { increment: 1 } },
      });
      if (flipped.count === 0) return null;
      const row = await tx.job.findUniqueOrThrow({ where: { id: job.id }, select: { lastSeq: true } });
      await tx.jobEvent.create({
        data: {
          jobId: job.id,
          seq: row.lastSeq,
          timestamp: new Date(),
          level: status === "failed" ? "error" : "info",
          kind: "status",
          message: status === "failed" ? `Job failed: ${reason}` : `Job cancelled: ${reason}`,
          data: { from: "pending", to: status, error: reason },
        },
      });
      return row.lastSeq;
    });
    if (lastSeq === null) return false;
    bus.publish(job.id, lastSeq);
    return true;
  }

  /**
   * Jobs whose lease expired (their process died) are retried with backoff
   * while attempts remain, else failed with reason "interrupted"; either way
   * with a status event. Jobs running in this process are skipped.
   * @returns how many jobs were recovered.
   */
  async recoverExpired(): Promise<number> {
    const { db, bus } = this.deps;
    const expired = await db.job.findMany({ where: { status: "running", leaseExpiresAt: { lt: new Date() } } });
    let n = 0;
    for (const job of expired) {
      if (this.running.has(job.id)) continue;
      // Claim the recovery: only one process moves the lease from this value.
      const claimed = await db.job.updateMany({
        where: { id: job.id, status: "running", leaseExpiresAt: job.leaseExpiresAt },
        data: { leaseExpiresAt: null },
      });
      if (claimed.count !== 1) continue;
      const outcome: Outcome =
        job.attempt < this.maxAttempts(job.jobType)
          ? { status: "pending", error: "interrupted", retryInMs: this.backoff(job.attempt) }
          : { status: "failed", error: "interrupted" };
      const stats = statsOf(job);
      const event = statusEvent(job, outcome, "its server stopped mid-job");
      countEvent(stats, event.level);
      const lastSeq = await appendEvents(db, job.id, [event], {
        ...jobUpdateFor(outcome),
        stats,
      });
      bus.publish(job.id, lastSeq);
      n += 1;
    }
    if (n > 0) this.wake();
    return n;
  }
}

function statusEvent(job: Pick<Job, "attempt" | "startedAt">, outcome: Outcome, why?: string): EventDraft {
  const secs = job.startedAt ? ((Date.now() - job.startedAt.getTime()) / 1000).toFixed(1) : "?";
  const error = "error" in outcome ? outcome.error : "";
  const detail = why ? `${error} (${why})` : error;
  switch (outcome.status) {
    case "succeeded":
      return { level: "info", kind: "status", message: `Job succeeded in ${secs} s`, data: { from: "running", to: "succeeded" } };
    case "cancelled":
      return { level: "warn", kind: "status", message: `Job cancelled: ${detail}`, data: { from: "running", to: "cancelled", error: outcome.error } };
    case "failed":
      return { level: "error", kind: "status", message: `Job failed: ${detail}`, data: { from: "running", to: "failed", error: outcome.error } };
    case "pending":
      return {
        level: "warn",
        kind: "status",
        message: `Attempt ${job.attempt} failed: ${detail}; retrying in ${(outcome.retryInMs / 1000).toFixed(1)} s`,
        data: { from: "running", to: "pending", error: outcome.error, attempt: job.attempt, retryInMs: outcome.retryInMs },
      };
  }
}

function jobUpdateFor(outcome: Outcome): NonNullable<Parameters<typeof appendEvents>[3]> {
  switch (outcome.status) {
    case "succeeded":
      return { status: "succeeded", finishedAt: new Date(), leaseExpiresAt: null, error: null, result: outcome.result };
    case "pending":
      return { status: "pending", leaseExpiresAt: null, error: outcome.error, runAfter: new Date(Date.now() + outcome.retryInMs) };
    default:
      return { status: outcome.status, finishedAt: new Date(), leaseExpiresAt: null, error: outcome.error };
  }
}
