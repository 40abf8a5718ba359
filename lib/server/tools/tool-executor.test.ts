// The tool executor on its own: every call is a tool_call committed before
// the tool runs and exactly one tool_result after it; big outputs are capped
// with the whole output stored as an artifact; unknown tools and invalid
// input are refused as failed pairs; a tool that ignores its signal cannot
// outlive its timeout; cancel aborts the running call; a side-effecting call
// finished by an earlier attempt is not made again.
import { randomUUID } from "node:crypto";
import { MockLanguageModelV4 } from "ai/test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { env } from "@/lib/server/env";
import { JobBus } from "@/lib/server/jobs/bus";
import { defineJob, type AnyJobDefinition } from "@/lib/server/jobs/define-job";
import { JobTails } from "@/lib/server/jobs/job-tail";
import { createJobStore } from "@/lib/server/jobs/jobs-repo";
import { JobRunner } from "@/lib/server/jobs/runner";
import { emptyStats } from "@/lib/shared/jobs";
import type { ToolResultData } from "@/lib/shared/runs";
import { makeCanaries } from "@/test/secret-canaries";
import { callKey, ToolExecutor, type ToolOutcome } from "./tool-executor";
import { defineTool, type AnyToolSpec } from "./types";

const database = createDb(env().DATABASE_URL);
const store = createJobStore(database, env().DATABASE_URL);
const bus = new JobBus();
const OWNER = "executor-user";
let started: (() => void) | undefined;
let ran = 0;

const big = defineTool({
  name: "big",
  description: "returns a lot",
  inputSchema: z.object({ n: z.number().int() }),
  sideEffects: false,
  source: "builtin",
  timeoutMs: 2000,
  execute: async ({ n }) => ({ rows: Array.from({ length: n }, (_, i) => `row ${i}`) }),
});
const stubborn = defineTool({
  name: "stubborn",
  description: "ignores its signal",
  inputSchema: z.object({}),
  sideEffects: false,
  source: "builtin",
  timeoutMs: 200,
  execute: () => new Promise(() => undefined),
});
const slow = defineTool({
  name: "slow",
  description: "waits until aborted",
  inputSchema: z.object({}),
  sideEffects: false,
  source: "builtin",
  timeoutMs: 30_000,
  execute: (_input, ctx) =>
    new Promise((_, reject) => {
      started?.();
      ctx.signal.addEventListener("abort", () => reject(new Error("stopped by its signal")), { once: true });
    }),
});
const send = defineTool({
  name: "send",
  description: "a side effect",
  inputSchema: z.object({ to: z.string() }),
  sideEffects: true,
  source: "builtin",
  timeoutMs: 1000,
  execute: async ({ to }) => {
    ran += 1;
    return { sent: to };
  },
});
const canaries = makeCanaries();
const leaky = defineTool({
  name: "leaky",
  description: "answers with secrets (a fetched page, a config file)",
  inputSchema: z.object({ fail: z.boolean() }),
  sideEffects: false,
  source: "builtin",
  timeoutMs: 2000,
  execute: async ({ fail }, ctx) => {
    if (fail) throw new Error(`upstream refused key ${canaries[3]!.text}`);
    await ctx.saveArtifact({ name: `config-${canaries[2]!.text}.txt`, mediaType: "text/plain", content: canaries.map((c) => c.text).join("\n") });
    return { page: canaries.map((c) => c.text).join(" "), nested: [{ [canaries[7]!.text]: canaries[0]!.text }] };
  },
});
const tools: AnyToolSpec[] = [big, stubborn, slow, send, leaky];

let outcomes: ToolOutcome[] = [];
let script: (x: ToolExecutor) => Promise<void> = async () => undefined;
let finished = new Map<string, unknown>();
const registry: Record<string, AnyJobDefinition> = {
  tool_probe: defineJob({
    name: "tool_probe" as never,
    maxAttempts: 1,
    schema: z.object({}),
    async handle(_p, { job, signal, deps }) {
      const x = new ToolExecutor({ db: deps.db, run: { runId: `run-${job.id}`, jobId: job.id, planId: "p", ownerId: OWNER }, tools, approval: { mode: "never", timeoutMs: 1000 }, signal, finished, maxResultChars: 200 });
      try {
        await script(x);
      } finally {
        outcomes = [...x.outcomes];
      }
    },
  }),
};

let runner: JobRunner | undefined;
async function probe(body: (x: ToolExecutor) => Promise<void>, during?: (jobId: string) => Promise<void>) {
  script = body;
  const id = randomUUID();
  await database.job.create({ data: { id, jobType: "tool_probe", ownerId: OWNER, params: {}, stats: emptyStats() } });
  runner = new JobRunner({ db: database, store, bus, tails: new JobTails(store, bus), model: new MockLanguageModelV4() }, { concurrency: 1, pollMs: 20, registry });
  runner.start();
  await during?.(id);
  await runner.waitUntilSettled([id], { timeoutMs: 10_000 });
  const job = await database.job.findUniqueOrThrow({ where: { id } });
  const events = await database.jobEvent.findMany({ where: { jobId: id, kind: { in: ["tool_call", "tool_result"] } }, orderBy: { seq: "asc" } });
  return { job, events: events.map((e) => ({ kind: e.kind, data: e.data as unknown as ToolResultData & { input?: unknown } })) };
}

beforeAll(async () => {
  await applyMigrations(env().DATABASE_URL);
  await database.user.create({ data: { id: OWNER } });
});
afterEach(async () => {
  await runner?.stop();
  finished = new Map();
});

describe("ToolExecutor", () => {
  it("caps a big output in the event and stores the whole output as an artifact", async () => {
    const { events } = await probe(async (x) => void (await x.call("big", { n: 100 }, "t1")));
    expect(events.map((e) => e.kind)).toEqual(["tool_call", "tool_result"]);
    const result = events[1].data;
    expect(result.truncated).toBe(true);
    expect(String(result.output)).toHaveLength(201);
    const file = await database.artifact.findUniqueOrThrow({ where: { id: result.fullOutput!.artifactId } });
    expect(JSON.parse(file.content).rows).toHaveLength(100);
    expect(file).toMatchObject({ name: "big-output.json", mediaType: "application/json", callId: result.callId, taskId: "t1" });
  });

  it("refuses unknown tools and invalid input as failed call/result pairs, without running anything", async () => {
    const { events } = await probe(async (x) => {
      await x.call("nope", {}, null);
      await x.call("big", { n: "many" }, null);
    });
    expect(events.map((e) => [e.kind, e.data.tool, e.data.error ?? null])).toEqual([
      ["tool_call", "nope", null],
      ["tool_result", "nope", 'Unknown tool "nope"'],
      ["tool_call", "big", null],
      ["tool_result", "big", expect.stringMatching(/^Invalid input: n: /)],
    ]);
    expect(events[0].data.callId).toBe(events[1].data.callId);
  });

  it("a tool that ignores its signal is cut off at its timeout", async () => {
    const t0 = performance.now();
    const { events } = await probe(async (x) => void (await x.call("stubborn", {}, null)));
    expect(events[1].data.error).toBe("Timed out after 200 ms");
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it("cancel aborts the running call through its signal; the result says so and the job is cancelled", async () => {
    const running = new Promise<void>((r) => (started = r));
    const { job, events } = await probe(
      async (x) => void (await x.call("slow", {}, "t9")),
      async (jobId) => {
        await running;
        await runner!.cancel({ userId: OWNER, role: "user" }, jobId);
      },
    );
    expect(job.status).toBe("cancelled");
    expect(events.map((e) => [e.kind, e.data.error ?? null])).toEqual([
      ["tool_call", null],
      ["tool_result", "Cancelled"],
    ]);
  });

  it("a side-effecting call an earlier attempt finished is reused, not made again", async () => {
    finished = new Map([[callKey("t1", "send", { to: "ann" }), { sent: "ann" }]]);
    ran = 0;
    const { events } = await probe(async (x) => {
      await x.call("send", { to: "ann" }, "t1");
      await x.call("send", { to: "bob" }, "t1");
    });
    expect(ran).toBe(1);
    expect(outcomes.map((o) => [o.output, o.ran])).toEqual([
      [{ sent: "ann" }, false],
      [{ sent: "bob" }, true],
    ]);
    expect(events.filter((e) => e.kind === "tool_call").map((e) => e.data.input)).toEqual([{ to: "bob" }]);
  });

  it("redacts secrets from a tool's output, error and files before the model, the log or the database sees them", async () => {
    const { events } = await probe(async (x) => {
      await x.call("leaky", { fail: false }, "t1");
      await x.call("leaky", { fail: true }, "t1");
    });
    const haystack = JSON.stringify([outcomes.map((o) => [o.output, o.error, o.artifacts]), events]);
    const files = await database.artifact.findMany({ where: { callId: { in: outcomes.map((o) => o.callId) } } });
    // The file the tool wrote, and its whole output (over maxResultChars) as a file.
    expect(files.map((f) => f.name).sort()).toEqual(["config-[REDACTED:github-token].txt", "leaky-output.json"]);
    for (const c of canaries) expect(`${haystack}${JSON.stringify(files)}`).not.toContain(c.core);
    expect(outcomes[1]!.error).toBe("upstream refused key [REDACTED:slack-token]");
    const whole = JSON.parse(files.find((f) => f.name === "leaky-output.json")!.content) as { nested: unknown };
    expect(whole.nested).toEqual([{ "[REDACTED:jwt]": "[REDACTED:aws-access-key-id]" }]);
  });
});
