// The turn's event writer on a real SQLite file: chunks emitted together are
// merged into one event, a steady stream is committed in batches (not one
// transaction per token), seqs stay gapless, and a failed commit keeps its
// events for the next one.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import type { ChatStreamFrame } from "@/lib/shared/chat-stream";
import { TurnWriter } from "./turn-writer";

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

async function newTurn(): Promise<string> {
  const db = getDeps().db;
  const ownerId = `writer-${randomUUID()}`;
  const conversationId = randomUUID();
  const id = randomUUID();
  await db.user.create({ data: { id: ownerId } });
  await db.conversation.create({ data: { id: conversationId, ownerId, title: "t" } });
  await db.chatTurn.create({ data: { id, conversationId, ownerId, userMessageId: "u", messageId: "m", language: "en", lastSeq: 0 } });
  return id;
}

const stored = async (turnId: string) =>
  (await getDeps().db.chatTurnEvent.findMany({ where: { turnId }, orderBy: { seq: "asc" } })).map((e) => ({ seq: e.seq, event: e.event, data: e.data }));

describe("TurnWriter", () => {
  it("merges the chunks of one tick into one event, after the events before them", async () => {
    const turnId = await newTurn();
    const commits: ChatStreamFrame[][] = [];
    const w = new TurnWriter(getDeps().db, turnId, 0, (f) => commits.push(f));
    w.emit("assistant_message_start", { messageId: "m" });
    for (let i = 0; i < 200; i++) w.emit("assistant_message_chunk", { delta: `${i} ` });
    w.emit("assistant_message_end", { content: "x", stopped: false });
    await w.flush();
    const all = Array.from({ length: 200 }, (_, i) => `${i} `).join("");
    expect(await stored(turnId)).toEqual([
      { seq: 1, event: "assistant_message_start", data: { messageId: "m" } },
      { seq: 2, event: "assistant_message_chunk", data: { delta: all } },
      { seq: 3, event: "assistant_message_end", data: { content: "x", stopped: false } },
    ]);
    expect(commits.flat().map((f) => f.seq)).toEqual([1, 2, 3]);
    expect((await getDeps().db.chatTurn.findUniqueOrThrow({ where: { id: turnId } })).lastSeq).toBe(3);
  });

  it("commits a steady stream in batches of at most one per flush interval, gapless and in order", async () => {
    const turnId = await newTurn();
    const commits: ChatStreamFrame[][] = [];
    const w = new TurnWriter(getDeps().db, turnId, 0, (f) => commits.push(f), { flushMs: 40 });
    const started = performance.now();
    for (let i = 0; i < 60; i++) {
      w.emit("tool_call_progress", { callId: "c", tool: "t", message: String(i) });
      await new Promise((r) => setTimeout(r, 4));
    }
    await w.flush();
    const elapsed = performance.now() - started;
    const rows = await stored(turnId);
    expect(rows.map((r) => (r.data as { message: string }).message)).toEqual(Array.from({ length: 60 }, (_, i) => String(i)));
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(commits.length).toBeLessThanOrEqual(Math.ceil(elapsed / 40) + 2);
    expect(commits.length).toBeLessThan(60 / 3);
  });

  it("a failed commit keeps its queued events; the next commit writes them with no gap", async () => {
    const turnId = await newTurn();
    const w = new TurnWriter(getDeps().db, turnId, 0, () => undefined, { flushMs: 10_000 });
    w.emit("processing_status", { stage: "thinking" });
    await expect(
      w.commitWith(async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await stored(turnId)).toEqual([]);
    w.emit("processing_status", { stage: "gating" });
    await w.flush();
    expect((await stored(turnId)).map((r) => [r.seq, (r.data as { stage: string }).stage])).toEqual([
      [1, "thinking"],
      [2, "gating"],
    ]);
    expect(w.committedSeq).toBe(2);
  });
});
