import "server-only";
import { z } from "zod";
import { env } from "../../env.ts";
import { executePlan, planExecutePayload } from "../../runs/plan-executor.ts";
import { getToolRegistry } from "../../tools/registry.ts";
import { defineJob } from "../define-job.ts";

/** plan_execute payload: the run, its scope and the approval policy in force when it was requested. */
export const planExecuteJobPayload = planExecutePayload.extend({
  approvalMode: z.enum(["never", "side-effects", "always"]),
  approvalTimeoutMs: z.number().int().min(100),
});

/**
 * Executes a plan (or one task's subtree) with real tools: see `executePlan`
 * (lib/server/runs/plan-executor.ts). Retried attempts skip the tasks the run
 * already completed; a failed task fails the job without retry.
 */
export const planExecuteJob = defineJob({
  name: "plan_execute",
  schema: planExecuteJobPayload,
  maxAttempts: 3,
  async handle(p, ctx) {
    const registry = await getToolRegistry();
    return executePlan(p, ctx, {
      tools: registry.list(),
      approval: { mode: p.approvalMode, timeoutMs: p.approvalTimeoutMs },
      maxSteps: env().EXECUTE_MAX_STEPS,
      maxToolCalls: env().EXECUTE_MAX_TOOL_CALLS,
    });
  },
});
