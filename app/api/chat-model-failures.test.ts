// A failing model through the real routes, a temporary SQLite file and the
// third-party OpenAI-compatible mock server `llm-mock` (test/llm-mock.config.mjs)
// as the provider: POST /api/chat/message answers the exact status, code and
// Retry-After and writes nothing (every table counted); the streamed turn's
// `error` event carries the same classification, leaves no message behind,
// and a retry shows the user's message once; a background decomposition whose
// model fails ends as a failed job with the reason, without crashing anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postAgent } from "@/app/api/chat/agent/route";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { GET as getConversation } from "@/app/api/conversations/[id]/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { sendMessage } from "@/lib/server/chat/send-message";
import { JobRunner } from "@/lib/server/jobs/runner";
import { getApp } from "@/lib/server/deps";
import { createModel } from "@/lib/server/llm/model";
import { createOfflinePlannerModel } from "@/lib/server/llm/offline-model";
import type { ConversationDetail, SendMessageResponse } from "@/lib/shared/chat";
import { dataOf, readFrames, shape } from "@/test/chat-stream";
import { startLlmMock, type LlmMock } from "@/test/llm-mock";
import { withModel } from "@/test/models";
import { countEveryTable, rowDelta } from "@/test/row-counts";
import { TestUser } from "@/test/http";
import type { LanguageModelV4 } from "@ai-sdk/provider";

let mock: LlmMock;
let failing: LanguageModelV4;
const offline = createOfflinePlannerModel({ latencyMs: 0 });

beforeAll(async () => {
  await startServer();
  mock = await startLlmMock();
  failing = createModel({ baseUrl: mock.baseUrl, model: "mock", policy: { maxRetries: 1, timeoutMs: 1000, maxWaitMs: 2000, baseDelayMs: 10 } });
});
afterAll(async () => {
  await mock.close();
  await stopServer();
});

const message = (user: TestUser, body: Record<string, unknown>) => user.call(postMessage, { url: "/api/chat/message", body });
const agent = (user: TestUser, body: Record<string, unknown>) => user.call(postAgent, { url: "/api/chat/agent", body });
const conversation = async (user: TestUser, id: string) => (await (await user.call(getConversation, { url: `/api/conversations/${id}`, params: { id } })).json()) as ConversationDetail;

describe("POST /api/chat/message with a failing provider", () => {
  it.each([
    // The last column: rows the call leaves. Only the day's token count of the user (TokenUsage, LLM_DAILY_TOKEN_BUDGET)
    // moves, and only when the provider answered with usage: tokens it charged for count against the budget even when
    // the answer was unusable, or unreadable answers would be a free way around it (docs/limits.md).
    ["mock-429-long", 503, "model_unavailable", "30", { reason: "rate_limited", retryAfterSeconds: 30, providerStatus: 429 }, {}],
    ["mock-500", 502, "model_unavailable", null, { reason: "unavailable", providerStatus: 500 }, {}],
    ["mock-slow", 502, "model_unavailable", null, { reason: "timeout" }, {}],
    ["mock-malformed", 502, "model_bad_output", null, { reason: "bad_output" }, {}],
    ["Plan a trip (the mock answers outside the schema)", 502, "model_bad_output", null, { reason: "bad_output" }, { TokenUsage: 1 }],
  ] as const)("%s → %i %s, Retry-After %s, nothing written but spent tokens", async (text, status, code, retryAfter, details, written) => {
    const user = new TestUser();
    // The first call mints the session; count after it.
    await user.call(getConversation, { url: "/api/conversations/none", params: { id: "none" } });
    const before = await countEveryTable();
    const res = await withModel(failing, () => message(user, { message: text }));
    expect(res.status).toBe(status);
    expect(res.headers.get("retry-after")).toBe(retryAfter);
    const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error.code).toBe(code);
    expect(body.error.details).toEqual(details);
    expect(rowDelta(before, await countEveryTable())).toEqual(written);
  });

  it("the same message with an Idempotency-Key runs again once the model answers (the failed attempt stored nothing)", async () => {
    const user = new TestUser();
    const headers = { "idempotency-key": "model-failure-1" };
    const failed = await withModel(failing, () => user.call(postMessage, { url: "/api/chat/message", body: { message: "hi mock-500" }, headers }));
    expect(failed.status).toBe(502);
    const ok = await withModel(offline, () => user.call(postMessage, { url: "/api/chat/message", body: { message: "hi mock-500" }, headers }));
    expect(ok.status).toBe(202);
    expect(ok.headers.get("idempotent-replayed")).toBeNull();
    expect(((await ok.json()) as SendMessageResponse).response.length).toBeGreaterThan(0);
  });
});

describe("POST /api/chat/agent with a failing provider", () => {
  it("the `error` event carries status 503 and retryAfterSeconds; no message stays; a retry in the same conversation shows the text once", async () => {
    const user = new TestUser();
    await user.call(getConversation, { url: "/api/conversations/none", params: { id: "none" } });
    const before = await countEveryTable();
    const frames = await withModel(failing, async () => readFrames(await agent(user, { message: "Plan my week mock-429-long" })));
    expect(shape(frames).slice(-2)).toEqual(["error", "conversation_end"]);
    expect(dataOf(frames, "error")).toEqual({ code: "model_unavailable", message: "The planning model is busy; try again in 30 s", status: 503, retryAfterSeconds: 30 });
    expect(dataOf(frames, "conversation_end")).toMatchObject({ status: "failed", metadata: null });
    // What stays is the stream's own record (the turn and its events) and the conversation it was addressed to.
    const delta = rowDelta(before, await countEveryTable());
    expect(Object.keys(delta).sort()).toEqual(["ChatTurn", "ChatTurnEvent", "Conversation", "User"]);
    expect(delta).toMatchObject({ ChatTurn: 1, Conversation: 1, User: 1 });
    const { conversationId } = dataOf(frames, "conversation_start");
    expect((await conversation(user, conversationId)).messages).toEqual([]);

    // Retry: the same text into the same conversation, the model healthy again.
    const again = await withModel(offline, async () => readFrames(await agent(user, { conversationId, message: "Plan my week mock-429-long" })));
    expect(dataOf(again, "conversation_end").status).toBe("completed");
    const messages = (await conversation(user, conversationId)).messages;
    expect(messages.map((m) => [m.role, m.role === "user" ? m.content : "…"])).toEqual([
      ["user", "Plan my week mock-429-long"],
      ["assistant", "…"],
    ]);
  });

  it("a 5xx without Retry-After is status 502 in the `error` event", async () => {
    const user = new TestUser();
    const frames = await withModel(failing, async () => readFrames(await agent(user, { message: "hello mock-503" })));
    expect(dataOf(frames, "error")).toEqual({ code: "model_unavailable", message: "The planning model is unavailable right now; please try again", status: 502 });
  });
});

describe("a background job whose model fails", () => {
  it("plan outline + decomposition: the jobs end failed with the model's reason after their attempts, nothing crashes", async () => {
    // The chat reply comes from the offline model; every other call (the decomposition's) from the failing provider,
    // run by a runner of the test's own (fast retries) in place of the app's.
    const routed: LanguageModelV4 = {
      specificationVersion: "v4",
      provider: "test.routed",
      modelId: "routed",
      supportedUrls: {},
      doGenerate: (options) => (JSON.stringify(options.prompt).includes("Request: chat_reply") ? offline : failing).doGenerate(options),
      doStream: (options) => offline.doStream(options),
    };
    const app = getApp();
    await app.runner.stop();
    const runner = new JobRunner({ ...app.deps, model: routed }, { concurrency: 2, leaseMs: 5000, pollMs: 50, retryBaseMs: 20, retryMaxMs: 40 });
    runner.start();
    try {
      const viewer = { userId: "user-whose-decomposition-fails" };
      const res = await sendMessage({ ...app.deps, model: routed, queue: runner }, viewer, { message: "Plan the launch of a mobile app in 6 weeks mock-401", mode: "sync" });
      // create_plan's job asks the model for the outline: it fails after its 3 attempts with the model's reason; its child is failed for it.
      const [create, decompose] = res.body.actions;
      expect([create.kind, create.status, decompose.kind, decompose.status]).toEqual(["create_plan", "failed", "decompose_task", "failed"]);
      const job = await app.deps.db.job.findUniqueOrThrow({ where: { id: create.jobId! } });
      expect({ status: job.status, error: job.error, attempt: job.attempt }).toEqual({
        status: "failed",
        error: "The planning model refused the request (HTTP 401); please try again later",
        attempt: 3,
      });
      const child = await app.deps.db.job.findUniqueOrThrow({ where: { id: decompose.jobId! } });
      expect([child.status, child.error]).toEqual(["failed", `Parent job ${job.id} did not succeed`]);
    } finally {
      await runner.stop();
      app.runner.start();
    }
  });
});
