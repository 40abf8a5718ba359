// Tool calls per run (EXECUTE_MAX_TOOL_CALLS): a model that keeps calling a
// tool is stopped at the cap; the run fails with that reason, the task that hit
// it fails, the rest is skipped, and no call past the cap runs. The model is the
// AI SDK's MockLanguageModelV4; the runner, executor and database are real.
import { MockLanguageModelV4 } from "ai/test";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, inTransaction } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { env } from "@/lib/server/env";
import { JobBus } from "@/lib/server/jobs/bus";
import { defineJob, type AnyJobDefinition } from "@/lib/server/jobs/define-job";
import { planExecuteJobPayload } from "@/lib/server/jobs/handlers/plan-execute";
import { toEventDto } from "@/lib/server/jobs/job-dto";
import { JobTails } from "@/lib/server/jobs/job-tail";
import { createJobStore } from "@/lib/server/jobs/jobs-repo";
import { JobRunner } from "@/lib/server/jobs/runner";
import { executePlan } from "@/lib/server/runs/plan-executor";
import { enqueueRun } from "@/lib/server/runs/run-service";
import { defineTool } from "@/lib/server/tools/types";
import { ToolCallCap } from "./tool-call-cap";

const db = createDb(env().DATABASE_URL);
const store = createJobStore(db, env().DATABASE_URL);
const bus = new JobBus();
const OWNER = "tool-cap-user";
const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 5, text: 5, reasoning: undefined } };

let executed = 0;
const counter = defineTool({
  name: "count",
  description: "Counts",
  inputSchema: z.object({ n: z.number() }),
  sideEffects: false,
  timeoutMs: 5000,
  source: "builtin",
  execute: async ({ n }) => ({ n, executed: ++executed }),
});

/** A model that never stops calling `count`. */
const greedy = () => {
  let i = 0;
  return new MockLanguageModelV4({
    doGenerate: async () => ({
      content: [{ type: "tool-call", toolCallId: `c-${++i}`, toolName: "count", input: JSON.stringify({ n: i }) }],
      finishReason: { unified: "tool-calls", raw: "tool_calls" },
      usage,
      warnings: [],
    }),
  });
};

beforeAll(async () => {
  await applyMigrations(env().DATABASE_URL);
  await db.user.create({ data: { id: OWNER } });
});
afterAll(async () => {
  await db.$disconnect();
});

describe("ToolCallCap", () => {
  it("allows calls while prior + made < max, then marks itself reached", () => {
    const cap = new ToolCallCap(3, 1);
    expect([cap.allows(0), cap.allows(1), cap.reached, cap.allows(2), cap.reached]).toEqual([true, true, false, false, true]);
    expect(cap.reason).toBe("Stopped: this run reached its limit of 3 tool calls (EXECUTE_MAX_TOOL_CALLS)");
  });
});

describe("tool calls per run", () => {
  it("stops the run at the cap: 3 calls run, the task that hit it fails, the rest is skipped, the run fails with the reason", async () => {
    const registry: Record<string, AnyJobDefinition> = {
      plan_execute: defineJob({
        name: "plan_execute",
        schema: planExecuteJobPayload,
        maxAttempts: 1,
        handle: (p, ctx) => executePlan(p, ctx, { tools: [counter], approval: { mode: "never", timeoutMs: 1000 }, maxSteps: 10, maxToolCalls: 3 }),
      }),
    };
    const plan = await db.plan.create({ data: { ownerId: OWNER, title: "Greedy", goal: "Count forever" } });
    for (const [i, title] of ["First", "Second"].entries()) await db.task.create({ data: { planId: plan.id, position: i, title } });
    const { runId, jobId } = await inTransaction(db, (tx) => enqueueRun(tx, { ownerId: OWNER, plan, taskId: null }));
    const runner = new JobRunner({ db, store, bus, tails: new JobTails(store, bus), model: greedy() }, { concurrency: 1, pollMs: 20, registry });
    runner.start();
    try {
      await runner.waitUntilSettled([jobId], { timeoutMs: 30_000 });
    } finally {
      await runner.stop();
    }
    const events = (await db.jobEvent.findMany({ where: { jobId }, orderBy: { seq: "asc" } })).map(toEventDto);
    const reason = "Stopped: this run reached its limit of 3 tool calls (EXECUTE_MAX_TOOL_CALLS)";
    expect(executed).toBe(3);
    expect(events.filter((e) => e.kind === "tool_call")).toHaveLength(3);
    expect(events.filter((e) => e.kind === "node_failed").map((e) => (e.data as { error: string }).error)).toEqual([reason]);
    expect(events.filter((e) => e.kind === "node_skipped").map((e) => (e.data as { reason: string }).reason)).toEqual(["stopped"]);
    expect((events.find((e) => e.kind === "workflow_failed")!.data as { error: string }).error).toBe(reason);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect([run.status, run.success, run.toolCalls, run.tasksFailed]).toEqual(["failed", false, 3, 1]);
    expect((await db.job.findUniqueOrThrow({ where: { id: jobId } })).error).toBe(reason);
  });
});
