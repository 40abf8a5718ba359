import "server-only";
import type { z } from "zod";
import type { ArtifactRef } from "@/lib/shared/runs";

/**
 * What a tool's implementation gets besides its input: where it runs (run,
 * plan, task), the AbortSignal of the call (cancel, timeout) and a way to
 * store files as artifacts of the run (attached to the task).
 */
export type ToolContext = {
  runId: string;
  jobId: string;
  planId: string;
  /** The task the call is made for; null for run-level calls (the final calendar). */
  taskId: string | null;
  ownerId: string;
  /** Aborted on cancel and when the tool's timeout passes; pass it to anything that waits. */
  signal: AbortSignal;
  /**
   * Stores a file as an artifact of the run (text content, UTF-8).
   * @returns the artifact's reference (id, name, media type, size in bytes).
   */
  saveArtifact(file: { name: string; mediaType: string; content: string }): Promise<ArtifactRef>;
};

/**
 * One tool, declared once (docs/design.md "Tools"). `inputSchema` validates
 * the model's input before the call; `jsonSchema`, when given (MCP tools),
 * is what the model sees instead. `sideEffects`: the call changes something
 * outside the run's own artifacts, so it needs approval under
 * TOOL_APPROVAL=side-effects. `timeoutMs`: the executor aborts the call's
 * signal after it. `execute` returns JSON-serializable output or throws an
 * Error whose message is the tool error shown to the model and the user.
 */
export type ToolSpec<I = unknown, O = unknown> = {
  name: string;
  description: string;
  inputSchema: z.ZodType<I>;
  jsonSchema?: Record<string, unknown>;
  sideEffects: boolean;
  timeoutMs: number;
  /** "builtin" or "mcp:<server name>". */
  source: string;
  execute(input: I, ctx: ToolContext): Promise<O>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inputs are validated by each tool's schema
export type AnyToolSpec = ToolSpec<any, unknown>;

/** Declares a tool (keeps the input type between schema and implementation). */
export function defineTool<I, O>(spec: ToolSpec<I, O>): ToolSpec<I, O> {
  return spec;
}

/** The tools a process offers: the built-ins plus those of the configured MCP servers. */
export interface ToolRegistry {
  /** Every tool, built-ins first, in a stable order. */
  list(): AnyToolSpec[];
  /** The tool named `name`, or undefined. */
  get(name: string): AnyToolSpec | undefined;
  /** Closes MCP connections (server stop, tests). */
  close(): Promise<void>;
}
