import "server-only";
import { z } from "zod";
import { LANGUAGES } from "@/lib/shared/language";
import { PLAN_LIMITS } from "@/lib/shared/plans";
import { logLine } from "../../i18n/messages.ts";
import { subtasksSchema } from "../../llm/schemas.ts";
import { appendTasks, countTasks, findPlanById, findTask, listTasks } from "../../plans/plans-repo.ts";
import { defineJob, NonRetryableError } from "../define-job.ts";
import { notifyPlanChanged } from "../../plans/plan-changes.ts";
import { jobLog, tasksUpdatedEvent } from "../job-logger.ts";

export const planDecomposePayload = z.object({
  planId: z.string(),
  /** The task to split; null splits every top-level task that has no subtasks yet. */
  taskId: z.string().nullable(),
  language: z.enum(LANGUAGES),
  /** The cancelled or failed plan_decompose job this one resumes (POST /api/jobs/{id}/resume): what it split is not split again. */
  resumeOf: z.string().optional(),
});

/** How far back a chain of resumed jobs is followed. */
const RESUME_CHAIN_LIMIT = 50;

/** Events read back to find what an earlier attempt already committed. */
const HISTORY_LIMIT = 100_000;

/**
 * Splits tasks into subtasks (seed 001): one model call per task, each
 * followed by ONE transaction that writes the subtasks with their
 * `tasks_updated` event, then a `progress` event. A named task that already
 * has subtasks gets its subtasks split instead (no second set under it). Idempotent across attempts:
 * a task whose subtasks an earlier attempt committed (its `tasks_updated`
 * event names it as `parentId`) is not split again. A task deleted meanwhile
 * is skipped with a warning; the plan's limits (tasks, depth) are kept.
 * A job that resumes another (`resumeOf`, following that job's own
 * `resumeOf` chain) skips what those jobs split the same way.
 */
export const planDecomposeJob = defineJob({
  name: "plan_decompose",
  schema: planDecomposePayload,
  async handle(p, { deps, job, signal, generate, addStats, commitWith }) {
    const plan = await findPlanById(deps.db, p.planId);
    if (!plan) throw new NonRetryableError(`Plan ${p.planId} no longer exists`);
    const tasks = await listTasks(deps.db, p.planId);
    const hasChildren = new Set(tasks.map((task) => task.parentId).filter(Boolean));
    const named = p.taskId ? tasks.find((task) => task.id === p.taskId) : undefined;
    if (p.taskId && !named) throw new NonRetryableError(`Task ${p.taskId} is not in plan ${p.planId}`);
    const l = p.language;
    // Split by an earlier attempt of this job, or by the job(s) it resumes.
    const splitBy = async (jobId: string) =>
      (await deps.store.eventsAfter(jobId, 0, HISTORY_LIMIT))
        .filter((e) => e.kind === "tasks_updated")
        .map((e) => (e.data as { parentId?: string } | null)?.parentId)
        .filter((id): id is string => !!id);
    const done = new Set(job.attempt > 1 ? await splitBy(job.id) : []);
    const resumed = new Set<string>();
    for (let id = p.resumeOf; id && !resumed.has(id) && resumed.size < RESUME_CHAIN_LIMIT; ) {
      resumed.add(id);
      for (const taskId of await splitBy(id)) done.add(taskId);
      const older = await deps.store.find(id);
      id = (older?.params as { resumeOf?: string } | null)?.resumeOf;
    }
    if (p.resumeOf) jobLog.infoT(l, "decompose.resuming", { jobId: p.resumeOf, count: done.size });
    // "Split X further" on a task that already has subtasks splits those subtasks (one level deeper), never X
    // again; unless this job's own earlier attempt wrote them (then X is done, below).
    const targets = named
      ? hasChildren.has(named.id) && !done.has(named.id)
        ? tasks.filter((task) => task.parentId === named.id && !hasChildren.has(task.id))
        : [named]
      : tasks.filter((task) => task.parentId === null && !hasChildren.has(task.id));
    if (named && targets[0] !== named) jobLog.infoT(l, "decompose.deeper", { title: named.title, count: targets.length }, { taskId: named.id });
    if (targets.length === 0) {
      jobLog.warnT(l, "decompose.nothing", undefined);
      return { createdTaskCount: 0 };
    }
    const depthOf = (id: string | null): number => (id ? 1 + depthOf(tasks.find((x) => x.id === id)?.parentId ?? null) : 0);
    jobLog.infoT(l, "decompose.start", { count: targets.length, plan: plan.title });
    jobLog.progress(0, targets.length);
    let created = 0;
    for (const [i, task] of targets.entries()) {
      signal.throwIfAborted();
      jobLog.infoT(l, "decompose.task", { n: i + 1, total: targets.length, title: task.title }, { taskId: task.id });
      if (done.has(task.id)) {
        jobLog.infoT(l, "decompose.already_done", { title: task.title }, { taskId: task.id });
      } else if (depthOf(task.id) >= PLAN_LIMITS.maxDepth) {
        jobLog.warnT(l, "decompose.too_deep", { title: task.title, depth: PLAN_LIMITS.maxDepth }, { taskId: task.id });
      } else {
        const { object } = await generate({
          schema: subtasksSchema,
          fields: { Request: "subtasks", Language: l, Goal: plan.goal, Task: task.title, TaskId: task.id, TaskDescription: task.description },
        });
        for (const step of object.narration) jobLog.planningStep(step, { taskId: task.id });
        const rows = await commitWith(async (tx) => {
          // Written only where the task still is: an edit that deleted it meanwhile wins.
          if (!(await findTask(tx, p.planId, task.id))) {
            return { value: [], events: [{ level: "warn" as const, kind: "log" as const, ...logLine(l, "decompose.task_gone", { title: task.title }, { taskId: task.id }) }] };
          }
          const room = PLAN_LIMITS.maxTasks - (await countTasks(tx, p.planId));
          const drafts = object.subtasks.slice(0, Math.max(0, room));
          const added = await appendTasks(tx, p.planId, task.id, drafts);
          const line = logLine(l, "decompose.added", { count: added.length, title: task.title }, { parentId: task.id });
          const events = [tasksUpdatedEvent(p.planId, added.map((r) => r.id), line.message, line.data)];
          if (drafts.length < object.subtasks.length) {
            events.unshift({ level: "warn", kind: "log", ...logLine(l, "decompose.plan_full", { max: PLAN_LIMITS.maxTasks }, { taskId: task.id }) });
          }
          return { value: added, events };
        });
        notifyPlanChanged(deps.bus, p.planId);
        created += rows.length;
        addStats({ createdTasks: rows.length });
      }
      jobLog.progress(i + 1, targets.length);
    }
    jobLog.infoT(l, "decompose.done", { count: created });
    return { createdTaskCount: created };
  },
});
