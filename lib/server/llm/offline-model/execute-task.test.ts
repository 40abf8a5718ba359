// Executing tasks with the offline planner through the real AI SDK tool loop,
// as the plan executor calls it: buildPrompt({Request: "execute_task", …}) and
// generateText / streamText with AI SDK tools built on the real input schemas.
// The tools here compute for real (mathjs with the currency units, date-fns
// business days) but store nothing: the built-in tools are tested on their own.
import { generateText, stepCountIs, streamText, tool, type ToolSet } from "ai";
import { addBusinessDays, format, parseISO, subBusinessDays } from "date-fns";
import { all, create, type Unit } from "mathjs";
import { describe, expect, it } from "vitest";
import type { Language } from "@/lib/shared/language";
import { calculateInput, createCalendarInput, scheduleInput, writeDocumentInput } from "@/lib/server/tools/schemas";
import { buildPrompt } from "../prompts.ts";
import { createOfflinePlannerModel } from "./index.ts";

const model = createOfflinePlannerModel({ latencyMs: 0 });
const TODAY = "2027-03-01";
const math = create(all);
for (const currency of ["USD", "EUR", "GBP", "CNY", "JPY"]) math.createUnit(currency);

const TOOLS = {
  calculate: tool({
    description: "Evaluates an arithmetic expression with units.",
    inputSchema: calculateInput,
    execute: async ({ expression }) => {
      const r = math.evaluate(expression) as Unit | number;
      return typeof r === "number"
        ? { expression, result: String(r), value: r, unit: null }
        : { expression, result: r.toString(), value: r.toNumber(r.formatUnits()), unit: r.formatUnits() };
    },
  }),
  schedule: tool({
    description: "Date arithmetic.",
    inputSchema: scheduleInput,
    execute: async ({ operation, date, amount }) => {
      const d = operation === "add" ? addBusinessDays(parseISO(date), amount ?? 0) : subBusinessDays(parseISO(date), amount ?? 0);
      return { operation, date: format(d, "yyyy-MM-dd"), weekday: format(d, "EEEE"), days: null, businessDays: null, text: format(d, "yyyy-MM-dd") };
    },
  }),
  write_document: tool({
    description: "Writes a Markdown document.",
    inputSchema: writeDocumentInput,
    execute: async ({ filename, content }) => ({ artifactId: "art-1", name: `${filename ?? "document"}.md`, bytes: Buffer.byteLength(content) }),
  }),
  create_calendar: tool({
    description: "Creates an iCalendar file.",
    inputSchema: createCalendarInput,
    execute: async ({ events }) => ({ artifactId: "art-2", name: "calendar.ics", events: events.length, bytes: 200 * events.length }),
  }),
};
const SCHEMAS = { calculate: calculateInput, schedule: scheduleInput, write_document: writeDocumentInput, create_calendar: createCalendarInput };

type Task = { Goal: string; Task: string; TaskDescription?: string; Language?: Language; Results?: string };

/** One task exactly as the plan executor runs it. */
async function execute(task: Task, tools: ToolSet = TOOLS, toolChoice?: "none") {
  const { system, prompt } = buildPrompt({ Request: "execute_task", Language: task.Language ?? "en", Plan: "Plan", TaskId: "t1", Today: TODAY, ...task });
  return generateText({ model, system, prompt, tools, toolChoice, stopWhen: stepCountIs(5), maxRetries: 0 });
}

/** The first step's calls as `[id, tool, input]`, each input checked against its tool's real schema. */
function calls(r: Awaited<ReturnType<typeof execute>>) {
  return r.steps[0].toolCalls.map((c) => {
    expect(SCHEMAS[c.toolName as keyof typeof SCHEMAS].parse(c.input)).toEqual(c.input);
    return [c.toolCallId, c.toolName, c.input];
  });
}

const PARTY = "Birthday party for 20 guests on March 20, €35 per person";

describe("execute_task: budgets call calculate", () => {
  it("builds the expression from the goal's numbers and reports the result", async () => {
    const r = await execute({ Goal: PARTY, Task: "Set the budget", TaskDescription: "Food, drinks and decorations for everyone" });
    expect(calls(r)).toEqual([["call-1-calculate", "calculate", { expression: "20 * 35 EUR + 180 EUR" }]]);
    expect(r.steps[0].finishReason).toBe("tool-calls");
    expect(r.steps[0].toolResults.map((t) => t.output)).toEqual([{ expression: "20 * 35 EUR + 180 EUR", result: "880 EUR", value: 880, unit: "EUR" }]);
    expect(r.steps).toHaveLength(2);
    expect(r.text).toBe("Budget: 880 EUR (20 × 35 EUR + 180 EUR) — 20 guests at 35 EUR each, plus 180 EUR for the venue and decorations.");
  });

  it.each([
    ["A 3-night trip to Lisbon", "Estimate the costs", "en", "3 * 120 USD + 4 * 60 USD + 300 USD", "Budget: 900 USD (3 × 120 USD + 4 × 60 USD + 300 USD) — 3 nights at 120 USD, 4 days of food and tickets at 60 USD, and 300 USD for transport."],
    ["Team dinner for 12 people with a $600 budget", "Split the budget", "en", "600 USD / 12", "Per guest: 50 USD (600 USD / 12) — a total of 600 USD shared over 12 guests."],
    ["Launch a mobile app in 8 weeks, paid in pounds", "Work out the cost", "en", "8 * 1600 GBP + 400 GBP", "Budget: 13200 GBP (8 × 1600 GBP + 400 GBP) — 8 weeks of development at 1600 GBP a week, plus 400 GBP for tools and hosting."],
    ["帮我规划一次为期三天的杭州旅行", "制定预算", "zh-CN", "2 * 840 CNY + 3 * 420 CNY + 2100 CNY", "预算：5040 CNY（2 × 840 CNY + 3 × 420 CNY + 2100 CNY），即住宿2晚，每晚840 CNY；3天餐饮与门票，每天420 CNY；交通2100 CNY。"],
    ["公司年会，50人，每人200元", "估算费用", "zh-CN", "50 * 200 CNY + 1400 CNY", "预算：11400 CNY（50 × 200 CNY + 1400 CNY），即50位客人，每人200 CNY，另加1400 CNY场地与布置费用。"],
  ] as const)("%s / %s → %s", async (Goal, Task, Language, expression, text) => {
    const r = await execute({ Goal, Task, Language });
    expect(calls(r)).toEqual([["call-1-calculate", "calculate", { expression }]]);
    expect(r.text).toBe(text);
  });
});

describe("execute_task: dates call schedule", () => {
  it("counts business days back from the goal's date", async () => {
    const r = await execute({ Goal: "Birthday party for 20 guests on 2027-03-20", Task: "Book the venue", TaskDescription: "Find a room for 20" });
    expect(calls(r)).toEqual([["call-1-schedule", "schedule", { operation: "subtract", date: "2027-03-20", amount: 15, unit: "business_days", until: null }]]);
    expect(r.text).toBe("Deadline: 2027-03-01 (Monday), 15 business days before the target date 2027-03-20.");
  });

  it("counts from today + 30 days when the goal names no date, and says so", async () => {
    const r = await execute({ Goal: "Organise a team offsite", Task: "Book the venue" });
    expect(calls(r)).toEqual([["call-1-schedule", "schedule", { operation: "subtract", date: "2027-03-31", amount: 15, unit: "business_days", until: null }]]);
    expect(r.text).toBe("Deadline: 2027-03-10 (Wednesday), 15 business days before 2027-03-31 (30 days from today, as the goal names no date).");
  });

  it.each([
    ["Surprise party in 3 weeks", "Send reminders", "2027-03-22", 2],
    ["Conference on 20 April 2027", "Register the speakers", "2027-04-20", 20],
    ["Wedding on June 12th", "Order the cake", "2027-06-12", 10],
    ["Move house next month", "Schedule the movers", "2027-04-01", 10],
  ] as const)("%s / %s → %s minus %i business days", async (Goal, Task, date, amount) => {
    const r = await execute({ Goal, Task });
    expect(calls(r)).toEqual([["call-1-schedule", "schedule", { operation: "subtract", date, amount, unit: "business_days", until: null }]]);
  });

  it("counts forward from today when counting back would land in the past, and also writes the invitation", async () => {
    const r = await execute({ Goal: "Dinner party on March 5", Task: "Send invitations" });
    const [schedule, write] = calls(r);
    expect(schedule).toEqual(["call-1-schedule", "schedule", { operation: "add", date: TODAY, amount: 10, unit: "business_days", until: null }]);
    expect(write.slice(0, 2)).toEqual(["call-2-write_document", "write_document"]);
    expect(r.text).toBe(
      "Deadline: 2027-03-15 (Monday), 10 business days from today, since counting back from 2027-03-05 would land before today. Wrote “Send invitations” (send-invitations.md).",
    );
  });

  it("answers in Chinese for a Chinese task", async () => {
    const r = await execute({ Goal: "5月1日去杭州玩三天", Task: "预订酒店", TaskDescription: "在西湖附近订两晚", Language: "zh-CN" });
    expect(calls(r)).toEqual([["call-1-schedule", "schedule", { operation: "subtract", date: "2027-05-01", amount: 20, unit: "business_days", until: null }]]);
    expect(r.text).toBe("截止日期：2027-04-05（星期一），即目标日期2027-05-01之前20个工作日。");
  });
});

describe("execute_task: writing calls write_document", () => {
  it("writes a Markdown packing list for an English trip", async () => {
    const r = await execute({ Goal: "A 5-day trip to Rome", Task: "Write a packing list", TaskDescription: "Everything for warm spring weather" });
    const [[id, name, input]] = calls(r);
    expect([id, name]).toEqual(["call-1-write_document", "write_document"]);
    const doc = writeDocumentInput.parse(input);
    expect(doc.title).toBe("Write a packing list");
    expect(doc.filename).toBe("write-a-packing-list");
    expect(doc.content.split("\n").slice(0, 5)).toEqual(["# Write a packing list", "", "Everything for warm spring weather", "", "## Documents"]);
    expect(doc.content).toContain("- [ ] 5 sets of everyday clothes\n");
    expect(doc.content).toContain("## Electronics\n- [ ] Phone and charger\n");
    expect(r.text).toBe("Wrote “Write a packing list” (write-a-packing-list.md).");
  });

  it("writes a Chinese invitation with the event's date and guests", async () => {
    const r = await execute({ Goal: "3月20日办生日聚会，20位客人", Task: "写邀请函", TaskDescription: "给朋友们发邀请", Language: "zh-CN" });
    const [[, , input]] = calls(r);
    const doc = writeDocumentInput.parse(input);
    expect(doc).toMatchObject({ title: "写邀请函", filename: "invitation" });
    expect(doc.content).toContain("# 写邀请函\n\n诚挚邀请您参加**Plan**。\n\n## 时间\n2027-03-20（星期六）\n");
    expect(doc.content).toContain("- 给朋友们发邀请\n- 预计20位来宾。\n");
    expect(r.text).toBe("已写好“写邀请函”（invitation.md）。");
  });

  it("lists earlier results in a checklist", async () => {
    const r = await execute({ Goal: "Plan a garden party", Task: "Write the final checklist", TaskDescription: "Chairs, lights and music", Results: "Set the budget: Budget: 880 EUR ;; Book the venue: Deadline: 2027-03-08" });
    const doc = writeDocumentInput.parse(r.steps[0].toolCalls[0].input);
    expect(doc.content).toBe(
      "# Write the final checklist\n\n**Goal:** Plan a garden party\n\n## Checklist\n- [ ] Chairs\n- [ ] Lights\n- [ ] Music\n\n## Done so far\n- Set the budget: Budget: 880 EUR\n- Book the venue: Deadline: 2027-03-08\n",
    );
  });
});

describe("execute_task: several, none, missing or failing tools", () => {
  it("calls every tool a task needs, in order, with unique ids", async () => {
    const r = await execute({ Goal: PARTY, Task: "Set the budget, date and guest list" });
    expect(calls(r).map(([id, name]) => [id, name])).toEqual([
      ["call-1-calculate", "calculate"],
      ["call-2-schedule", "schedule"],
      ["call-3-write_document", "write_document"],
    ]);
    expect(r.text).toMatch(/^Budget: 880 EUR .* Deadline: 2027-03-\d\d \(\w+day\), 10 business days before the target date 2027-03-20\. Wrote “Set the budget, date and guest list” \(set-the-budget-date-and-guest-list\.md\)\.$/);
  });

  it.each([
    ["Shortlist venues", "Filter by capacity, location, budget and availability on your date.", []],
    ["Book the move", "Confirm the date, time, price and insurance in writing.", ["schedule"]],
    ["Sort out the music", "Make a playlist or book a DJ for the evening.", ["schedule"]],
    ["Describe the target user", "Write a one-paragraph persona.", ["write_document"]],
    ["Plan the catering", "Estimate the cost of food for everyone.", ["calculate"]],
    ["拟定嘉宾名单", "列出想邀请的人，标出一定要到的。", ["write_document"]],
  ])("%s [%s] → %j: title words count, a description only with a stronger phrase", async (Task, TaskDescription, tools) => {
    const r = await execute({ Goal: PARTY, Task, TaskDescription, Language: /[\u4e00-\u9fff]/.test(Task) ? "zh-CN" : "en" });
    expect(calls(r).map(([, name]) => name)).toEqual(tools);
  });

  it("calls only the tools offered and says what was left undone", async () => {
    const r = await execute({ Goal: PARTY, Task: "Set the budget, date and guest list" }, { calculate: TOOLS.calculate });
    expect(calls(r).map(([, name]) => name)).toEqual(["calculate"]);
    expect(r.text).toMatch(/^Budget: 880 EUR .*\. schedule and write_document are not available, so that part was not done\.$/);
  });

  it("calls nothing for a task no tool helps with, and says so", async () => {
    const en = await execute({ Goal: PARTY, Task: "Choose a theme", TaskDescription: "Pick colours and a theme" });
    expect(en.steps).toHaveLength(1);
    expect(en.steps[0].toolCalls).toEqual([]);
    expect(en.text).toBe("No tool needed: “Choose a theme” is done by hand, so no tool was used. Suggestion: Pick colours and a theme.");
    const zh = await execute({ Goal: "学吉他", Task: "每天练习半小时", Language: "zh-CN" });
    expect(zh.steps[0].toolCalls).toEqual([]);
    expect(zh.text).toBe("无需工具：“每天练习半小时”需要亲自完成，没有调用任何工具。建议：安排时间完成它，完成后把任务标记为完成。");
  });

  it.each([
    ["no tools", {}, undefined],
    ["toolChoice none", TOOLS, "none"],
  ] as const)("answers honestly with %s", async (_, tools, toolChoice) => {
    const r = await execute({ Goal: PARTY, Task: "Set the budget" }, tools, toolChoice);
    expect(r.steps[0].toolCalls).toEqual([]);
    expect(r.text).toBe("No tool available: “Set the budget” needs calculate, which is not offered here, so nothing was done. Suggestion: do it by hand and mark the task done.");
  });

  it("reports a failing tool with its error", async () => {
    const failingCalculate = async ({ expression }: { expression: string }): Promise<string> => {
      if (expression.includes("EUR")) throw new Error("Unit \"EUR\" not found.");
      return expression;
    };
    const failing = { calculate: tool({ description: "calc", inputSchema: calculateInput, execute: failingCalculate }) };
    const r = await execute({ Goal: PARTY, Task: "Set the budget" }, failing);
    expect(r.steps[0].content.find((p) => p.type === "tool-error")).toMatchObject({ toolName: "calculate" });
    expect(r.text).toBe("calculate failed: Unit \"EUR\" not found.");
  });
});

describe("execute_task and finish_run: streaming", () => {
  it("streams the same tool calls and text as generateText", async () => {
    const task = { Goal: "Dinner party on March 5", Task: "Send invitations", Language: "en" as const };
    const { system, prompt } = buildPrompt({ Request: "execute_task", Plan: "Plan", TaskId: "t1", Today: TODAY, ...task });
    const streamed = streamText({ model, system, prompt, tools: TOOLS, stopWhen: stepCountIs(5), maxRetries: 0 });
    const generated = await execute(task);
    const steps = await streamed.steps;
    expect(steps[0].toolCalls.map((c) => [c.toolCallId, c.toolName, c.input])).toEqual(calls(generated));
    expect(await streamed.text).toBe(generated.text);
    expect(steps[0].finishReason).toBe("tool-calls");
  });
});

describe("finish_run: the plan's calendar", () => {
  const finish = (Scheduled: string | undefined, Language: Language = "en", stream = false) => {
    const { system, prompt } = buildPrompt({ Request: "finish_run", Language, Goal: PARTY, Plan: "Birthday party", Today: TODAY, Scheduled });
    const options = { model, system, prompt, tools: TOOLS, stopWhen: stepCountIs(5), maxRetries: 0 };
    return stream ? streamText(options) : generateText(options);
  };

  it.each([false, true])("calls create_calendar with one event per Scheduled entry (stream: %s)", async (stream) => {
    const r = await finish("t2|2027-03-10|Book the venue ;; t4|2027-03-14|Send invitations", "en", stream);
    const steps = await r.steps;
    expect(steps[0].toolCalls.map((c) => [c.toolCallId, c.toolName, createCalendarInput.parse(c.input)])).toEqual([
      [
        "call-1-create_calendar",
        "create_calendar",
        {
          title: "Birthday party",
          events: [
            { title: "Book the venue", date: "2027-03-10", time: null, durationMinutes: null, description: null, taskId: "t2" },
            { title: "Send invitations", date: "2027-03-14", time: null, durationMinutes: null, description: null, taskId: "t4" },
          ],
        },
      ],
    ]);
    expect(await r.text).toBe("Made the calendar “Birthday party” with 2 events (calendar.ics).");
  });

  it("makes no calendar when nothing was scheduled", async () => {
    const en = await finish(undefined);
    expect((await en.steps)[0].toolCalls).toEqual([]);
    expect(await en.text).toBe("Nothing was scheduled, so no calendar was made.");
    const zh = await finish("", "zh-CN", true);
    expect(await zh.text).toBe("没有安排任何日期，所以没有生成日历。");
  });

  it("answers in Chinese after the calendar is made", async () => {
    const r = await finish("a|2027-04-10|预订酒店", "zh-CN");
    expect((await r.steps)[0].toolCalls).toHaveLength(1);
    expect(await r.text).toBe("已生成日历“Birthday party”，共1个日程（calendar.ics）。");
  });
});
