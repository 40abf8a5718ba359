import "server-only";
import { z } from "zod";
import { generateStructured } from "../../llm/generate.ts";
import { subtasksSchema } from "../../llm/schemas.ts";
import { appendTasks, listTasks } from "../../plans/plans-repo.ts";
import { defineJob, NonRetryableError } from "../define-job.ts";
import { addJobStats, jobLog } from "../job-logger.ts";

export const planDecomposeParams = z.object({
  planId: z.string(),
  /** The task to split; null splits every top-level task that has no subtasks yet. */
  taskId: z.string().nullable(),
  language: z.enum(["en", "zh-CN"]),
});

/**
 * Splits tasks into subtasks (seed 001): one model call per task, each
 * followed by a write, a `tasks_updated` event and a `progress` event.
 */
export const planDecomposeJob = defineJob({
  type: "plan_decompose",
  schema: planDecomposeParams,
  async handle(p, { deps, signal }) {
    const plan = await deps.db.plan.findUnique({ where: { id: p.planId } });
    if (!plan) throw new NonRetryableError(`Plan ${p.planId} no longer exists`);
    const tasks = await listTasks(deps.db, p.planId);
    const hasChildren = new Set(tasks.map((t) => t.parentId).filter(Boolean));
    const targets = p.taskId
      ? tasks.filter((t) => t.id === p.taskId)
      : tasks.filter((t) => t.parentId === null && !hasChildren.has(t.id));
    if (p.taskId && targets.length === 0) throw new NonRetryableError(`Task ${p.taskId} is not in plan ${p.planId}`);
    if (targets.length === 0) {
      jobLog.warn("Nothing to decompose: every top-level task already has subtasks");
      return { createdTaskCount: 0 };
    }
    jobLog.info(`Decomposing ${targets.length} task(s) of "${plan.title}"`);
    jobLog.progress(0, targets.length);
    let created = 0;
    for (const [i, task] of targets.entries()) {
      signal.throwIfAborted();
      jobLog.info(`Task ${i + 1}/${targets.length}: ${task.title}`, { taskId: task.id });
      const { object } = await generateStructured({
        model: deps.model,
        schema: subtasksSchema,
        fields: {
          Request: "subtasks",
          Language: p.language,
          Goal: plan.goal,
          Task: task.title,
          TaskId: task.id,
          TaskDescription: task.description,
        },
      });
      for (const step of object.narration) jobLog.planningStep(step, { taskId: task.id });
      const rows = await appendTasks(deps.db, p.planId, task.id, object.subtasks);
      created += rows.length;
      addJobStats({ createdTasks: rows.length });
      jobLog.tasksUpdated(p.planId, rows.map((r) => r.id), `Added ${rows.length} subtasks to "${task.title}"`);
      jobLog.progress(i + 1, targets.length);
    }
    jobLog.info(`Created ${created} subtasks`);
    return { createdTaskCount: created };
  },
});
