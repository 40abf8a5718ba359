"use client";
// What the chat page shows of the streamed turns (issue 12): follows a turn still
// running on the server, merges the live turns into the stored messages, and
// derives the composer's state. Split from chat-page.tsx.
import { useEffect, useMemo } from "react";
import { mergeTurnMessages, type LiveTurn } from "@/hooks/use-chat-turns";
import type { MessageDto } from "@/lib/shared/chat";
import type { LiveReply } from "./message-bubble";

type Args = {
  live: LiveTurn[];
  selectedId: string | null;
  /** The stored messages of the selected conversation (none while loading). */
  stored: MessageDto[];
  resume: (conversationId: string) => Promise<void>;
  stop: (turnKey: string) => Promise<void>;
};

/**
 * The selected conversation's turns as the page renders them:
 * `{messages, pendingIds, liveById, streamingTurn, thinking, planIds}` —
 * messages merged with the live turns, the user messages not yet confirmed,
 * each live reply's state and Stop by message id, the turn typing now, whether
 * a sent turn is still waiting for `conversation_start`, and the newest plan
 * each conversation's live reply named. Resumes a turn still running on the
 * server when a conversation is selected (a reload mid-reply, another tab).
 */
export function useTurnView({ live, selectedId, stored, resume, stop }: Args) {
  useEffect(() => {
    if (selectedId) void resume(selectedId);
  }, [selectedId, resume]);
  const messages = useMemo(() => mergeTurnMessages(stored, live, selectedId), [stored, live, selectedId]);
  const pendingIds = useMemo(() => new Set(live.filter((t) => t.userMessage && !t.state.userMessageId).map((t) => t.userMessage!.id)), [live]);
  const liveById = useMemo(() => {
    const map = new Map<string, LiveReply>();
    for (const t of live) if (t.state.messageId) map.set(t.state.messageId, { state: t.state, onStop: () => void stop(t.key) });
    return map;
  }, [live, stop]);
  const current = live.filter((t) => t.conversationId === selectedId);
  const streamingTurn = current.findLast((t) => t.state.phase === "streaming");
  // Sent, and `conversation_start` has not named the reply yet.
  const thinking = current.some((t) => t.state.phase === "streaming" && !t.state.messageId);
  // The plan of the newest reply this tab followed (before the stored messages list it).
  const planIds = useMemo(() => {
    const map: Record<string, string> = {};
    for (const t of live) if (t.conversationId && t.state.metadata?.planId) map[t.conversationId] = t.state.metadata.planId;
    return map;
  }, [live]);
  return { messages, pendingIds, liveById, streamingTurn, thinking, planIds };
}
