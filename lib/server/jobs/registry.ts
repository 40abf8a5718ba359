import "server-only";
import type { JobType } from "@/lib/shared/jobs";
import type { AnyJobDefinition } from "./define-job.ts";
import { chatActionsJob } from "./handlers/chat-actions.ts";
import { logBurstJob } from "./handlers/log-burst.ts";
import { planDecomposeJob } from "./handlers/plan-decompose.ts";

/** Every job type the runner can execute. plan_execute and task_operation come with their issues. */
export const jobRegistry: Partial<Record<JobType | "log_burst", AnyJobDefinition>> = {
  chat_actions: chatActionsJob,
  plan_decompose: planDecomposeJob,
  // Diagnostics: only created by POST /api/diagnostics/log-burst when enabled.
  log_burst: logBurstJob,
};
