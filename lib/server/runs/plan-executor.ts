import "server-only";
import { generateText, stepCountIs } from "ai";
import { z } from "zod";
import type { Language } from "@/lib/shared/language";
import { buildTaskTree, type TaskNode, type TaskStatus } from "@/lib/shared/plans";
import type { ArtifactRef, NodeSkippedData, RunCounts, WorkflowStartedData } from "@/lib/shared/runs";
import type { Task } from "../db/generated/client.ts";
import { logLine, t } from "../i18n/messages.ts";
import { ExecutionEventWriter, type ExecutionDraft } from "../jobs/capabilities.ts";
import { NonRetryableError, type HandlerContext } from "../jobs/define-job.ts";
import { jobLog, tasksUpdatedEvent } from "../jobs/job-logger.ts";
import { buildPrompt } from "../llm/prompts.ts";
import { budgetedModel } from "../limits/budgeted-model.ts";
import { ToolCallCap } from "../limits/tool-call-cap.ts";
import { notifyPlanChanged } from "../plans/plan-changes.ts";
import { findPlanById, listTasks, setTaskStatus, toTaskDto } from "../plans/plans-repo.ts";
import { ToolExecutor, type ApprovalMode } from "../tools/tool-executor.ts";
import type { AnyToolSpec } from "../tools/types.ts";
import { readEarlierAttempts } from "./run-history.ts";
import { findRun, findTaskResults, saveTaskResult, updateRun } from "./runs-repo.ts";

export const planExecutePayload = z.object({
  runId: z.string(),
  planId: z.string(),
  /** The task whose subtree runs; null = the whole plan. */
  taskId: z.string().nullable(),
  language: z.string(),
});
export type PlanExecutePayload = z.infer<typeof planExecutePayload>;

export type PlanExecutorOptions = {
  /** The tools offered to the model (the process's registry). */
  tools: AnyToolSpec[];
  approval: { mode: ApprovalMode; timeoutMs: number };
  /** Model steps (and tool calls) per task: EXECUTE_MAX_STEPS. */
  maxSteps: number;
  /** issue 13 — limits: tool calls per run, its attempts together (EXECUTE_MAX_TOOL_CALLS; default unbounded). */
  maxToolCalls?: number;
};

/** TaskResult key of the run's last step (the calendar). */
const FINISH_KEY = "run:finish";
/** Events read back from earlier attempts. */
const HISTORY_LIMIT = 100_000;
/** Characters of earlier results given to the model per task. */
const RESULTS_CONTEXT_CHARS = 1500;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Subtree rooted at `taskId` (or the whole forest), with its order: pre-order starts, post-order completions. */
function scope(tasks: Task[], taskId: string | null): TaskNode[] {
  const forest = buildTaskTree(tasks.map(toTaskDto));
  if (!taskId) return forest;
  const find = (nodes: TaskNode[]): TaskNode | undefined => {
    for (const n of nodes) {
      if (n.id === taskId) return n;
      const hit = find(n.children);
      if (hit) return hit;
    }
  };
  const root = find(forest);
  return root ? [root] : [];
}

const flatten = (nodes: TaskNode[]): TaskNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

/**
 * The plan executor (seed 004, docs/design.md "Runs"): walks the task tree in
 * order (a task's subtasks before the task completes), and for each leaf calls
 * the model with the task, the plan and what earlier tasks produced, offering
 * the tools through a ToolExecutor (at most `maxSteps` model steps). Each
 * task's outcome commits in one transaction with its status, `tasks_updated`,
 * its `node_*` event and the run's counters; statuses move todo → in_progress
 * → done | failed. A leaf counts as done only when a tool call succeeded for
 * it; otherwise its result is advice and the task goes back to its status
 * before the run, for a person (`manual: true`; a parent is done only when all
 * its subtasks are). Then one run-level step makes the calendar of the scheduled
 * tasks, and `workflow_complete` commits with the run's completion mark.
 *
 * Retries: results are keyed by run and task, so an attempt skips what an
 * earlier one completed (node_skipped "completed_earlier"), closes the tool
 * calls it left open, and does not repeat a side-effecting call that finished.
 * A failed task stops the run (node_failed, the rest node_skipped "stopped",
 * workflow_failed) and fails the job without retry. Cancel aborts the current
 * model or tool call and sets unfinished tasks back to their status before the run.
 * @throws NonRetryableError when the plan, run or task is gone or a task failed; the abort reason on cancel.
 */
export async function executePlan(p: PlanExecutePayload, ctx: HandlerContext, options: PlanExecutorOptions): Promise<{ runId: string; counts: RunCounts; success: true }> {
  const { deps, job, signal } = ctx;
  const l = p.language as Language;
  const exec = ExecutionEventWriter.forJob(job);
  const plan = await findPlanById(deps.db, p.planId);
  const run = await findRun(deps.db, p.runId);
  if (!plan || !run) throw new NonRetryableError(`Plan ${p.planId} or run ${p.runId} no longer exists`);
  const tasks = await listTasks(deps.db, p.planId);
  const roots = scope(tasks, p.taskId);
  if (p.taskId && roots.length === 0) throw new NonRetryableError(`Task ${p.taskId} is not in plan ${p.planId}`);
  const order = flatten(roots);

  // What earlier attempts of this run did.
  const history = job.attempt > 1 ? await deps.store.eventsAfter(job.id, 0, HISTORY_LIMIT) : [];
  const { before, finished } = readEarlierAttempts(history, order);
  const results = await findTaskResults(deps.db, p.runId);
  const cap = new ToolCallCap(options.maxToolCalls ?? Number.POSITIVE_INFINITY, run.toolCalls);
  const tools = new ToolExecutor({
    db: deps.db,
    run: { runId: run.id, jobId: job.id, planId: plan.id, ownerId: run.ownerId },
    tools: options.tools,
    approval: options.approval,
    signal,
    finished,
    cap,
  });
  if (history.length > 0) await tools.closeInterrupted(history, t(l, "execute.interrupted_call"));

  const counts: RunCounts = { tasksTotal: order.length, tasksDone: 0, tasksManual: 0, tasksFailed: 0, tasksSkipped: 0, toolCalls: run.toolCalls };
  const baseCalls = run.toolCalls;
  const today = job.createdAt.toISOString().slice(0, 10); // stable across attempts, so repeated calls have equal inputs
  const started: WorkflowStartedData & { before: Record<string, TaskStatus>; attempt: number } = {
    runId: run.id, planId: plan.id, taskIds: order.map((n) => n.id), total: order.length, before, attempt: job.attempt,
  };
  await exec.commitWith(async (tx) => {
    await updateRun(tx, run.id, { tasksTotal: order.length });
    return { value: null, events: [{ level: "info", kind: "workflow_started", ...logLine(l, "execute.start", { count: order.length, plan: plan.title }, started) }] };
  });
  jobLog.progress(0, order.length);

  const touched = new Set<string>(); // tasks this attempt set in_progress and has not finished
  const scheduled: { taskId: string; date: string; title: string }[] = [];
  const produced: string[] = [];
  let index = 0;
  const progress = () => jobLog.progress(counts.tasksDone + counts.tasksManual + counts.tasksSkipped + counts.tasksFailed, order.length);

  /** Commits a status change with its node event and the run's counters. */
  const commitNode = (taskId: string, status: TaskStatus | null, event: ExecutionDraft, write?: (tx: Parameters<Parameters<typeof exec.commitWith>[0]>[0]) => Promise<void>) =>
    exec.commitWith(async (tx) => {
      if (write) await write(tx);
      const events: ExecutionDraft[] = [];
      if (status && (await setTaskStatus(tx, plan.id, taskId, status))) events.push(tasksUpdatedEvent(plan.id, [taskId], `${status}`, { status }));
      events.push(event);
      counts.toolCalls = baseCalls + tools.calls;
      await updateRun(tx, run.id, { tasksDone: counts.tasksDone, tasksManual: counts.tasksManual, tasksFailed: counts.tasksFailed, tasksSkipped: counts.tasksSkipped, toolCalls: counts.toolCalls });
      return { value: null, events };
    }).then(() => notifyPlanChanged(deps.bus, plan.id));

  const skip = async (n: TaskNode, reason: NodeSkippedData["reason"]) => {
    if (reason !== "completed_earlier") counts.tasksSkipped += 1;
    else if ((results.get(n.id)?.data as { manual?: boolean } | null)?.manual) counts.tasksManual += 1;
    else counts.tasksDone += 1;
    const key = reason === "completed_earlier" ? "execute.skipped_earlier" : reason === "already_done" ? "execute.skipped_done" : "execute.skipped_stopped";
    await commitNode(n.id, null, { level: "info", kind: "node_skipped", ...logLine(l, key, { title: n.title }, { runId: run.id, taskId: n.id, title: n.title, reason }) });
  };

  type Outcome = { text: string; artifacts: ArtifactRef[]; scheduledDate: string | null; manual: boolean };
  const handedOver = new Set<string>(); // tasks the run could not do: they stay as they were, for a person
  const runLeaf = async (n: TaskNode): Promise<Outcome> => {
    const from = tools.outcomes.length;
    const { system, prompt } = buildPrompt({
      Request: "execute_task", Language: l, Goal: plan.goal, Plan: plan.title, Task: n.title, TaskId: n.id, TaskDescription: n.description,
      Today: today, Results: clip(produced.join(" ;; "), RESULTS_CONTEXT_CHARS),
    });
    const started = performance.now();
    const r = await generateText({ model: budgetedModel(deps.model, { db: deps.db, userId: run.ownerId }), system, prompt, tools: tools.toolSet(n.id), stopWhen: [stepCountIs(options.maxSteps), () => cap.reached], abortSignal: signal, maxRetries: 1 });
    ctx.addStats({ llmCalls: r.steps.length, inputTokens: r.totalUsage.inputTokens ?? 0, outputTokens: r.totalUsage.outputTokens ?? 0 });
    if (cap.reached) throw new NonRetryableError(cap.reason);
    jobLog.debug(`Model: ${r.steps.length} step(s) in ${Math.round(performance.now() - started)} ms`, { taskId: n.id, steps: r.steps.length });
    const mine = tools.outcomes.slice(from);
    const dates = mine.flatMap((o) => (o.tool === "schedule" && o.error === undefined && typeof (o.output as { date?: unknown })?.date === "string" ? [(o.output as { date: string }).date] : []));
    // Done only when a tool really did something for it; a text answer alone is advice, not the task done (seed 004).
    const manual = !mine.some((o) => o.error === undefined);
    return { text: r.text.trim() || "—", artifacts: mine.flatMap((o) => o.artifacts), scheduledDate: dates.at(-1) ?? null, manual };
  };

  // depth: 0 for the run's top tasks; node_started carries it so the log can indent its groups.
  const visit = async (n: TaskNode, depth = 0): Promise<boolean> => {
    signal.throwIfAborted();
    const i = ++index;
    if (results.get(n.id)?.status === "completed") {
      await skip(n, "completed_earlier");
      const data = results.get(n.id)!.data as { scheduledDate?: string | null; manual?: boolean } | null;
      if (data?.manual) handedOver.add(n.id);
      if (data?.scheduledDate) scheduled.push({ taskId: n.id, date: data.scheduledDate, title: n.title });
      produced.push(`${n.title}: ${results.get(n.id)!.text}`);
      progress();
      return true;
    }
    if (before[n.id] === "done" && n.status === "done") {
      await skip(n, "already_done");
      index += flatten(n.children).length;
      counts.tasksSkipped += flatten(n.children).length;
      progress();
      return true;
    }
    touched.add(n.id);
    await commitNode(n.id, "in_progress", {
      level: "info", kind: "node_started",
      ...logLine(l, "execute.node_started", { n: i, total: order.length, title: n.title }, { runId: run.id, taskId: n.id, title: n.title, index: i, total: order.length, depth }),
    });
    let outcome: Outcome;
    if (n.children.length > 0) {
      for (const c of n.children) if (!(await visit(c, depth + 1))) return false;
      const open = n.children.filter((c) => handedOver.has(c.id)).length;
      outcome = {
        text: open > 0 ? t(l, "execute.subtasks_manual", { open, count: n.children.length }) : t(l, "execute.subtasks_done", { count: n.children.length }),
        artifacts: [],
        scheduledDate: null,
        manual: open > 0,
      };
    } else {
      try {
        outcome = await runLeaf(n);
      } catch (error) {
        if (signal.aborted) throw error;
        const message = error instanceof Error ? error.message : String(error);
        counts.tasksFailed += 1;
        touched.delete(n.id);
        await commitNode(n.id, "failed", { level: "error", kind: "node_failed", ...logLine(l, "execute.node_failed", { title: n.title, error: message }, { runId: run.id, taskId: n.id, error: message }) }, (tx) =>
          saveTaskResult(tx, { runId: run.id, taskId: n.id, status: "failed", text: message, data: {} }),
        );
        return false;
      }
    }
    if (outcome.manual) {
      counts.tasksManual += 1;
      handedOver.add(n.id);
    } else counts.tasksDone += 1;
    touched.delete(n.id);
    if (outcome.scheduledDate) scheduled.push({ taskId: n.id, date: outcome.scheduledDate, title: n.title });
    produced.push(`${n.title}: ${clip(outcome.text, 200)}`);
    const { text, artifacts, scheduledDate, manual } = outcome;
    await commitNode(
      n.id,
      manual ? (before[n.id] ?? "todo") : "done",
      {
        level: "info",
        kind: "node_completed",
        ...(manual && n.children.length > 0
          ? logLine(l, "execute.node_open", { title: n.title, why: text }, { runId: run.id, taskId: n.id, result: text, artifacts, scheduledDate, manual })
          : logLine(l, manual ? "execute.node_manual" : "execute.node_completed", { title: n.title }, { runId: run.id, taskId: n.id, result: text, artifacts, scheduledDate, manual })),
      },
      (tx) => saveTaskResult(tx, { runId: run.id, taskId: n.id, status: "completed", text, data: { artifacts, scheduledDate, manual } }),
    );
    progress();
    return true;
  };

  try {
    let ok = true;
    for (const root of roots) if (ok) ok = await visit(root);
    if (!ok) {
      // The rest did not run: say so per task, then end the run as failed.
      for (const n of order.slice(index)) await skip(n, "stopped"); // pre-order: everything after the failed task
      for (const id of touched) {
        // Ancestors of the failed task started but cannot complete: back to their status before the run.
        const title = order.find((x) => x.id === id)?.title ?? id;
        await commitNode(id, before[id] ?? "todo", { level: "info", kind: "node_skipped", ...logLine(l, "execute.skipped_stopped", { title }, { runId: run.id, taskId: id, title, reason: "stopped" }) });
      }
      touched.clear();
      const error = cap.reached ? cap.reason : `${counts.tasksFailed} task(s) failed`;
      const failed = logLine(l, "execute.failed", { error }, { runId: run.id, counts, error });
      exec.write("error", "workflow_failed", failed.message, failed.data);
      throw new NonRetryableError(error);
    }
    if (!results.has(FINISH_KEY)) await finish();
    counts.toolCalls = baseCalls + tools.calls;
    await exec.commitWith(async (tx) => {
      await updateRun(tx, run.id, { ...counts, completedAt: new Date() });
      return { value: null, events: [{ level: "info", kind: "workflow_complete", ...logLine(l, "execute.complete", { done: counts.tasksDone, manual: counts.tasksManual, skipped: counts.tasksSkipped, calls: counts.toolCalls }, { runId: run.id, counts }) }] };
    });
    return { runId: run.id, counts, success: true };
  } catch (error) {
    if (signal.aborted && touched.size > 0) {
      // Cancel: unfinished tasks go back to their status before the run (a new signal-free commit).
      const ids = [...touched];
      await exec.commitWith(async (tx) => {
        const changed: string[] = [];
        for (const id of ids) if (await setTaskStatus(tx, plan.id, id, before[id] ?? "todo")) changed.push(id);
        const line = logLine(l, "execute.restored", { count: changed.length });
        return { value: null, events: [tasksUpdatedEvent(plan.id, changed, line.message, line.data)] };
      });
      notifyPlanChanged(deps.bus, plan.id);
    }
    throw error;
  }

  async function finish(): Promise<void> {
    if (!options.tools.some((x) => x.name === "create_calendar") || scheduled.length === 0) return;
    jobLog.infoT(l, "execute.calendar", { count: scheduled.length });
    const { system, prompt } = buildPrompt({
      Request: "finish_run", Language: l, Goal: plan!.goal, Plan: plan!.title, Today: today,
      Scheduled: scheduled.map((s) => `${s.taskId}|${s.date}|${s.title.replace(/\s*(;;|\|)\s*/g, " ")}`).join(" ;; "),
    });
    const r = await generateText({ model: budgetedModel(deps.model, { db: deps.db, userId: run!.ownerId }), system, prompt, tools: tools.toolSet(null, ["create_calendar"]), stopWhen: stepCountIs(options.maxSteps), abortSignal: signal, maxRetries: 1 });
    ctx.addStats({ llmCalls: r.steps.length, inputTokens: r.totalUsage.inputTokens ?? 0, outputTokens: r.totalUsage.outputTokens ?? 0 });
    await exec.commitWith(async (tx) => {
      await saveTaskResult(tx, { runId: run!.id, taskId: FINISH_KEY, status: "completed", text: r.text, data: {} });
      return { value: null, events: [{ level: "info", kind: "log", message: r.text.trim() || "—", data: null }] };
    });
  }
}
