// POST /api/chat/agent through the real route handlers, a temporary SQLite
// file and the built-in offline model (AI SDK mock models only where a model
// must fail): the event order and schemas of a plain reply, a reply with tool
// calls, a reply with actions (job ids exist when `actions` arrives), errors,
// heartbeat, ownership and bad input.
import { MockLanguageModelV4 } from "ai/test";
import { simulateReadableStream } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postAgent } from "@/app/api/chat/agent/route";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { GET as getConversation } from "@/app/api/conversations/[id]/route";
import { GET as getJob } from "@/app/api/jobs/[jobId]/route";
import { GET as getMetrics } from "@/app/api/metrics/route";
import { GET as getTurn } from "@/app/api/chat/turns/[turnId]/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import type { ConversationDetail, SendMessageResponse } from "@/lib/shared/chat";
import type { TurnDto } from "@/lib/shared/chat-stream";
import { chatFrames, dataOf, readFrames, shape, textOf } from "@/test/chat-stream";
import { countRows } from "@/test/db";
import { TestUser } from "@/test/http";
import { withModel } from "@/test/models";

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

const agent = (user: TestUser, body: Record<string, unknown>) => user.call(postAgent, { url: "/api/chat/agent", body });

const conversation = async (user: TestUser, id: string) => (await (await user.call(getConversation, { url: `/api/conversations/${id}`, params: { id } })).json()) as ConversationDetail;

describe("POST /api/chat/agent", () => {
  it("a plain reply: typed events in order, gapless ids, the reply stored as the assistant message", async () => {
    const user = new TestUser();
    const res = await agent(user, { message: "hi" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const frames = await readFrames(res);
    expect(shape(frames)).toEqual([
      "conversation_start",
      "processing_status:thinking",
      "assistant_message_start",
      "assistant_message_chunk+",
      "assistant_message_end",
      "processing_status:gating",
      "actions",
      "conversation_end",
    ]);
    expect(frames.map((f) => f.id)).toEqual(frames.map((_, i) => i + 1));
    const start = dataOf(frames, "conversation_start");
    expect(start.language).toBe("en");
    expect(dataOf(frames, "assistant_message_start").messageId).toBe(start.messageId);
    const end = dataOf(frames, "assistant_message_end");
    expect(end).toEqual({ content: textOf(frames), stopped: false });
    // The same deterministic reply POST /api/chat/message gives.
    const sync = (await (await user.call(postMessage, { url: "/api/chat/message", body: { message: "hi" } })).json()) as SendMessageResponse;
    expect(end.content).toBe(sync.response);
    expect(dataOf(frames, "actions")).toMatchObject({ actions: [], metadata: { status: "completed", jobs: [], messageId: start.messageId } });
    const close = dataOf(frames, "conversation_end");
    expect(close.status).toBe("completed");
    expect(close.usage).toMatchObject({ llmCalls: 2 });
    expect(close.timings!.conversationStartMs).toBeLessThanOrEqual(close.timings!.firstChunkMs!);
    expect(close.timings!.firstChunkMs).toBeLessThanOrEqual(close.timings!.totalMs);
    const convo = await conversation(user, start.conversationId);
    expect(convo.messages.map((m) => [m.id, m.role, m.content])).toEqual([
      [start.userMessageId, "user", "hi"],
      [start.messageId, "assistant", end.content],
    ]);
    expect(convo.messages[1].metadata).toEqual(close.metadata);
    expect(convo.messages[1].metadata).toMatchObject({ turn: { turnId: start.turnId, stopped: false }, usage: { llmCalls: 2 } });
    const turn = (await (await user.call(getTurn, { url: `/api/chat/turns/${start.turnId}`, params: { turnId: start.turnId } })).json()) as { turn: TurnDto };
    expect(turn.turn).toMatchObject({ id: start.turnId, status: "completed", lastSeq: frames.length, stopRequested: false });
  });

  it("a reply with tool calls: calculate and schedule run in the turn, shown as tool_call events, the answer from their results", async () => {
    const user = new TestUser();
    const frames = await readFrames(await agent(user, { message: "how much is 12 * 35 EUR?" }));
    expect(shape(frames)).toEqual([
      "conversation_start",
      "processing_status:thinking",
      "assistant_message_start",
      "processing_status:calling_tools",
      "tool_call_start",
      "tool_call_end",
      "processing_status:thinking",
      "assistant_message_chunk+",
      "assistant_message_end",
      "processing_status:gating",
      "actions",
      "conversation_end",
    ]);
    const startCall = dataOf(frames, "tool_call_start");
    expect(startCall).toMatchObject({ tool: "calculate", input: { expression: "12 * 35 EUR" } });
    const endCall = dataOf(frames, "tool_call_end");
    expect(endCall).toMatchObject({ callId: startCall.callId, tool: "calculate", output: { result: "420 EUR", value: 420, unit: "EUR" } });
    expect(endCall.durationMs).toBeGreaterThanOrEqual(0);
    expect(textOf(frames)).toBe("12 × 35 EUR = **420 EUR**");
    expect(dataOf(frames, "actions").actions).toEqual([]);
    expect(dataOf(frames, "conversation_end").usage!.llmCalls).toBe(3); // two reply steps and the actions call

    const dates = await readFrames(await agent(user, { message: "what date is 10 business days before 2027-03-20?" }));
    expect(dataOf(dates, "tool_call_start")).toMatchObject({ tool: "schedule", input: { operation: "subtract", date: "2027-03-20", amount: 10, unit: "business_days", until: null } });
    expect(dataOf(dates, "tool_call_end").output).toMatchObject({ date: "2027-03-08", weekday: "Monday" });
    expect(textOf(dates)).toBe("10 business days before 2027-03-20 is 2027-03-08 (Monday).");

    // The calls stay on the stored messages, so their chips show again after a reload.
    const storedTools = async (f: typeof frames) =>
      (await conversation(user, dataOf(f, "conversation_start").conversationId)).messages.filter((m) => m.role === "assistant").map((m) => m.metadata?.turn?.tools);
    expect(await storedTools(frames)).toEqual([
      [{ callId: startCall.callId, tool: "calculate", input: '{"expression":"12 * 35 EUR"}', output: '{"expression":"12 * 35 EUR","result":"420 EUR","value":420,"unit":"EUR"}', durationMs: endCall.durationMs }],
    ]);
    expect(await storedTools(dates)).toEqual([
      [{ callId: dataOf(dates, "tool_call_start").callId, tool: "schedule", input: expect.stringContaining('"date":"2027-03-20"'), output: expect.stringContaining('"date":"2027-03-08"'), durationMs: dataOf(dates, "tool_call_end").durationMs }],
    ]);
  });

  it("a reply with actions: every job id in `actions` answers GET /api/jobs/{id} 200 the moment the event arrives", async () => {
    const user = new TestUser();
    const before = await countRows();
    const seen: string[] = [];
    let jobIds: string[] = [];
    for await (const f of chatFrames(await agent(user, { message: "Plan a 3-day trip to Hangzhou" }))) {
      seen.push(f.event);
      if (f.event === "actions") {
        jobIds = f.data.actions.map((a) => a.jobId!);
        expect(f.data.actions.map((a) => [a.kind, a.status])).toEqual([
          ["create_plan", "pending"],
          ["decompose_task", "pending"],
        ]);
        expect(f.data.metadata!.jobs.map((j) => j.jobId)).toEqual(jobIds);
        for (const jobId of jobIds) {
          const res = await user.call(getJob, { url: `/api/jobs/${jobId}`, params: { jobId } });
          expect(res.status).toBe(200);
        }
      }
    }
    expect(seen.slice(-4)).toEqual(["processing_status", "processing_status", "actions", "conversation_end"]);
    expect(jobIds).toHaveLength(2);
    await getDeps().queue.waitUntilSettled(jobIds);
    const after = await countRows();
    expect({ conversations: after.conversations - before.conversations, messages: after.messages - before.messages, plans: after.plans - before.plans }).toEqual({ conversations: 1, messages: 2, plans: 1 });
  });

  it('mode: "sync" waits for the jobs before conversation_end, whose metadata has their final statuses (stored as sent)', async () => {
    const user = new TestUser();
    const frames = await readFrames(await agent(user, { message: "Learn to cook Italian food in 4 weeks", mode: "sync" }));
    expect(dataOf(frames, "actions").actions.map((a) => a.status)).toEqual(["pending", "pending"]);
    const end = dataOf(frames, "conversation_end");
    expect(end.metadata!.status).toBe("succeeded");
    expect(end.metadata!.actions!.map((a) => a.status)).toEqual(["completed", "completed"]);
    const { conversationId, messageId } = dataOf(frames, "conversation_start");
    expect((await conversation(user, conversationId)).messages.find((m) => m.id === messageId)!.metadata).toEqual(end.metadata);
  });

  it("a model that throws: `error` (502 model_unavailable) then conversation_end failed, and no message, plan or job is left", async () => {
    const user = new TestUser();
    const failing = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new Error("upstream 500");
      },
      doStream: async () => {
        throw new Error("upstream 500");
      },
    });
    const before = await countRows();
    const frames = await withModel(failing, async () => readFrames(await agent(user, { message: "Plan a 3-day trip to Hangzhou" })));
    expect(shape(frames).slice(-2)).toEqual(["error", "conversation_end"]);
    expect(dataOf(frames, "error")).toEqual({ code: "model_unavailable", message: "The planning model did not answer; please try again", status: 502 });
    expect(dataOf(frames, "conversation_end")).toMatchObject({ status: "failed", metadata: null });
    expect(frames.some((f) => f.event === "assistant_message_end" || f.event === "actions")).toBe(false);
    const after = await countRows();
    // The user's message is taken back out (the browser keeps it as a draft); the turn's record stays.
    expect({ messages: after.messages - before.messages, plans: after.plans - before.plans, jobs: after.jobs - before.jobs }).toEqual({ messages: 0, plans: 0, jobs: 0 });
    const { turnId, conversationId } = dataOf(frames, "conversation_start");
    expect((await conversation(user, conversationId)).messages).toEqual([]);
    const turn = (await (await user.call(getTurn, { url: `/api/chat/turns/${turnId}`, params: { turnId } })).json()) as { turn: TurnDto };
    expect(turn.turn.status).toBe("failed");
  });

  it("a model that fails mid-reply: the chunks so far, then `error`; nothing half-written", async () => {
    const user = new TestUser();
    const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 1, text: 1, reasoning: undefined } };
    const halfway = new MockLanguageModelV4({
      doGenerate: { content: [{ type: "text", text: JSON.stringify({ reply: "x", actions: [] }) }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] },
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: "stream-start", warnings: [] },
            { type: "text-start", id: "t" },
            { type: "text-delta", id: "t", delta: "Half " },
            { type: "text-delta", id: "t", delta: "a reply" },
            { type: "error", error: new Error("connection reset") },
          ],
        }),
      }),
    });
    const before = await countRows();
    const frames = await withModel(halfway, async () => readFrames(await agent(user, { message: "hello there" })));
    expect(textOf(frames)).toBe("Half a reply");
    expect(shape(frames).slice(-3)).toEqual(["assistant_message_chunk+", "error", "conversation_end"]);
    expect(dataOf(frames, "error")).toMatchObject({ code: "model_unavailable", status: 502 });
    const after = await countRows();
    expect({ messages: after.messages - before.messages, jobs: after.jobs - before.jobs }).toEqual({ messages: 0, jobs: 0 });
  });

  it("sends `: ping` every heartbeatMs; includeMetadata false leaves metadata, usage and timings out", async () => {
    const user = new TestUser();
    const comments: string[] = [];
    const slow = (await import("@/lib/server/llm/offline-model")).createOfflinePlannerModel({ latencyMs: 450, wordDelayMs: 0 });
    const frames = await withModel(slow, async () => readFrames(await agent(user, { message: "hi", heartbeatMs: 100, includeMetadata: false }), { comments }));
    expect(comments.filter((c) => c === "ping").length).toBeGreaterThanOrEqual(2);
    expect(dataOf(frames, "actions")).toEqual({ actions: [] });
    expect(dataOf(frames, "conversation_end")).toEqual({ status: "completed" });
  });

  it("bad input is a 400 JSON error and writes nothing; a foreign conversation is a 404", async () => {
    const user = new TestUser();
    const before = await countRows();
    const bad = await agent(user, { message: "hi", heartbeatMs: 5 });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.details)).toEqual(["heartbeatMs"]);
    expect((await agent(user, { message: "   " })).status).toBe(400);
    expect(await countRows()).toEqual(before);
    const owner = new TestUser();
    const { conversationId } = dataOf(await readFrames(await agent(owner, { message: "hi" })), "conversation_start");
    const foreign = await agent(user, { message: "hi", conversationId });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("counts the turns' phase-one model calls in /api/metrics", async () => {
    const text = await (await getMetrics(new Request("http://localhost/api/metrics"), { params: Promise.resolve({}) })).text();
    const calls = Number(/planstream_chat_phase_one_llm_calls_total\{route="agent"\} (\d+)/.exec(text)?.[1]);
    expect(calls).toBeGreaterThanOrEqual(4);
    expect(text).toMatch(/planstream_chat_turns_total\{status="failed"\} 2\n/);
    expect(text).toMatch(/planstream_chat_tracking_queue_wait_seconds_count [1-9]/);
  });
});
