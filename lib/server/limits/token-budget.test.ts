// Model tokens: every call is capped in output tokens and counted per user and
// UTC day (chat phase one and the jobs it queues alike); a user at the daily
// budget gets 429 token_budget_exhausted until 00:00 UTC, before the model is
// called and before anything is written. Queued jobs per user are bounded too.
// Real route handlers, a temporary SQLite file; the model is the offline one or
// the AI SDK's MockLanguageModelV4.
import { generateText, streamText } from "ai";
import { MockLanguageModelV4, simulateReadableStream } from "ai/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  Object.assign(process.env, { LLM_DAILY_TOKEN_BUDGET: "0", MAX_QUEUED_JOBS_PER_USER: "2", LLM_MAX_OUTPUT_TOKENS: "256" });
});

import { POST as postAgent } from "@/app/api/chat/agent/route";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { env } from "@/lib/server/env";
import type { SendMessageResponse } from "@/lib/shared/chat";
import type { JobStats } from "@/lib/shared/jobs";
import { countRows } from "@/test/db";
import { TestUser } from "@/test/http";
import { tokensSpent } from "./limits-repo";
import { budgetedModel } from "./budgeted-model";
import { assertTokenBudget, recordTokens, secondsToUtcMidnight, utcDay } from "./token-budget";

const usage = { inputTokens: { total: 30, noCache: 30, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 12, text: 12, reasoning: undefined } };
/** Sets LLM_DAILY_TOKEN_BUDGET for what runs next (env() is read at each check). */
const setBudget = (tokens: number) => void (env().LLM_DAILY_TOKEN_BUDGET = tokens);
const say = (user: TestUser, message: string) => user.call(postMessage, { url: "/api/chat/message", body: { message } });

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
  await getDeps().db.$disconnect();
});

describe("the UTC day", () => {
  it("renews at 00:00 UTC", () => {
    expect(secondsToUtcMidnight(new Date("2026-12-05T23:59:30.000Z"))).toBe(30);
    expect(secondsToUtcMidnight(new Date("2026-12-05T00:00:00.000Z"))).toBe(86_400);
    expect(utcDay(new Date("2026-12-05T23:59:59.999Z"))).toBe("2026-12-05");
  });

  it("counts per user and day; a budget of 0 is unlimited", async () => {
    const { db } = getDeps();
    const day1 = new Date("2030-01-01T10:00:00Z");
    await recordTokens(db, "day-user", { inputTokens: 100, outputTokens: 20 }, day1);
    await recordTokens(db, "day-user", { inputTokens: 5, outputTokens: 5 }, day1);
    expect(await tokensSpent(db, "day-user", "2030-01-01")).toBe(130);
    expect(await tokensSpent(db, "day-user", "2030-01-02")).toBe(0);
    await expect(assertTokenBudget(db, "day-user", day1, 0)).resolves.toBeUndefined();
    await expect(assertTokenBudget(db, "day-user", day1, 131)).resolves.toBeUndefined();
    const over = await assertTokenBudget(db, "day-user", day1, 130).catch((e: unknown) => e);
    expect(over).toMatchObject({ code: "token_budget_exhausted", status: 429, details: { budget: 130, spent: 130, retryAfterSeconds: 50_400 } });
    await expect(assertTokenBudget(db, "day-user", new Date("2030-01-02T00:00:01Z"), 130)).resolves.toBeUndefined();
  });
});

describe("budgetedModel", () => {
  it("caps maxOutputTokens at LLM_MAX_OUTPUT_TOKENS (a smaller request is kept) and counts each call", async () => {
    const asked: (number | undefined)[] = [];
    const mock = new MockLanguageModelV4({
      doGenerate: async (call) => {
        asked.push(call.maxOutputTokens);
        return { content: [{ type: "text", text: "ok" }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] };
      },
    });
    const model = budgetedModel(mock, { db: getDeps().db, userId: "meter-user" });
    await generateText({ model, prompt: "a" });
    await generateText({ model, prompt: "b", maxOutputTokens: 100 });
    await generateText({ model, prompt: "c", maxOutputTokens: 10_000 });
    expect(asked).toEqual([256, 100, 256]);
    expect(await tokensSpent(getDeps().db, "meter-user", utcDay(new Date()))).toBe(3 * 42);
  });

  it("counts a streamed call at its finish part, and refuses a call over budget without calling the model", async () => {
    let streams = 0;
    const mock = new MockLanguageModelV4({
      doStream: async () => {
        streams += 1;
        return {
          stream: simulateReadableStream({
            chunks: [
              { type: "text-start", id: "t" },
              { type: "text-delta", id: "t", delta: "hi" },
              { type: "text-end", id: "t" },
              { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
            ],
          }),
        };
      },
    });
    const model = budgetedModel(mock, { db: getDeps().db, userId: "stream-meter-user" });
    expect(await streamText({ model, prompt: "x" }).text).toBe("hi");
    expect(await tokensSpent(getDeps().db, "stream-meter-user", utcDay(new Date()))).toBe(42);
    // With a budget of 1 token, spent: the next call is refused before the model runs.
    setBudget(1);
    let failed: unknown;
    try {
      await Promise.resolve(streamText({ model, prompt: "y", onError: ({ error }) => void (failed = error) }).text).catch(() => undefined);
    } finally {
      setBudget(0);
    }
    expect(failed).toMatchObject({ code: "token_budget_exhausted", status: 429 });
    expect(streams).toBe(1);
  });
});

describe("the budget over HTTP", () => {
  it("counts phase one and every job the message queued; the next message answers 429 before the model, writing nothing", async () => {
    const user = new TestUser();
    const res = await say(user, "Organize a team offsite in 2 weeks");
    expect(res.status).toBe(202);
    const body = (await res.json()) as SendMessageResponse;
    await getDeps().queue.waitUntilSettled(body.metadata.jobs.map((j) => j.jobId), { timeoutMs: 60_000 });
    const { db } = getDeps();
    const jobs = await db.job.findMany({ where: { id: { in: body.metadata.jobs.map((j) => j.jobId) } }, select: { stats: true } });
    const jobTokens = jobs.reduce((n, j) => n + (j.stats as JobStats).inputTokens + (j.stats as JobStats).outputTokens, 0);
    const reply = body.metadata.usage!;
    const userId = (await db.conversation.findUniqueOrThrow({ where: { id: body.metadata.conversationId } })).ownerId;
    expect(jobTokens).toBeGreaterThan(0);
    expect(await tokensSpent(db, userId, utcDay(new Date()))).toBe(reply.inputTokens + reply.outputTokens + jobTokens);

    setBudget(1);
    const before = await countRows();
    for (const refused of [await say(user, "Add a task: book the venue"), await user.call(postAgent, { url: "/api/chat/agent", body: { message: "Add a task" } })]) {
      expect(refused.status).toBe(429);
      const wait = secondsToUtcMidnight(new Date());
      expect(Math.abs(Number(refused.headers.get("retry-after")) - wait)).toBeLessThanOrEqual(2);
      const { error } = (await refused.json()) as { error: { code: string; details: { budget: number } } };
      expect([error.code, error.details.budget]).toEqual(["token_budget_exhausted", 1]);
    }
    expect(await countRows()).toEqual(before);
    setBudget(0);
  });
});

describe("queued jobs per user", () => {
  it("refuses a message that would queue more while the user has MAX_QUEUED_JOBS_PER_USER pending jobs", async () => {
    await stopServer(); // nothing starts: the jobs stay pending
    const user = new TestUser();
    const first = (await (await say(user, "Organize a team offsite in 2 weeks")).json()) as SendMessageResponse;
    expect(first.metadata.jobs).toHaveLength(2);
    const before = await countRows();
    const refused = await say(user, "Plan a garden makeover");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: {
        code: "too_many_jobs",
        message: "You already have 2 jobs waiting to start (at most 2); wait for some to start or cancel them",
        details: { pendingJobs: 2, maxQueuedJobs: 2 },
      },
    });
    expect(await countRows()).toEqual(before);
    // Another user's queue is theirs: the same message passes.
    expect((await say(new TestUser(), "Plan a garden makeover")).status).toBe(202);
  });
});
