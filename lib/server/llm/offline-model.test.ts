// The offline planner through the real AI SDK (generateText / streamText +
// Output.object), with the app's real schemas and prompts.
import { generateText, Output, streamText } from "ai";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createOfflinePlannerModel, OFFLINE_MODEL_ID, OFFLINE_PROVIDER } from "./offline-model/index.ts";
import { buildPrompt, type PromptFields } from "./prompts.ts";
import { chatReplySchema, planOutlineSchema, subtasksSchema, type LlmRequestName, type ProposedAction } from "./schemas.ts";

const model = createOfflinePlannerModel({ latencyMs: 0 });

const SCHEMAS = {
  chat_reply: chatReplySchema,
  plan_outline: planOutlineSchema,
  subtasks: subtasksSchema,
} as const;

type Fields<R extends LlmRequestName> = Omit<PromptFields, "Request"> & { Request: R };

/** One call exactly as lib/server/llm/generate.ts makes it. */
async function ask<R extends LlmRequestName>(fields: Fields<R>, abortSignal?: AbortSignal, m = model) {
  const { system, prompt } = buildPrompt(fields);
  const schema: z.ZodType = SCHEMAS[fields.Request];
  const result = await generateText({
    model: m,
    system,
    prompt,
    output: Output.object({ schema, name: fields.Request }),
    abortSignal,
    maxRetries: 0,
  });
  return { output: result.output as z.infer<(typeof SCHEMAS)[R]>, result, system, prompt };
}

const CJK = /[\u4e00-\u9fff]/;
const LAUNCH = "Plan the launch of a mobile app in 6 weeks";
const HANGZHOU = "帮我规划一次为期三天的杭州旅行";

/** A proposed action as chatReplySchema has it: the fields given, every other one null. */
const action = (fields: Partial<ProposedAction> & Pick<ProposedAction, "kind">): ProposedAction =>
  ({ title: null, goal: null, taskId: null, parentId: null, position: null, description: null, status: null, ...fields });

describe("offline planner model: identity", () => {
  it("implements LanguageModelV4 with the planstream ids", () => {
    expect(model.specificationVersion).toBe("v4");
    expect(model.modelId).toBe(OFFLINE_MODEL_ID);
    expect(model.modelId).toBe("planstream-offline-planner");
    expect(model.provider).toBe(OFFLINE_PROVIDER);
    expect(model.provider).toBe("planstream.offline");
  });
});

describe("chat_reply", () => {
  it("proposes create_plan + decompose_task for an English goal", async () => {
    const { output } = await ask({ Request: "chat_reply", Language: "en", Message: LAUNCH });
    expect(output.actions).toEqual([
      action({ kind: "create_plan", title: "Mobile app launch in 6 weeks", goal: LAUNCH, taskId: null }),
      action({ kind: "decompose_task", title: "", goal: "", taskId: null }),
    ]);
    expect(output.reply).toContain("Mobile app launch in 6 weeks");
    expect(output.reply).not.toMatch(CJK);
  });

  it("answers a Chinese goal in Chinese with a Chinese plan title", async () => {
    const { output } = await ask({ Request: "chat_reply", Language: "zh-CN", Message: HANGZHOU });
    expect(output.reply).toMatch(CJK);
    expect(output.reply).toContain("杭州");
    expect(output.actions).toEqual([
      action({ kind: "create_plan", title: "杭州三日游", goal: HANGZHOU, taskId: null }),
      action({ kind: "decompose_task", title: "", goal: "", taskId: null }),
    ]);
  });

  it.each([
    ["hi", "en"],
    ["Thanks!", "en"],
    ["hello there", "en"],
    ["你好", "zh-CN"],
    ["谢谢！", "zh-CN"],
  ] as const)("treats %j as small talk: a friendly reply and no actions", async (message, language) => {
    const { output } = await ask({ Request: "chat_reply", Language: language, Message: message });
    expect(output.actions).toEqual([]);
    expect(output.reply.length).toBeGreaterThan(0);
    if (language === "zh-CN") expect(output.reply).toMatch(CJK);
    else expect(output.reply).not.toMatch(CJK);
  });

  it.each([
    ["Learn Spanish", "en", "Learn Spanish"],
    ["My kitchen needs a complete renovation", "en", "My kitchen needs a complete renovation"],
    ["学吉他", "zh-CN", "吉他学习计划"],
    ["整理家里的书房", "zh-CN", "整理家里的书房计划"],
    ["三个月写完毕业论文", "zh-CN", "毕业论文写作计划"],
  ] as const)("treats %j as a goal titled %j", async (message, language, title) => {
    const { output } = await ask({ Request: "chat_reply", Language: language, Message: message });
    expect(output.actions.map((a) => a.kind)).toEqual(["create_plan", "decompose_task"]);
    expect(output.actions[0]).toEqual(action({ kind: "create_plan", title, goal: message, taskId: null }));
  });

  it.each(["hmm", "x", "What's the weather like?"])("asks for a goal when %j is not one", async (message) => {
    const { output } = await ask({ Request: "chat_reply", Language: "en", Message: message });
    expect(output.actions).toEqual([]);
    expect(output.reply).toMatch(/goal/);
  });

  it("answers questions about the app without actions", async () => {
    const en = await ask({ Request: "chat_reply", Language: "en", Message: "What can you do?" });
    expect(en.output.actions).toEqual([]);
    expect(en.output.reply).toMatch(/plan/i);
    const zh = await ask({ Request: "chat_reply", Language: "zh-CN", Message: "你能做什么？" });
    expect(zh.output.actions).toEqual([]);
    expect(zh.output.reply).toMatch(CJK);
  });

  it("decomposes the task named in PlanTasks", async () => {
    const planTasks = "t1|Week 1: Define the MVP scope and launch goals ;; t2|Week 3: Build the core features ;; t3|Week 4: Test and run a beta";
    const { output } = await ask({
      Request: "chat_reply",
      Language: "en",
      Message: "Can you break down the build phase?",
      PlanId: "plan-1",
      PlanTasks: planTasks,
    });
    expect(output.actions).toEqual([action({ kind: "decompose_task", title: "Week 3: Build the core features", goal: "", taskId: "t2" })]);

    const zh = await ask({
      Request: "chat_reply",
      Language: "zh-CN",
      Message: "把灵隐寺那天再细化一下",
      PlanId: "plan-2",
      PlanTasks: "a|行前准备：交通与住宿 ;; b|第1天：西湖与苏堤 ;; c|第2天：灵隐寺与龙井茶园",
    });
    expect(zh.output.actions).toEqual([action({ kind: "decompose_task", title: "第2天：灵隐寺与龙井茶园", goal: "", taskId: "c" })]);
    expect(zh.output.reply).toContain("灵隐寺");
  });

  it("asks which task when a breakdown request names none", async () => {
    const { output } = await ask({
      Request: "chat_reply",
      Language: "en",
      Message: "Can you add more detail?",
      PlanId: "plan-1",
      PlanTasks: "t1|Scope ;; t2|Build",
    });
    expect(output.actions).toEqual([]);
    expect(output.reply).toContain("Scope");
  });
});

describe("plan_outline", () => {
  it("plans an app launch as week-ranged phases", async () => {
    const { output } = await ask({ Request: "plan_outline", Language: "en", Goal: LAUNCH });
    expect(output.title).toBe("Mobile app launch in 6 weeks");
    expect(output.tasks.map((t) => t.title)).toEqual([
      "Week 1: Define the MVP scope and launch goals",
      "Week 2: Design and prototype the key flows",
      "Week 3: Build the core features",
      "Week 4: Test and run a beta",
      "Week 5: Prepare the store listings and launch materials",
      "Week 6: Launch and monitor",
    ]);
    for (const t of output.tasks) expect(t.description).toMatch(/\.$/);
    expect(output.tasks[0].description).toContain("mobile app");
    expect(output.narration.length).toBeGreaterThanOrEqual(2);
    expect(output.narration.length).toBeLessThanOrEqual(4);
    expect(output.narration[0]).toContain(LAUNCH);
    expect(output.narration.join(" ")).toContain("6-week deadline");
  });

  it("reads an event with guests as an event, not a software launch", async () => {
    const { output } = await ask({ Request: "plan_outline", Language: "en", Goal: "Organize a product launch event for 300 guests in 2 months" });
    expect(output.tasks.map((t) => t.title)).toEqual([
      "Week 1: Set the budget, date and guest list",
      "Weeks 2–3: Book the venue",
      "Week 4: Plan food, music and decorations",
      "Week 5: Send invitations and track RSVPs",
      "Week 6: Plan the run of show",
      "Week 7: Final checks and the big day",
      "Week 8: Wrap up",
    ]);
  });

  it("plans a 3-day Hangzhou trip day by day, in Chinese", async () => {
    const { output } = await ask({ Request: "plan_outline", Language: "zh-CN", Goal: HANGZHOU });
    expect(output.title).toBe("杭州三日游");
    expect(output.tasks.map((t) => t.title)).toEqual([
      "行前准备：交通与住宿",
      "第1天：西湖与苏堤",
      "第2天：灵隐寺与龙井茶园",
      "第3天：河坊街与京杭大运河",
    ]);
    expect(output.tasks.filter((t) => /^第\d天：/.test(t.title))).toHaveLength(3);
    for (const t of output.tasks) {
      expect(t.title).toMatch(CJK);
      expect(t.description).toMatch(CJK);
    }
    expect(output.tasks[0].description).toContain("杭州");
    expect(output.tasks[0].description).toContain("2晚");
    expect(output.tasks[3].description).toContain("返程");
    for (const n of output.narration) expect(n).toMatch(CJK);
  });

  it("gives different goals different plans", async () => {
    const goals = [
      LAUNCH,
      "Plan a 3-day trip to Hangzhou",
      "Organize my sister's wedding for 80 guests",
      "Learn Spanish in 3 months",
      "Write my master's thesis in 4 months",
      "Move to Berlin next month",
      "Run a half marathon in 12 weeks",
      "Renovate my kitchen by March",
    ];
    const outlines = await Promise.all(goals.map((Goal) => ask({ Request: "plan_outline", Language: "en", Goal })));
    const titleSets = outlines.map(({ output }) => output.tasks.map((t) => t.title).join("\n"));
    expect(new Set(titleSets).size).toBe(goals.length);
    expect(new Set(outlines.map(({ output }) => output.title)).size).toBe(goals.length);
    // No task title shared between the launch plan and the trip plan.
    const launch = new Set(outlines[0].output.tasks.map((t) => t.title));
    expect(outlines[1].output.tasks.some((t) => launch.has(t.title))).toBe(false);
    expect(outlines[1].output.tasks.map((t) => t.title)).toEqual([
      "Before you go: tickets and lodging",
      "Day 1: West Lake and the Su Causeway",
      "Day 2: Lingyin Temple and Longjing tea village",
      "Day 3: Hefang Street and the Grand Canal",
    ]);
    expect(outlines[3].output.title).toBe("Learn Spanish in 3 months");
    expect(outlines[6].output.tasks.at(-1)?.title).toBe("Week 12: Race day");
  });

  it("is deterministic for the same goal", async () => {
    const a = await ask({ Request: "plan_outline", Language: "en", Goal: "Plan a 5-day trip to Lisbon" });
    const b = await ask({ Request: "plan_outline", Language: "en", Goal: "Plan a 5-day trip to Lisbon" });
    expect(a.output).toEqual(b.output);
    expect(a.output.title).toBe("5-day Lisbon trip");
    expect(a.output.tasks).toHaveLength(6);
    expect(a.output.tasks[5].title).toMatch(/^Day 5: /);
  });

  it.each([
    ["Plan the launch of a mobile app in 6 weeks", "en"],
    ["Plan a weekend in Paris", "en"],
    ["Two weeks in Japan", "en"],
    ["Day trip to Kyoto", "en"],
    ["Organize a tech conference for 200 attendees in 3 months", "en"],
    ["Throw a birthday party for my daughter", "en"],
    ["Prepare for the IELTS exam in 8 weeks", "en"],
    ["Learn to cook in 2 months", "en"],
    ["Write a novel", "en"],
    ["Lose 5 kg before summer", "en"],
    ["Get my garden ready for spring", "en"],
    ["x", "en"],
    ["六周内上线一款记账App", "zh-CN"],
    ["我想去云南玩一周", "zh-CN"],
    ["组织一场50人的公司年会", "zh-CN"],
    ["两个月备考雅思", "zh-CN"],
    ["三个月写完毕业论文", "zh-CN"],
    ["下个月搬家到上海", "zh-CN"],
    ["半年内跑完一场马拉松", "zh-CN"],
    ["整理家里的书房", "zh-CN"],
  ] as const)("outlines %j within the schema's and the prompt's bounds", async (goal, language) => {
    const { output } = await ask({ Request: "plan_outline", Language: language, Goal: goal });
    expect(output.tasks.length).toBeGreaterThanOrEqual(3);
    expect(output.tasks.length).toBeLessThanOrEqual(8);
    expect(output.narration.length).toBeGreaterThanOrEqual(2);
    expect(output.narration.length).toBeLessThanOrEqual(4);
    expect(new Set(output.tasks.map((t) => t.title)).size).toBe(output.tasks.length);
    if (language === "zh-CN") expect(output.title + output.tasks.map((t) => t.title).join("")).toMatch(CJK);
    // Every task breaks down into 2–6 subtasks with 1–3 narration steps.
    for (const task of output.tasks) {
      const sub = await ask({ Request: "subtasks", Language: language, Goal: goal, Task: task.title, TaskDescription: task.description });
      expect(sub.output.subtasks.length).toBeGreaterThanOrEqual(2);
      expect(sub.output.subtasks.length).toBeLessThanOrEqual(6);
      expect(sub.output.narration.length).toBeGreaterThanOrEqual(1);
      expect(sub.output.narration.length).toBeLessThanOrEqual(3);
    }
  });
});

describe("subtasks", () => {
  it("breaks a launch phase into that phase's steps", async () => {
    const { output } = await ask({
      Request: "subtasks",
      Language: "en",
      Goal: LAUNCH,
      Task: "Week 3: Build the core features",
      TaskId: "t2",
      TaskDescription: "Implement the MVP features of the mobile app in short iterations.",
    });
    expect(output.subtasks.map((s) => s.title)).toEqual([
      "Set up the project, CI and environments",
      "Implement the must-have features",
      "Add analytics and crash reporting",
      "Freeze features",
    ]);
    expect(output.narration[0]).toBe("Breaking down “Build the core features”.");
  });

  it("splits a trip day into morning, afternoon and evening, in Chinese", async () => {
    const { output } = await ask({ Request: "subtasks", Language: "zh-CN", Goal: HANGZHOU, Task: "第2天：灵隐寺与龙井茶园" });
    expect(output.subtasks.map((s) => s.title)).toEqual(["上午：参观灵隐寺和飞来峰石刻", "下午：漫步龙井茶园，品一杯新茶", "晚上：在梅家坞吃农家菜"]);
    for (const s of output.subtasks) expect(s.description).toMatch(CJK);
  });

  it("recognises a template task even when the goal is different", async () => {
    const { output } = await ask({ Request: "subtasks", Language: "en", Goal: "Celebrate our anniversary", Task: "Book the venue" });
    expect(output.subtasks.map((s) => s.title)).toEqual(["Shortlist venues", "Visit and compare", "Sign and pay the deposit"]);
  });

  it("decomposes an unknown task from its own title", async () => {
    const { output } = await ask({ Request: "subtasks", Language: "en", Goal: "Throw a party", Task: "Buy snacks and drinks" });
    expect(output.subtasks.map((s) => s.title)).toEqual(["Make a list", "Compare prices", "Buy and track delivery"]);
    const other = await ask({ Request: "subtasks", Language: "en", Goal: "Fix up the garage", Task: "Clear out the garage", TaskDescription: "Empty it completely." });
    expect(other.output.subtasks[0].title).toContain("clear out the garage");
    expect(other.output.subtasks.map((s) => s.description)).toContain("Empty it completely.");
  });
});

describe("model behaviour", () => {
  it("counts usage: prompt characters / 4 in, output characters / 4 out", async () => {
    const { result, system, prompt } = await ask({ Request: "plan_outline", Language: "en", Goal: LAUNCH });
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.inputTokens).toBe(Math.ceil((system.length + prompt.length) / 4));
    expect(result.usage.outputTokens).toBe(Math.ceil(result.text.length / 4));
    expect(result.finishReason).toBe("stop");
  });

  it("waits latencyMs per call", async () => {
    const slow = createOfflinePlannerModel({ latencyMs: 60 });
    const started = performance.now();
    await ask({ Request: "chat_reply", Language: "en", Message: "hi" }, undefined, slow);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
  });

  it("rejects when the abort signal fires during the simulated latency", async () => {
    const slow = createOfflinePlannerModel({ latencyMs: 10_000 });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 20);
    await expect(ask({ Request: "plan_outline", Language: "en", Goal: LAUNCH }, controller.signal, slow)).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("rejects at once with an already-aborted signal, with the signal's reason", async () => {
    const reason = new DOMException("user cancelled", "AbortError");
    await expect(
      ask({ Request: "chat_reply", Language: "en", Message: LAUNCH }, AbortSignal.abort(reason), createOfflinePlannerModel({ latencyMs: 5 })),
    ).rejects.toBe(reason);
  });

  it("streams the same JSON through streamText", async () => {
    const fields: Fields<"plan_outline"> = { Request: "plan_outline", Language: "zh-CN", Goal: HANGZHOU };
    const { system, prompt } = buildPrompt(fields);
    const streamed = streamText({
      model: createOfflinePlannerModel({ latencyMs: 5 }),
      system,
      prompt,
      output: Output.object({ schema: planOutlineSchema, name: "plan_outline" }),
    });
    const deltas: string[] = [];
    for await (const delta of streamed.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(1);
    const generated = await ask(fields);
    expect(await streamed.output).toEqual(generated.output);
    expect(deltas.join("")).toBe(generated.result.text);
    const usage = await streamed.usage;
    expect(usage.inputTokens).toBe(generated.result.usage.inputTokens);
    expect(usage.outputTokens).toBe(generated.result.usage.outputTokens);
    expect(await streamed.finishReason).toBe("stop");
  });

  it("falls back to the Request: header when the output has no name", async () => {
    const { system, prompt } = buildPrompt({ Request: "subtasks", Language: "en", Goal: LAUNCH, Task: "Week 4: Test and run a beta" });
    const result = await generateText({ model, system, prompt, output: Output.object({ schema: subtasksSchema }) });
    expect(result.output.subtasks[0].title).toBe("Write a test plan for the critical paths");
  });

  it("answers a plain text prompt with a plain reply", async () => {
    const result = await generateText({ model, prompt: "hi" });
    expect(result.text.startsWith("{")).toBe(false);
    expect(result.text.length).toBeGreaterThan(0);
  });
});
