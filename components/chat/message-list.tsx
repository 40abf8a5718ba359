"use client";
import { Button } from "antd";
import { useLayoutEffect, useRef } from "react";
import { useT } from "@/lib/client/i18n";
import type { MessageDto } from "@/lib/shared/chat";
import styles from "./chat.module.css";
import { MessageBubble, type MessagePlan } from "./message-bubble";

/** The plan chip of a message: only when the conversation has several plans and the message names one. */
function planOf(m: MessageDto, selectedPlanId: string | undefined, titles: ReadonlyMap<string, string> | undefined): MessagePlan | undefined {
  const id = m.metadata?.planId;
  if (!id || !titles) return undefined;
  return { id, title: titles.get(id), selected: id === selectedPlanId };
}

type Props = {
  conversationKey: string;
  messages: MessageDto[];
  /** Ids of messages not saved yet (shown faded). */
  pendingIds: ReadonlySet<string>;
  /** The assistant is composing a reply in this conversation. */
  thinking: boolean;
  /** Shown instead of the messages (loading skeleton, error). */
  status?: React.ReactNode;
  /** Fills the input with an example prompt (the welcome screen). */
  onExample: (text: string) => void;
  /** The plan the plan pane shows (its messages are marked). */
  selectedPlanId?: string;
  /** Plan titles by id when the conversation has several plans: assistant messages then show a plan chip. */
  planTitles?: ReadonlyMap<string, string>;
  /** Clicking an assistant message's plan chip or action tags shows that message's plan. */
  onSelectPlan?: (planId: string) => void;
};

/**
 * The scrollable message column. Scrolls to the newest message when one is
 * added or the conversation changes; shows a welcome screen with example
 * prompts when there is nothing yet. Props: `{conversationKey, messages,
 * pendingIds, thinking, status?, onExample, selectedPlanId?, planTitles?, onSelectPlan?}`.
 */
export function MessageList({ conversationKey, messages, pendingIds, thinking, status, onExample, selectedPlanId, planTitles, onSelectPlan }: Props) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const count = messages.length;

  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [conversationKey, count, thinking]);

  return (
    <div ref={ref} className={styles.messages} data-testid="message-list">
      <div className={styles.messagesInner}>
        {status ??
          (count === 0 && !thinking ? (
            <div className={styles.welcome}>
              <h2 className={styles.welcomeTitle}>{t("chat.welcomeTitle")}</h2>
              <p className={styles.welcomeBody}>{t("chat.welcomeBody")}</p>
              <div className={styles.examples}>
                {(["chat.example1", "chat.example2"] as const).map((k) => (
                  <Button key={k} onClick={() => onExample(t(k))} data-testid="chat-example">
                    {t(k)}
                  </Button>
                ))}
              </div>
            </div>
          ) : (
            <>
              {messages.map((m) => (
                <MessageBubble
                  key={m.id}
                  message={m}
                  pending={pendingIds.has(m.id)}
                  plan={planOf(m, selectedPlanId, planTitles)}
                  onSelectPlan={onSelectPlan}
                />
              ))}
              {thinking && (
                <div className={`${styles.row} ${styles.rowAssistant}`}>
                  <div className={`${styles.bubble} ${styles.bubbleAssistant} ${styles.thinking}`} data-testid="message-pending" aria-live="polite">
                    <span className={styles.dots} aria-hidden>
                      <span />
                      <span />
                      <span />
                    </span>
                    {t("chat.thinking")}
                  </div>
                </div>
              )}
            </>
          ))}
      </div>
    </div>
  );
}
