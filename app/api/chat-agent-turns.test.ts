// A streamed turn belongs to the server: resume by Last-Event-ID (or
// ?after=) mid-reply gives exactly the rest, a finished turn replays and
// closes, the client leaving does not stop it, POST …/stop keeps the partial
// reply and dispatches nothing, and a turn whose process died is ended as
// failed. Real routes, temporary SQLite, the offline model slowed down so a
// reply takes about a second.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postAgent } from "@/app/api/chat/agent/route";
import { GET as listTurns } from "@/app/api/chat/turns/route";
import { GET as streamTurn } from "@/app/api/chat/turns/[turnId]/stream/route";
import { POST as stopTurn } from "@/app/api/chat/turns/[turnId]/stop/route";
import { GET as getConversation } from "@/app/api/conversations/[id]/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { startTurn } from "@/lib/server/chat/agent-start";
import { TurnHub } from "@/lib/server/chat/turn-hub";
import { getApp, getDeps } from "@/lib/server/deps";
import { sweepRetention } from "@/lib/server/jobs/retention";
import { chatReply, createOfflinePlannerModel } from "@/lib/server/llm/offline-model";
import type { ConversationDetail } from "@/lib/shared/chat";
import { chatAgentSchema, type StopTurnResponse, type TurnDto } from "@/lib/shared/chat-stream";
import { chatFrames, dataOf, readFrames, shape, textOf, type Frame } from "@/test/chat-stream";
import { countRows } from "@/test/db";
import { TestUser } from "@/test/http";

const GOAL = "Plan a 3-day trip to Hangzhou";
const FULL_REPLY = chatReply({ message: GOAL, language: "en" }).reply;
let savedModel: ReturnType<typeof getDeps>["model"];

beforeAll(async () => {
  await startServer();
  // About 60 ms a word: a reply of ~20 words streams for over a second.
  savedModel = getApp().deps.model;
  getApp().deps.model = createOfflinePlannerModel({ latencyMs: 5, wordDelayMs: 60 });
});
afterAll(async () => {
  getApp().deps.model = savedModel;
  await stopServer();
});

const agent = (user: TestUser, body: Record<string, unknown>) => user.call(postAgent, { url: "/api/chat/agent", body });
const resume = (user: TestUser, turnId: string, init: { lastEventId?: number; after?: number } = {}) =>
  user.call(streamTurn, {
    url: `/api/chat/turns/${turnId}/stream${init.after !== undefined ? `?after=${init.after}` : ""}`,
    params: { turnId },
    headers: init.lastEventId !== undefined ? { "last-event-id": String(init.lastEventId) } : {},
  });
const stop = (user: TestUser, turnId: string) => user.call(stopTurn, { url: `/api/chat/turns/${turnId}/stop`, method: "POST", params: { turnId } });

/** Reads the POST stream until `chunks` chunks arrived, then leaves (cancels the body). */
async function readUntilChunks(res: Response, chunks: number): Promise<Frame[]> {
  const out: Frame[] = [];
  for await (const f of chatFrames(res)) {
    out.push(f);
    if (out.filter((x) => x.event === "assistant_message_chunk").length >= chunks) break;
  }
  return out;
}

describe("resume", () => {
  it("Last-Event-ID mid-reply gives exactly the rest; the turn finished although the first client left", async () => {
    const user = new TestUser();
    const first = await readUntilChunks(await agent(user, { message: "hi" }), 3);
    const { turnId, messageId, conversationId } = dataOf(first, "conversation_start");
    const last = first.at(-1)!.id;
    const rest = await readFrames(await resume(user, turnId, { lastEventId: last }));
    expect(rest[0].id).toBe(last + 1);
    expect([...first, ...rest].map((f) => f.id)).toEqual(Array.from({ length: first.length + rest.length }, (_, i) => i + 1));
    const content = dataOf(rest, "assistant_message_end").content;
    expect(textOf(first) + textOf(rest)).toBe(content);
    expect(textOf(first).length).toBeGreaterThan(0);
    expect(textOf(rest).length).toBeGreaterThan(0);
    expect(rest.at(-1)).toMatchObject({ event: "conversation_end", data: { status: "completed" } });

    // Finished: any cursor replays the same frames and closes; the header wins over ?after=.
    const replay = await readFrames(await resume(user, turnId, { after: 0 }));
    expect(replay).toEqual([...first, ...rest]);
    expect(await readFrames(await resume(user, turnId, { lastEventId: last, after: 0 }))).toEqual(rest);
    expect(await readFrames(await resume(user, turnId, { after: replay.length }))).toEqual([]);

    const convo = (await (await user.call(getConversation, { url: `/api/conversations/${conversationId}`, params: { id: conversationId } })).json()) as ConversationDetail;
    expect(convo.messages.find((m) => m.id === messageId)?.content).toBe(content);
  });

  it("a second connection joining mid-reply gets the same frames as the first", async () => {
    const user = new TestUser();
    const res = await agent(user, { message: "hello" });
    const frames: Frame[] = [];
    let joined: Promise<Frame[]> | undefined;
    for await (const f of chatFrames(res)) {
      frames.push(f);
      if (!joined && f.event === "assistant_message_chunk") joined = readFrames(await resume(user, dataOf(frames, "conversation_start").turnId, { after: 0 }));
    }
    expect(await joined).toEqual(frames);
  });

  it("lists a conversation's turns (a reopened page finds the running one); bad cursors are 400, other users' turns 404", async () => {
    const user = new TestUser();
    const first = await readUntilChunks(await agent(user, { message: "hi there" }), 1);
    const { turnId, conversationId } = dataOf(first, "conversation_start");
    const list = async (status?: string) =>
      (await (await user.call(listTurns, { url: `/api/chat/turns?conversationId=${conversationId}${status ? `&status=${status}` : ""}` })).json()) as { turns: TurnDto[] };
    expect((await list("running")).turns.map((t) => t.id)).toEqual([turnId]);
    await readFrames(await resume(user, turnId, { after: first.at(-1)!.id }));
    expect((await list("running")).turns).toEqual([]);
    expect((await list()).turns.map((t) => [t.id, t.status])).toEqual([[turnId, "completed"]]);
    expect((await resume(user, turnId, { lastEventId: -1 as number })).status).toBe(400);
    const other = new TestUser();
    expect((await resume(other, turnId)).status).toBe(404);
    expect((await stop(other, turnId)).status).toBe(404);
    expect((await other.call(listTurns, { url: `/api/chat/turns?conversationId=${conversationId}` })).status).toBe(404);
  });

  it("retention deletes the events of turns that ended before the period; their messages stay and the stream replays nothing", async () => {
    const user = new TestUser();
    const frames = await readFrames(await agent(user, { message: "hi" }));
    const { turnId, conversationId } = dataOf(frames, "conversation_start");
    const later = new Date(Date.now() + 31 * 86_400_000);
    const deleted = await sweepRetention(getDeps(), { retentionDays: 30, now: later });
    expect(deleted.turnEvents).toBeGreaterThanOrEqual(frames.length);
    expect(await getDeps().db.chatTurnEvent.count({ where: { turnId } })).toBe(0);
    const res = await resume(user, turnId, { after: 0 });
    expect(res.status).toBe(200);
    expect(await readFrames(res)).toEqual([]);
    const convo = (await (await user.call(getConversation, { url: `/api/conversations/${conversationId}`, params: { id: conversationId } })).json()) as ConversationDetail;
    expect(convo.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("a turn whose process died (lease expired) is ended as failed when followed", async () => {
    const user = new TestUser();
    const { conversationId } = dataOf(await readFrames(await agent(user, { message: "hi" })), "conversation_start");
    const input = chatAgentSchema.parse({ message: "orphan", conversationId });
    const viewer = { userId: (await getDeps().db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).ownerId };
    const { turnId } = await startTurn(getDeps(), viewer, input, { t0: performance.now(), requestedAt: new Date() }, { leaseMs: 30 }, new TurnHub());
    await new Promise((r) => setTimeout(r, 60));
    const frames = await readFrames(await resume(user, turnId));
    expect(shape(frames)).toEqual(["conversation_start", "error", "conversation_end"]);
    expect(dataOf(frames, "error").code).toBe("interrupted");
    expect(dataOf(frames, "conversation_end")).toEqual({ status: "failed", metadata: null });
  });
});

describe("stop", () => {
  it("mid-reply: the partial reply is the assistant message, marked stopped; no action runs, no job is created", async () => {
    const user = new TestUser();
    const before = await countRows();
    const frames: Frame[] = [];
    let stopped: StopTurnResponse | undefined;
    for await (const f of chatFrames(await agent(user, { message: GOAL }))) {
      frames.push(f);
      if (!stopped && frames.filter((x) => x.event === "assistant_message_chunk").length === 3) {
        stopped = (await (await stop(user, dataOf(frames, "conversation_start").turnId)).json()) as StopTurnResponse;
      }
    }
    expect(stopped).toMatchObject({ stopped: true, turn: { status: "stopped", stopRequested: true } });
    const partial = textOf(frames);
    expect(FULL_REPLY.startsWith(partial)).toBe(true);
    expect(partial.length).toBeLessThan(FULL_REPLY.length);
    expect(frames.some((f) => f.event === "actions")).toBe(false);
    expect(dataOf(frames, "assistant_message_end")).toEqual({ content: partial, stopped: true });
    const end = dataOf(frames, "conversation_end");
    expect(end.status).toBe("stopped");
    expect(end.metadata).toMatchObject({ status: "completed", jobs: [], actions: [], turn: { stopped: true } });
    const { conversationId, messageId } = dataOf(frames, "conversation_start");
    const convo = (await (await user.call(getConversation, { url: `/api/conversations/${conversationId}`, params: { id: conversationId } })).json()) as ConversationDetail;
    const stored = convo.messages.find((m) => m.id === messageId)!;
    expect(stored.content).toBe(partial);
    expect(stored.metadata).toEqual(end.metadata);
    // The stopped turn's actions call never dispatched: no plan, no job.
    const after = await countRows();
    expect({ plans: after.plans - before.plans, jobs: after.jobs - before.jobs, messages: after.messages - before.messages }).toEqual({ plans: 0, jobs: 0, messages: 2 });

    // Stopping again changes nothing.
    const again = (await (await stop(user, dataOf(frames, "conversation_start").turnId)).json()) as StopTurnResponse;
    expect(again).toMatchObject({ stopped: false, turn: { status: "stopped" } });
  });

  it("after the actions were dispatched a stop changes nothing", async () => {
    const user = new TestUser();
    const frames = await readFrames(await agent(user, { message: GOAL }));
    const { turnId } = dataOf(frames, "conversation_start");
    const res = (await (await stop(user, turnId)).json()) as StopTurnResponse;
    expect(res).toMatchObject({ stopped: false, turn: { status: "completed", stopRequested: false } });
    await getDeps().queue.waitUntilSettled(dataOf(frames, "actions").actions.map((a) => a.jobId!));
  });
});
