"use client";
import { SendOutlined } from "@ant-design/icons";
import { Button, Input, type GetRef } from "antd";
import type { Ref } from "react";
import { useT } from "@/lib/client/i18n";
import { MAX_MESSAGE_CHARS } from "@/lib/shared/chat";
import styles from "./chat.module.css";

/** The composer's textarea handle (focus after sending). */
export type ComposerInputRef = GetRef<typeof Input.TextArea>;

type Props = {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  /** The POST is in flight: the input is disabled and the button shows loading. */
  sending: boolean;
  inputRef: Ref<ComposerInputRef>;
};

/**
 * The message box: Enter sends, Shift+Enter adds a line (and Enter while an
 * IME is composing, e.g. pinyin, only confirms the candidate). Props:
 * `{value, onChange, onSend, sending, inputRef}`.
 */
export function ChatComposer({ value, onChange, onSend, sending, inputRef }: Props) {
  const t = useT();
  const empty = value.trim().length === 0;
  return (
    <div className={styles.composer}>
      <Input.TextArea
        ref={inputRef}
        className={styles.composerInput}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
          e.preventDefault();
          if (!sending && !empty) onSend();
        }}
        placeholder={t("chat.placeholder")}
        aria-label={t("chat.inputLabel")}
        autoSize={{ minRows: 1, maxRows: 8 }}
        maxLength={MAX_MESSAGE_CHARS}
        disabled={sending}
        autoFocus
        data-testid="chat-input"
      />
      <Button
        type="primary"
        icon={<SendOutlined />}
        onClick={onSend}
        loading={sending}
        disabled={empty && !sending}
        aria-label={t("chat.send")}
        data-testid="chat-send"
      >
        {t("chat.send")}
      </Button>
    </div>
  );
}
