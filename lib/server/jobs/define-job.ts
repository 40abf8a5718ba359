import "server-only";
import type { z } from "zod";
import type { JobStats } from "@/lib/shared/jobs";
import type { Tx } from "../db/client.ts";
import type { Job } from "../db/generated/client.ts";
import type { Deps } from "../deps.ts";
import type { GenerateArgs, GenerateResult } from "../llm/generate.ts";
import type { AnyJobType } from "./job-store.ts";
import type { LogEventDraft } from "./job-logger.ts";
import { insertJob } from "./jobs-repo.ts";
import { jobEnqueued } from "../ops/job-telemetry.ts";

/** What a handler gets besides its payload. */
export type HandlerContext = {
  deps: Deps;
  job: Job;
  /** Aborted when the job is cancelled (or its lease is lost); pass it to anything that waits. */
  signal: AbortSignal;
  /** Adds to the job's counters (e.g. `createdTasks`). */
  addStats(delta: Partial<JobStats>): void;
  /**
   * Commits plan writes together with the events that report them (e.g.
   * `tasks_updated`) in one transaction, after the lines logged so far.
   * @throws what `write` throws; then nothing of it is committed.
   */
  commitWith<T>(write: (tx: Tx) => Promise<{ value: T; events: LogEventDraft[] }>): Promise<T>;
  /**
   * The handler's model call: `generateStructured` with the process's model and
   * this job's AbortSignal, counted in the job's stats (llmCalls, tokens) and
   * logged as a debug line.
   */
  generate<S extends z.ZodType>(args: Omit<GenerateArgs<S>, "model" | "abortSignal">): Promise<GenerateResult<S>>;
};

/** Who and what a job is for, besides its payload. */
export type JobMeta = {
  /** A pre-chosen id (guarantee 1: the id goes out in the 202 before the job runs). */
  id?: string;
  ownerId: string;
  planId?: string | null;
  taskId?: string | null;
  parentJobId?: string | null;
};

/** The concurrency key of every job that writes plan `planId`: one writer per plan (guarantee 5). */
export const planConcurrencyKey = (planId: string): string => `plan:${planId}`;

export type JobSpec<P> = {
  name: AnyJobType;
  /** Checked when the job is enqueued and again when it runs; a mismatch at run time fails it at once (not retried). */
  schema: z.ZodType<P>;
  /** Attempts before a failing (or interrupted) job fails for good; default 3. */
  maxAttempts?: number;
  /** Returns the job's `result` (JSON). Log through `jobLog`, not by job id. */
  handle: (payload: P, ctx: HandlerContext) => Promise<unknown>;
};

export type JobDefinition<P> = JobSpec<P> & {
  /**
   * Inserts a pending job of this type inside `tx` (the caller's transaction,
   * so the row commits with whatever the request writes: guarantee 1). Jobs
   * with a plan get its concurrency key. Wake the queue after the commit.
   * @throws ZodError when `payload` does not match the schema (nothing is written).
   */
  enqueue(tx: Tx, meta: JobMeta, payload: P): Promise<Job>;
};

/** A definition of any payload type, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are validated by each schema
export type AnyJobDefinition = JobDefinition<any>;

/**
 * Declares a job type once (dub's `defineJob`): name, payload schema,
 * handler; list it in `registry.ts`. @returns the definition with `enqueue`.
 */
export function defineJob<P>(spec: JobSpec<P>): JobDefinition<P> {
  return {
    ...spec,
    enqueue: async (tx, meta, payload) => {
      const job = await insertJob(tx, {
        ...meta,
        jobType: spec.name,
        concurrencyKey: meta.planId ? planConcurrencyKey(meta.planId) : null,
        payload: spec.schema.parse(payload) as Record<string, unknown>,
      });
      jobEnqueued(job);
      return job;
    },
  };
}

/**
 * The abort reason of a job interrupted because its server is stopping
 * (SIGTERM): the attempt is handed back (pending, not counted) instead of
 * being recorded as cancelled.
 */
export class ShutdownAbort extends Error {
  override name = "ShutdownAbort";
  constructor() {
    super("the server is shutting down");
  }

  /** By name, not `instanceof`: Next bundles instrumentation and routes with separate copies of this class. */
  static is(reason: unknown): boolean {
    return reason instanceof Error && reason.name === "ShutdownAbort";
  }
}

/** An error that must not be retried (bad payload, gate rejection). */
export class NonRetryableError extends Error {
  override name = "NonRetryableError";
}
