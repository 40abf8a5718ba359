// Asking the offline planner in chat to execute the plan or one task, exactly
// as the app calls it: buildPrompt with `PlanTasks` and generateText +
// Output.object with chatReplySchema.
import { generateText, Output } from "ai";
import { describe, expect, it } from "vitest";
import type { Language } from "@/lib/shared/language";
import { buildPrompt } from "../prompts.ts";
import { chatReplySchema, type ProposedAction } from "../schemas.ts";
import { createOfflinePlannerModel } from "./index.ts";

const model = createOfflinePlannerModel({ latencyMs: 0 });

const planTasks = (rows: [string, string, string, string][]) => rows.map((r) => r.join("|")).join(" ;; ");
const EN_PLAN = planTasks([
  ["t1", "1", "done", "Set the budget, date and guest list"],
  ["t2", "2", "todo", "Book the venue"],
  ["t21", "2.1", "todo", "Shortlist venues"],
  ["t22", "2.2", "todo", "Visit and compare"],
  ["t3", "3", "todo", "Plan food, music and decorations"],
  ["t4", "4", "todo", "Send invitations and track RSVPs"],
]);
const ZH_PLAN = planTasks([
  ["a", "1", "todo", "行前准备：交通与住宿"],
  ["b", "2", "todo", "第1天：西湖与苏堤"],
  ["c", "3", "todo", "第2天：灵隐寺与龙井茶园"],
  ["d", "4", "todo", "预订场地"],
]);

async function chat(message: string, language: Language, tasks?: string) {
  const { system, prompt } = buildPrompt({ Request: "chat_reply", Language: language, Message: message, PlanId: tasks ? "plan-1" : undefined, PlanTasks: tasks });
  const result = await generateText({ model, system, prompt, output: Output.object({ schema: chatReplySchema, name: "chat_reply" }), maxRetries: 0 });
  return result.output;
}

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
const PLAN = act("execute_plan");
const task = (taskId: string) => act("execute_task", { taskId });

describe("chat: execute the plan", () => {
  it.each(["execute the plan", "Run the plan", "carry out the plan", "Go ahead and do it", "start executing", "Please execute the whole plan now.", "run everything"])(
    "%j → one execute_plan action",
    async (message) => {
      const out = await chat(message, "en", EN_PLAN);
      expect(out.actions).toEqual([PLAN]);
      expect(out.reply).toBe("Executing the plan now: 4 tasks in order, starting with “Set the budget, date and guest list”, using tools where they help.");
    },
  );

  it.each(["执行计划", "开始执行", "运行这个计划", "请帮我执行一下计划吧"])("%j → one execute_plan action", async (message) => {
    const out = await chat(message, "zh-CN", ZH_PLAN);
    expect(out.actions).toEqual([PLAN]);
    expect(out.reply).toBe("现在开始执行计划：按顺序执行4个任务，从“行前准备：交通与住宿”开始，会用工具完成能完成的部分。");
  });
});

describe("chat: execute one task", () => {
  it.each([
    ["execute task 2", "t2"],
    ["run 'Book the venue'", "t2"],
    ["do the budget task", "t1"],
    ["please run task 2.1", "t21"],
    ["execute the last task", "t4"],
  ])("%j → execute_task %s", async (message, taskId) => {
    const out = await chat(message, "en", EN_PLAN);
    expect(out.actions).toEqual([task(taskId)]);
  });

  it("says which task and how many subtasks", async () => {
    expect((await chat("execute task 2", "en", EN_PLAN)).reply).toBe("Executing “Book the venue” now, with its 2 subtasks, using tools where they help.");
    expect((await chat("run task 3", "en", EN_PLAN)).reply).toBe("Executing “Plan food, music and decorations” now, using tools where they help.");
  });

  it.each([
    ["执行第三个任务", "c", "现在开始执行“第2天：灵隐寺与龙井茶园”，会用工具完成能完成的部分。"],
    ["执行「预订场地」", "d", "现在开始执行“预订场地”，会用工具完成能完成的部分。"],
    ["把任务4执行一下", "d", "现在开始执行“预订场地”，会用工具完成能完成的部分。"],
  ])("%j → execute_task %s", async (message, taskId, reply) => {
    const out = await chat(message, "zh-CN", ZH_PLAN);
    expect(out.actions).toEqual([task(taskId)]);
    expect(out.reply).toBe(reply);
  });

  it("runs several tasks named in a list", async () => {
    const out = await chat("run tasks 2 and 4", "en", EN_PLAN);
    expect(out.actions).toEqual([task("t2"), task("t4")]);
  });

  it("asks which task when the reference names none", async () => {
    const out = await chat("run task 9", "en", EN_PLAN);
    expect(out.actions).toEqual([]);
    expect(out.reply).toBe("I couldn't find “task 9” in this plan. Which task do you mean? You can use its number or title, for example “task 1” or “Set the budget, date and guest list”.");
  });
});

describe("chat: execution combined with edits", () => {
  it("edits first and executes last, in any order of saying it", async () => {
    const expected = [act("add_task", { title: "Buy the cake", description: "", parentId: null, position: null }), PLAN];
    const first = await chat("add Buy the cake and then execute the plan", "en", EN_PLAN);
    expect(first.actions).toEqual(expected);
    expect(first.reply).toBe("Sure — I'll add “Buy the cake”, then execute the plan.");
    expect((await chat("execute the plan and add Buy the cake", "en", EN_PLAN)).actions).toEqual(expected);
  });

  it("reads “it” as the task named before, else the plan", async () => {
    const out = await chat("mark task 3 as in progress and run it", "en", EN_PLAN);
    expect(out.actions).toEqual([act("set_task_status", { taskId: "t3", status: "in_progress" }), task("t3")]);
    expect(out.reply).toBe("Sure — I'll mark “Plan food, music and decorations” as in progress, then execute “Plan food, music and decorations”.");
  });

  it("combines in Chinese", async () => {
    const out = await chat("添加任务：买蛋糕，然后执行计划", "zh-CN", ZH_PLAN);
    expect(out.actions).toEqual([act("add_task", { title: "买蛋糕", description: "", parentId: null, position: null }), PLAN]);
    expect(out.reply).toBe("好的，我会添加“买蛋糕”，然后执行整个计划。");
  });

  it("keeps one execute_plan when the plan and a task are both asked for", async () => {
    expect((await chat("run task 2 and then execute the plan", "en", EN_PLAN)).actions).toEqual([PLAN]);
  });
});

describe("chat: execution without a plan, and what is not an execute command", () => {
  it.each([
    ["execute the plan", "en", "There's no plan to execute yet. Tell me a goal first — for example, “plan a 3-day trip to Hangzhou” — and once the plan is ready I can execute it."],
    ["run task 3", "en", "There's no plan to execute yet. Tell me a goal first — for example, “plan a 3-day trip to Hangzhou” — and once the plan is ready I can execute it."],
    ["执行计划", "zh-CN", "这个对话还没有计划，没有可以执行的内容。先告诉我一个目标，比如“规划一次三天的杭州旅行”，我做好计划后就可以执行。"],
  ] as const)("%j without a plan → no action", async (message, language, reply) => {
    const out = await chat(message, language);
    expect(out).toEqual({ reply, actions: [] });
  });

  it("still plans a goal that starts with run", async () => {
    expect((await chat("Run a marathon in 3 months", "en")).actions.map((a) => a.kind)).toEqual(["create_plan", "decompose_task"]);
  });

  it("keeps “start task 3” and “完成任务4” as status changes", async () => {
    expect((await chat("start task 3", "en", EN_PLAN)).actions).toEqual([act("set_task_status", { taskId: "t3", status: "in_progress" })]);
    expect((await chat("完成任务4", "zh-CN", ZH_PLAN)).actions).toEqual([act("set_task_status", { taskId: "d", status: "done" })]);
  });
});
