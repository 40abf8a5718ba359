// Planners edit their plans: REST edits of the task tree with optimistic
// concurrency, the same gate as chat, a decompose per task that is idempotent
// across attempts, exports, and the plan's change stream. Real route handlers,
// a temporary SQLite file, the offline model.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { GET as listConversations } from "@/app/api/conversations/route";
import { GET as exportPlan } from "@/app/api/plans/[planId]/export/route";
import { GET as getPlan } from "@/app/api/plans/[planId]/route";
import { GET as planStream } from "@/app/api/plans/[planId]/stream/route";
import { POST as decompose } from "@/app/api/plans/[planId]/tasks/[taskId]/decompose/route";
import { DELETE as deleteTask, PATCH as patchTask } from "@/app/api/plans/[planId]/tasks/[taskId]/route";
import { POST as addTask } from "@/app/api/plans/[planId]/tasks/route";
import { GET as listPlans } from "@/app/api/plans/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getApp, getDeps } from "@/lib/server/deps";
import type { SendMessageResponse } from "@/lib/shared/chat";
import { emptyStats } from "@/lib/shared/jobs";
import type { PlanTree, TaskDto, TaskNode } from "@/lib/shared/plans";
import { countRows } from "@/test/db";
import { TestUser } from "@/test/http";
import { action, modelProposing } from "@/test/models";
import { readSse } from "@/test/sse";
import { sendMessage } from "@/lib/server/chat/send-message";

const flatten = (nodes: TaskNode[]): TaskNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
const owner = new TestUser();
let planId = "";

async function tree(user = owner): Promise<PlanTree> {
  const res = await user.call(getPlan, { url: `/api/plans/${planId}`, params: { planId } });
  expect(res.status).toBe(200);
  return (await res.json()) as PlanTree;
}
const byTitle = async (title: string) => flatten((await tree()).tasks).find((t) => t.title === title)!;
const patch = (taskId: string, body: unknown, user = owner) =>
  user.call(patchTask, { url: `/api/plans/${planId}/tasks/${taskId}`, method: "PATCH", body, params: { planId, taskId } });
const add = (body: unknown, user = owner) => user.call(addTask, { url: `/api/plans/${planId}/tasks`, body, params: { planId } });
const shape = (nodes: TaskNode[]): unknown[] => nodes.map((n) => [n.title, n.status, shape(n.children)]);

beforeAll(async () => {
  await startServer();
  const res = await owner.call(postMessage, { url: "/api/chat/message", body: { message: "Organize a company offsite for 40 people", mode: "sync" } });
  const body = (await res.json()) as SendMessageResponse;
  planId = body.metadata.planId!;
});
afterAll(async () => {
  await stopServer();
});

describe("REST edits of the task tree", () => {
  it("adds, renames, moves, marks and deletes tasks; every answer is the task as stored, with its version", async () => {
    const before = await tree();
    const [first, second] = before.tasks;
    const created = await add({ title: "  Book restaurants  ", parentId: first.id, position: 0 });
    expect(created.status).toBe(201);
    const { task } = (await created.json()) as { task: TaskDto };
    expect(task).toMatchObject({ title: "Book restaurants", parentId: first.id, position: 0, status: "todo", version: 1, description: "" });
    expect((await tree()).tasks[0].children.map((c) => c.position)).toEqual(first.children.map((_, i) => i).concat(first.children.length));

    const renamed = await patch(task.id, { version: 1, title: "Book two restaurants", status: "in_progress" });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { task: TaskDto }).task).toMatchObject({ title: "Book two restaurants", status: "in_progress", version: 3 });

    const moved = await patch(task.id, { version: 3, parentId: second.id, position: 1 });
    expect(((await moved.json()) as { task: TaskDto }).task).toMatchObject({ parentId: second.id, position: 1, version: 4 });
    const now = await tree();
    expect(now.tasks[0].children.map((c) => c.id)).toEqual(first.children.map((c) => c.id));
    expect(now.tasks[1].children.map((c) => c.id)).toEqual([second.children[0].id, task.id, ...second.children.slice(1).map((c) => c.id)]);
    expect(now.tasks[1].children.map((c) => c.position)).toEqual(now.tasks[1].children.map((_, i) => i));

    const rows = await countRows();
    const removed = await owner.call(deleteTask, { url: `/api/plans/${planId}/tasks/${second.id}?version=${second.version}`, method: "DELETE", params: { planId, taskId: second.id } });
    expect(removed.status).toBe(200);
    const { deletedTaskIds } = (await removed.json()) as { deletedTaskIds: string[] };
    expect(new Set(deletedTaskIds)).toEqual(new Set([second.id, ...flatten(now.tasks[1].children).map((c) => c.id)]));
    expect((await countRows()).tasks).toBe(rows.tasks - deletedTaskIds.length);
    expect((await tree()).tasks.map((t) => t.position)).toEqual(before.tasks.slice(0, -1).map((_, i) => i));
  });

  it("a stale version answers 409 with the current task; two PATCHes of one version: one 200, one 409", async () => {
    const target = (await tree()).tasks[0];
    const [a, b] = await Promise.all([patch(target.id, { version: target.version, title: "Venue A" }), patch(target.id, { version: target.version, title: "Venue B" })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const conflict = (await (a.status === 409 ? a : b).json()) as { error: { code: string; details: { task: TaskDto } } };
    const winner = a.status === 200 ? "Venue A" : "Venue B";
    expect(conflict.error.code).toBe("conflict");
    expect(conflict.error.details.task).toMatchObject({ id: target.id, title: winner, version: target.version + 1 });
    expect((await byTitle(winner)).version).toBe(target.version + 1);
    const del = await owner.call(deleteTask, { url: `/api/plans/${planId}/tasks/${target.id}?version=${target.version}`, method: "DELETE", params: { planId, taskId: target.id } });
    expect(del.status).toBe(409);
    expect(await byTitle(winner)).toBeTruthy();
  });

  it("a version or position beyond a 32-bit integer answers 400 on every provider (PostgreSQL's columns), and changes nothing", async () => {
    const target = (await tree()).tasks[0];
    const snapshot = shape((await tree()).tasks);
    const rows = await countRows();
    const huge = 2 ** 31;
    const refused = [
      await patch(target.id, { version: huge, title: "Too far" }),
      await patch(target.id, { version: target.version, position: huge }),
      await add({ title: "Too far", position: huge }),
      await owner.call(deleteTask, { url: `/api/plans/${planId}/tasks/${target.id}?version=${huge}`, method: "DELETE", params: { planId, taskId: target.id } }),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(shape((await tree()).tasks)).toEqual(snapshot);
    expect(await countRows()).toEqual(rows);
  });

  it("the gate: a cycle, a foreign parent, a long title and too deep a tree answer 400 and change nothing", async () => {
    const top = (await tree()).tasks[0];
    const child = top.children[0];
    const snapshot = shape((await tree()).tasks);
    const rows = await countRows();
    const cases: [Response, string][] = [
      [await patch(top.id, { version: top.version, parentId: child.id }), "A task cannot move under itself or its own subtasks"],
      [await patch(top.id, { version: top.version, parentId: top.id }), "A task cannot move under itself or its own subtasks"],
      [await add({ title: "x", parentId: randomUUID() }), "is not in this plan"],
      [await add({ title: "y".repeat(201) }), "Invalid request"],
    ];
    for (const [res, reason] of cases) {
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(reason);
    }
    expect(shape((await tree()).tasks)).toEqual(snapshot);
    // Depth: a chain of 5 levels is the limit.
    let parent = child.id;
    for (let depth = 3; depth <= 5; depth++) parent = (((await (await add({ title: `Level ${depth}`, parentId: parent })).json()) as { task: TaskDto }).task).id;
    const tooDeep = await add({ title: "Level 6", parentId: parent });
    expect([tooDeep.status, ((await tooDeep.json()) as { error: { message: string } }).error.message]).toEqual([400, "Tasks nest at most 5 levels deep"]);
    expect((await countRows()).tasks).toBe(rows.tasks + 3);
    expect((await countRows()).jobs).toBe(rows.jobs);
  });

  it("ownership: another user gets 404; support reads every plan and conversation but cannot edit (403)", async () => {
    const stranger = new TestUser();
    const top = (await tree()).tasks[0];
    expect((await stranger.call(getPlan, { url: `/api/plans/${planId}`, params: { planId } })).status).toBe(404);
    expect((await patch(top.id, { version: top.version, title: "Mine" }, stranger)).status).toBe(404);
    const support = new TestUser();
    const headers = { authorization: "Bearer support-token-for-tests" }; // SUPPORT_TOKEN of test/setup-env.ts
    const plans = (await (await support.call(listPlans, { url: "/api/plans", headers })).json()) as { plans: { id: string }[] };
    expect(plans.plans.map((p) => p.id)).toContain(planId);
    const conversations = (await (await support.call(listConversations, { url: "/api/conversations", headers })).json()) as { conversations: unknown[] };
    expect(conversations.conversations.length).toBeGreaterThanOrEqual(1);
    const res = await support.call(patchTask, { url: `/api/plans/${planId}/tasks/${top.id}`, method: "PATCH", body: { version: top.version, title: "Support" }, headers, params: { planId, taskId: top.id } });
    expect(res.status).toBe(403);
    expect((await byTitle(top.title)).version).toBe(top.version);
  });
});

describe("decompose one task", () => {
  it("202 with a plan_decompose job; its subtasks arrive with their tasks_updated event", async () => {
    const { task: target } = (await (await add({ title: "Plan the welcome dinner" })).json()) as { task: TaskDto };
    const res = await owner.call(decompose, { url: `/api/plans/${planId}/tasks/${target.id}/decompose`, method: "POST", params: { planId, taskId: target.id } });
    expect(res.status).toBe(202);
    const { jobId, job } = (await res.json()) as { jobId: string; job: { jobType: string; status: string; taskId: string } };
    expect([job.jobType, job.status, job.taskId]).toEqual(["plan_decompose", "pending", target.id]);
    await getDeps().queue.waitUntilSettled([jobId]);
    const added = (await tree()).tasks.find((t) => t.id === target.id)!.children;
    expect(added.length).toBeGreaterThanOrEqual(2);
    const events = await getDeps().store.eventsAfter(jobId, 0, 1000);
    const updated = events.filter((e) => e.kind === "tasks_updated").map((e) => e.data as { taskIds: string[]; parentId: string });
    expect(updated).toEqual([
      { planId, taskIds: added.map((c) => c.id), parentId: target.id, msgKey: "decompose.added", msgParams: { count: added.length, title: "Plan the welcome dinner" } },
    ]);
  });

  it("splitting a task that has subtasks splits those subtasks, never adds a second set under it", async () => {
    const target = (await tree()).tasks.find((t) => t.title === "Plan the welcome dinner")!;
    const res = await owner.call(decompose, { url: `/api/plans/${planId}/tasks/${target.id}/decompose`, method: "POST", params: { planId, taskId: target.id } });
    const { jobId } = (await res.json()) as { jobId: string };
    await getDeps().queue.waitUntilSettled([jobId]);
    const after = (await tree()).tasks.find((t) => t.id === target.id)!;
    expect(after.children.map((c) => c.id)).toEqual(target.children.map((c) => c.id));
    for (const child of after.children) expect(child.children.length).toBeGreaterThanOrEqual(2);
    const events = await getDeps().store.eventsAfter(jobId, 0, 1000);
    expect(events.filter((e) => e.kind === "tasks_updated").map((e) => (e.data as { parentId: string }).parentId)).toEqual(target.children.map((c) => c.id));
  });

  it("a retried attempt after a crash does not add a second set of subtasks", async () => {
    const { task: target } = (await (await add({ title: "Arrange the shuttle buses" })).json()) as { task: TaskDto & { children: TaskNode[] } };
    target.children = [];
    const { db, store } = getDeps();
    await getApp().runner.stop();
    // What a crashed first attempt leaves: its subtasks and their tasks_updated event, committed together; the job still `running` with an expired lease.
    const job = await db.job.create({
      data: { id: randomUUID(), jobType: "plan_decompose", ownerId: (await db.plan.findUniqueOrThrow({ where: { id: planId } })).ownerId, planId, taskId: target.id, concurrencyKey: `plan:${planId}`, params: { planId, taskId: target.id, language: "en" }, stats: emptyStats(), status: "running", attempt: 1, startedAt: new Date(), leaseExpiresAt: new Date(Date.now() - 1000) },
    });
    const crashed = await store.commitWith(job.id, async (tx) => {
      const rows = await Promise.all(["One", "Two"].map((title, i) => tx.task.create({ data: { planId, parentId: target.id, position: target.children.length + i, title, description: "" } })));
      return { value: rows, events: [{ level: "info", kind: "tasks_updated", message: "Added 2", data: { planId, taskIds: rows.map((r) => r.id), parentId: target.id } }] };
    }, () => emptyStats());
    expect(crashed.lastSeq).toBe(1);
    const childrenBefore = (await tree()).tasks.find((t) => t.id === target.id)!.children.length;
    getApp().runner.start();
    await getDeps().queue.waitUntilSettled([job.id], { timeoutMs: 20_000 });
    const done = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect([done.status, done.attempt]).toEqual(["succeeded", 2]);
    expect((await tree()).tasks.find((t) => t.id === target.id)!.children.length).toBe(childrenBefore);
    expect((await store.eventsAfter(job.id, 0, 100)).filter((e) => e.kind === "tasks_updated")).toHaveLength(1);
  });
});

describe("export and change stream", () => {
  it("exports the plan as a Markdown checklist and as its JSON tree", async () => {
    const t = await tree();
    const md = await owner.call(exportPlan, { url: `/api/plans/${planId}/export?format=md`, params: { planId } });
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const text = await md.text();
    expect(text.split("\n").slice(0, 2)).toEqual([`# ${t.plan.title}`, ""]);
    const first = t.tasks[0];
    expect(text).toContain(`\n- [ ] ${first.title}`);
    expect(text).toContain(`\n  - [${first.children[0].status === "done" ? "x" : " "}] ${first.children[0].title}`);
    const json = await owner.call(exportPlan, { url: `/api/plans/${planId}/export?format=json`, params: { planId } });
    expect(await json.json()).toEqual(t);
  });

  it("a plan stream sends a `plan` frame at once and another when an edit commits", async () => {
    const res = await owner.call(planStream, { url: `/api/plans/${planId}/stream`, params: { planId } });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const top = (await tree()).tasks[0];
    let edited = 0;
    const read = await readSse(res, {
      timeoutMs: 5000,
      stopWhen: (r) => {
        if (r.messages.length === 1 && !edited) {
          edited = Date.now();
          void patch(top.id, { version: top.version, status: "done" });
        }
        return r.messages.length === 2;
      },
    });
    expect(read.messages.map((m) => m.event)).toEqual(["plan", "plan"]);
    const [before, after] = read.messages.map((m) => JSON.parse(m.data) as { planId: string; updatedAt: string });
    expect(before.planId).toBe(planId);
    expect(after.updatedAt > before.updatedAt).toBe(true);
    expect((await byTitle(top.title)).status).toBe("done");
  });
});

describe("plan and task operations from chat", () => {
  const ownerOf = async () => (await getDeps().db.plan.findUniqueOrThrow({ where: { id: planId } })) as { ownerId: string; conversationId: string };

  it("a message's operations run as ONE task_operation job, in order, each logged with its tasks_updated event; no new plan", async () => {
    const { ownerId, conversationId } = await ownerOf();
    const [first, second] = (await tree()).tasks;
    const plansBefore = (await countRows()).plans;
    const model = modelProposing({
      reply: "Done",
      actions: [
        action("add_task", { title: "Print badges", parentId: first.id, position: 0 }),
        action("update_task", { taskId: second.id, title: "Pick the venue", description: null }),
        action("set_task_status", { taskId: first.id, status: "done" }),
        action("move_task", { taskId: second.id, parentId: null, position: 0 }),
      ],
    });
    const res = await sendMessage({ ...getDeps(), model }, { userId: ownerId }, { conversationId, message: "Edit the plan", mode: "sync" });
    expect(res.body.actions.map((a) => [a.kind, a.status])).toEqual([
      ["add_task", "completed"],
      ["update_task", "completed"],
      ["set_task_status", "completed"],
      ["move_task", "completed"],
    ]);
    expect(res.body.actions.map((a) => a.name)).toEqual([`Add “Print badges”`, `Rename “${second.title}” to “Pick the venue”`, `Mark “${first.title}” as done`, `Move “Pick the venue”`]);
    expect(res.body.metadata.jobs.map((j) => j.jobType)).toEqual(["chat_actions", "task_operation"]);
    expect((await countRows()).plans).toBe(plansBefore);
    const after = (await tree()).tasks;
    expect(after.slice(0, 2).map((t) => [t.id, t.title, t.status])).toEqual([
      [second.id, "Pick the venue", second.status],
      [first.id, first.title, "done"],
    ]);
    const badge = after[1].children[0];
    expect([badge.title, badge.position]).toEqual(["Print badges", 0]);
    const events = await getDeps().store.eventsAfter(res.body.metadata.jobs[1].jobId, 0, 100);
    expect(events.map((e) => [e.kind, e.message])).toEqual([
      ["status", "Job started"],
      ["log", `Applying 4 change(s) to "${(await tree()).plan.title}"`],
      ["log", `Added "Print badges" under "${first.title}"`],
      ["tasks_updated", `Added "Print badges" under "${first.title}"`],
      ["log", `Renamed "${second.title}" to "Pick the venue"`],
      ["tasks_updated", `Renamed "${second.title}" to "Pick the venue"`],
      ["log", `Marked "${first.title}" as done (was ${first.status.replace("_", " ").replace("todo", "to do")})`],
      ["tasks_updated", `Marked "${first.title}" as done (was ${first.status.replace("_", " ").replace("todo", "to do")})`],
      ["log", `Moved "Pick the venue" to the top level, position 1`],
      ["tasks_updated", `Moved "Pick the venue" to the top level, position 1`],
      ["status", expect.stringMatching(/^Job succeeded in /)],
    ]);
    expect(events.filter((e) => e.kind === "tasks_updated").map((e) => (e.data as { taskIds: string[] }).taskIds)).toEqual([[badge.id], [second.id], [first.id], [second.id]]);
  });

  it("when a task changed after the message was gated, the whole batch applies nothing and the job says why", async () => {
    const { ownerId, conversationId } = await ownerOf();
    const [first, second] = (await tree()).tasks;
    await getApp().runner.stop();
    const model = modelProposing({
      reply: "Done",
      actions: [action("add_task", { title: "Never added" }), action("update_task", { taskId: first.id, title: "Never renamed", description: null })],
    });
    const res = await sendMessage({ ...getDeps(), model }, { userId: ownerId }, { conversationId, message: "Edit the plan", mode: "async" });
    expect(res.body.actions.map((a) => a.status)).toEqual(["pending", "pending"]);
    // Another planner edits the task before the job runs.
    expect((await patch(first.id, { version: first.version, title: "Edited meanwhile" })).status).toBe(200);
    const snapshot = shape((await tree()).tasks);
    getApp().runner.start();
    const opJob = res.body.metadata.jobs[1].jobId;
    await getDeps().queue.waitUntilSettled([opJob]);
    const job = await getDeps().db.job.findUniqueOrThrow({ where: { id: opJob } });
    expect([job.status, job.attempt, job.error]).toEqual(["failed", 1, `Task "Edited meanwhile" changed since it was read (version ${first.version + 1})`]);
    const warn = (await getDeps().store.eventsAfter(opJob, 0, 100)).find((e) => e.level === "warn")!;
    expect(warn.message).toMatch(/^Nothing was changed: Task "Edited meanwhile" changed since it was read/);
    expect(shape((await tree()).tasks)).toEqual(snapshot);
    expect(flatten((await tree()).tasks).some((t) => t.title === "Never added")).toBe(false);
    void second;
  });

  it("a message may name which of the conversation's plans it acts on; a plan of another conversation is a 404 and writes nothing", async () => {
    const { ownerId, conversationId } = await ownerOf();
    const deps = getDeps();
    await sendMessage({ ...deps, model: modelProposing({ reply: "New plan", actions: [action("create_plan", { title: "Second plan", goal: "Another goal" })] }) }, { userId: ownerId }, { conversationId, message: "New plan", mode: "sync" });
    const first = (await tree()).tasks[0];
    const res = await sendMessage(
      { ...deps, model: modelProposing({ reply: "Done", actions: [action("update_task", { taskId: first.id, title: "Chosen plan edited", description: null })] }) },
      { userId: ownerId },
      { conversationId, planId, message: "Rename it", mode: "sync" },
    );
    expect(res.body.actions.map((a) => [a.status, res.body.metadata.planId])).toEqual([["completed", planId]]);
    expect((await tree()).tasks[0].title).toBe("Chosen plan edited");
    const other = await sendMessage({ ...deps, model: modelProposing({ reply: "Plan", actions: [action("create_plan")] }) }, { userId: ownerId }, { message: "Other", mode: "async" });
    const rows = await countRows();
    await expect(
      sendMessage({ ...deps, model: modelProposing({ reply: "x", actions: [] }) }, { userId: ownerId }, { conversationId, planId: other.body.metadata.planId, message: "x", mode: "async" }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await countRows()).toEqual(rows);
  });
});
