"use client";
// One file a run produced, as a download link (docs/design.md "Words" → Artifact).
import { CalendarOutlined, FileMarkdownOutlined, FileOutlined, FileTextOutlined } from "@ant-design/icons";
import type { ReactNode } from "react";
import { useT } from "@/lib/client/i18n";
import { formatBytes } from "@/lib/client/run-format";
import { artifactUrl } from "@/lib/client/run-urls";
import type { ArtifactRef } from "@/lib/shared/runs";
import styles from "./runs.module.css";

/** An icon for a file's media type: Markdown, iCalendar, JSON/text, anything else. */
function fileIcon(mediaType: string): ReactNode {
  if (mediaType.startsWith("text/markdown")) return <FileMarkdownOutlined />;
  if (mediaType.startsWith("text/calendar")) return <CalendarOutlined />;
  if (mediaType.startsWith("text/") || mediaType.includes("json")) return <FileTextOutlined />;
  return <FileOutlined />;
}

/**
 * A download link to one artifact (GET /api/runs/{runId}/artifacts/{artifactId},
 * served as an attachment): type icon, name and size. `data-testid="artifact-link"`
 * with `data-artifact-id` and `data-media-type`. Props: `{runId, artifact}`.
 */
export function ArtifactLink({ runId, artifact }: { runId: string; artifact: ArtifactRef }) {
  const t = useT();
  const size = formatBytes(artifact.bytes);
  return (
    <a
      className={styles.artifact}
      href={artifactUrl(runId, artifact.artifactId)}
      download={artifact.name}
      title={t("run.download", { name: artifact.name, size })}
      data-testid="artifact-link"
      data-artifact-id={artifact.artifactId}
      data-media-type={artifact.mediaType}
    >
      <span aria-hidden>{fileIcon(artifact.mediaType)}</span>
      <span className={styles.artifactName}>{artifact.name}</span>
      <span className={styles.artifactSize}>{size}</span>
    </a>
  );
}

/** Several artifacts as a wrapping row of links (nothing when empty). Props: `{runId, artifacts}`. */
export function ArtifactList({ runId, artifacts }: { runId: string; artifacts: readonly ArtifactRef[] }) {
  if (artifacts.length === 0) return null;
  return (
    <span className={styles.artifacts} data-testid="artifact-list">
      {artifacts.map((a) => (
        <ArtifactLink key={a.artifactId} runId={runId} artifact={a} />
      ))}
    </span>
  );
}
