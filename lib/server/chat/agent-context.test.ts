// The reply's context on a real SQLite file: within the budget every earlier
// message as it is; past it the newest ones that fit in half the budget, and
// the older turns as one deterministic summary, with exact token counts.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { clipWords } from "@/lib/shared/text";
import { buildChatContext, estimateTokens } from "./agent-context";

beforeAll(async () => {
  await startServer();
  await stopServer();
});

async function conversationWith(contents: string[]): Promise<{ id: string; ids: string[] }> {
  const db = getDeps().db;
  const ownerId = `ctx-${randomUUID()}`;
  const id = randomUUID();
  await db.user.create({ data: { id: ownerId } });
  await db.conversation.create({ data: { id, ownerId, title: "t" } });
  const ids: string[] = [];
  for (const [i, content] of contents.entries()) {
    const row = await db.message.create({ data: { conversationId: id, role: i % 2 === 0 ? "user" : "assistant", content, createdAt: new Date(Date.UTC(2027, 0, 1, 0, 0, i)) } });
    ids.push(row.id);
  }
  return { id, ids };
}

const LONG_A = `Sure — I'll plan “Rome trip”. ${"Day one covers the Colosseum and the Forum, day two the Vatican museums. ".repeat(8)}`.trim();
const LONG_B = `Added “Day in Florence”. ${"Take the early train, see the Uffizi, then walk up to Piazzale Michelangelo. ".repeat(8)}`.trim();
const MESSAGES = ["Plan a trip to Rome", LONG_A, "Add a day in Florence", LONG_B, "thanks", "You're welcome!"];

describe("buildChatContext", () => {
  it("leaves the oldest summary lines out when even the summary passes half the budget", async () => {
    const { id } = await conversationWith([...MESSAGES, ...MESSAGES]);
    const ctx = await buildChatContext(getDeps().db, { conversationId: id, exclude: [], language: "zh-CN", budgetTokens: 60 });
    expect(ctx.summary!.split("\n")[0]).toBe("较早的 5 轮对话摘要：");
    expect(estimateTokens(ctx.summary!)).toBeLessThanOrEqual(30);
    expect(ctx.summarized!.turns).toBe(5);
  });

  it("keeps every message within the budget", async () => {
    const { id } = await conversationWith(MESSAGES);
    const ctx = await buildChatContext(getDeps().db, { conversationId: id, exclude: [], language: "en" });
    expect(ctx.messages).toEqual(MESSAGES.map((content, i) => ({ role: i % 2 === 0 ? "user" : "assistant", content })));
    expect(ctx.summary).toBeNull();
    expect(ctx.summarized).toBeNull();
  });

  it("past the budget: the newest exchange verbatim, the two older turns summarized, exact counts", async () => {
    const { id, ids } = await conversationWith([...MESSAGES, "current message"]);
    const tokens = MESSAGES.map(estimateTokens);
    const budget = 250; // the whole is over it; the newest exchange fits in half, the reply before it does not
    expect(tokens.reduce((a, b) => a + b, 0)).toBeGreaterThan(budget);
    expect(tokens[3] + tokens[4] + tokens[5]).toBeGreaterThan(budget / 2);
    const ctx = await buildChatContext(getDeps().db, { conversationId: id, exclude: [ids[6]], language: "en", budgetTokens: budget });
    expect(ctx.messages).toEqual([
      { role: "user", content: "thanks" },
      { role: "assistant", content: "You're welcome!" },
    ]);
    const summary = [
      "Summary of the 2 earlier turn(s) of this conversation:",
      `1. User: Plan a trip to Rome → Assistant: ${clipWords(LONG_A, 120)}`,
      `2. User: Add a day in Florence → Assistant: ${clipWords(LONG_B, 120)}`,
    ].join("\n");
    expect(ctx.summary).toBe(summary);
    expect(clipWords(LONG_A, 120).length).toBeLessThanOrEqual(120);
    expect(ctx.summarized).toEqual({ turns: 2, tokensBefore: tokens.reduce((a, b) => a + b, 0), tokensAfter: tokens[4] + tokens[5] + estimateTokens(summary) });
  });
});
