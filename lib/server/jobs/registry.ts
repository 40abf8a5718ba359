import "server-only";
import type { JobType } from "@/lib/shared/jobs";
import type { AnyJobDefinition } from "./define-job.ts";
import { chatActionsJob } from "./handlers/chat-actions.ts";
import { logBurstJob } from "./handlers/log-burst.ts";
import { planDecomposeJob } from "./handlers/plan-decompose.ts";
import { planExecuteJob } from "./handlers/plan-execute.ts";
import { taskOperationJob } from "./handlers/task-operation.ts";

/** Every job type of the product, exactly once. */
export const jobRegistry = {
  chat_actions: chatActionsJob,
  plan_decompose: planDecomposeJob,
  plan_execute: planExecuteJob,
  task_operation: taskOperationJob,
} satisfies Record<JobType, AnyJobDefinition>;

/** Diagnostics jobs: created only by POST /api/diagnostics/log-burst when DIAGNOSTICS_ENABLED is on. */
export const diagnosticsJobs = {
  log_burst: logBurstJob,
} satisfies Record<string, AnyJobDefinition>;

/** Every definition the runner can execute, by name. */
export const allJobDefinitions: Readonly<Record<string, AnyJobDefinition>> = { ...jobRegistry, ...diagnosticsJobs };
