import "server-only";
import type { z } from "zod";
import type { Job } from "../db/generated/client.ts";
import type { Deps } from "../deps.ts";
import { budgetedModel } from "../limits/budgeted-model.ts";
import { generateStructured, type GenerateArgs } from "../llm/generate.ts";
import { errorFields, getLogger } from "../ops/logger.ts";
import { jobAttemptEnded, type AttemptEnd } from "../ops/job-telemetry.ts";
import { NonRetryableError, ShutdownAbort, type AnyJobDefinition, type HandlerContext } from "./define-job.ts";
import { statsOf } from "./job-dto.ts";
import { JobLogger, jobLog, runWithJobLog } from "./job-logger.ts";
import { recordOutcome, type Outcome } from "./job-outcome.ts";
import { transitionJob } from "./transition-job.ts";

export type ExecutionOptions = {
  /** The lease, ms; the heartbeat renews it every third. */
  leaseMs: number;
  /** Per-job cap on stored events. */
  maxEvents?: number;
  /** Attempts when the definition does not say. */
  defaultMaxAttempts: number;
  /** Delay before retrying after failed attempt `attempt`, ms. */
  retryDelay(attempt: number): number;
};

/**
 * Runs one claimed attempt of `job` (already `running` at `job.attempt`) to
 * its end: a heartbeat renews the lease and turns a cancel request into an
 * abort; the handler runs with the job's log and AbortSignal; its outcome is
 * recorded by `transitionJob`, fenced on this attempt, so an attempt whose
 * job was recovered elsewhere writes no status. Never throws: if the log
 * itself cannot be written (database gone), the lease expires and recovery
 * finishes the job.
 */
export async function executeJob(deps: Deps, def: AnyJobDefinition | undefined, job: Job, controller: AbortController, options: ExecutionOptions): Promise<void> {
  const stats = statsOf(job);
  const logger = new JobLogger(deps.store, deps.bus, job.id, stats, { maxEvents: options.maxEvents, attempt: job.attempt });
  const heartbeat = setInterval(() => {
    // An aborted attempt (cancel, shutdown) stops renewing: at shutdown an unfinished one's lease is let go.
    if (controller.signal.aborted) return;
    deps.store
      .heartbeat(job.id, job.attempt, new Date(Date.now() + options.leaseMs))
      .then(({ held, cancelRequested }) => {
        if (cancelRequested) controller.abort(new Error("cancelled by request"));
        else if (!held) controller.abort(new Error("lease lost"));
      })
      .catch((e) => getLogger().warn({ jobId: job.id, ...errorFields(e) }, "lease heartbeat failed"));
  }, options.leaseMs / 3);
  const started = job.startedAt?.getTime() ?? Date.now();
  try {
    const outcome = await runHandler(deps, def, job, logger, controller, options);
    const lines = await logger.close();
    const r = recordOutcome(job, outcome);
    const done = await transitionJob(deps, { jobId: job.id, from: "running", attempt: job.attempt, stats, lines, ...r });
    if (done !== null) jobAttemptEnded(job, attemptEnd(outcome), Date.now() - started);
  } catch (error) {
    getLogger().error({ jobId: job.id, jobType: job.jobType, ...errorFields(error) }, "job bookkeeping failed");
  } finally {
    clearInterval(heartbeat);
  }
}

async function runHandler(
  deps: Deps,
  def: AnyJobDefinition | undefined,
  job: Job,
  logger: JobLogger,
  controller: AbortController,
  options: ExecutionOptions,
): Promise<Outcome> {
  const { signal } = controller;
  try {
    if (!def) throw new NonRetryableError(`No handler for job type ${job.jobType}`);
    const payload = def.schema.safeParse(job.params);
    if (!payload.success) throw new NonRetryableError(`Invalid job payload: ${payload.error.message}`);
    const ctx: HandlerContext = {
      deps,
      job,
      signal,
      addStats: (delta) => logger.addStats(delta),
      commitWith: (write) => logger.commitWith(write),
      generate: <S extends z.ZodType>(args: Omit<GenerateArgs<S>, "model" | "abortSignal">) =>
        generateStructured({ ...args, model: budgetedModel(deps.model, { db: deps.db, userId: job.ownerId }), abortSignal: signal }).then((r) => {
          logger.addStats({ llmCalls: 1, ...r.usage });
          jobLog.debug(`Model call ${args.fields.Request} took ${r.ms} ms`, { request: args.fields.Request, ms: r.ms, ...r.usage });
          return r;
        }),
    };
    const result = await runWithJobLog(logger, () => def.handle(payload.data, ctx));
    return { status: "succeeded", result: result ?? null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (signal.aborted) {
      if (ShutdownAbort.is(signal.reason)) return { status: "released" };
      const reason = signal.reason instanceof Error ? signal.reason.message : message;
      return { status: "cancelled", error: reason };
    }
    const maxAttempts = def?.maxAttempts ?? options.defaultMaxAttempts;
    if (error instanceof NonRetryableError) return { status: "failed", error: message, reason: "non_retryable" };
    if (job.attempt >= maxAttempts) return { status: "failed", error: message, reason: "attempts_exhausted" };
    return { status: "pending", error: message, retryInMs: options.retryDelay(job.attempt) };
  }
}

/** The lifecycle view of an outcome: a `pending` outcome is a retry. */
function attemptEnd(o: Outcome): AttemptEnd {
  switch (o.status) {
    case "succeeded":
    case "released":
      return { status: o.status };
    case "cancelled":
      return { status: "cancelled", error: o.error };
    case "failed":
      return { status: "failed", error: o.error, reason: o.reason ?? "non_retryable" };
    case "pending":
      return { status: "retried", error: o.error, retryInMs: o.retryInMs };
  }
}
