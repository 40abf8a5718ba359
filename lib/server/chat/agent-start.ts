import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { chatAgentSchema, TurnTimings } from "@/lib/shared/chat-stream";
import type { Language } from "@/lib/shared/language";
import type { Viewer } from "../auth/viewer.ts";
import type { Plan } from "../db/generated/client.ts";
import type { Deps } from "../deps.ts";
import { conversationTitleOf, loadMessageContext } from "./send-message.ts";
import { getTurnHub, type LiveTurn, type TurnHub } from "./turn-hub.ts";
import { insertTurnStart } from "./turn-repo.ts";
import { TURN_LEASE_MS, TurnWriter } from "./turn-writer.ts";
import { redactText } from "../security/redact.ts";

/** Knobs of a turn; the defaults are the product's, tests lower them. */
export type AgentOptions = {
  /** Tokens of earlier conversation before older turns are summarized (agent-context.ts). */
  contextBudgetTokens?: number;
  /** Model steps (tool round trips + the answer) of the reply. */
  maxSteps?: number;
  /** How long `mode: "sync"` waits for the jobs before conversation_end, ms. */
  syncWaitMs?: number;
  /** Event batching, ms (turn-writer.ts). */
  flushMs?: number;
  /** The turn's lease, ms (turn-writer.ts). */
  leaseMs?: number;
};

/** Everything a running turn works with. `timings` fill in as it goes. */
export type TurnSetup = {
  deps: Deps;
  hub: TurnHub;
  live: LiveTurn;
  writer: TurnWriter;
  turnId: string;
  conversationId: string;
  userMessageId: string;
  messageId: string;
  ownerId: string;
  language: Language;
  plan: Plan | null;
  input: z.output<typeof chatAgentSchema>;
  /** performance.now() when the request arrived, and the same instant as ISO-8601. */
  t0: number;
  requestedAt: string;
  options: AgentOptions;
  timings: TurnTimings;
};

/** The turn as started: its ids and the setup `runTurn` takes. */
export type StartedTurn = { turnId: string; setup: TurnSetup };

/**
 * Starts a streamed turn (POST /api/chat/agent): checks the conversation and
 * plan (404s, before anything is written), then in ONE transaction writes
 * the user's message (and a new conversation), the running turn and its
 * first event, `conversation_start`, and registers the turn as live in this
 * process. The reply itself runs in `runTurn`, detached from the request.
 * @param at.t0 performance.now() at the request's arrival; `at.requestedAt` the same as a Date.
 * @throws AppError 404 (conversation or plan unknown / not the viewer's).
 */
export async function startTurn(
  deps: Deps,
  viewer: Pick<Viewer, "userId">,
  input: z.output<typeof chatAgentSchema>,
  at: { t0: number; requestedAt: Date },
  options: AgentOptions = {},
  hub: TurnHub = getTurnHub(),
): Promise<StartedTurn> {
  // The stored message, the conversation title and what the model sees carry no secrets (OWASP LLM02).
  input = { ...input, message: redactText(input.message) };
  const { conversation, plan, language } = await loadMessageContext(deps, viewer, input);
  const turnId = randomUUID();
  const conversationId = conversation?.id ?? randomUUID();
  const userMessageId = randomUUID();
  const messageId = randomUUID();
  const start = { event: "conversation_start" as const, data: { conversationId, messageId, userMessageId, turnId, language } };
  const leaseExpiresAt = new Date(Date.now() + (options.leaseMs ?? TURN_LEASE_MS));
  await insertTurnStart(deps.db, {
    ownerId: viewer.userId,
    conversation: conversation ? { id: conversationId } : { id: conversationId, title: conversationTitleOf(input.message) },
    userMessage: { id: userMessageId, content: input.message },
    turn: { id: turnId, messageId, language, leaseExpiresAt },
    start,
  });
  const live = hub.register(turnId, 0);
  live.publish([{ ...start, seq: 1 }]);
  const writer = new TurnWriter(deps.db, turnId, 1, (frames) => live.publish(frames), options);
  const timings: TurnTimings = {
    conversationStartMs: round(performance.now() - at.t0),
    firstChunkMs: null,
    modelFirstTokenMs: null,
    replyMs: null,
    actionsMs: null,
    totalMs: 0,
  };
  const setup: TurnSetup = {
    deps,
    hub,
    live,
    writer,
    turnId,
    conversationId,
    userMessageId,
    messageId,
    ownerId: viewer.userId,
    language,
    plan,
    input,
    t0: at.t0,
    requestedAt: at.requestedAt.toISOString(),
    options,
    timings,
  };
  return { turnId, setup };
}

/** Milliseconds to 0.1 ms. */
export const round = (ms: number): number => Math.round(ms * 10) / 10;
