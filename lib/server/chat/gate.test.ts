// Guarantee 6: an action the coordinator rejects writes no plan, task or job
// row. The model is the AI SDK's MockLanguageModelV4 proposing fixed actions;
// everything else is real (temporary SQLite, the send-message service).
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import type { ChatReply } from "@/lib/server/llm/schemas";
import { countRows } from "@/test/db";
import { gateActions } from "./coordinator";
import { sendMessage } from "./send-message";

function modelProposing(reply: ChatReply) {
  const text = JSON.stringify(reply);
  return new MockLanguageModelV4({
    doGenerate: {
      content: [{ type: "text", text }],
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 20, text: 20, reasoning: undefined },
      },
      warnings: [],
    },
  });
}

const counts = async () => {
  const { plans, tasks, jobs } = await countRows();
  return { plans, tasks, jobs };
};

const action = (kind: ChatReply["actions"][number]["kind"], over: Partial<ChatReply["actions"][number]> = {}): ChatReply["actions"][number] => ({
  kind,
  title: kind === "create_plan" ? "Trip" : "",
  goal: kind === "create_plan" ? "Plan a trip" : "",
  taskId: null,
  parentId: null,
  position: null,
  description: null,
  status: null,
  ...over,
});

beforeAll(async () => {
  await startServer();
  await stopServer(); // jobs stay pending: this file only looks at what was written
});
afterAll(async () => {
  await getDeps().db.$disconnect();
});

describe("coordinator gate", () => {
  it("is pure: accepts one create_plan, rejects duplicates, empty plans and decompose without a plan", () => {
    expect(
      gateActions(
        [action("create_plan"), action("create_plan"), action("create_plan", { title: " " }), action("decompose_task"), action("decompose_task")],
        { plan: null },
      ).map((d) => (d.accepted ? "ok" : d.reason)),
    ).toEqual(["ok", "Only one plan per message", "Only one plan per message", "ok", "Duplicate action"]);
    expect(gateActions([action("decompose_task")], { plan: null }).map((d) => d.accepted)).toEqual([false]);
    expect(
      gateActions([action("decompose_task", { taskId: "t1" }), action("decompose_task", { taskId: "t9" })], {
        plan: { id: "p", tasks: [{ id: "t1", parentId: null, position: 0, title: "T1", version: 1 }] },
      }).map((d) => (d.accepted ? "ok" : d.reason)),
    ).toEqual(["ok", "Task t9 is not in this plan"]);
  });

  it("rejected actions write nothing; accepted ones write exactly their rows", async () => {
    const deps = { ...getDeps(), model: modelProposing({ reply: "On it", actions: [action("decompose_task", { taskId: "bogus" })] }) };
    const before = await counts();
    const rejected = await sendMessage(deps, { userId: "gate-user" }, { message: "Split task bogus", mode: "async" });
    expect(rejected.status).toBe(202);
    expect(rejected.body.actions).toEqual([
      { kind: "decompose_task", name: "Decompose the top-level tasks", status: "rejected", reason: "There is no plan to decompose yet" },
    ]);
    expect(rejected.body.metadata).toMatchObject({ status: "completed", jobs: [] });
    expect(rejected.body.metadata.trackingId).toBeUndefined();
    expect(await counts()).toEqual(before);

    deps.model = modelProposing({
      reply: "Planning",
      actions: [action("create_plan"), action("create_plan", { title: "Second" }), action("decompose_task", { taskId: "bogus" })],
    });
    const mixed = await sendMessage(deps, { userId: "gate-user" }, { message: "Plan a trip", mode: "async" });
    expect(mixed.body.actions.map((a) => [a.kind, a.status, a.reason ?? null])).toEqual([
      ["create_plan", "pending", null],
      ["create_plan", "rejected", "Only one plan per message"],
      ["decompose_task", "rejected", "Task bogus is not in this plan"],
    ]);
    expect(await counts()).toEqual({ plans: before.plans + 1, tasks: before.tasks, jobs: before.jobs + 1 });
    const job = await getDeps().db.job.findUniqueOrThrow({ where: { id: mixed.body.metadata.trackingId! } });
    expect([job.jobType, job.status, job.planId]).toEqual(["chat_actions", "pending", mixed.body.metadata.planId]);
  });
});
