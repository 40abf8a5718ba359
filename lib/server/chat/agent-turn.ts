import "server-only";
// The body of a streamed chat turn (seed 003 on seed 000's two phases). The
// reply types out at once (streamText, with the read-only chat tools) while
// the actions are asked for in parallel (one generateStructured chat_reply
// call); once the reply has ended, the gate decides, and in ONE transaction
// the actions' plan and job rows, the assistant message and the `actions`
// event commit together, so every job id in that event already exists. The
// turn runs on the server to its end whatever the connection does; only POST
// …/stop (before the dispatch) or a shutdown stops it.
import { stepCountIs, streamText } from "ai";
import type { ProcessingStage } from "@/lib/shared/chat-stream";
import { TOOL_CHIP_CHARS, type MessageTurn, type ReplyUsage } from "@/lib/shared/chat";
import { AppError } from "../errors.ts";
import { budgetedModel } from "../limits/budgeted-model.ts";
import { generateStructured } from "../llm/generate.ts";
import { modelErrorOf } from "../llm/model-errors.ts";
import { buildPrompt } from "../llm/prompts.ts";
import { chatReplySchema } from "../llm/schemas.ts";
import { recordPhaseOne } from "../ops/metrics.ts";
import { listTasks } from "../plans/plans-repo.ts";
import { buildChatContext } from "./agent-context.ts";
import { completeTurn, failTurn, STOP_REASON, stopTurn, type TurnProgress } from "./agent-finish.ts";
import { round, type TurnSetup } from "./agent-start.ts";
import { chatTools } from "./agent-tools.ts";
import { gateActions } from "./coordinator.ts";
import { planTasksField } from "./send-message.ts";
import { commitActions, planActions, settleSync } from "./turn-actions.ts";
import { claimTurnDispatch, renewTurnLease } from "./turn-repo.ts";
import { TURN_LEASE_MS } from "./turn-writer.ts";
import { errorFields, getLogger } from "../ops/logger.ts";

/** Model steps of a reply by default: tool round trips plus the answer. */
export const AGENT_MAX_STEPS = 4;
/** `mode: "sync"` waits this long for the jobs before conversation_end, ms. */
const SYNC_WAIT_MS = 120_000;

/** Thrown inside the turn when the stop won the race with the dispatch. */
class Stopped extends Error {
  override name = "Stopped";
}

/** The model's failure, classified as POST /api/chat/message classifies it (model-errors.ts), logged once. */
function modelError(cause: unknown): AppError {
  const failure = modelErrorOf(cause);
  getLogger().warn({ component: "chat", code: failure.code, status: failure.status, ...errorFields(cause) }, "chat turn: the model failed");
  return failure;
}

/**
 * Runs a started turn to its end (see the file comment). Never throws: a
 * failure becomes the `error` event. Renews the turn's lease while it runs
 * (and learns of a stop requested through another process), and releases it
 * from the hub at the end.
 */
export async function runTurn(s: TurnSetup): Promise<void> {
  const { deps, writer, live } = s;
  const signal = live.controller.signal;
  const p: TurnProgress = { content: "", ended: false, usage: { llmCalls: 0, inputTokens: 0, outputTokens: 0 }, turn: { turnId: s.turnId, stopped: false } };
  let stage: ProcessingStage | undefined;
  const setStage = (next: ProcessingStage) => {
    if (stage !== next) writer.emit("processing_status", { stage: (stage = next) });
  };
  const addUsage = (u: { inputTokens?: number; outputTokens?: number }) => {
    p.usage.llmCalls += 1;
    p.usage.inputTokens += u.inputTokens ?? 0;
    p.usage.outputTokens += u.outputTokens ?? 0;
  };
  const leaseMs = s.options.leaseMs ?? TURN_LEASE_MS;
  const renew = setInterval(() => {
    renewTurnLease(deps.db, s.turnId, new Date(Date.now() + leaseMs))
      .then((stopAt) => stopAt && live.controller.abort(STOP_REASON))
      .catch((error) => getLogger().error({ component: "chat", ...errorFields(error) }, "chat turn: lease renewal failed"));
  }, leaseMs / 3);
  try {
    setStage("thinking");
    const [context, tasks] = await Promise.all([
      buildChatContext(deps.db, { conversationId: s.conversationId, exclude: [s.userMessageId], language: s.language, budgetTokens: s.options.contextBudgetTokens }),
      s.plan ? listTasks(deps.db, s.plan.id) : [],
    ]);
    if (context.summarized) p.turn.summarized = context.summarized;
    const fields = { Language: s.language, Message: s.input.message, PlanId: s.plan?.id, PlanTasks: planTasksField(tasks) };

    // The actions, asked for at once, beside the reply. The model's own time counts from here.
    const modelStarted = performance.now();
    const actionsCall = generateStructured({ model: budgetedModel(deps.model, { db: deps.db, userId: s.ownerId }), schema: chatReplySchema, fields: { Request: "chat_reply", ...fields }, abortSignal: signal }).then(
      (r) => ({ ok: true as const, r }),
      (error: unknown) => ({ ok: false as const, error }),
    );

    writer.emit("assistant_message_start", { messageId: s.messageId });
    const started = new Set<string>();
    const tools = chatTools(
      {
        db: deps.db, turnId: s.turnId, ownerId: s.ownerId, language: s.language, plan: s.plan, signal, stage: setStage,
        emit: (e, d) => {
          recordToolCall(p.turn, e, d);
          writer.emit(e, d);
        },
        onDesignDocument: (d) => (p.turn.designDocument = { artifactId: d.artifactId, title: d.title, format: "markdown" }),
      },
      started,
    );
    const { system, prompt } = buildPrompt({ Request: "chat_answer", ...fields, Today: new Date().toISOString().slice(0, 10) });
    const reply = streamText({
      model: budgetedModel(deps.model, { db: deps.db, userId: s.ownerId }),
      system: context.summary ? `${system}\n\n${context.summary}` : system,
      messages: [...context.messages, { role: "user", content: prompt }],
      tools,
      stopWhen: stepCountIs(s.options.maxSteps ?? AGENT_MAX_STEPS),
      abortSignal: signal,
      // Retries and timeouts are the model's own (lib/server/llm/model-retry.ts).
      maxRetries: 0,
      // Errors arrive as `error` parts below and are logged there once.
      onError: () => undefined,
    });
    let steps = 0;
    for await (const part of reply.fullStream) {
      if (part.type === "text-delta" && part.text) {
        if (s.timings.firstChunkMs === null) {
          s.timings.modelFirstTokenMs = round(performance.now() - modelStarted);
          s.timings.firstChunkMs = round(performance.now() - s.t0);
        }
        p.content += part.text;
        writer.emit("assistant_message_chunk", { delta: part.text });
      } else if (part.type === "start-step" && steps++ > 0) setStage("thinking");
      else if (part.type === "finish-step") addUsage(part.usage);
      else if (part.type === "tool-error" && !started.has(part.toolCallId)) {
        // Refused before it ran (unknown tool, invalid input): still a start and an end.
        const error = part.error instanceof Error ? part.error.message : String(part.error);
        writer.emit("tool_call_start", { callId: part.toolCallId, tool: part.toolName, input: part.input });
        writer.emit("tool_call_end", { callId: part.toolCallId, tool: part.toolName, error, durationMs: 0 });
      } else if (part.type === "error") throw modelError(part.error);
      else if (part.type === "abort") break;
    }
    signal.throwIfAborted();
    writer.emit("assistant_message_end", { content: p.content, stopped: false });
    p.ended = true;
    s.timings.replyMs = round(performance.now() - s.t0);

    setStage("gating");
    const a = await actionsCall;
    signal.throwIfAborted();
    if (!a.ok) throw modelError(a.error);
    addUsage(a.r.usage);
    const modelMs = round(performance.now() - modelStarted);
    // Gated against the tree as it is now (a job may have changed it while the reply streamed).
    const current = s.plan ? await listTasks(deps.db, s.plan.id) : [];
    const decisions = gateActions(a.r.object.actions, { plan: s.plan && { id: s.plan.id, tasks: current } });
    const usage: ReplyUsage = { requestedAt: s.requestedAt, ...p.usage, modelMs };
    const planned = planActions({ decisions, language: s.language, plan: s.plan, conversationId: s.conversationId, messageId: s.messageId, usage, turn: p.turn });
    if (planned.metadata.jobs.length > 0) setStage("dispatching");
    const dispatched = await writer.commitWith(async (tx) => {
      if (!(await claimTurnDispatch(tx, s.turnId, new Date()))) return { value: false, events: [] };
      await commitActions(tx, { ownerId: s.ownerId, plan: s.plan, language: s.language, planned, content: p.content });
      return { value: true, events: [{ event: "actions", data: s.input.includeMetadata ? { actions: planned.actions, metadata: planned.metadata } : { actions: planned.actions } }] };
    });
    if (!dispatched) throw new Stopped();
    deps.queue.wake();
    s.timings.actionsMs = round(performance.now() - s.t0);
    recordPhaseOne({ route: "agent", modelMs, serverMs: s.timings.actionsMs - modelMs });
    if (s.input.mode === "sync") await settleSync(deps, planned, s.options.syncWaitMs ?? SYNC_WAIT_MS);
    await completeTurn(s, p, planned.metadata);
  } catch (error) {
    if (error instanceof Stopped || (signal.aborted && signal.reason === STOP_REASON)) await stopTurn(s, p).catch((e) => failTurn(s, p, e));
    else await failTurn(s, p, signal.aborted ? new AppError("interrupted", 503, "The server is shutting down; this reply was interrupted") : error);
  } finally {
    clearInterval(renew);
    s.hub.release(s.turnId);
  }
}

const chipText = (v: unknown): string | undefined => {
  if (v === undefined) return undefined;
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > TOOL_CHIP_CHARS ? `${text.slice(0, TOOL_CHIP_CHARS - 1)}…` : text;
};

/** Keeps the turn's tool calls on its message metadata (`turn.tools`) as tool_call_start / _end go out, so the chips survive a reload. */
function recordToolCall(turn: MessageTurn, event: string, data: unknown): void {
  const d = data as { callId: string; tool: string; input?: unknown; output?: unknown; error?: string; durationMs?: number };
  if (event === "tool_call_start") (turn.tools ??= []).push({ callId: d.callId, tool: d.tool, input: chipText(d.input) });
  else if (event === "tool_call_end") {
    const call = turn.tools?.find((c) => c.callId === d.callId);
    if (call) Object.assign(call, { durationMs: d.durationMs }, d.error !== undefined ? { error: d.error } : { output: chipText(d.output) });
  }
}
