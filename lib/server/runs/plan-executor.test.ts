// The plan executor with tools that are not ours: a published MCP server
// (@modelcontextprotocol/server-everything over stdio) offers its tools to a
// run, and a model (the AI SDK's MockLanguageModelV4, the one faked part)
// calls one: its tool_call / tool_result are in the log, paired, with the real
// output. Also: a model error fails the task and stops the run (node_failed,
// the rest skipped, workflow_failed, no success).
import path from "node:path";
import { MockLanguageModelV4 } from "ai/test";
import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, inTransaction } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { env } from "@/lib/server/env";
import { JobBus } from "@/lib/server/jobs/bus";
import { defineJob, type AnyJobDefinition } from "@/lib/server/jobs/define-job";
import { planExecuteJobPayload } from "@/lib/server/jobs/handlers/plan-execute";
import { JobTails } from "@/lib/server/jobs/job-tail";
import { createJobStore } from "@/lib/server/jobs/jobs-repo";
import { JobRunner } from "@/lib/server/jobs/runner";
import { connectMcpTools, type McpConnection } from "@/lib/server/tools/mcp";
import type { AnyToolSpec } from "@/lib/server/tools/types";
import { buildRunView } from "@/lib/shared/runs";
import { toEventDto } from "@/lib/server/jobs/job-dto";
import { executePlan } from "./plan-executor";
import { enqueueRun } from "./run-service";

const database = createDb(env().DATABASE_URL);
const store = createJobStore(database, env().DATABASE_URL);
const bus = new JobBus();
const OWNER = "executor-test-user";
const EVERYTHING = path.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
let mcp: McpConnection;

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};
const hasToolResult = (call: LanguageModelV4CallOptions) => call.prompt.some((m) => m.role === "tool");

/** Calls `tool` with `input` first, then answers `text`. */
function modelCalling(tool: string, input: object, text: (call: LanguageModelV4CallOptions) => string) {
  return new MockLanguageModelV4({
    doGenerate: async (call) =>
      hasToolResult(call)
        ? { content: [{ type: "text", text: text(call) }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] }
        : {
            content: [{ type: "tool-call", toolCallId: "m-1", toolName: tool, input: JSON.stringify(input) }],
            finishReason: { unified: "tool-calls", raw: "tool_calls" },
            usage,
            warnings: [],
          },
  });
}

async function runPlan(model: MockLanguageModelV4, tools: AnyToolSpec[], titles: string[]) {
  const registry: Record<string, AnyJobDefinition> = {
    plan_execute: defineJob({
      name: "plan_execute",
      schema: planExecuteJobPayload,
      maxAttempts: 1,
      handle: (p, ctx) => executePlan(p, ctx, { tools, approval: { mode: p.approvalMode, timeoutMs: p.approvalTimeoutMs }, maxSteps: 4 }),
    }),
  };
  const plan = await database.plan.create({ data: { ownerId: OWNER, title: "MCP plan", goal: "Use an MCP tool" } });
  for (const [i, title] of titles.entries()) await database.task.create({ data: { planId: plan.id, position: i, title } });
  const { runId, jobId } = await inTransaction(database, (tx) => enqueueRun(tx, { ownerId: OWNER, plan, taskId: null }));
  const runner = new JobRunner({ db: database, store, bus, tails: new JobTails(store, bus), model }, { concurrency: 1, pollMs: 20, registry });
  runner.start();
  try {
    await runner.waitUntilSettled([jobId], { timeoutMs: 30_000 });
  } finally {
    await runner.stop();
  }
  const events = (await database.jobEvent.findMany({ where: { jobId }, orderBy: { seq: "asc" } })).map(toEventDto);
  const run = await database.run.findUniqueOrThrow({ where: { id: runId } });
  const tasks = await database.task.findMany({ where: { planId: plan.id }, orderBy: { position: "asc" } });
  return { events, run, tasks, view: buildRunView(events) };
}

beforeAll(async () => {
  await applyMigrations(env().DATABASE_URL);
  await database.user.create({ data: { id: OWNER } });
  mcp = await connectMcpTools("everything", { command: process.execPath, args: [EVERYTHING, "stdio"], readOnly: ["get-sum"] });
}, 30_000);
afterAll(async () => {
  await mcp?.close();
});

describe("plan executor", () => {
  it("a published MCP server's tool is offered, called in a run and logged as a tool_call/tool_result pair", async () => {
    const sum = mcp.tools.find((t) => t.name === "everything__get-sum")!;
    expect(sum).toMatchObject({ source: "mcp:everything", sideEffects: false });
    const model = modelCalling("everything__get-sum", { a: 2, b: 3 }, (call) => {
      const result = call.prompt.find((m) => m.role === "tool")!;
      return `The server said: ${JSON.stringify(result.content)}`;
    });
    const { events, run, tasks, view } = await runPlan(model, mcp.tools, ["Add two numbers"]);
    const kinds = events.map((e) => e.kind);
    expect(kinds.filter((k) => k !== "log" && k !== "progress" && k !== "tasks_updated")).toEqual([
      "status", "workflow_started", "node_started", "tool_call", "tool_result", "node_completed", "workflow_complete", "status",
    ]);
    const call = events.find((e) => e.kind === "tool_call")!.data!;
    const result = events.find((e) => e.kind === "tool_result")!.data!;
    expect(call).toMatchObject({ tool: "everything__get-sum", input: { a: 2, b: 3 }, taskId: tasks[0].id });
    expect(result.callId).toBe(call.callId);
    expect(JSON.stringify(result.output)).toContain("5");
    expect(view.steps[0]).toMatchObject({ status: "completed", toolCalls: [{ tool: "everything__get-sum", status: "succeeded" }] });
    expect(view.steps[0].result).toContain("5");
    expect(run).toMatchObject({ status: "succeeded", success: true, tasksDone: 1, toolCalls: 1 });
    expect(tasks.map((t) => t.status)).toEqual(["done"]);
  });

  it("a task whose model call fails stops the run: node_failed, the rest skipped, workflow_failed, no success", async () => {
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new Error("provider exploded");
      },
    });
    const { events, run, tasks, view } = await runPlan(model, [], ["First", "Second", "Third"]);
    expect(view.steps.map((s) => [s.title, s.status, s.skipReason])).toEqual([
      ["First", "failed", null],
      ["Second", "skipped", "stopped"],
      ["Third", "skipped", "stopped"],
    ]);
    expect(view.lastExecutionKind).toBe("workflow_failed");
    expect(events.at(-1)).toMatchObject({ kind: "status", data: { to: "failed" } });
    expect(run).toMatchObject({ status: "failed", success: false, tasksFailed: 1, tasksSkipped: 2 });
    expect(tasks.map((t) => t.status)).toEqual(["failed", "todo", "todo"]);
  });

  it("a run whose server died on its last attempt fails as interrupted and sets its task back from in_progress", async () => {
    const plan = await database.plan.create({ data: { ownerId: OWNER, title: "Crashed plan", goal: "Crash" } });
    const [a, b] = await Promise.all(["Book the venue", "Send invitations"].map((title, i) => database.task.create({ data: { planId: plan.id, position: i, title, status: i === 1 ? "done" : "todo" } })));
    const { runId, jobId } = await inTransaction(database, (tx) => enqueueRun(tx, { ownerId: OWNER, plan, taskId: null }));
    // What a dead server leaves: the job running on its last attempt with an expired lease,
    // workflow_started recorded with the statuses before the run, the first task in_progress.
    const past = new Date(Date.now() - 60_000);
    await database.job.update({ where: { id: jobId }, data: { status: "running", attempt: 1, startedAt: past, leaseExpiresAt: past, lastSeq: 1 } });
    await database.jobEvent.create({
      data: { jobId, seq: 1, timestamp: past, level: "info", kind: "workflow_started", message: "started", data: { runId, planId: plan.id, taskIds: [a.id, b.id], total: 2, before: { [a.id]: "todo", [b.id]: "done" }, attempt: 1 } },
    });
    await database.task.update({ where: { id: a.id }, data: { status: "in_progress" } });
    const registry: Record<string, AnyJobDefinition> = {
      plan_execute: defineJob({ name: "plan_execute", schema: planExecuteJobPayload, maxAttempts: 1, handle: async () => ({ runId, counts: null, success: false }) }),
    };
    const runner = new JobRunner({ db: database, store, bus, tails: new JobTails(store, bus), model: modelCalling("none", {}, () => "") }, { concurrency: 1, pollMs: 20, registry });
    expect(await runner.recoverExpiredLeases()).toBe(1);
    const job = await database.job.findUniqueOrThrow({ where: { id: jobId } });
    expect([job.status, job.error]).toEqual(["failed", "interrupted"]);
    expect(await database.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "failed", success: false });
    const tasks = await database.task.findMany({ where: { planId: plan.id }, orderBy: { position: "asc" } });
    expect(tasks.map((t) => [t.title, t.status, t.version])).toEqual([
      ["Book the venue", "todo", a.version + 1],
      ["Send invitations", "done", b.version],
    ]);
  });
});
