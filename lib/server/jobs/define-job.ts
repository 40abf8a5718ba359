import "server-only";
import type { z } from "zod";
import type { JobType } from "@/lib/shared/jobs";
import type { Deps } from "../deps.ts";
import type { Job } from "../db/generated/client.ts";

export type HandlerContext = { deps: Deps; job: Job; signal: AbortSignal };

/** A background job type (dub's `defineJob`): name, payload schema, handler. */
export type JobDefinition<P = unknown> = {
  type: JobType;
  /** Validated when the job runs; a mismatch fails the job at once (not retried). */
  schema: z.ZodType<P>;
  /** Attempts before a failing (or interrupted) job fails for good; default 3. */
  maxAttempts?: number;
  /** Returns the job's `result` (JSON). Log through `jobLog`, not by job id. */
  handle: (params: P, ctx: HandlerContext) => Promise<unknown>;
};

/** A definition of any payload type, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are validated by each schema at run time
export type AnyJobDefinition = JobDefinition<any>;

/** Declares a job type; list it in the registry (`registry.ts`). */
export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}

/** An error that must not be retried (bad payload, gate rejection). */
export class NonRetryableError extends Error {
  override name = "NonRetryableError";
}
