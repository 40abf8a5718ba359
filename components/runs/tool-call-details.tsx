"use client";
// What a tool call was given and what it gave back, as formatted JSON, with its files.
import { useT } from "@/lib/client/i18n";
import { formatJson } from "@/lib/client/run-format";
import type { ToolCallDto } from "@/lib/shared/runs";
import { ArtifactList } from "./artifact-link";
import styles from "./runs.module.css";

function JsonBlock({ value, error = false }: { value: unknown; error?: boolean }) {
  const t = useT();
  const { text, cut } = formatJson(value);
  return (
    <>
      <pre className={`${styles.json} ${error ? styles.jsonError : ""}`} tabIndex={0}>
        {text}
      </pre>
      {cut && <span className={styles.note}>{t("tool.shownInPart")}</span>}
    </>
  );
}

/**
 * A tool call's details (`data-testid="tool-call-details"`, `id` = `detailsId`
 * for the toggle's aria-controls): its input, then its error (red) or output
 * — "No result yet" while it runs — as indented JSON in scrollable blocks, a
 * note when the output was cut (the full one is a file), and its files as
 * download links. Props: `{call, runId, detailsId?}`; without a run id no files show.
 */
export function ToolCallDetails({ call, runId, detailsId }: { call: Pick<ToolCallDto, "input" | "output" | "error" | "status" | "truncated" | "artifacts">; runId: string | null; detailsId?: string }) {
  const t = useT();
  return (
    <div className={styles.details} id={detailsId} data-testid="tool-call-details">
      <div className={styles.section}>
        <span className={styles.sectionLabel}>{t("tool.input")}</span>
        <JsonBlock value={call.input} />
      </div>
      {call.error !== undefined ? (
        <div className={styles.section} data-testid="tool-call-error">
          <span className={`${styles.sectionLabel} ${styles.errorLabel}`}>{t("tool.error")}</span>
          <JsonBlock value={call.error} error />
        </div>
      ) : call.output !== undefined ? (
        <div className={styles.section} data-testid="tool-call-output">
          <span className={styles.sectionLabel}>{t("tool.output")}</span>
          <JsonBlock value={call.output} />
        </div>
      ) : (
        call.status !== "denied" && <span className={styles.note}>{t("tool.noResultYet")}</span>
      )}
      {call.truncated && <span className={styles.note}>{t("tool.truncated")}</span>}
      {runId && <ArtifactList runId={runId} artifacts={call.artifacts} />}
    </div>
  );
}
