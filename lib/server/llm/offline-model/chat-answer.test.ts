// The offline model in the streamed chat: plain answers type out word by
// word at its pace (the latency is the first token), plain questions one
// read-only tool answers become that tool call (chat_answer), and the answer
// after the tool's result is built from it. Through the real AI SDK.
import { stepCountIs, streamText, tool } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildPrompt } from "../prompts";
import { chatReplySchema } from "../schemas";
import { chatToolQuestion } from "./chat-questions";
import { chatReply } from "./chat-reply";
import { createOfflinePlannerModel } from "./model-adapter";

describe("chatToolQuestion", () => {
  it.each([
    ["how much is 12 * 35 EUR?", { tool: "calculate", input: { expression: "12 * 35 EUR" } }],
    ["What is 12 x €35 + 300 EUR?", { tool: "calculate", input: { expression: "12 * 35 EUR + 300 EUR" } }],
    ["12乘以35是多少？", { tool: "calculate", input: { expression: "12 * 35" } }],
    ["what date is 10 business days before 2027-03-20?", { tool: "schedule", input: { operation: "subtract", date: "2027-03-20", amount: 10, unit: "business_days", until: null } }],
    ["and 3 weeks after 2027-01-04?", { tool: "schedule", input: { operation: "add", date: "2027-01-04", amount: 3, unit: "weeks", until: null } }],
    ["2027-03-20之前10个工作日是哪天？", { tool: "schedule", input: { operation: "subtract", date: "2027-03-20", amount: 10, unit: "business_days", until: null } }],
    ["how many days between 2027-01-01 and 2027-03-01?", { tool: "schedule", input: { operation: "between", date: "2027-01-01", amount: null, unit: null, until: "2027-03-01" } }],
    ["what tasks are left?", { tool: "find_tasks", input: { query: null, statuses: ["todo", "in_progress", "blocked", "failed"] } }],
    ["剩下哪些任务？", { tool: "find_tasks", input: { query: null, statuses: ["todo", "in_progress", "blocked", "failed"] } }],
    ["find tasks about venue", { tool: "find_tasks", input: { query: "venue", statuses: null } }],
    ["show me the plan", { tool: "get_plan", input: {} }],
    ["Write the plan up as a document", { tool: "write_design_document", input: { title: null } }],
    ["把计划整理成文档", { tool: "write_design_document", input: { title: null } }],
  ])("%s", (message, expected) => {
    expect(chatToolQuestion(message)).toEqual(expected);
  });

  it.each(["hi", "Plan a trip to Paris in 5 days", "Plan the launch of a mobile app in 6 weeks", "mark task 1 as done", "把任务1标记为完成", "I have 12 guests and 3 tables"])("%s is not a tool question", (message) => {
    expect(chatToolQuestion(message)).toBeNull();
  });

  it("chat_reply proposes no actions for a tool question", () => {
    for (const message of ["how much is 12 * 35 EUR?", "Write the plan up as a document", "what tasks are left?"]) {
      expect(chatReply({ message, language: "en", planTasks: "t1|1|todo|Book a venue" }).actions).toEqual([]);
    }
    expect(chatReply({ message: "Write the plan up as a document", language: "en" })).toEqual({ reply: "There is no plan to write up yet. Tell me a goal first.", actions: [] });
  });
});

describe("streaming", () => {
  it("types a plain answer out word by word: the latency is the first token, then one word per wordDelayMs", async () => {
    const model = createOfflinePlannerModel({ latencyMs: 80, wordDelayMs: 30 });
    const started = performance.now();
    const result = streamText({ model, prompt: "hi" });
    const deltas: { text: string; at: number }[] = [];
    for await (const text of result.textStream) deltas.push({ text, at: performance.now() - started });
    const text = deltas.map((d) => d.text).join("");
    expect(text).toBe(chatReply({ message: "hi", language: "en" }).reply);
    // Each delta is one word (Intl.Segmenter's), with what follows it up to the next word.
    const segmenter = new Intl.Segmenter("en", { granularity: "word" });
    expect(deltas.map((d) => [...segmenter.segment(d.text)].filter((s) => s.isWordLike).length)).toEqual(deltas.map(() => 1));
    expect(deltas.length).toBeGreaterThan(10);
    expect(deltas[0].at).toBeGreaterThanOrEqual(75);
    for (let i = 1; i < deltas.length; i++) expect(deltas[i].at - deltas[i - 1].at).toBeGreaterThanOrEqual(25);
    expect(deltas.at(-1)!.at).toBeGreaterThanOrEqual(80 + 30 * (deltas.length - 1) - 5);
  });

  it("streams Chinese in words too", async () => {
    const result = streamText({ model: createOfflinePlannerModel({ latencyMs: 0, wordDelayMs: 0 }), prompt: "你好" });
    const deltas: string[] = [];
    for await (const d of result.textStream) deltas.push(d);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join("")).toBe(chatReply({ message: "你好", language: "zh-CN" }).reply);
  });

  it("stops mid-answer when aborted", async () => {
    const controller = new AbortController();
    const result = streamText({ model: createOfflinePlannerModel({ latencyMs: 0, wordDelayMs: 40 }), prompt: "hi", abortSignal: controller.signal });
    const deltas: string[] = [];
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") deltas.push(part.text);
      if (deltas.length === 2) controller.abort();
    }
    expect(deltas).toHaveLength(2);
  });
});

describe("chat_answer", () => {
  const tools = {
    calculate: tool({ description: "arithmetic", inputSchema: z.object({ expression: z.string() }), execute: async ({ expression }) => ({ expression, result: "420 EUR", value: 420, unit: "EUR" }) }),
    get_plan: tool({ description: "the plan", inputSchema: z.object({}), execute: async () => ({ plan: null }) }),
  };

  it("calls the one tool that answers, then answers from its result", async () => {
    const { system, prompt } = buildPrompt({ Request: "chat_answer", Language: "en", Message: "how much is 12 * 35 EUR?" });
    const result = streamText({ model: createOfflinePlannerModel({ latencyMs: 0 }), system, prompt, tools, stopWhen: stepCountIs(3) });
    const calls: unknown[] = [];
    for await (const part of result.fullStream) if (part.type === "tool-call") calls.push({ tool: part.toolName, input: part.input });
    expect(calls).toEqual([{ tool: "calculate", input: { expression: "12 * 35 EUR" } }]);
    expect(await result.text).toBe("12 × 35 EUR = **420 EUR**");
  });

  it("without the tool offered, or for anything else, answers as chat_reply would, in plain text", async () => {
    const { system, prompt } = buildPrompt({ Request: "chat_answer", Language: "en", Message: "what date is 10 business days before 2027-03-20?" });
    const result = streamText({ model: createOfflinePlannerModel({ latencyMs: 0 }), system, prompt, tools });
    expect(await result.text).toBe(chatReply({ message: "what date is 10 business days before 2027-03-20?", language: "en" }).reply);
    const goal = buildPrompt({ Request: "chat_answer", Language: "en", Message: "Plan a 3-day trip to Hangzhou" });
    const plain = streamText({ model: createOfflinePlannerModel({ latencyMs: 0 }), ...goal, tools });
    expect(await plain.text).toBe(chatReplySchema.parse(chatReply({ message: "Plan a 3-day trip to Hangzhou", language: "en" })).reply);
  });

  it("says so when the plan tool finds no plan", async () => {
    const { system, prompt } = buildPrompt({ Request: "chat_answer", Language: "zh-CN", Message: "计划里有什么" });
    const result = streamText({ model: createOfflinePlannerModel({ latencyMs: 0 }), system, prompt, tools, stopWhen: stepCountIs(3) });
    expect(await result.text).toBe("这个对话还没有计划。告诉我一个目标，我来制定计划。");
  });
});
