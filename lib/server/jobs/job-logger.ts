import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { EventKind, EventLevel, JobStats } from "@/lib/shared/jobs";
import type { Db } from "../db/client.ts";
import type { JobBus } from "./bus.ts";
import { appendEvents, type EventDraft } from "./jobs-repo.ts";

/** Counts one stored event of `level` into a job's stats (events, warnings, errors). */
export function countEvent(stats: JobStats, level: EventLevel): void {
  stats.events += 1;
  if (level === "warn") stats.warnings += 1;
  if (level === "error") stats.errors += 1;
}

/** Flush at most this long after the first buffered line, ms. */
export const FLUSH_INTERVAL_MS = 20;
/** Flush at once when this many lines are buffered. */
export const FLUSH_MAX_EVENTS = 200;

/**
 * A job's log writer. Lines are buffered and committed in batches (one
 * transaction per flush, ≤ FLUSH_INTERVAL_MS after the first buffered line or
 * at FLUSH_MAX_EVENTS lines); only after a commit is the bus woken, so no
 * reader sees an uncommitted line (guarantee 2). Flushes run one at a time.
 */
export class JobLogger {
  private buffer: EventDraft[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private failure: unknown;
  /** Suppressed lines already summarized in an event. */
  private reported = 0;

  /**
   * @param maxEvents per-job cap on stored events (guarantee 10); lines past it
   * are counted in `stats.suppressed` and summarized in one event at the end.
   */
  constructor(
    private readonly db: Db,
    private readonly bus: JobBus,
    readonly jobId: string,
    readonly stats: JobStats,
    private readonly maxEvents = Number.POSITIVE_INFINITY,
  ) {}

  /** Queues one line; never blocks the caller. */
  write(level: EventLevel, kind: EventKind, message: string, data?: Record<string, unknown> | null): void {
    // The cap spares status events: the terminal one must always be written.
    if (this.stats.events >= this.maxEvents && kind !== "status") {
      this.stats.suppressed += 1;
      return;
    }
    this.buffer.push({ level, kind, message, data: data ?? null, timestamp: new Date() });
    countEvent(this.stats, level);
    if (this.buffer.length >= FLUSH_MAX_EVENTS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS);
  }

  /** Commits everything buffered so far. Rejects if a previous flush failed. */
  flush(): Promise<void> {
    return this.enqueue([], {});
  }

  /**
   * Commits the buffered lines, then `final` lines and the job-row update in
   * the same transaction (the terminal status event and the final status
   * commit together: guarantee 3).
   */
  commit(final: EventDraft[], jobUpdate: Parameters<typeof appendEvents>[3]): Promise<void> {
    if (this.stats.suppressed > 0 && this.reported < this.stats.suppressed) {
      const n = this.stats.suppressed - this.reported;
      this.reported = this.stats.suppressed;
      final = [
        {
          level: "warn",
          kind: "log",
          message: `${n} more line(s) were not stored: this job reached its cap of ${this.maxEvents} events`,
          data: { suppressed: n, cap: this.maxEvents },
        },
        ...final,
      ];
    }
    for (const d of final) countEvent(this.stats, d.level);
    return this.enqueue(final, jobUpdate ?? {});
  }

  private enqueue(extra: EventDraft[], jobUpdate: NonNullable<Parameters<typeof appendEvents>[3]>): Promise<void> {
    const run = this.chain.then(async () => {
      if (this.failure) throw this.failure;
      clearTimeout(this.timer);
      this.timer = undefined;
      const drafts = this.buffer.concat(extra);
      this.buffer = [];
      if (drafts.length === 0 && Object.keys(jobUpdate).length === 0) return;
      try {
        const lastSeq = await appendEvents(this.db, this.jobId, drafts, { stats: { ...this.stats }, ...jobUpdate });
        this.bus.publish(this.jobId, lastSeq);
      } catch (error) {
        this.failure = error;
        throw error;
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/** What code running inside a job can reach without being passed a job id. */
export type JobContext = {
  jobId: string;
  jobType: string;
  ownerId: string;
  planId: string | null;
  logger: JobLogger;
  signal: AbortSignal;
};

const storage = new AsyncLocalStorage<JobContext>();

/** Runs `fn` with `ctx` as the current job context (AsyncLocalStorage). */
export function runInJobContext<T>(ctx: JobContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(ctx, fn);
}

/** The current job's context, or undefined outside a job. */
export function currentJob(): JobContext | undefined {
  return storage.getStore();
}

function emit(level: EventLevel, kind: EventKind, message: string, data?: Record<string, unknown>): void {
  const ctx = storage.getStore();
  if (ctx) ctx.logger.write(level, kind, message, data);
  else if (level !== "debug") console.log(`[planstream] ${level} ${kind}: ${message}`);
}

/**
 * Job-scoped logging for code at any depth (seed 001): lines go to the current
 * job's log, or to the console outside a job.
 * @example jobLog.info("Writing 5 tasks", { count: 5 })
 */
export const jobLog = {
  debug: (message: string, data?: Record<string, unknown>) => emit("debug", "log", message, data),
  info: (message: string, data?: Record<string, unknown>) => emit("info", "log", message, data),
  warn: (message: string, data?: Record<string, unknown>) => emit("warn", "log", message, data),
  error: (message: string, data?: Record<string, unknown>) => emit("error", "log", message, data),
  /** The model's narrated reasoning; always marked simulated (DESIGN.md event semantics). */
  planningStep: (message: string, data?: Record<string, unknown>) =>
    emit("info", "planning_step", message, { ...data, simulated: true }),
  progress: (done: number, total: number, message = `${done}/${total}`) => emit("info", "progress", message, { done, total }),
  tasksUpdated: (planId: string, taskIds: string[], message = `${taskIds.length} task(s) updated`) =>
    emit("info", "tasks_updated", message, { planId, taskIds }),
};

/** Adds to the current job's counters (LLM calls, tokens, created tasks). */
export function addJobStats(delta: Partial<JobStats>): void {
  const ctx = storage.getStore();
  if (!ctx) return;
  for (const [k, v] of Object.entries(delta) as [keyof JobStats, number][]) ctx.logger.stats[k] += v;
}
