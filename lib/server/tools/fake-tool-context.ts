// A ToolContext for tests of tools: artifacts are kept in memory (a fake,
// not a mock: it stores what it is given and reports its real size).
import "server-only";
import type { ArtifactRef } from "@/lib/shared/runs";
import type { ToolContext } from "./types.ts";

/** An artifact as the fake stored it. */
export type StoredArtifact = ArtifactRef & { content: string };

/**
 * A ToolContext for run "run-1", job "job-1", plan "plan-1", task "task-1",
 * owner "owner-1" (each overridable) whose `saveArtifact` appends to
 * `artifacts` (ids "artifact-1", "artifact-2", …; `bytes` = UTF-8 length).
 */
export function fakeToolContext(overrides: Partial<Omit<ToolContext, "saveArtifact">> = {}): { ctx: ToolContext; artifacts: StoredArtifact[] } {
  const artifacts: StoredArtifact[] = [];
  const ctx: ToolContext = {
    runId: "run-1",
    jobId: "job-1",
    planId: "plan-1",
    taskId: "task-1",
    ownerId: "owner-1",
    signal: new AbortController().signal,
    ...overrides,
    async saveArtifact(file) {
      const ref: ArtifactRef = { artifactId: `artifact-${artifacts.length + 1}`, name: file.name, mediaType: file.mediaType, bytes: Buffer.byteLength(file.content, "utf8") };
      artifacts.push({ ...ref, content: file.content });
      return ref;
    },
  };
  return { ctx, artifacts };
}
