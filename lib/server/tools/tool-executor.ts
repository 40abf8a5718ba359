import "server-only";
import { randomUUID } from "node:crypto";
import { jsonSchema, tool, type Tool } from "ai";
import type { ArtifactRef, ToolCallData, ToolResultData } from "@/lib/shared/runs";
import type { Db } from "../db/client.ts";
import { ToolEventWriter } from "../jobs/capabilities.ts";
import { jobLog } from "../jobs/job-logger.ts";
import type { ToolCallCap } from "../limits/tool-call-cap.ts";
import { decideApproval, findApproval, insertApproval, insertArtifact } from "../runs/runs-repo.ts";
import type { AnyToolSpec, ToolContext } from "./types.ts";
import { redactText, redactValue } from "../security/redact.ts";

/** Which calls wait for a person (TOOL_APPROVAL). */
export type ApprovalMode = "never" | "side-effects" | "always";

/** Output kept in a `tool_result` event (and returned to the model), characters of JSON; the rest goes to an artifact. */
export const MAX_RESULT_CHARS = 4000;
/** How often a waiting approval is re-read, ms. */
const APPROVAL_POLL_MS = 200;

export type ToolExecutorOptions = {
  db: Db;
  run: { runId: string; jobId: string; planId: string; ownerId: string };
  tools: AnyToolSpec[];
  approval: { mode: ApprovalMode; timeoutMs: number };
  /** The job's AbortSignal: cancel stops the current call. */
  signal: AbortSignal;
  /**
   * Outputs of side-effecting calls an earlier attempt of this run finished,
   * by `callKey`: such a call is not made again (its output is reused).
   */
  finished?: Map<string, unknown>;
  /** Characters of output kept inline (default MAX_RESULT_CHARS). */
  maxResultChars?: number;
  /** issue 13 — limits: the run's tool-call allowance; a call past it is refused (not run, no events) and the cap marked reached. */
  cap?: ToolCallCap;
};

/** One call's outcome as the executor reports it. */
export type ToolOutcome = { callId: string; output?: unknown; error?: string; artifacts: ArtifactRef[]; durationMs: number; ran: boolean };

/** The memo key of a call: task, tool and input (stable JSON). */
export function callKey(taskId: string | null, tool: string, input: unknown): string {
  return `${taskId ?? "-"}|${tool}|${stableJson(input)}`;
}

function stableJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(",")}}`;
}

class ToolCallError extends Error {
  override name = "ToolCallError";
}

/**
 * The one code that runs tools (docs/design.md "Event semantics"): for each
 * call it asks for approval when the mode requires it (`approval_requested`,
 * then `approval_decided` once a person answered through POST
 * /api/runs/{runId}/approvals/{callId} or the timeout denied it), commits
 * `tool_call` before the real call, runs it under the job's AbortSignal and
 * the tool's timeout, and writes `tool_result` with the output (capped at
 * MAX_RESULT_CHARS; the whole output stored as an artifact) or the error and
 * the duration. A denied call never runs and gets no tool_call. Side-effecting
 * calls an earlier attempt finished (`finished`) are not made again.
 * Must run inside a job (its ToolEventWriter).
 */
export class ToolExecutor {
  private readonly writer = ToolEventWriter.current();
  private readonly byName: Map<string, AnyToolSpec>;
  /** Calls that ran (or were reused), for the run's counters. */
  calls = 0;
  /** Every call's outcome in order, with its task (the plan executor reads scheduled dates and artifacts from it). */
  readonly outcomes: (ToolOutcome & { taskId: string | null; tool: string })[] = [];

  constructor(private readonly options: ToolExecutorOptions) {
    this.byName = new Map(options.tools.map((t) => [t.name, t]));
  }

  /** The tools as AI SDK `tool()` definitions for one model call made for `taskId` (null: run level); `names` narrows them. */
  toolSet(taskId: string | null, names?: readonly string[]): Record<string, Tool> {
    const out: Record<string, Tool> = {};
    for (const spec of this.options.tools) {
      if (names && !names.includes(spec.name)) continue;
      out[spec.name] = tool({
        description: spec.description,
        inputSchema: spec.jsonSchema ? jsonSchema(spec.jsonSchema) : spec.inputSchema,
        execute: async (input: unknown) => {
          const r = await this.call(spec.name, input, taskId);
          if (r.error !== undefined) throw new ToolCallError(r.error);
          return r.output;
        },
      }) as Tool;
    }
    return out;
  }

  /**
   * Makes one call with its events. Never throws for the tool's own failure
   * (the outcome has `error`); rejects only when the job is cancelled.
   */
  async call(name: string, rawInput: unknown, taskId: string | null): Promise<ToolOutcome> {
    const { run, signal } = this.options;
    const callId = randomUUID();
    const spec = this.byName.get(name);
    signal.throwIfAborted();
    if (this.options.cap && !this.options.cap.allows(this.calls)) return this.record(taskId, name, { callId, error: this.options.cap.reason, artifacts: [], durationMs: 0, ran: false });
    if (!spec) return this.fail(callId, name, rawInput, taskId, `Unknown tool "${name}"`);
    const parsed = spec.inputSchema.safeParse(rawInput);
    if (!parsed.success) return this.fail(callId, name, rawInput, taskId, `Invalid input: ${parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`);
    const input = parsed.data;

    const memo = spec.sideEffects ? this.options.finished?.get(callKey(taskId, name, input)) : undefined;
    if (memo !== undefined) {
      this.calls += 1;
      jobLog.info(`Reused the result of ${name} from an earlier attempt of this run (it has side effects, so it is not run twice)`, { taskId, tool: name });
      return this.record(taskId, name, { callId, output: memo, artifacts: [], durationMs: 0, ran: false });
    }

    const needsApproval = this.options.approval.mode === "always" || (this.options.approval.mode === "side-effects" && spec.sideEffects);
    if (needsApproval) {
      const decision = await this.awaitApproval(callId, name, input, taskId);
      if (!decision.approved) return this.record(taskId, name, { callId, error: decision.reason, artifacts: [], durationMs: 0, ran: false });
    }

    const call: ToolCallData = { runId: run.runId, callId, tool: name, input, taskId };
    this.writer.write("info", "tool_call", `→ ${name}`, call);
    await this.writer.flush(); // committed before the tool runs
    this.calls += 1;
    const started = performance.now();
    const artifacts: ArtifactRef[] = [];
    const callSignal = AbortSignal.any([signal, AbortSignal.timeout(spec.timeoutMs)]);
    const ctx: ToolContext = {
      ...run,
      taskId,
      signal: callSignal,
      saveArtifact: async (file) => {
        const ref = await insertArtifact(this.options.db, { ...file, runId: run.runId, jobId: run.jobId, planId: run.planId, taskId, callId, ownerId: run.ownerId });
        artifacts.push(ref);
        return ref;
      },
    };
    let output: unknown;
    let error: string | undefined;
    try {
      output = await raceAbort(spec.execute(input, ctx), callSignal);
    } catch (e) {
      error = signal.aborted ? "Cancelled" : callSignal.aborted ? `Timed out after ${spec.timeoutMs} ms` : e instanceof Error ? e.message : String(e);
    }
    // What the model and every reader see of the call carries no secrets (docs/data-protection.md).
    output = redactValue(output);
    if (error !== undefined) error = redactText(error);
    const durationMs = Math.round(performance.now() - started);
    const result: ToolResultData = { runId: run.runId, callId, tool: name, taskId, durationMs, artifacts };
    if (error !== undefined) {
      result.error = error;
    } else {
      const json = JSON.stringify(output ?? null);
      const max = this.options.maxResultChars ?? MAX_RESULT_CHARS;
      if (json.length > max) {
        result.truncated = true;
        result.output = `${json.slice(0, max)}…`;
        result.fullOutput = await insertArtifact(this.options.db, {
          runId: run.runId, jobId: run.jobId, planId: run.planId, taskId, callId, ownerId: run.ownerId,
          name: `${name}-output.json`, mediaType: "application/json", content: json,
        });
        output = result.output;
      } else {
        result.output = output ?? null;
      }
    }
    this.writer.write(error ? "warn" : "info", "tool_result", error ? `✗ ${name}: ${error}` : `← ${name} (${durationMs} ms)`, result);
    await this.writer.flush();
    signal.throwIfAborted();
    return this.record(taskId, name, { callId, output, error, artifacts: [...artifacts, ...(result.fullOutput ? [result.fullOutput] : [])], durationMs, ran: true });
  }

  private record(taskId: string | null, tool: string, o: ToolOutcome): ToolOutcome {
    this.outcomes.push({ ...o, taskId, tool });
    return o;
  }

  /**
   * Closes what an earlier attempt left open when its server stopped: a
   * `tool_result` (error "interrupted") for each tool_call without one, and
   * a denial for each approval still waiting, so every call has exactly one
   * result. @param events the job's stored events, in seq order.
   */
  async closeInterrupted(events: readonly { kind: string; data: unknown }[], message: string): Promise<number> {
    const open = new Map<string, ToolCallData>();
    const waiting = new Map<string, ToolCallData>();
    for (const e of events) {
      const d = (e.data ?? {}) as ToolCallData;
      if (e.kind === "tool_call") open.set(d.callId, d);
      else if (e.kind === "tool_result") open.delete(d.callId);
      else if (e.kind === "approval_requested") waiting.set(d.callId, d);
      else if (e.kind === "approval_decided") waiting.delete(d.callId);
    }
    const { runId } = this.options.run;
    for (const d of waiting.values()) {
      await decideApproval(this.options.db, runId, d.callId, { approved: false, by: "interrupted", at: new Date() });
      this.writer.write("warn", "approval_decided", `Denied: ${message}`, { runId, callId: d.callId, tool: d.tool, approved: false, by: "interrupted" });
    }
    for (const d of open.values()) {
      this.writer.write("warn", "tool_result", `✗ ${d.tool}: ${message}`, { runId, callId: d.callId, tool: d.tool, taskId: d.taskId, durationMs: 0, error: message } satisfies ToolResultData);
    }
    await this.writer.flush();
    return open.size + waiting.size;
  }

  /** A call refused before it ran (unknown tool, invalid input): a tool_call and its failed tool_result, so the pair stays complete. */
  private async fail(callId: string, name: string, input: unknown, taskId: string | null, error: string): Promise<ToolOutcome> {
    const { runId } = this.options.run;
    this.writer.write("info", "tool_call", `→ ${name}`, { runId, callId, tool: name, input, taskId } satisfies ToolCallData);
    this.writer.write("warn", "tool_result", `✗ ${name}: ${error}`, { runId, callId, tool: name, taskId, durationMs: 0, error } satisfies ToolResultData);
    await this.writer.flush();
    return this.record(taskId, name, { callId, error, artifacts: [], durationMs: 0, ran: false });
  }

  private async awaitApproval(callId: string, name: string, input: unknown, taskId: string | null): Promise<{ approved: boolean; reason: string }> {
    const { db, run, signal, approval } = this.options;
    const expiresAt = new Date(Date.now() + approval.timeoutMs);
    await insertApproval(db, { runId: run.runId, callId, jobId: run.jobId, tool: name, input, expiresAt });
    this.writer.write("warn", "approval_requested", `Waiting for approval: ${name}`, { runId: run.runId, callId, tool: name, input, taskId, expiresAt: expiresAt.toISOString() });
    await this.writer.flush();
    for (;;) {
      const row = await findApproval(db, run.runId, callId);
      if (row && row.status !== "pending") {
        const approved = row.status === "approved";
        this.writer.write("info", "approval_decided", `${approved ? "Approved" : "Denied"} by ${row.decidedBy}: ${name}`, {
          runId: run.runId, callId, tool: name, approved, by: row.decidedBy ?? "unknown",
        });
        await this.writer.flush();
        return { approved, reason: `A person denied this call (${row.decidedBy})` };
      }
      if (Date.now() >= expiresAt.getTime() && (await decideApproval(db, run.runId, callId, { approved: false, by: "timeout", at: new Date() }))) {
        this.writer.write("warn", "approval_decided", `Denied: no answer within ${approval.timeoutMs} ms: ${name}`, {
          runId: run.runId, callId, tool: name, approved: false, by: "timeout", reason: "timeout",
        });
        await this.writer.flush();
        return { approved: false, reason: `Nobody approved this call within ${approval.timeoutMs} ms` };
      }
      await sleep(APPROVAL_POLL_MS, signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return raceAbort(new Promise<void>((r) => setTimeout(r, ms)), signal);
}

/** Settles with `p`, or rejects with the signal's reason as soon as it aborts (a tool that ignores its signal cannot hold the run). */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}
