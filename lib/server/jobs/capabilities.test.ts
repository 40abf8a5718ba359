// Emitting by capability (docs/design.md "Event semantics"): a handler's log
// context writes only log, progress, planning_step and tasks_updated; tool
// events need the tool executor's writer, execution events the plan
// executor's (in plan_execute jobs only). Checked at run time here, at
// compile time by the @ts-expect-error lines, and at lint time by ESLint.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { ESLint } from "eslint";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { env } from "@/lib/server/env";
import { emptyStats } from "@/lib/shared/jobs";
import { JobBus } from "./bus";
import { ExecutionEventWriter, ToolEventWriter } from "./capabilities";
import { defineJob, type AnyJobDefinition } from "./define-job";
import { EventCapabilityError, JobLogger, jobLog } from "./job-logger";
import { JobTails } from "./job-tail";
import { createJobStore } from "./jobs-repo";
import { JobRunner } from "./runner";

const database = createDb(env().DATABASE_URL);
const store = createJobStore(database, env().DATABASE_URL);
const bus = new JobBus();
const OWNER = "capability-test-user";
const thrown = new Map<string, string>();

const registry: Record<string, AnyJobDefinition> = {
  sneaky_commit: defineJob({
    name: "sneaky_commit" as never,
    maxAttempts: 1,
    schema: z.object({}),
    async handle(_p, { commitWith }) {
      jobLog.info("before");
      // @ts-expect-error -- a handler's commitWith takes only plain kinds
      await commitWith(async () => ({
        value: null,
        events: [{ level: "info", kind: "tool_call", message: "fake", data: { callId: "x", tool: "calculate", input: {} } }],
      }));
    },
  }),
  sneaky_writer: defineJob({
    name: "sneaky_writer" as never,
    maxAttempts: 1,
    schema: z.object({}),
    async handle(_p, { job }) {
      try {
        ExecutionEventWriter.forJob(job);
      } catch (e) {
        thrown.set(job.id, (e as Error).name);
        throw e;
      }
    },
  }),
  tool_holder: defineJob({
    name: "tool_holder" as never,
    maxAttempts: 1,
    schema: z.object({}),
    async handle() {
      const w = ToolEventWriter.current();
      w.write("info", "tool_call", "→ calculate", { callId: "c1", tool: "calculate", input: { expression: "1+1" } });
      // @ts-expect-error -- the tool writer has no execution kinds
      expect(() => w.write("info", "node_started", "x", {})).toThrow(EventCapabilityError);
      w.write("info", "tool_result", "← calculate", { callId: "c1", tool: "calculate", output: { result: "2" }, durationMs: 1 });
    },
  }),
};

let runner: JobRunner | undefined;
async function run(jobType: string) {
  const id = randomUUID();
  await database.job.create({ data: { id, jobType, ownerId: OWNER, params: {}, stats: emptyStats() } });
  runner ??= new JobRunner({ db: database, store, bus, tails: new JobTails(store, bus), model: new MockLanguageModelV4() }, { concurrency: 2, pollMs: 20, registry });
  runner.start();
  runner.wake();
  await runner.waitUntilSettled([id], { timeoutMs: 10_000 });
  const job = await database.job.findUniqueOrThrow({ where: { id } });
  const events = await database.jobEvent.findMany({ where: { jobId: id }, orderBy: { seq: "asc" } });
  return { job, events };
}

beforeAll(async () => {
  await applyMigrations(env().DATABASE_URL);
  await database.user.create({ data: { id: OWNER } });
});
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});

describe("event capabilities", () => {
  it("JobLogger.write refuses tool, execution and status kinds", () => {
    const logger = new JobLogger(store, bus, "no-such-job", emptyStats());
    for (const kind of ["tool_call", "tool_result", "approval_requested", "node_started", "workflow_complete", "status"] as const) {
      // @ts-expect-error -- only log kinds type-check
      expect(() => logger.write("info", kind, "x")).toThrow(EventCapabilityError);
    }
    expect(logger.stats.events).toBe(0);
  });

  it("a handler that commits a tool_call fails, and nothing of that commit is stored", async () => {
    const { job, events } = await run("sneaky_commit");
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/tool_call.*capability/);
    expect(events.map((e) => e.kind)).toEqual(["status", "log", "status"]);
  });

  it("execution events cannot be written outside a plan_execute job", async () => {
    const { job } = await run("sneaky_writer");
    expect(job.status).toBe("failed");
    expect(thrown.get(job.id)).toBe("EventCapabilityError");
    expect(() => ExecutionEventWriter.forJob({ jobType: "plan_execute" })).toThrow(/outside a job/);
    expect(() => ToolEventWriter.current()).toThrow(EventCapabilityError);
  });

  it("the tool writer writes tool events only", async () => {
    const { job, events } = await run("tool_holder");
    expect(job.status).toBe("succeeded");
    expect(events.map((e) => e.kind)).toEqual(["status", "tool_call", "tool_result", "status"]);
  });

  it("ESLint refuses the privileged writers and capabilities.ts outside the executors", async () => {
    const eslint = new ESLint({ cwd: process.cwd() });
    const code = 'import { PRIVILEGED } from "./job-logger.ts";\nimport { ToolEventWriter } from "./capabilities.ts";\nexport const x = [PRIVILEGED, ToolEventWriter];\n';
    const [handler] = await eslint.lintText(code, { filePath: path.join(process.cwd(), "lib/server/jobs/handlers/some-handler.ts") });
    expect(handler.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.line)).toEqual([1, 2]);
    const [executor] = await eslint.lintText('import { ToolEventWriter } from "../jobs/capabilities.ts";\nexport const x = ToolEventWriter;\n', {
      filePath: path.join(process.cwd(), "lib/server/tools/tool-executor.ts"),
    });
    expect(executor.messages.filter((m) => m.ruleId === "no-restricted-imports")).toEqual([]);
  });
});
