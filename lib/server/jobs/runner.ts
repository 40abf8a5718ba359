import "server-only";
import { emptyStats, type JobStats, type JobStatus } from "@/lib/shared/jobs";
import type { Job } from "../db/generated/client.ts";
import type { Deps } from "../deps.ts";
import { NonRetryableError, type AnyJobDefinition } from "./define-job.ts";
import { JobLogger, runInJobContext } from "./job-logger.ts";
import { appendEvents } from "./jobs-repo.ts";
import { jobRegistry } from "./registry.ts";

export type RunnerOptions = {
  /** Jobs run at once by this process (JOB_CONCURRENCY). */
  concurrency: number;
  /** Safety-net poll for pending jobs, ms (wake() is the fast path). */
  pollMs?: number;
  /** A running job's lease, ms; renewed every leaseMs / 3. */
  leaseMs?: number;
  registry?: Partial<Record<string, AnyJobDefinition>>;
};

type Running = { job: Job; controller: AbortController; done: Promise<void> };

/**
 * The in-process job runner. Claims pending jobs oldest first, at most
 * `concurrency` at a time, never two with the same concurrency key (one
 * writer per plan, guarantee 5), and a child only after its parent job
 * succeeded. Each run holds a lease renewed by heartbeat; jobs whose lease
 * expired (a crashed process) are failed with reason "interrupted" and their
 * terminal event (guarantee 4). Status changes and their `status` events
 * commit in one transaction (guarantee 3).
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

  /** Resolves when no job is pending or running (tests and sync mode). */
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
    const pending = await db.job.findMany({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, take: 100 });
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
      if (parentStatus === "failed" || parentStatus === "cancelled" || parentStatus === undefined) {
        await this.finishWithoutRunning(job, "failed", `Parent job ${job.parentJobId} did not succeed`);
        continue;
      }
      if (parentStatus !== "succeeded") continue;
      // An older pending job with the same key goes first (FIFO per plan).
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
    const stats: JobStats = { ...emptyStats(), ...(job.stats as Partial<JobStats>) };
    const logger = new JobLogger(db, bus, job.id, stats);
    const heartbeat = setInterval(() => {
      db.job
        .update({ where: { id: job.id }, data: { leaseExpiresAt: new Date(Date.now() + this.leaseMs) } })
        .catch((e) => console.error("[planstream] lease renewal failed", job.id, e));
    }, this.leaseMs / 3);
    try {
      // The claim already set status=running; its event commits now.
      await logger.commit([{ level: "info", kind: "status", message: "Job started", data: { from: "pending", to: "running" } }], {});
      const def = this.registry[job.jobType];
      let outcome: { status: JobStatus; result?: unknown; error?: string };
      try {
        if (!def) throw new NonRetryableError(`No handler for job type ${job.jobType}`);
        const params = def.schema.safeParse(job.params);
        if (!params.success) throw new NonRetryableError(`Invalid job payload: ${params.error.message}`);
        const result = await runInJobContext(
          { jobId: job.id, jobType: job.jobType, ownerId: job.ownerId, planId: job.planId, logger, signal: controller.signal },
          () => def.handle(params.data, { deps: this.deps, job, signal: controller.signal }),
        );
        outcome = { status: "succeeded", result: result ?? null };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        outcome = controller.signal.aborted ? { status: "cancelled", error: message } : { status: "failed", error: message };
      }
      const ms = Date.now() - job.startedAt!.getTime();
      const text =
        outcome.status === "succeeded"
          ? `Job succeeded in ${(ms / 1000).toFixed(1)} s`
          : outcome.status === "cancelled"
            ? `Job cancelled: ${outcome.error}`
            : `Job failed: ${outcome.error}`;
      await logger.commit(
        [
          {
            level: outcome.status === "failed" ? "error" : "info",
            kind: "status",
            message: text,
            data: { from: "running", to: outcome.status, ...(outcome.error ? { error: outcome.error } : {}) },
          },
        ],
        {
          status: outcome.status,
          finishedAt: new Date(),
          leaseExpiresAt: null,
          error: outcome.error ?? null,
          ...(outcome.result !== undefined ? { result: outcome.result } : {}),
        },
      );
    } catch (error) {
      // The event log itself failed (database gone). The lease will expire and
      // recovery will finish the job with its terminal event.
      console.error("[planstream] job bookkeeping failed", job.id, error);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Terminal status for a job that never ran (its parent failed, or it was cancelled while pending). */
  async finishWithoutRunning(job: Pick<Job, "id" | "stats">, status: Exclude<JobStatus, "pending" | "running" | "succeeded">, reason: string): Promise<boolean> {
    const { db, bus } = this.deps;
    const stats = { ...emptyStats(), ...(job.stats as Partial<JobStats>) };
    stats.events += 1;
    if (status === "failed") stats.errors += 1;
    // Guard against a concurrent claim: only a still-pending job is finished here.
    const lastSeq = await db.$transaction(async (tx) => {
      const flipped = await tx.job.updateMany({ where: { id: job.id, status: "pending" }, data: { status, finishedAt: new Date(), error: reason } });
      if (flipped.count === 0) return null;
      const row = await tx.job.update({ where: { id: job.id }, data: { lastSeq: { increment: 1 }, stats }, select: { lastSeq: true } });
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
   * Fails jobs whose lease expired (their process died) with reason
   * "interrupted", writing the terminal event. Jobs running here are skipped.
   */
  async recoverExpired(): Promise<number> {
    const { db, bus } = this.deps;
    const expired = await db.job.findMany({ where: { status: "running", leaseExpiresAt: { lt: new Date() } } });
    let n = 0;
    for (const job of expired) {
      if (this.running.has(job.id)) continue;
      const stats = { ...emptyStats(), ...(job.stats as Partial<JobStats>) };
      stats.events += 1;
      stats.errors += 1;
      const flipped = await db.job.updateMany({ where: { id: job.id, status: "running", leaseExpiresAt: job.leaseExpiresAt }, data: { leaseExpiresAt: null } });
      if (flipped.count !== 1) continue;
      const lastSeq = await appendEvents(
        db,
        job.id,
        [{ level: "error", kind: "status", message: "Job failed: interrupted (its server stopped mid-job)", data: { from: "running", to: "failed", error: "interrupted" } }],
        { status: "failed", error: "interrupted", finishedAt: new Date(), stats },
      );
      bus.publish(job.id, lastSeq);
      n += 1;
    }
    return n;
  }
}
