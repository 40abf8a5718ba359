"use client";
// A streamed turn's lines under a reply's text (issue 12): the stage while it
// types, Stop, the stopped mark, the design document link and the inline error
// with Retry. The parts themselves are in turn-parts.tsx.
import { StopOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useT } from "@/lib/client/i18n";
import type { ChatTurnState } from "@/lib/client/chat-turn-state";
import type { MessageDto } from "@/lib/shared/chat";
import styles from "./chat.module.css";
import { DesignDocumentLink, StoppedMark, TurnError, TurnStatusLine } from "./turn-parts";

/**
 * A streamed turn's state beside its message: what the stream showed (tool
 * chips, stage, error) and the turn's Stop and Retry.
 */
export type LiveReply = { state: ChatTurnState; onStop?: () => void; onRetry?: () => void };

/**
 * The turn block of an assistant message, rendered right after its text:
 * - while `live` streams: the stage (`data-testid="turn-status"`; "thinking"
 *   until the first text arrives) and Stop (`data-testid="turn-stop"`, calls
 *   `live.onStop`; not when `readOnly` or without `onStop`);
 * - once not streaming, the stopped mark (`data-testid="turn-stopped"`) when
 *   the live turn or the stored `message.metadata.turn` says it was stopped;
 * - the design document link when the turn (live, else stored) wrote one;
 * - the live turn's error inline (`data-testid="turn-error"`) with Retry
 *   (`live.onRetry`) unless `readOnly`.
 * Renders nothing for a stored message with no stopped mark or document.
 * Props: `{message: MessageDto, live?: LiveReply, readOnly: boolean}`.
 */
export function TurnExtras({ message, live, readOnly }: { message: MessageDto; live?: LiveReply; readOnly: boolean }) {
  const t = useT();
  const metadata = message.metadata;
  const turn = live?.state;
  const streaming = turn?.phase === "streaming";
  const stopped = metadata?.turn?.stopped === true || turn?.stopped === true;
  const doc = turn?.designDocument ?? metadata?.turn?.designDocument;
  return (
    <>
      {streaming && turn.stage && turn.stage !== "thinking" ? <TurnStatusLine stage={turn.stage} /> : streaming && !message.content && <TurnStatusLine stage="thinking" />}
      {streaming && live?.onStop && !readOnly && (
        <Button size="small" className={styles.stopButton} icon={<StopOutlined />} onClick={live.onStop} data-testid="turn-stop">
          {t("chatStream.stop")}
        </Button>
      )}
      {stopped && !streaming && <StoppedMark />}
      {doc && <DesignDocumentLink artifactId={doc.artifactId} title={doc.title} />}
      {turn?.error && <TurnError message={turn.error.message} onRetry={readOnly ? undefined : live?.onRetry} />}
    </>
  );
}
