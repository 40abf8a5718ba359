import "server-only";
import {
  EXECUTION_EVENT_KINDS,
  LOG_KINDS,
  TOOL_EVENT_KINDS,
  type EventLevel,
  type ExecutionEventKind,
  type LogKind,
  type ToolEventKind,
} from "@/lib/shared/jobs";
import type { Tx } from "../db/client.ts";
import type { EventDraft } from "./job-store.ts";
import { currentJobLogger, EventCapabilityError, PRIVILEGED, PRIVILEGED_COMMIT, type JobLogger } from "./job-logger.ts";

// Emitting by capability (docs/design.md "Event semantics", seed 004): tool
// events come only from the tool executor, execution events only from the
// plan executor of a plan_execute job. This module is the one importer of
// JobLogger's privileged writers, and ESLint (eslint.config.mjs,
// no-restricted-imports) lets only those two executors import this module;
// every writer checks its kinds at run time too.

const TOOL_KINDS: ReadonlySet<string> = new Set(TOOL_EVENT_KINDS);
const EXECUTION_KINDS: ReadonlySet<string> = new Set(EXECUTION_EVENT_KINDS);
const PLAIN_KINDS: ReadonlySet<string> = new Set(LOG_KINDS);

function loggerOrThrow(what: string): JobLogger {
  const logger = currentJobLogger();
  if (!logger) throw new EventCapabilityError(`${what} (outside a job)`);
  return logger;
}

/** The tool executor's writer: `tool_call`, `tool_result`, `approval_requested`, `approval_decided` of the current job. */
export class ToolEventWriter {
  private constructor(private readonly logger: JobLogger) {}

  /**
   * The writer for the job running in this async context.
   * @throws EventCapabilityError outside a job.
   */
  static current(): ToolEventWriter {
    return new ToolEventWriter(loggerOrThrow("tool events"));
  }

  /** Queues one tool event. @throws EventCapabilityError for any other kind. */
  write(level: EventLevel, kind: ToolEventKind, message: string, data: Record<string, unknown>): void {
    if (!TOOL_KINDS.has(kind)) throw new EventCapabilityError(kind);
    this.logger[PRIVILEGED](level, kind, message, data);
  }

  /** Commits what is queued (a `tool_call` is committed before its tool runs). */
  flush(): Promise<void> {
    return this.logger.flush();
  }
}

/** An event the plan executor commits with its writes: execution kinds and the plain ones (tasks_updated, log). */
export type ExecutionDraft = EventDraft & { kind: ExecutionEventKind | LogKind };

/** The plan executor's writer: `workflow_*` and `node_*` events of the current plan_execute job. */
export class ExecutionEventWriter {
  private constructor(private readonly logger: JobLogger) {}

  /**
   * The writer for the plan_execute job running in this async context.
   * @throws EventCapabilityError outside a job or for another job type.
   */
  static forJob(job: { jobType: string }): ExecutionEventWriter {
    if (job.jobType !== "plan_execute") throw new EventCapabilityError(`execution events (in a ${job.jobType} job)`);
    return new ExecutionEventWriter(loggerOrThrow("execution events"));
  }

  /** Queues one execution event. @throws EventCapabilityError for any other kind. */
  write(level: EventLevel, kind: ExecutionEventKind, message: string, data: Record<string, unknown>): void {
    if (!EXECUTION_KINDS.has(kind)) throw new EventCapabilityError(kind);
    this.logger[PRIVILEGED](level, kind, message, data);
  }

  /**
   * Commits `write`'s database writes with the events it returns (execution
   * and plain kinds), after every line queued before. @throws what `write`
   * throws, or EventCapabilityError for a tool or status event.
   */
  commitWith<T>(write: (tx: Tx) => Promise<{ value: T; events: ExecutionDraft[] }>): Promise<T> {
    return this.logger[PRIVILEGED_COMMIT](async (tx) => {
      const out = await write(tx);
      for (const e of out.events) if (!EXECUTION_KINDS.has(e.kind) && !PLAIN_KINDS.has(e.kind)) throw new EventCapabilityError(e.kind);
      return out;
    });
  }
}
