"use client";
// The parts of a streamed reply's bubble (issue 12): the status line, tool-call chips,
// the design document link and viewer, the stopped mark, the inline error with Retry.
import { CheckCircleOutlined, CloseCircleOutlined, DownloadOutlined, FileTextOutlined, LoadingOutlined, ReloadOutlined, StopOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Modal, Skeleton, Tag, Tooltip } from "antd";
import { useState } from "react";
import { useT } from "@/lib/client/i18n";
import type { ToolChip } from "@/lib/client/chat-turn-state";
import type { ProcessingStage } from "@/lib/shared/chat-stream";
import { MarkdownText } from "./markdown-text";
import styles from "./chat.module.css";

/** Characters of a tool input or output shown in a chip's tooltip. */
const TOOL_TEXT_CHARS = 400;

/** A tool output's headline for its chip: its `result` (or `summary`) when it has one as text, else nothing (the tooltip has it all). */
const headline = (v: unknown): string | undefined => {
  if (typeof v === "string") return v;
  const o = v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  const text = o.result ?? o.summary ?? o.title;
  return typeof text === "string" || typeof text === "number" ? String(text) : undefined;
};

const short = (v: unknown): string => {
  if (v === undefined) return "";
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > TOOL_TEXT_CHARS ? `${text.slice(0, TOOL_TEXT_CHARS)}…` : text;
};

/** The turn's stage in words (`data-testid="turn-status"`, `data-stage`), polite live region. Props: `{stage}`. */
export function TurnStatusLine({ stage }: { stage: ProcessingStage }) {
  const t = useT();
  return (
    <div className={styles.turnStatus} data-testid="turn-status" data-stage={stage} aria-live="polite">
      <span className={styles.dots} aria-hidden>
        <span />
        <span />
        <span />
      </span>
      {t(`chatStream.stage.${stage}`)}
    </div>
  );
}

/**
 * One chip per read-only tool call (`data-testid="tool-chip"`, `data-tool`,
 * `data-state` running | done | failed): the tool's name, its last progress
 * message while it runs, its duration once done; input and result in the tooltip.
 * Props: `{tools: ToolChip[]}`.
 */
export function ToolChips({ tools }: { tools: ToolChip[] }) {
  const t = useT();
  if (tools.length === 0) return null;
  return (
    <div className={styles.toolChips} data-testid="tool-chips">
      {tools.map((c) => {
        const state = !c.done ? "running" : c.error !== undefined ? "failed" : "done";
        const icon = state === "running" ? <LoadingOutlined /> : state === "failed" ? <CloseCircleOutlined /> : <CheckCircleOutlined />;
        const detail = state === "running" ? c.progress.at(-1) : c.durationMs !== undefined ? t("chatStream.toolMs", { ms: Math.round(c.durationMs) }) : undefined;
        const tip = (
          <div className={styles.toolTip}>
            <div>
              <strong>{t("tool.input")}:</strong> {short(c.input)}
            </div>
            {c.done && (
              <div>
                <strong>{c.error !== undefined ? t("tool.error") : t("tool.output")}:</strong> {short(c.error ?? c.output)}
              </div>
            )}
          </div>
        );
        return (
          <Tooltip key={c.callId} title={tip}>
            <Tag
              className={styles.toolChip}
              color={state === "failed" ? "error" : state === "done" ? "success" : "processing"}
              icon={icon}
              tabIndex={0}
              data-testid="tool-chip"
              data-tool={c.tool}
              data-state={state}
            >
              <span className={styles.toolName}>{c.tool}</span>
              {detail && <span className={styles.toolDetail}>{detail}</span>}
              {state === "done" && headline(c.output) !== undefined && (
                <span className={styles.toolResult} data-testid="tool-chip-result">
                  {headline(c.output)!.slice(0, 60)}
                </span>
              )}
            </Tag>
          </Tooltip>
        );
      })}
    </div>
  );
}

/**
 * A design document the turn wrote: a button opening a viewer (its Markdown
 * rendered, `data-testid="design-document-viewer"`) with Download.
 * Props: `{artifactId, title}`.
 */
export function DesignDocumentLink({ artifactId, title }: { artifactId: string; title: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const url = `/api/artifacts/${encodeURIComponent(artifactId)}`;
  const doc = useQuery({
    queryKey: ["artifacts", artifactId, "text"],
    queryFn: async () => {
      const res = await fetch(`${url}?inline=1`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.text();
    },
    enabled: open,
    staleTime: Infinity,
  });
  return (
    <>
      <Button className={styles.designDoc} icon={<FileTextOutlined />} onClick={() => setOpen(true)} data-testid="design-document-link">
        {title}
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        title={title}
        width={760}
        footer={[
          <Button key="download" icon={<DownloadOutlined />} href={url} download data-testid="design-document-download">
            {t("chatStream.download")}
          </Button>,
          <Button key="close" type="primary" onClick={() => setOpen(false)}>
            {t("chatStream.close")}
          </Button>,
        ]}
        data-testid="design-document-viewer"
      >
        {doc.error ? (
          <Alert type="error" showIcon title={doc.error.message} />
        ) : doc.data === undefined ? (
          <Skeleton active />
        ) : (
          <div className={styles.docBody} data-testid="design-document-body">
            <MarkdownText text={doc.data} />
          </div>
        )}
      </Modal>
    </>
  );
}

/** "Stopped" under a reply the user stopped (`data-testid="turn-stopped"`). */
export function StoppedMark() {
  const t = useT();
  return (
    <div className={styles.turnStopped} data-testid="turn-stopped">
      <StopOutlined aria-hidden /> {t("chatStream.stopped")}
    </div>
  );
}

/** The turn's `error` event inline (`data-testid="turn-error"`) with Retry (`data-testid="turn-retry"`) when `onRetry`. */
export function TurnError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const t = useT();
  return (
    <Alert
      className={styles.turnError}
      type="error"
      showIcon
      title={t("chatStream.failed")}
      description={message}
      action={
        onRetry && (
          <Button size="small" icon={<ReloadOutlined />} onClick={onRetry} data-testid="turn-retry">
            {t("chatStream.retry")}
          </Button>
        )
      }
      data-testid="turn-error"
    />
  );
}
