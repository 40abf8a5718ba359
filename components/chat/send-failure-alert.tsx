"use client";
// The composer's word on a failed send (docs/model-errors.md "In the browser"):
// why, that the text is still in the box, and Retry — disabled with a
// countdown while the server's Retry-After runs, then enabled.
import { ReloadOutlined } from "@ant-design/icons";
import { Alert, Button } from "antd";
import { useEffect, useState } from "react";
import { useT } from "@/lib/client/i18n";
import { failureText, retryWaitLeft, type SendFailure } from "@/lib/client/send-failure";
import styles from "./chat.module.css";

/**
 * Seconds left before `failure` may be retried, re-rendering every 250 ms
 * until 0 (render the owner with `key={failure.at}` so a new failure starts afresh).
 */
function useRetryWait(failure: SendFailure): number {
  const [now, setNow] = useState(() => Date.now());
  const wait = retryWaitLeft(failure, now);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), 250);
    return () => clearTimeout(timer);
  }, [wait, now]);
  return wait;
}

type Props = {
  failure: SendFailure;
  /** Resends `failure.text` (once: the parent clears the failure when the send starts). */
  onRetry: () => void;
  onClose: () => void;
  /** A send is in flight: Retry waits. */
  busy?: boolean;
};

/**
 * The failed send above the composer (`data-testid="chat-error"`, `data-code`)
 * with Retry (`data-testid="chat-retry"`, `data-wait` = seconds left, shown as
 * "Retry in N s" and disabled until 0). Render it with `key={failure.at}`.
 * Props: `{failure, onRetry, onClose, busy?}`.
 */
export function SendFailureAlert({ failure, onRetry, onClose, busy = false }: Props) {
  const t = useT();
  const wait = useRetryWait(failure);
  return (
    <Alert
      className={styles.sendError}
      type="error"
      showIcon
      title={t("chat.sendFailed")}
      description={failureText(t, failure)}
      closable={{ onClose }}
      role="alert"
      data-testid="chat-error"
      data-code={failure.code}
      action={
        <Button size="small" icon={<ReloadOutlined />} onClick={onRetry} disabled={wait > 0 || busy} data-testid="chat-retry" data-wait={wait}>
          {wait > 0 ? t("sendError.retryIn", { seconds: wait }) : t("sendError.retry")}
        </Button>
      }
    />
  );
}
