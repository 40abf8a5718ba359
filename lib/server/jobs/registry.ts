import "server-only";
import { z } from "zod";
import type { JobType } from "@/lib/shared/jobs";
import { defineJob, NonRetryableError, type AnyJobDefinition } from "./define-job.ts";
import { chatActionsJob } from "./handlers/chat-actions.ts";
import { logBurstJob } from "./handlers/log-burst.ts";
import { planDecomposeJob } from "./handlers/plan-decompose.ts";
import { taskOperationJob } from "./handlers/task-operation.ts";

/**
 * A job type of docs/design.md that this version cannot run yet. Nothing enqueues
 * one (no route or chat action creates it); the definition keeps the registry
 * exhaustive, so the type checker points at this line when the real one lands.
 */
function notAvailable(name: JobType): AnyJobDefinition {
  return defineJob({
    name,
    schema: z.record(z.string(), z.unknown()),
    maxAttempts: 1,
    handle: async () => {
      throw new NonRetryableError(`${name} jobs are not available in this version`);
    },
  });
}

/** Every job type of the product, exactly once. */
export const jobRegistry = {
  chat_actions: chatActionsJob,
  plan_decompose: planDecomposeJob,
  plan_execute: notAvailable("plan_execute"),
  task_operation: taskOperationJob,
} satisfies Record<JobType, AnyJobDefinition>;

/** Diagnostics jobs: created only by POST /api/diagnostics/log-burst when DIAGNOSTICS_ENABLED is on. */
export const diagnosticsJobs = {
  log_burst: logBurstJob,
} satisfies Record<string, AnyJobDefinition>;

/** Every definition the runner can execute, by name. */
export const allJobDefinitions: Readonly<Record<string, AnyJobDefinition>> = { ...jobRegistry, ...diagnosticsJobs };
