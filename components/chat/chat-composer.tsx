"use client";
import { SendOutlined, StopOutlined } from "@ant-design/icons";
import { Button, Input, type GetRef } from "antd";
import { useId, type Ref } from "react";
import { useLang, useT } from "@/lib/client/i18n";
import { MAX_MESSAGE_CHARS } from "@/lib/shared/chat";
import styles from "./chat.module.css";

/** The composer's textarea handle (focus after sending). */
export type ComposerInputRef = GetRef<typeof Input.TextArea>;

/** From this share of the limit on, the composer shows its character counter. */
const COUNTER_FROM = 0.8;

/**
 * What the composer says about a draft's length, counted as the server counts
 * (`sendMessageSchema`: the trimmed text's UTF-16 length, at most
 * MAX_MESSAGE_CHARS). `showCounter` near the limit; `over` > 0 blocks sending.
 */
export function draftLength(value: string): { count: number; over: number; showCounter: boolean } {
  const count = value.trim().length;
  return { count, over: Math.max(0, count - MAX_MESSAGE_CHARS), showCounter: count >= MAX_MESSAGE_CHARS * COUNTER_FROM };
}

type Props = {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  /** The POST is in flight: the input is disabled and the button shows loading. */
  sending: boolean;
  /** A reply is typing out: the input stays usable, Send becomes Stop (`data-testid="chat-stop"`) and Escape stops. */
  streaming?: boolean;
  /** Stops the streaming reply. */
  onStop?: () => void;
  inputRef: Ref<ComposerInputRef>;
};

/**
 * The message box: Enter sends, Shift+Enter adds a line (and Enter while an
 * IME is composing, e.g. pinyin, only confirms the candidate). Nothing typed or
 * pasted is cut: near the limit a counter (`data-testid="chat-char-count"`)
 * appears, and over it Send is disabled with the reason
 * (`data-testid="chat-too-long"`, announced politely). Props:
 * `{value, onChange, onSend, sending, streaming?, onStop?, inputRef}`.
 */
export function ChatComposer({ value, onChange, onSend, sending, streaming = false, onStop, inputRef }: Props) {
  const t = useT();
  const { lang } = useLang();
  const counterId = useId();
  const { count, over, showCounter } = draftLength(value);
  const empty = count === 0;
  const blocked = empty || over > 0;
  const fmt = (n: number) => n.toLocaleString(lang);
  return (
    <div className={styles.composerBox}>
      <div className={`${styles.composer} ${over > 0 ? styles.composerOver : ""}`}>
        <Input.TextArea
          ref={inputRef}
          className={styles.composerInput}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape" && streaming && onStop) {
              e.preventDefault();
              onStop();
              return;
            }
            if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
            e.preventDefault();
            if (!sending && !streaming && !blocked) onSend();
          }}
          placeholder={t("chat.placeholder")}
          aria-label={t("chat.inputLabel")}
          aria-describedby={showCounter ? counterId : undefined}
          aria-invalid={over > 0 || undefined}
          autoSize={{ minRows: 1, maxRows: 8 }}
          disabled={sending}
          autoFocus
          data-testid="chat-input"
        />
        {streaming && onStop ? (
          <Button icon={<StopOutlined />} onClick={onStop} danger aria-label={t("chatStream.stop")} data-testid="chat-stop">
            <span className={styles.hideNarrow}>{t("chatStream.stop")}</span>
          </Button>
        ) : (
        <Button
          type="primary"
          icon={<SendOutlined />}
          onClick={onSend}
          loading={sending}
          disabled={blocked && !sending}
          aria-label={t("chat.send")}
          data-testid="chat-send"
        >
          <span className={styles.hideNarrow}>{t("chat.send")}</span>
        </Button>
        )}
      </div>
      {showCounter && (
        <div id={counterId} className={styles.composerMeta} aria-live="polite">
          {over > 0 && (
            <span className={styles.composerError} role="alert" data-testid="chat-too-long">
              {t("chatX.tooLong", { over: fmt(over), max: fmt(MAX_MESSAGE_CHARS) })}
            </span>
          )}
          <span
            className={`${styles.charCount} ${over > 0 ? styles.charCountOver : ""}`}
            data-testid="chat-char-count"
            data-count={count}
            aria-label={t("chatX.charCountLabel", { count: fmt(count), max: fmt(MAX_MESSAGE_CHARS) })}
          >
            {t("chatX.charCount", { count: fmt(count), max: fmt(MAX_MESSAGE_CHARS) })}
          </span>
        </div>
      )}
    </div>
  );
}
