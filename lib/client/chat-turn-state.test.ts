import { describe, expect, it } from "vitest";
import { CHAT_STREAM_EVENT_SCHEMAS, type ChatStreamFrame } from "@/lib/shared/chat-stream";
import { foldChatTurn, foldChatTurnFrames, initialChatTurnState, storedToolChips, turnMessage } from "./chat-turn-state";

const metadata = { type: "job_log" as const, conversationId: "c1", messageId: "m2", status: "pending" as const, jobs: [{ jobId: "j1", jobType: "chat_actions" as const }] };

/** A plain reply with a tool call and actions, as the server sends it (validated against the shared schemas). */
const FRAMES: ChatStreamFrame[] = (
  [
    ["conversation_start", { conversationId: "c1", messageId: "m2", userMessageId: "m1", turnId: "t1", language: "en" }],
    ["processing_status", { stage: "thinking" }],
    ["tool_call_start", { callId: "k1", tool: "calculate", input: { expression: "12 * 35" } }],
    ["tool_call_progress", { callId: "k1", tool: "calculate", message: "evaluating" }],
    ["tool_call_end", { callId: "k1", tool: "calculate", output: { value: 420 }, durationMs: 3 }],
    ["assistant_message_start", { messageId: "m2" }],
    ["assistant_message_chunk", { delta: "It is " }],
    ["assistant_message_chunk", { delta: "**420** EUR." }],
    ["assistant_message_end", { content: "It is **420** EUR.", stopped: false }],
    ["actions", { actions: [{ kind: "create_plan", name: "Plan", status: "pending", jobId: "j1" }], metadata }],
    ["conversation_end", { status: "completed", metadata }],
  ] as const
).map(([event, data], i) => ({ event, data: CHAT_STREAM_EVENT_SCHEMAS[event].parse(data), seq: i + 1 }) as ChatStreamFrame);

describe("foldChatTurn", () => {
  it("folds a reply with a tool call and actions into the bubble's state", () => {
    const s = foldChatTurnFrames(initialChatTurnState(), FRAMES);
    expect(s).toMatchObject({ turnId: "t1", conversationId: "c1", messageId: "m2", userMessageId: "m1", lastSeq: 11, phase: "completed", stage: null, content: "It is **420** EUR.", chunks: 2, stopped: false, error: null });
    expect(s.tools).toEqual([{ callId: "k1", tool: "calculate", input: { expression: "12 * 35" }, progress: ["evaluating"], done: true, output: { value: 420 }, durationMs: 3 }]);
    expect(s.actions).toEqual([{ kind: "create_plan", name: "Plan", status: "pending", jobId: "j1" }]);
    expect(turnMessage(s)).toMatchObject({ id: "m2", role: "assistant", content: "It is **420** EUR.", metadata: { ...metadata, actions: s.actions } });
  });

  it("types the reply out chunk by chunk while streaming", () => {
    const s = foldChatTurnFrames(initialChatTurnState(), FRAMES.slice(0, 7));
    expect(s.phase).toBe("streaming");
    expect(s.content).toBe("It is ");
    expect(s.stage).toBe("calling_tools");
    expect(foldChatTurn(s, FRAMES[7]).content).toBe("It is **420** EUR.");
  });

  it("ignores frames at or below its cursor, so an overlapping resume neither repeats nor loses text", () => {
    const part = foldChatTurnFrames(initialChatTurnState(), FRAMES.slice(0, 7));
    expect(foldChatTurn(part, FRAMES[6])).toBe(part);
    const resumed = foldChatTurnFrames(part, FRAMES.slice(3));
    expect(resumed).toEqual(foldChatTurnFrames(initialChatTurnState(), FRAMES));
    expect(resumed.content).toBe("It is **420** EUR.");
  });

  it("keeps a stopped reply's partial text and marks it stopped", () => {
    const frames: ChatStreamFrame[] = [
      ...FRAMES.slice(0, 7),
      { event: "assistant_message_end", data: { content: "It is ", stopped: true }, seq: 8 },
      { event: "conversation_end", data: { status: "stopped", metadata: null }, seq: 9 },
    ];
    const s = foldChatTurnFrames(initialChatTurnState(), frames);
    expect(s).toMatchObject({ phase: "stopped", stopped: true, content: "It is ", actions: [], metadata: null });
  });

  it("records an error event (with the model failure's status and wait) and ends failed", () => {
    const error = { code: "model_unavailable", message: "The planning model is busy; try again in 20 s", status: 503, retryAfterSeconds: 20 };
    const frames: ChatStreamFrame[] = [
      FRAMES[0],
      { event: "error", data: error, seq: 2 },
      { event: "conversation_end", data: { status: "failed", metadata: null }, seq: 3 },
    ];
    const s = foldChatTurnFrames(initialChatTurnState(), frames);
    expect(s).toMatchObject({ phase: "failed", content: "" });
    expect(s.error).toEqual(error);
  });

  it("notes a design document and a failed tool call", () => {
    const frames: ChatStreamFrame[] = [
      FRAMES[0],
      { event: "tool_call_end", data: { callId: "k9", tool: "get_plan", error: "Stopped", durationMs: 12 }, seq: 2 },
      { event: "design_document_generated", data: { artifactId: "a1", title: "Trip", format: "markdown", name: "trip.md", bytes: 10, url: "/api/artifacts/a1" }, seq: 3 },
    ];
    const s = foldChatTurnFrames(initialChatTurnState(), frames);
    expect(s.tools).toEqual([{ callId: "k9", tool: "get_plan", input: undefined, progress: [], done: true, error: "Stopped", durationMs: 12 }]);
    expect(s.designDocument?.artifactId).toBe("a1");
  });

  it("has no message before conversation_start", () => {
    expect(turnMessage(initialChatTurnState())).toBeNull();
  });

  it("rebuilds a finished turn's chips from its stored message", () => {
    expect(
      storedToolChips([
        { callId: "k1", tool: "calculate", input: '{"expression":"12 * 35"}', output: '{"result":"420"}', durationMs: 4 },
        { callId: "k2", tool: "schedule", input: "{}", error: "Bad date" },
      ]),
    ).toEqual([
      { callId: "k1", tool: "calculate", input: '{"expression":"12 * 35"}', progress: [], done: true, output: '{"result":"420"}', durationMs: 4 },
      { callId: "k2", tool: "schedule", input: "{}", progress: [], done: true, error: "Bad date" },
    ]);
    expect(storedToolChips(undefined)).toEqual([]);
  });
});
