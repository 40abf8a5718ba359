"use client";
import { ArrowDownOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useT } from "@/lib/client/i18n";
import type { MessageDto } from "@/lib/shared/chat";
import styles from "./chat.module.css";
import { MessageBubble, type LiveReply, type MessagePlan } from "./message-bubble";

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
  /** Read-only (support viewing another user's conversation): no Resume buttons. */
  readOnly?: boolean;
  /** Streamed turns this tab follows, by their assistant message's id. */
  liveById?: ReadonlyMap<string, LiveReply>;
};

/** Within this many px of the bottom counts as "at the newest content". */
const BOTTOM_SLACK_PX = 48;

/**
 * Keeps a scroll container at its newest content (chat-style "stick to
 * bottom"): whenever the content grows (a message, a tab switched, a log
 * panel growing: a ResizeObserver on `contentRef`) it scrolls to the bottom,
 * unless the user scrolled up; then `away` is true until they come back down
 * or call `jumpToLatest`. A new `reset` key (a new message, another
 * conversation) sticks again.
 * @example const { away, jumpToLatest } = useStickToBottom({ scrollRef, contentRef, reset: `${conversationKey}:${count}` });
 */
function useStickToBottom({ scrollRef, contentRef, reset }: { scrollRef: React.RefObject<HTMLElement | null>; contentRef: React.RefObject<HTMLElement | null>; reset: string }) {
  const stick = useRef(true);
  const [away, setAway] = useState(false);
  const toBottom = useCallback(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [scrollRef]);

  useEffect(() => {
    const el = scrollRef.current;
    const content = contentRef.current;
    if (!el || !content) return;
    const onScroll = () => {
      const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK_PX;
      stick.current = atBottom;
      setAway(!atBottom);
    };
    // Growth does not fire "scroll": only the user (or our own scroll to the bottom) moves it.
    const observer = new ResizeObserver(() => {
      if (stick.current) toBottom();
      else setAway(el.scrollHeight - el.scrollTop - el.clientHeight > BOTTOM_SLACK_PX);
    });
    observer.observe(content);
    observer.observe(el);
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener("scroll", onScroll);
    };
  }, [scrollRef, contentRef, toBottom]);

  useLayoutEffect(() => {
    // Its "scroll" event clears `away`.
    stick.current = true;
    toBottom();
  }, [reset, toBottom]);

  const jumpToLatest = useCallback(() => {
    stick.current = true;
    setAway(false);
    toBottom();
  }, [toBottom]);
  return { away, jumpToLatest };
}

/**
 * The scrollable message column. Stays at the newest content when a message
 * is added, the conversation changes, a job tab is switched or a log panel
 * grows, unless the user scrolled up: then a "Jump to latest" button
 * (`data-testid="chat-jump-latest"`) brings them back. Shows a welcome screen
 * with example prompts when there is nothing yet. Props: `{conversationKey,
 * messages, pendingIds, thinking, status?, onExample, selectedPlanId?,
 * planTitles?, onSelectPlan?, readOnly?, liveById?}`.
 */
export function MessageList({ conversationKey, messages, pendingIds, thinking, status, onExample, selectedPlanId, planTitles, onSelectPlan, readOnly = false, liveById }: Props) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const innerRef = useRef<HTMLDivElement>(null);
  const count = messages.length;
  const { away, jumpToLatest } = useStickToBottom({ scrollRef: ref, contentRef: innerRef, reset: `${conversationKey}:${count}:${thinking}` });

  return (
    <div className={styles.messagesWrap}>
      <div ref={ref} className={styles.messages} data-testid="message-list">
        <div ref={innerRef} className={styles.messagesInner}>
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
                    readOnly={readOnly}
                    live={liveById?.get(m.id)}
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
      {away && (
        <Button
          className={styles.jumpLatest}
          shape="round"
          icon={<ArrowDownOutlined />}
          onClick={jumpToLatest}
          data-testid="chat-jump-latest"
        >
          {t("chatX.jumpToLatest")}
        </Button>
      )}
    </div>
  );
}
