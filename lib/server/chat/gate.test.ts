// Guarantee 6: an action the coordinator rejects writes no plan, task or job
// row. The model is the AI SDK's MockLanguageModelV4 proposing fixed actions;
// everything else is real (temporary SQLite, the send-message service).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import type { ChatReply } from "@/lib/server/llm/schemas";
import { countRows } from "@/test/db";
import { action, modelProposing } from "@/test/models";
import { gateActions } from "./coordinator";
import { sendMessage } from "./send-message";

const counts = async () => {
  const { plans, tasks, jobs } = await countRows();
  return { plans, tasks, jobs };
};

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

  it("each rejected plan or task operation names its reason and writes no plan, task or job row (guarantee 6)", async () => {
    const deps = { ...getDeps(), model: modelProposing({ reply: "Planning", actions: [action("create_plan")] }) };
    const created = await sendMessage(deps, { userId: "ops-user" }, { message: "Plan a trip", mode: "async" });
    const { planId, conversationId } = created.body.metadata;
    const db = getDeps().db;
    const task = (title: string, parentId: string | null, position: number) =>
      db.task.create({ data: { planId: planId!, parentId, position, title, description: "" } }).then((t) => t.id);
    const a = await task("Book flights", null, 0);
    const a1 = await task("Compare prices", a, 0);
    const b = await task("Book hotels", null, 1);
    let deep = a1;
    for (let level = 3; level <= 5; level++) deep = await task(`Level ${level}`, deep, 0);
    const foreign = await sendMessage({ ...getDeps(), model: modelProposing({ reply: "Planning", actions: [action("create_plan")] }) }, { userId: "someone-else" }, { message: "Other", mode: "async" });
    const foreignTask = await db.task.create({ data: { planId: foreign.body.metadata.planId!, parentId: null, position: 0, title: "Theirs", description: "" } });
    const cases: [ChatReply["actions"][number], string][] = [
      [action("update_task", { taskId: "nope", title: "x" }), "Task nope is not in this plan"],
      [action("update_task", { taskId: a, title: null }), "Nothing to change"],
      [action("update_task", { taskId: a, title: "" }), "A task needs a title"],
      [action("move_task", { taskId: a, parentId: a1 }), "A task cannot move under itself or its own subtasks"],
      [action("move_task", { taskId: a, parentId: b }), "Tasks nest at most 5 levels deep"],
      [action("add_task", { title: "x".repeat(201) }), "A task title has at most 200 characters"],
      [action("add_task", { title: "   " }), "A task needs a title"],
      [action("add_task", { title: "Too deep", parentId: deep }), "Tasks nest at most 5 levels deep"],
      [action("set_task_status", { taskId: a }), "A status is needed"],
      [action("delete_task", { taskId: foreignTask.id }), `Task ${foreignTask.id} is not in this plan`],
      [action("decompose_task", { taskId: deep }), "Tasks nest at most 5 levels deep"],
      [action("create_plan", { title: "", goal: "" }), "A plan needs a title and a goal"],
    ];
    for (const [proposed, reason] of cases) {
      const before = await counts();
      deps.model = modelProposing({ reply: "On it", actions: [proposed] });
      const res = await sendMessage(deps, { userId: "ops-user" }, { conversationId, message: "Change the plan", mode: "async" });
      expect([res.body.actions[0].kind, res.body.actions[0].status, res.body.actions[0].reason]).toEqual([proposed.kind, "rejected", reason]);
      expect(res.body.metadata.jobs).toEqual([]);
      expect(await counts()).toEqual(before);
    }
  });

  it("checks operations in order against the tree as it will be, and accepts at most 50 per message", async () => {
    const tasks = [{ id: "t1", parentId: null, position: 0, title: "T1", version: 3 }];
    const decided = gateActions(
      [
        action("delete_task", { taskId: "t1" }),
        action("update_task", { taskId: "t1", title: "Renamed" }),
        action("add_task", { title: "New" }),
        ...Array.from({ length: 50 }, (_, i) => action("add_task", { title: `Task ${i}` })),
      ],
      { plan: { id: "p", tasks } },
    );
    expect(decided.slice(0, 3).map((d) => (d.accepted ? "ok" : d.reason))).toEqual(["ok", "Task t1 is not in this plan", "ok"]);
    expect(decided.filter((d) => d.accepted)).toHaveLength(50);
    expect(decided.slice(-3).map((d) => (d.accepted ? "ok" : d.reason))).toEqual(["ok", "At most 50 operations per message", "At most 50 operations per message"]);
    const first = decided[0];
    expect(first.accepted && "operation" in first ? first.operation : null).toEqual({ op: "delete_task", taskId: "t1", expectedVersion: 3 });
  });
});
