// Phase 5 – the streamed chat (POST /api/chat/agent) under `next start` with
// the built-in offline model at its default pace (LLM_OFFLINE_LATENCY_MS):
// for each turn, the time from sending the request to receiving
// `conversation_start`, and to receiving the first `assistant_message_chunk`
// minus the model's own first-token time in that same turn (the server
// measures it from its streamText call to the first text delta and reports
// it in conversation_end.timings.modelFirstTokenMs). The model's first-token
// time is also measured here in the bench process, on the same model, as the
// baseline. The floor of a request to this server in the same run is the
// round trip of GET /api/session (session cookie checked, JSON answered),
// timed between the turns. Turns run one after another, after a warm-up.
import { streamText } from "ai";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { createOfflinePlannerModel } from "@/lib/server/llm/offline-model";
import { summarize, type Summary } from "./lib/stats.ts";
import type { Target } from "./lib/targets.ts";

export type ChatAgentResult = {
  turns: number;
  /** Request sent → conversation_start received, ms. */
  toStart: Summary;
  /** The server's own part of it (handler start → turn stored), from conversation_end.timings.conversationStartMs. */
  serverStart: Summary;
  /** GET /api/session round trip on the same server between the turns, ms: the floor of any request. */
  sessionRoundTrip: Summary;
  /** Request sent → first chunk received, ms. */
  toFirstChunk: Summary;
  /** The model's own first-token time in each turn (server-measured), ms. */
  modelFirstToken: Summary;
  /** toFirstChunk − modelFirstToken of each turn, ms: what the server adds before the first token reaches the client. */
  firstChunkOverhead: Summary;
  /** The offline model's first-token time measured in the bench process (streamText, same latency), ms. */
  localModelFirstToken: Summary;
  /** Request sent → conversation_end received, ms. */
  toEnd: Summary;
};

/** Small talk and a tool question: no actions, so no jobs compete with the turns. */
const MESSAGES = ["hi", "hello there", "thanks!", "good morning"];

type TurnTimes = { start: number; serverStart: number; firstChunk: number; modelFirstToken: number; end: number };

async function oneTurn(target: Target, message: string): Promise<TurnTimes> {
  const sent = performance.now();
  const res = await fetch(`${target.baseUrl}/api/chat/agent`, {
    method: "POST",
    headers: { ...target.headers, "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ message }),
  });
  if (res.status !== 200 || !res.body) throw new Error(`POST /api/chat/agent: HTTP ${res.status} ${await res.text()}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  let start = Number.NaN;
  let firstChunk = Number.NaN;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the stream closed before conversation_end");
      const at = performance.now() - sent;
      if (value.event === "conversation_start") start = at;
      else if (value.event === "assistant_message_chunk" && Number.isNaN(firstChunk)) firstChunk = at;
      else if (value.event === "error") throw new Error(`turn failed: ${value.data}`);
      else if (value.event === "conversation_end") {
        const data = JSON.parse(value.data) as { status: string; timings?: { modelFirstTokenMs: number | null; conversationStartMs: number } };
        if (data.status !== "completed" || data.timings?.modelFirstTokenMs == null) throw new Error(`turn ended ${value.data}`);
        return { start, serverStart: data.timings.conversationStartMs, firstChunk, modelFirstToken: data.timings.modelFirstTokenMs, end: at };
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

async function sessionRoundTrip(target: Target): Promise<number> {
  const sent = performance.now();
  const res = await fetch(`${target.baseUrl}/api/session`, { headers: target.headers });
  await res.json();
  return performance.now() - sent;
}

/** The offline model's first token in this process: streamText of a plain message, `latencyMs` as the server's. */
async function localFirstToken(latencyMs: number): Promise<number> {
  const model = createOfflinePlannerModel({ latencyMs });
  const started = performance.now();
  const result = streamText({ model, prompt: "hi" });
  for await (const _ of result.textStream) return performance.now() - started;
  throw new Error("no text");
}

/** Warm-up turns (JIT, route compilation, database), then `turns` measured ones, one at a time. */
export async function measureChatAgent(target: Target, opts: { turns: number; warmup: number; latencyMs: number }): Promise<ChatAgentResult> {
  for (let i = 0; i < opts.warmup; i++) await oneTurn(target, MESSAGES[i % MESSAGES.length]);
  const times: TurnTimes[] = [];
  const local: number[] = [];
  const session: number[] = [];
  for (let i = 0; i < opts.warmup; i++) await sessionRoundTrip(target);
  for (let i = 0; i < opts.turns; i++) {
    session.push(await sessionRoundTrip(target));
    times.push(await oneTurn(target, MESSAGES[i % MESSAGES.length]));
    local.push(await localFirstToken(opts.latencyMs));
  }
  return {
    turns: times.length,
    toStart: summarize(times.map((t) => t.start)),
    serverStart: summarize(times.map((t) => t.serverStart)),
    sessionRoundTrip: summarize(session),
    toFirstChunk: summarize(times.map((t) => t.firstChunk)),
    modelFirstToken: summarize(times.map((t) => t.modelFirstToken)),
    firstChunkOverhead: summarize(times.map((t) => t.firstChunk - t.modelFirstToken)),
    localModelFirstToken: summarize(local),
    toEnd: summarize(times.map((t) => t.end)),
  };
}
