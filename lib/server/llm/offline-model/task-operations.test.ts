// Editing an existing plan by chatting, through the offline planner exactly as
// the app calls it: buildPrompt with `PlanTasks` (`id|number|status|title`)
// and generateText + Output.object with chatReplySchema.
import { generateText, Output } from "ai";
import { describe, expect, it } from "vitest";
import type { Language } from "@/lib/shared/language";
import { buildPrompt } from "../prompts.ts";
import { chatReplySchema, type ProposedAction } from "../schemas.ts";
import { createOfflinePlannerModel } from "./index.ts";

const model = createOfflinePlannerModel({ latencyMs: 0 });
const CJK = /[\u4e00-\u9fff]/;

/** `[id, number, status, title]` rows in tree order → the `PlanTasks:` field. */
const planTasks = (rows: [string, string, string, string][]) => rows.map((r) => r.join("|")).join(" ;; ");

const EN_PLAN = planTasks([
  ["t1", "1", "done", "Set the budget, date and guest list"],
  ["t2", "2", "todo", "Book the venue"],
  ["t21", "2.1", "todo", "Shortlist venues"],
  ["t22", "2.2", "todo", "Visit and compare"],
  ["t3", "3", "in_progress", "Plan food, music and decorations"],
  ["t31", "3.1", "todo", "Choose a caterer"],
  ["t32", "3.2", "todo", "Book a DJ"],
  ["t33", "3.3", "todo", "Buy decorations"],
  ["t4", "4", "todo", "Send invitations and track RSVPs"],
  ["t5", "5", "todo", "Plan the run of show"],
]);
const ZH_PLAN = planTasks([
  ["a", "1", "todo", "行前准备：交通与住宿"],
  ["b", "2", "todo", "第1天：西湖与苏堤"],
  ["c", "3", "todo", "第2天：灵隐寺与龙井茶园"],
  ["c1", "3.1", "todo", "上午：参观灵隐寺"],
  ["c2", "3.2", "todo", "下午：漫步龙井茶园"],
  ["d", "4", "todo", "预订场地"],
  ["e", "5", "todo", "购买门票"],
]);

async function chat(message: string, language: Language, tasks?: string) {
  const { system, prompt } = buildPrompt({ Request: "chat_reply", Language: language, Message: message, PlanId: tasks ? "plan-1" : undefined, PlanTasks: tasks });
  const result = await generateText({ model, system, prompt, output: Output.object({ schema: chatReplySchema, name: "chat_reply" }), maxRetries: 0 });
  return result.output;
}

/** An action with every field the schema has: null unless given. */
const act = (kind: ProposedAction["kind"], fields: Partial<ProposedAction> = {}): ProposedAction => ({
  kind,
  title: null,
  goal: null,
  taskId: null,
  parentId: null,
  position: null,
  description: null,
  status: null,
  ...fields,
});
const add = (title: string, parentId: string | null, position: number | null) => act("add_task", { title, description: "", parentId, position });
const status = (taskId: string, s: NonNullable<ProposedAction["status"]>) => act("set_task_status", { taskId, status: s });
const rename = (taskId: string, title: string) => act("update_task", { taskId, title });
const move = (taskId: string, parentId: string | null, position: number | null) => act("move_task", { taskId, parentId, position });
const del = (taskId: string) => act("delete_task", { taskId });
const decompose = (taskId: string | null, title: string) => act("decompose_task", { taskId, title, goal: "" });

describe("chat_reply edits the existing plan (English)", () => {
  it.each([
    // add
    ["add a task to book restaurants", [add("Book restaurants", null, null)]],
    ["add book restaurants under Book the venue", [add("Book restaurants", "t2", null)]],
    ["Add “Call the florist” before task 3.", [add("Call the florist", null, 2)]],
    ["add call the florist after the venue task", [add("Call the florist", null, 2)]],
    ["add a subtask Call the florist to Book the venue", [add("Call the florist", "t2", null)]],
    ["add check parking after 2.1", [add("Check parking", "t2", 1)]],
    ["add a task to buy wine at the top", [add("Buy wine", null, 0)]],
    // status
    ["mark the venue task done", [status("t2", "done")]],
    ["mark 3.2 as in progress", [status("t32", "in_progress")]],
    ["set task 2 to blocked", [status("t2", "blocked")]],
    ["task 4 is done", [status("t4", "done")]],
    ["skip step 5", [status("t5", "skipped")]],
    ["mark the third task as done", [status("t3", "done")]],
    ["mark #4 as failed", [status("t4", "failed")]],
    ["the invitation is done", [status("t4", "done")]],
    ["mark tasks 2 and 4 as to do", [status("t2", "todo"), status("t4", "todo")]],
    // rename / change
    ["rename step 3 to Book the venue", [rename("t3", "Book the venue")]],
    ["change task 2 to find a venue", [rename("t2", "Find a venue")]],
    ['rename "Book a DJ" to "Hire a band"', [rename("t32", "Hire a band")]],
    ["change the description of task 2 to Pick a hall for 80 people", [act("update_task", { taskId: "t2", description: "Pick a hall for 80 people" })]],
    // move (positions among the new siblings, the moved task already taken out)
    ["move Book a DJ before 3.1", [move("t32", "t3", 0)]],
    ["move 3.1 after 3.3", [move("t31", "t3", 2)]],
    ["move task 1 after task 5", [move("t1", null, 4)]],
    ["move the run of show under the venue task", [move("t5", "t2", null)]],
    ["move task 5 to the top", [move("t5", null, 0)]],
    ["move 3.2 to the top level", [move("t32", null, null)]],
    // delete
    ["delete the decorations task", [del("t33")]],
    ["remove task 3", [del("t3")]],
    // split further
    ["split the venue task further", [decompose("t2", "Book the venue")]],
    ["break down everything", [decompose(null, "")]],
    // several commands, applied in order
    ["add a task to book restaurants and mark task 2 done", [add("Book restaurants", null, null), status("t2", "done")]],
    ["delete task 1, then add Wrap up after task 4", [del("t1"), add("Wrap up", null, 3)]],
    ["Rename the DJ task to Hire a band and then move it to the top", [rename("t32", "Hire a band"), move("t32", "t3", 0)]],
    ["mark task 2 done; break down task 4", [status("t2", "done"), decompose("t4", "Send invitations and track RSVPs")]],
    ["add tea and coffee", [add("Tea and coffee", null, null)]],
  ] as [string, ProposedAction[]][])("%j", async (message, actions) => {
    const output = await chat(message, "en", EN_PLAN);
    expect(output.actions).toEqual(actions);
    expect(output.reply).not.toMatch(CJK);
    expect(output.reply).toMatch(/^Sure — I'll /);
  });

  it("says what it will do, naming the tasks", async () => {
    const output = await chat("add book restaurants under the venue task and mark 3.2 as in progress", "en", EN_PLAN);
    expect(output.reply).toBe("Sure — I'll add “Book restaurants” under “Book the venue”, then mark “Book a DJ” as in progress.");
  });

  it.each(["mark the fireworks task done", "delete task 9", "move task 2 after the fireworks", "add buy wine under task 7"])(
    "asks which task %j means when none matches, with no actions",
    async (message) => {
      const output = await chat(message, "en", EN_PLAN);
      expect(output.actions).toEqual([]);
      expect(output.reply).toMatch(/Which task do you mean\?/);
      expect(output.reply).toContain("Set the budget, date and guest list");
    },
  );

  it("refuses to move a task under its own subtask", async () => {
    const output = await chat("move task 3 under 3.1", "en", EN_PLAN);
    expect(output.actions).toEqual([]);
    expect(output.reply).toContain("Plan food, music and decorations");
  });

  it("asks for the parent of a subtask that names none", async () => {
    const output = await chat("add a subtask buy flowers", "en", EN_PLAN);
    expect(output.actions).toEqual([]);
    expect(output.reply).toContain("Buy flowers");
  });

  it("creates a new plan only when asked for one", async () => {
    const output = await chat("new plan for a trip to Rome", "en", EN_PLAN);
    expect(output.actions).toEqual([act("create_plan", { title: "Rome trip", goal: "a trip to Rome" }), decompose(null, "")]);
    const goal = await chat("Plan a trip to Rome", "en", EN_PLAN);
    expect(goal.actions).toEqual([]);
    expect(goal.reply).toMatch(/new plan/);
    const bare = await chat("start a new plan", "en", EN_PLAN);
    expect(bare.actions).toEqual([]);
    expect(bare.reply).toMatch(/goal/);
  });

  it("still reads the older `id|title` PlanTasks form", async () => {
    const output = await chat("mark task 2 done and add Buy tickets after task 1", "en", "t1|Scope ;; t2|Build ;; t3|Launch");
    expect(output.actions).toEqual([status("t2", "done"), add("Buy tickets", null, 1)]);
  });

  it.each(["hi", "What can you do?", "What's the weather like?"])("proposes nothing for %j", async (message) => {
    const output = await chat(message, "en", EN_PLAN);
    expect(output.actions).toEqual([]);
  });
});

describe("chat_reply edits the existing plan (Chinese)", () => {
  it.each([
    ["添加任务：订餐厅", [add("订餐厅", null, null)]],
    ["在预订场地下面添加订餐厅", [add("订餐厅", "d", null)]],
    ["在第二步之后加一个订餐厅", [add("订餐厅", null, 2)]],
    ["给任务4添加子任务：比较价格", [add("比较价格", "d", null)]],
    ["在最前面添加确认预算", [add("确认预算", null, 0)]],
    ["把场地任务标记为完成", [status("d", "done")]],
    ["第二个任务已完成", [status("b", "done")]],
    ["把3.2设为进行中", [status("c2", "in_progress")]],
    ["跳过任务5", [status("e", "skipped")]],
    ["第3步完成了", [status("c", "done")]],
    ["把任务2的状态改为阻塞", [status("b", "blocked")]],
    ["把第三步改名为游览灵隐寺", [rename("c", "游览灵隐寺")]],
    ["把预订场地重命名为预订酒店", [rename("d", "预订酒店")]],
    ["把购买门票改成网上购票", [rename("e", "网上购票")]],
    ["把购买门票移到预订场地之前", [move("e", null, 3)]],
    ["把任务5移到任务1之后", [move("e", null, 1)]],
    ["把购买门票移到预订场地下面", [move("e", "d", null)]],
    ["把3.2移到3.1之前", [move("c2", "c", 0)]],
    ["把任务5移到最前面", [move("e", null, 0)]],
    ["删除预订场地", [del("d")]],
    ["把第三个任务删掉", [del("c")]],
    ["把灵隐寺那天再拆分一下", [decompose("c", "第2天：灵隐寺与龙井茶园")]],
    ["细化预订场地", [decompose("d", "预订场地")]],
    ["细化所有任务", [decompose(null, "")]],
    ["把任务1标记为完成，然后删除任务3", [status("a", "done"), del("c")]],
    ["把任务4和任务5标记为完成", [status("d", "done"), status("e", "done")]],
    ["添加任务：写感谢信并且把任务2标记为完成", [add("写感谢信", null, null), status("b", "done")]],
  ] as [string, ProposedAction[]][])("%j", async (message, actions) => {
    const output = await chat(message, "zh-CN", ZH_PLAN);
    expect(output.actions).toEqual(actions);
    expect(output.reply).toMatch(/^好的，/);
  });

  it("says what it will do in Chinese", async () => {
    const output = await chat("把任务1标记为完成，然后删除任务3", "zh-CN", ZH_PLAN);
    expect(output.reply).toBe("好的，我会把“行前准备：交通与住宿”标记为已完成，然后删除“第2天：灵隐寺与龙井茶园”及其子任务。");
  });

  it("asks which task is meant when none matches", async () => {
    const output = await chat("删除烟花任务", "zh-CN", ZH_PLAN);
    expect(output.actions).toEqual([]);
    expect(output.reply).toContain("烟花任务");
    expect(output.reply).toContain("行前准备：交通与住宿");
  });

  it.each([
    ["新计划：去成都玩三天", "去成都玩三天"],
    ["另外规划一个成都三日游", "成都三日游"],
  ])("creates a new plan for %j", async (message, goal) => {
    const output = await chat(message, "zh-CN", ZH_PLAN);
    expect(output.actions).toEqual([act("create_plan", { title: "成都三日游", goal }), decompose(null, "")]);
  });

  it("asks before planning a new goal while a plan exists", async () => {
    const output = await chat("帮我规划一次为期三天的杭州旅行", "zh-CN", ZH_PLAN);
    expect(output.actions).toEqual([]);
    expect(output.reply).toMatch(CJK);
  });
});

describe("chat_reply without a plan", () => {
  it.each(["asdf qwer zxcv", "asdf qwer zxcv uiop hjkl", "sdfkj wpqrt xcvbn mnbvc"])("asks for a goal instead of planning %j", async (message) => {
    const output = await chat(message, "en");
    expect(output.actions).toEqual([]);
    expect(output.reply).toMatch(/goal/);
  });

  it("plans a goal, even one that asks for a new plan", async () => {
    const output = await chat("new plan for a trip to Rome", "en");
    expect(output.actions.map((a) => a.kind)).toEqual(["create_plan", "decompose_task"]);
    expect((await chat("Learn SQL", "en")).actions.map((a) => a.kind)).toEqual(["create_plan", "decompose_task"]);
  });
});
