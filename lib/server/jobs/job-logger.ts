import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { LOG_KINDS, type EventKind, type EventLevel, type JobStats, type LogKind } from "@/lib/shared/jobs";
import type { Language } from "@/lib/shared/language";
import { logLine, type MessageKey, type MessageParams } from "../i18n/messages.ts";
import type { JobBus } from "./bus.ts";
import type { Tx } from "../db/client.ts";
import type { EventDraft, Fence, JobStore } from "./job-store.ts";
import { countEvent } from "./transition-job.ts";
import { getLogger } from "../ops/logger.ts";

/**
 * The key of JobLogger's unguarded writers. Only `capabilities.ts` imports it
 * (enforced by ESLint's no-restricted-imports in eslint.config.mjs): whoever
 * holds it can write tool and execution events.
 */
export const PRIVILEGED = Symbol("planstream.privileged-events");
/** The key of JobLogger's unguarded commitWith; same rules as PRIVILEGED. */
export const PRIVILEGED_COMMIT = Symbol("planstream.privileged-commit");

/** An event kind written without the capability that owns it (docs/design.md "Event semantics"). */
export class EventCapabilityError extends Error {
  override name = "EventCapabilityError";
  constructor(kind: string) {
    super(`Events of kind "${kind}" can only be written by the code that holds their capability (docs/design.md "Event semantics")`);
  }
}

const LOG_KIND_SET: ReadonlySet<string> = new Set(LOG_KINDS);

/** Throws EventCapabilityError unless every draft is of a kind any handler may write (log, progress, planning_step, tasks_updated). */
export function assertLogKinds(drafts: readonly { kind: string }[]): void {
  for (const d of drafts) if (!LOG_KIND_SET.has(d.kind)) throw new EventCapabilityError(d.kind);
}

/** An event draft of a kind any handler may write. */
export type LogEventDraft = EventDraft & { kind: LogKind };

/** Flush at most this long after the first buffered line, ms. */
export const FLUSH_INTERVAL_MS = 20;
/** Flush at once when this many lines are buffered. */
export const FLUSH_MAX_EVENTS = 200;
/**
 * Lines per transaction at most. While one flush commits, a fast writer
 * keeps buffering; the next flush commits that backlog in transactions of
 * this size, so none grows with the backlog (a 66,000-row one outlived
 * Prisma's 5 s transaction timeout on a loaded PostgreSQL: npm run bench).
 */
export const FLUSH_MAX_ROWS = 2_000;

/**
 * A job's log writer. Lines are buffered and committed in batches (one
 * transaction per flush, ≤ FLUSH_INTERVAL_MS after the first buffered line or
 * at FLUSH_MAX_EVENTS lines); only after a commit is the bus notified, so no
 * reader sees an uncommitted line (guarantee 2). Flushes run one at a time.
 * Status events are not written here: `transitionJob` is their one writer.
 */
export class JobLogger {
  private buffer: EventDraft[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private failure: unknown;
  /** Suppressed lines already summarized in an event. */
  private reported = 0;

  /**
   * @param stats the job's counters, kept current as lines are written; stored with every flush.
   * @param options.attempt the attempt the worker holds: every commit is fenced on it (LeaseLostError once another worker took the job over).
   * @param options.maxEvents per-job cap on stored events (guarantee 10); lines past it
   * are counted in `stats.suppressed` and summarized in one event at the end.
   */
  constructor(
    private readonly store: JobStore,
    private readonly bus: JobBus,
    readonly jobId: string,
    readonly stats: JobStats,
    private readonly options: { maxEvents?: number; attempt?: number } = {},
  ) {}

  /** The fencing token of every write: the attempt this logger's worker holds (none: unfenced, e.g. the benchmark). */
  private get fence(): Fence | undefined {
    return this.options.attempt === undefined ? undefined : { attempt: this.options.attempt };
  }

  private get maxEvents(): number {
    return this.options.maxEvents ?? Number.POSITIVE_INFINITY;
  }

  /**
   * Queues one line of a kind any handler may write; never blocks the caller.
   * @throws EventCapabilityError for tool, execution and status kinds (their writers live in capabilities.ts and transitionJob).
   */
  write(level: EventLevel, kind: LogKind, message: string, data?: Record<string, unknown> | null): void {
    if (!LOG_KIND_SET.has(kind)) throw new EventCapabilityError(kind);
    this.append(level, kind, message, data);
  }

  /** Queues a line of any kind: for capability holders only (capabilities.ts). */
  [PRIVILEGED](level: EventLevel, kind: EventKind, message: string, data?: Record<string, unknown> | null): void {
    this.append(level, kind, message, data);
  }

  private append(level: EventLevel, kind: EventKind, message: string, data?: Record<string, unknown> | null): void {
    // Status events are counted against the cap too, but always written (by transitionJob).
    if (this.stats.events >= this.maxEvents) {
      this.stats.suppressed += 1;
      return;
    }
    this.buffer.push({ level, kind, message, data: data ?? null, timestamp: new Date() });
    countEvent(this.stats, level);
    if (this.buffer.length >= FLUSH_MAX_EVENTS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS);
  }

  /** Adds to the job's counters (LLM calls, tokens, created tasks); stored with the next commit. */
  addStats(delta: Partial<JobStats>): void {
    for (const [k, v] of Object.entries(delta) as [keyof JobStats, number][]) this.stats[k] += v;
  }

  /** Commits everything buffered so far. Rejects if a previous flush failed. */
  flush(): Promise<void> {
    const run = this.chain.then(async () => {
      if (this.failure) throw this.failure;
      clearTimeout(this.timer);
      this.timer = undefined;
      const drafts = this.buffer;
      this.buffer = [];
      try {
        for (let at = 0; at < drafts.length; at += FLUSH_MAX_ROWS) {
          const lastSeq = await this.store.appendEvents(this.jobId, drafts.slice(at, at + FLUSH_MAX_ROWS), { ...this.stats }, this.fence);
          this.bus.notify(this.jobId, lastSeq);
        }
      } catch (error) {
        this.failure = error;
        throw error;
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Commits `write`'s database writes together with the events it returns
   * (after every line buffered before it), then notifies the bus. The way
   * plan writes and their `tasks_updated` events commit atomically.
   * @throws whatever `write` throws (nothing is committed then).
   */
  async commitWith<T>(write: (tx: Tx) => Promise<{ value: T; events: LogEventDraft[] }>): Promise<T> {
    return this.commit(async (tx) => {
      const out = await write(tx);
      assertLogKinds(out.events);
      return out;
    });
  }

  /** commitWith for events of any kind: for capability holders only (capabilities.ts). */
  [PRIVILEGED_COMMIT]<T>(write: (tx: Tx) => Promise<{ value: T; events: EventDraft[] }>): Promise<T> {
    return this.commit(write);
  }

  private async commit<T>(write: (tx: Tx) => Promise<{ value: T; events: EventDraft[] }>): Promise<T> {
    await this.flush();
    const run = this.chain.then(async () => {
      let written: EventDraft[] = [];
      const { value, lastSeq } = await this.store.commitWith(this.jobId, write, (events) => {
        written = events;
        const stats = { ...this.stats };
        for (const e of events) countEvent(stats, e.level);
        return stats;
      }, this.fence);
      // Counted once committed: a rolled-back write counts nothing.
      for (const e of written) countEvent(this.stats, e.level);
      this.bus.notify(this.jobId, lastSeq);
      return value;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Flushes, then returns the lines to commit with the terminal status event:
   * one summary of the lines the cap suppressed, if any.
   */
  async close(): Promise<EventDraft[]> {
    await this.flush();
    const n = this.stats.suppressed - this.reported;
    if (n <= 0) return [];
    this.reported = this.stats.suppressed;
    return [
      {
        level: "warn",
        kind: "log",
        message: `${n} more line(s) were not stored: this job reached its cap of ${this.maxEvents} events`,
        data: { suppressed: n, cap: this.maxEvents },
      },
    ];
  }
}

const storage = new AsyncLocalStorage<JobLogger>();

/** The current job's logger (inside runWithJobLog), for capabilities.ts; undefined outside a job. */
export function currentJobLogger(): JobLogger | undefined {
  return storage.getStore();
}

/** Runs `fn` with `logger` as the current job's log (AsyncLocalStorage), so `jobLog` reaches it from any depth. */
export function runWithJobLog<T>(logger: JobLogger, fn: () => Promise<T>): Promise<T> {
  return storage.run(logger, fn);
}

function emit(level: EventLevel, kind: LogKind, message: string, data?: Record<string, unknown>): void {
  const logger = storage.getStore();
  if (logger) logger.write(level, kind, message, data);
  else getLogger()[level]({ component: "job-log", kind }, message); // outside a job: the process log (redacted there)
}

/**
 * Job-scoped logging for code at any depth (seed 001): lines go to the current
 * job's log, or to the console outside a job. It writes only the kinds any
 * code may emit (docs/design.md "Event semantics"); `status` belongs to transitionJob.
 * @example jobLog.info("Writing 5 tasks", { count: 5 })
 */
export const jobLog = {
  debug: (message: string, data?: Record<string, unknown>) => emit("debug", "log", message, data),
  info: (message: string, data?: Record<string, unknown>) => emit("info", "log", message, data),
  warn: (message: string, data?: Record<string, unknown>) => emit("warn", "log", message, data),
  error: (message: string, data?: Record<string, unknown>) => emit("error", "log", message, data),
  /** The model's narrated reasoning; always marked simulated (docs/design.md event semantics). */
  planningStep: (message: string, data?: Record<string, unknown>) =>
    emit("info", "planning_step", message, { ...data, simulated: true }),
  progress: (done: number, total: number, message = `${done}/${total}`) => emit("info", "progress", message, { done, total }),
  /**
   * An info line from the sentence table: rendered in `language`, stored with
   * `msgKey`/`msgParams` beside `data` so the panel can show it in the
   * viewer's language (seed 001; see logLine).
   * @example jobLog.infoT("zh-CN", "decompose.done", { count: 3 })
   */
  infoT: <K extends MessageKey>(language: Language, key: K, params: MessageParams<K>, data?: Record<string, unknown>) => {
    const line = logLine(language, key, params, data);
    emit("info", "log", line.message, line.data);
  },
  /** A warn line from the sentence table (see infoT). */
  warnT: <K extends MessageKey>(language: Language, key: K, params: MessageParams<K>, data?: Record<string, unknown>) => {
    const line = logLine(language, key, params, data);
    emit("warn", "log", line.message, line.data);
  },
};

/**
 * A `tasks_updated` event: the plan tree changed. Commit it with the write
 * it reports (`ctx.commitWith`), never on its own.
 */
export function tasksUpdatedEvent(planId: string, taskIds: string[], message: string, data?: Record<string, unknown>): LogEventDraft {
  return { level: "info", kind: "tasks_updated", message, data: { planId, taskIds, ...data } };
}
