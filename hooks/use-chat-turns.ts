"use client";
// The chat's streamed turns in the browser (issue 12, docs/design.md "Streaming chat"):
// send with POST /api/chat/agent, fold the typed events into each reply bubble's state,
// resume a running turn from its cursor, stop it.
import { useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { fetchJson } from "@/lib/client/api";
import { resumeChatTurn, startChatTurn, stopChatTurn, type ChatStreamOutcome } from "@/lib/client/chat-stream-client";
import { foldChatTurn, initialChatTurnState, turnMessage, type ChatTurnState } from "@/lib/client/chat-turn-state";
import { createFrameBatch } from "@/lib/client/frame-batch";
import { queries } from "@/lib/client/queries";
import { failureReason, type SendFailure } from "@/lib/client/send-failure";
import type { MessageDto } from "@/lib/shared/chat";
import type { ChatStreamFrame, TurnDto } from "@/lib/shared/chat-stream";
import type { Language } from "@/lib/shared/language";

/** Resumes tried after a connection that closed before `conversation_end`. */
const MAX_RESUMES = 5;

/**
 * A turn this tab sends or follows. `key` is local; `userMessage` is the
 * optimistic copy of the user's text (null for a turn resumed after a reload:
 * the server lists it); `text`/`planId` re-send it (Retry).
 */
export type LiveTurn = {
  key: string;
  conversationId: string | null;
  text: string;
  planId?: string;
  userMessage: MessageDto | null;
  state: ChatTurnState;
};

/** Options of useChatTurns. */
export type UseChatTurnsOptions = {
  /** The language the reply should be in (sent as `language`). */
  lang: Language;
  /** Called once `conversation_start` names a sent turn's conversation (new or existing), to select it. */
  onConversation: (conversationId: string) => void;
};

/**
 * The messages to show for `conversationId`: the server's, then each live
 * turn's user message and reply that the server list does not contain yet
 * (matched by the ids `conversation_start` gave).
 */
export function mergeTurnMessages(server: MessageDto[], live: readonly LiveTurn[], conversationId: string | null): MessageDto[] {
  const ids = new Set(server.map((m) => m.id));
  const extra: MessageDto[] = [];
  for (const t of live) {
    if (t.conversationId !== conversationId) continue;
    if (t.userMessage && !ids.has(t.userMessage.id) && !(t.state.userMessageId && ids.has(t.state.userMessageId))) extra.push(t.userMessage);
    const reply = turnMessage(t.state);
    if (reply && !ids.has(reply.id)) extra.push(reply);
  }
  return extra.length ? [...server, ...extra] : server;
}

/**
 * Sends messages as streamed turns and follows them: the user's text shows at
 * once, the reply types out (frames batched per FRAME_BATCH_MS), `stop()` asks
 * the server to stop the turn, `resume(conversationId)` follows a turn still
 * running on the server (a reload mid-reply) from seq 0, so its bubble is
 * rebuilt with no repeated or missing text. A connection cut before
 * `conversation_end` resumes from the last seq. Every stream is aborted on unmount
 * (the turn itself goes on on the server).
 * A send that fails — refused before the stream (429 rate_limited, the
 * network…) or ended by the turn's `error` event (a model failure; the
 * server then keeps no message, docs/model-errors.md) — leaves no bubble:
 * `failure` says why, with the text, conversation and plan to resend and the
 * Retry-After to wait out, and `send` resolves false (the caller keeps the
 * text as the draft). The next send clears it.
 * @returns `{send(conversationId, text, planId?) → Promise<boolean>, resume, stop(turnKey), live, failure, clearFailure}`.
 */
export function useChatTurns({ lang, onConversation }: UseChatTurnsOptions) {
  const queryClient = useQueryClient();
  const { message: toast } = App.useApp();
  const [live, setLive] = useState<LiveTurn[]>([]);
  const [failure, setFailure] = useState<SendFailure | undefined>(undefined);
  const counter = useRef(0);
  const controllers = useRef(new Set<AbortController>());
  const onConversationRef = useRef(onConversation);
  useEffect(() => {
    onConversationRef.current = onConversation;
  }, [onConversation]);

  useEffect(() => {
    const all = controllers.current;
    return () => {
      for (const c of all) c.abort();
      all.clear();
    };
  }, []);

  const update = useCallback((key: string, f: (t: LiveTurn) => LiveTurn) => setLive((list) => list.map((t) => (t.key === key ? f(t) : t))), []);

  /** Follows a turn's frames into `key`'s state; `first` opens the stream, then cut connections resume from the cursor. */
  const follow = useCallback(
    async (key: string, first: (onFrame: (f: ChatStreamFrame) => void, signal: AbortSignal) => Promise<ChatStreamOutcome>, signal: AbortSignal) => {
      let state = initialChatTurnState();
      const batch = createFrameBatch<ChatStreamFrame>(() => {
        const snapshot = state;
        update(key, (t) => ({ ...t, conversationId: snapshot.conversationId ?? t.conversationId, state: snapshot }));
      });
      const onFrame = (frame: ChatStreamFrame) => {
        state = foldChatTurn(state, frame);
        if (frame.event === "conversation_start") {
          batch.flush();
          update(key, (t) => ({ ...t, conversationId: frame.data.conversationId, state }));
          onConversationRef.current(frame.data.conversationId);
        } else if (frame.event === "conversation_end" || frame.event === "actions" || frame.event === "error") {
          batch.push(frame);
          batch.flush();
        } else batch.push(frame);
      };
      let outcome = await first(onFrame, signal);
      for (let tries = 0; outcome === "cut" && state.turnId && tries < MAX_RESUMES && !signal.aborted; tries++) {
        await new Promise((r) => setTimeout(r, 250 * (tries + 1)));
        try {
          outcome = await resumeChatTurn(state.turnId, state.lastSeq, onFrame, signal);
        } catch (err) {
          if ((err as Error).name === "AbortError") throw err;
        }
      }
      batch.flush();
      // The stored messages now hold the reply (or the user's message of a failed turn).
      void queryClient.invalidateQueries({ queryKey: queries.conversations().queryKey });
      return state;
    },
    [queryClient, update],
  );

  const track = () => {
    const controller = new AbortController();
    controllers.current.add(controller);
    return { controller, done: () => controllers.current.delete(controller) };
  };

  const send = useCallback(
    async (conversationId: string | null, text: string, planId?: string): Promise<boolean> => {
      const key = `local-${Date.now()}-${++counter.current}`;
      setFailure(undefined);
      const userMessage: MessageDto = { id: key, role: "user", content: text, metadata: null, createdAt: new Date().toISOString() };
      setLive((list) => [...list, { key, conversationId, text, planId, userMessage, state: initialChatTurnState() }]);
      const { controller, done } = track();
      let started = false;
      const failed = (reason: unknown, turnConversationId: string | null) => {
        setLive((list) => list.filter((t) => t.key !== key));
        setFailure({ text, conversationId: turnConversationId, ...(planId ? { planId } : {}), ...failureReason(reason), at: Date.now() });
        return false;
      };
      try {
        const state = await follow(
          key,
          (onFrame, signal) =>
            startChatTurn(
              { ...(conversationId ? { conversationId, ...(planId ? { planId } : {}) } : {}), message: text, language: lang },
              (f) => {
                started = true;
                onFrame(f);
              },
              signal,
            ),
          controller.signal,
        );
        // The turn's `error` event: nothing was kept on the server; the conversation it was addressed to stays the target.
        if (state.phase === "failed") return failed(state.error ?? { code: "internal", message: "" }, state.conversationId ?? conversationId);
        return true;
      } catch (err) {
        if ((err as Error).name === "AbortError") return true;
        if (started) return true;
        return failed(err, conversationId);
      } finally {
        done();
      }
    },
    [follow, lang],
  );

  const liveRef = useRef(live);
  useEffect(() => {
    liveRef.current = live;
  }, [live]);

  /** Follows the conversation's running turn, if any and not already followed here. */
  const resume = useCallback(
    async (conversationId: string) => {
      let turns: TurnDto[];
      try {
        ({ turns } = await fetchJson<{ turns: TurnDto[] }>(`/api/chat/turns?conversationId=${encodeURIComponent(conversationId)}&status=running`));
      } catch {
        return;
      }
      const turn = turns[0];
      if (!turn || liveRef.current.some((t) => t.state.turnId === turn.id || (t.conversationId === conversationId && t.state.phase === "streaming"))) return;
      const key = `resume-${turn.id}`;
      setLive((list) => (list.some((t) => t.key === key) ? list : [...list, { key, conversationId, text: "", userMessage: null, state: initialChatTurnState() }]));
      const { controller, done } = track();
      try {
        await follow(key, (onFrame, signal) => resumeChatTurn(turn.id, 0, onFrame, signal), controller.signal);
      } catch {
        /* aborted or gone: the stored messages show what there is */
      } finally {
        done();
      }
    },
    [follow],
  );

  const stop = useCallback(
    async (key: string) => {
      const turnId = liveRef.current.find((t) => t.key === key)?.state.turnId;
      if (!turnId) return;
      try {
        await stopChatTurn(turnId);
      } catch (err) {
        toast.error(err instanceof Error ? err.message : String(err));
      }
    },
    [toast],
  );

  const clearFailure = useCallback(() => setFailure(undefined), []);
  return { send, resume, stop, live, failure, clearFailure };
}
