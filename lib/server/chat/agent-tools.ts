import "server-only";
// The read-only tools of the streamed chat (seed 003): look at the plan
// (get_plan), find tasks (find_tasks), the built-in calculate and schedule,
// and write_design_document (writes only an artifact of the turn). They run
// here, inside the turn, under its AbortSignal and their timeout, and report
// on the chat stream (tool_call_start / _progress / _end), not in a job's
// log: the ToolExecutor's events belong to plan_execute jobs. Side-effecting
// work still goes through the gate and jobs.
import { tool, type Tool } from "ai";
import type { z } from "zod";
import type { ChatStreamData, ChatStreamEventName, ProcessingStage } from "@/lib/shared/chat-stream";
import type { Language } from "@/lib/shared/language";
import { buildTaskTree, type TaskNode } from "@/lib/shared/plans";
import type { Db } from "../db/client.ts";
import type { Plan } from "../db/generated/client.ts";
import { listTasks, toTaskDto } from "../plans/plans-repo.ts";
import { builtinTools } from "../tools/registry.ts";
import { MAX_RESULT_CHARS } from "../tools/tool-executor.ts";
import type { ToolContext } from "../tools/types.ts";
import {
  findTasksInput,
  getPlanInput,
  MAX_TASKS_SHOWN,
  OPEN_STATUSES,
  writeDesignDocumentInput,
  type ChatTaskView,
  type FindTasksOutput,
  type GetPlanOutput,
  type WriteDesignDocumentOutput,
} from "./agent-tool-schemas.ts";
import { writeDesignDocument } from "./agent-design-doc.ts";

/** What the tools of one turn need: where they look, how they report. */
export type ChatToolContext = {
  db: Db;
  turnId: string;
  ownerId: string;
  language: Language;
  /** The plan the message is about (the conversation's), or null. */
  plan: Plan | null;
  /** The turn's signal: stop and shutdown abort the call in flight. */
  signal: AbortSignal;
  emit<K extends ChatStreamEventName>(event: K, data: ChatStreamData<K>): void;
  stage(stage: ProcessingStage): void;
  /** Called once a design document is stored. */
  onDesignDocument(doc: WriteDesignDocumentOutput): void;
};

type Run<I> = (input: I, c: { signal: AbortSignal; progress(message: string): void; callId: string }) => Promise<unknown>;
type ChatToolSpec<I> = { name: string; description: string; inputSchema: z.ZodType<I>; timeoutMs: number; run: Run<I>; announce?: (output: unknown) => void };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inputs are validated by each tool's schema
type AnyChatToolSpec = ChatToolSpec<any>;
/** Keeps the input type between a tool's schema and its implementation. */
const define = <I>(spec: ChatToolSpec<I>): AnyChatToolSpec => spec;

/** Own tools' timeout, ms. */
const CHAT_TOOL_TIMEOUT_MS = 10_000;

class ChatToolError extends Error {
  override name = "ChatToolError";
}

/** The plan's tasks in tree order with outline numbers ("3.2") and depth. */
function outline(nodes: TaskNode[], prefix = "", depth = 0): (ChatTaskView & { description: string })[] {
  return nodes.flatMap((n, i) => {
    const number = `${prefix}${i + 1}`;
    return [{ number, title: n.title, status: n.status, depth, description: n.description }, ...outline(n.children, `${number}.`, depth + 1)];
  });
}

const view = ({ number, title, status, depth }: ChatTaskView): ChatTaskView => ({ number, title, status, depth });

async function readOutline(ctx: ChatToolContext, plan: Plan, progress: (m: string) => void) {
  const rows = await listTasks(ctx.db, plan.id);
  const all = outline(buildTaskTree(rows.map(toTaskDto)));
  progress(ctx.language === "zh-CN" ? `已读取 ${all.length} 个任务` : `Read ${all.length} task(s)`);
  return all;
}

function specs(ctx: ChatToolContext): AnyChatToolSpec[] {
  const builtins = builtinTools().filter((t) => t.name === "calculate" || t.name === "schedule");
  const toolContext = (signal: AbortSignal): ToolContext => ({
    runId: "",
    jobId: "",
    planId: ctx.plan?.id ?? "",
    taskId: null,
    ownerId: ctx.ownerId,
    signal,
    saveArtifact: () => Promise.reject(new ChatToolError("This tool cannot save files in a chat turn")),
  });
  const own: AnyChatToolSpec[] = [
    define({
      name: "get_plan",
      description: "The conversation's plan: title, goal, counts and every task (outline number, title, status, depth). No input.",
      inputSchema: getPlanInput,
      timeoutMs: CHAT_TOOL_TIMEOUT_MS,
      run: async (_input: z.infer<typeof getPlanInput>, c): Promise<GetPlanOutput> => {
        if (!ctx.plan) return { plan: null };
        const all = await readOutline(ctx, ctx.plan, c.progress);
        const done = all.filter((t) => t.status === "done" || t.status === "skipped").length;
        return { plan: { id: ctx.plan.id, title: ctx.plan.title, goal: ctx.plan.goal }, total: all.length, done, left: all.length - done, tasks: all.slice(0, MAX_TASKS_SHOWN).map(view) };
      },
    }),
    define({
      name: "find_tasks",
      description: `Tasks of the conversation's plan whose title or description contains \`query\` (null = any) and whose status is one of \`statuses\` (null = any; what is left: ${OPEN_STATUSES.join(", ")}).`,
      inputSchema: findTasksInput,
      timeoutMs: CHAT_TOOL_TIMEOUT_MS,
      run: async (input: z.infer<typeof findTasksInput>, c): Promise<FindTasksOutput> => {
        if (!ctx.plan) return { plan: null };
        const all = await readOutline(ctx, ctx.plan, c.progress);
        const q = input.query?.trim().toLowerCase() ?? "";
        const matches = all.filter((t) => (!q || `${t.title}\n${t.description}`.toLowerCase().includes(q)) && (!input.statuses || input.statuses.includes(t.status)));
        return { plan: { id: ctx.plan.id, title: ctx.plan.title }, total: all.length, matches: matches.slice(0, MAX_TASKS_SHOWN).map(view) };
      },
    }),
    define({
      name: "write_design_document",
      description: "Writes the conversation's plan up as a Markdown design document (title, goal, the tasks as an outline with statuses and run results), stored as a file the user can view and download. `title` null = the plan's title.",
      inputSchema: writeDesignDocumentInput,
      timeoutMs: CHAT_TOOL_TIMEOUT_MS,
      run: async (input: z.infer<typeof writeDesignDocumentInput>, c): Promise<WriteDesignDocumentOutput> => {
        if (!ctx.plan) throw new ChatToolError("This conversation has no plan to write up yet");
        c.progress(ctx.language === "zh-CN" ? "正在整理设计文档" : "Writing the design document");
        return writeDesignDocument(ctx.db, { plan: ctx.plan, title: input.title, turnId: ctx.turnId, callId: c.callId, ownerId: ctx.ownerId, language: ctx.language });
      },
      announce: (output) => {
        const doc = output as WriteDesignDocumentOutput;
        ctx.onDesignDocument(doc);
        ctx.emit("design_document_generated", { artifactId: doc.artifactId, title: doc.title, format: "markdown", name: doc.name, bytes: doc.bytes, url: `/api/artifacts/${doc.artifactId}` });
      },
    }),
  ];
  const wrapped = builtins.map(
    (b): AnyChatToolSpec => ({ name: b.name, description: b.description, inputSchema: b.inputSchema, timeoutMs: b.timeoutMs, run: (input, c) => b.execute(input, toolContext(c.signal)) }),
  );
  return [...wrapped, ...own];
}

/** Settles with `p`, or rejects with the signal's reason as soon as it aborts (a tool that ignores its signal cannot hold the turn). */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** An output as the event shows it: as is, or its JSON cut to MAX_RESULT_CHARS with "…". */
function shown(output: unknown): unknown {
  const json = JSON.stringify(output ?? null);
  return json.length > MAX_RESULT_CHARS ? `${json.slice(0, MAX_RESULT_CHARS)}…` : (output ?? null);
}

/**
 * The turn's tools as AI SDK `tool()` definitions. Each call emits
 * `tool_call_start` {callId, tool, input}, any `tool_call_progress`, then
 * `tool_call_end` with the output (its JSON cut to MAX_RESULT_CHARS in the
 * event) or the error and the duration; the stage turns `calling_tools`.
 * A failed call throws its error to the model (the AI SDK hands it back as
 * the tool's result); a stopped turn ends the call with error "Stopped"
 * and rejects with the stop. `started`
 * collects the call ids that got a tool_call_start.
 */
export function chatTools(ctx: ChatToolContext, started: Set<string>): Record<string, Tool> {
  const out: Record<string, Tool> = {};
  for (const spec of specs(ctx)) {
    out[spec.name] = tool({
      description: spec.description,
      inputSchema: spec.inputSchema,
      execute: async (input: unknown, options: { toolCallId: string }) => {
        const callId = options.toolCallId;
        started.add(callId);
        ctx.stage("calling_tools");
        ctx.emit("tool_call_start", { callId, tool: spec.name, input });
        const t0 = performance.now();
        const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(spec.timeoutMs)]);
        const progress = (message: string) => ctx.emit("tool_call_progress", { callId, tool: spec.name, message });
        try {
          const output = await raceAbort(spec.run(input, { signal, progress, callId }), signal);
          ctx.emit("tool_call_end", { callId, tool: spec.name, output: shown(output), durationMs: Math.round(performance.now() - t0) });
          spec.announce?.(output);
          return output;
        } catch (e) {
          if (ctx.signal.aborted) {
            // The turn stops: the chip still gets its end.
            ctx.emit("tool_call_end", { callId, tool: spec.name, error: "Stopped", durationMs: Math.round(performance.now() - t0) });
            throw e;
          }
          const error = signal.aborted ? `Timed out after ${spec.timeoutMs} ms` : e instanceof Error ? e.message : String(e);
          ctx.emit("tool_call_end", { callId, tool: spec.name, error, durationMs: Math.round(performance.now() - t0) });
          throw new ChatToolError(error);
        }
      },
    }) as Tool;
  }
  return out;
}

/** Names of the chat's tools, in the order they are offered. */
export const CHAT_TOOL_NAMES = ["calculate", "schedule", "get_plan", "find_tasks", "write_design_document"] as const;
