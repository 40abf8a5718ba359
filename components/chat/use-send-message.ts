"use client";
// Sending a chat message with an optimistic bubble (DESIGN.md "Chat (two-phase)").
import { useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useCallback, useRef, useState } from "react";
import { ApiError, fetchJson } from "@/lib/client/api";
import { queries } from "@/lib/client/queries";
import type { MessageDto, SendMessageResponse } from "@/lib/shared/chat";
import type { Language } from "@/lib/shared/language";

/** A message shown before the server's copy of the conversation has it. */
export type OptimisticMessage = {
  conversationId: string | null;
  message: MessageDto;
  /** For the user's message: the id of the assistant reply that came back with it. */
  replyId?: string;
};

/**
 * The messages to show for `conversationId`: the server's, then the local ones
 * the server list does not contain yet (matched by id; a user message by its reply's id).
 */
export function mergeMessages(server: MessageDto[], local: OptimisticMessage[], conversationId: string | null): MessageDto[] {
  const ids = new Set(server.map((m) => m.id));
  const extra = local.filter(
    (o) => o.conversationId === conversationId && !ids.has(o.message.id) && !(o.replyId && ids.has(o.replyId)),
  );
  return extra.length ? [...server, ...extra.map((o) => o.message)] : server;
}

/** Options of useSendMessage. */
export type UseSendMessageOptions = {
  /** The language the reply should be in (sent as `language`). */
  lang: Language;
  /** Called with the conversation the reply belongs to (new or existing), to select it. */
  onConversation: (conversationId: string) => void;
};

/**
 * Sends messages: shows the user's text at once, POSTs /api/chat/message,
 * appends the assistant reply built from the 202 (content = response,
 * metadata = metadata), selects the conversation and invalidates the
 * conversation queries. Errors (ApiError.message) go to an antd message and `error`.
 * `send`'s optional `planId` (one of the conversation's plans) is the plan the message acts on.
 * @returns `{send(conversationId, text, planId?) → Promise<boolean>, sending, optimistic, planIds, error, clearError}`;
 * `sending` is the conversation the in-flight POST belongs to (null = a new one), undefined when idle;
 * `planIds` maps a conversation to the planId of its last send response.
 */
export function useSendMessage({ lang, onConversation }: UseSendMessageOptions) {
  const queryClient = useQueryClient();
  const { message: toast } = App.useApp();
  const [optimistic, setOptimistic] = useState<OptimisticMessage[]>([]);
  const [sending, setSending] = useState<{ conversationId: string | null } | undefined>(undefined);
  const [planIds, setPlanIds] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>(undefined);
  const counter = useRef(0);

  const send = useCallback(
    async (conversationId: string | null, text: string, planId?: string): Promise<boolean> => {
      // Not crypto.randomUUID: it is missing outside secure contexts (plain http on a LAN address).
      const localId = `local-${Date.now()}-${++counter.current}`;
      setError(undefined);
      setSending({ conversationId });
      setOptimistic((o) => [
        ...o,
        { conversationId, message: { id: localId, role: "user", content: text, metadata: null, createdAt: new Date().toISOString() } },
      ]);
      try {
        const res = await fetchJson<SendMessageResponse>("/api/chat/message", {
          method: "POST",
          // planId only with its conversation: the message acts on that plan of it.
          body: JSON.stringify({ ...(conversationId ? { conversationId, ...(planId ? { planId } : {}) } : {}), message: text, language: lang }),
        });
        const { metadata } = res;
        const cid = metadata.conversationId;
        const reply: MessageDto = {
          id: metadata.messageId,
          role: "assistant",
          content: res.response,
          metadata: { ...metadata, actions: metadata.actions ?? res.actions },
          createdAt: new Date().toISOString(),
        };
        setOptimistic((o) => [
          ...o.map((x) => (x.message.id === localId ? { ...x, conversationId: cid, replyId: reply.id } : x)),
          { conversationId: cid, message: reply },
        ]);
        if (metadata.planId) setPlanIds((p) => ({ ...p, [cid]: metadata.planId! }));
        onConversation(cid);
        // Prefix match: the list and every conversation detail.
        void queryClient.invalidateQueries({ queryKey: queries.conversations().queryKey });
        return true;
      } catch (err) {
        setOptimistic((o) => o.filter((x) => x.message.id !== localId));
        const text = err instanceof ApiError || err instanceof Error ? err.message : String(err);
        setError(text);
        toast.error(text);
        return false;
      } finally {
        setSending(undefined);
      }
    },
    [lang, onConversation, queryClient, toast],
  );

  const clearError = useCallback(() => setError(undefined), []);
  return { send, sending, optimistic, planIds, error, clearError };
}
