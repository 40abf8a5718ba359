import "server-only";
import { z } from "zod";
import { LANGUAGES } from "@/lib/shared/language";
import { t } from "../../i18n/messages.ts";
import { subtasksSchema } from "../../llm/schemas.ts";
import { appendTasks, findPlanById, listTasks } from "../../plans/plans-repo.ts";
import { defineJob, NonRetryableError } from "../define-job.ts";
import { jobLog } from "../job-logger.ts";

export const planDecomposePayload = z.object({
  planId: z.string(),
  /** The task to split; null splits every top-level task that has no subtasks yet. */
  taskId: z.string().nullable(),
  language: z.enum(LANGUAGES),
});

/**
 * Splits tasks into subtasks (seed 001): one model call per task, each
 * followed by a write, a `tasks_updated` event and a `progress` event.
 */
export const planDecomposeJob = defineJob({
  name: "plan_decompose",
  schema: planDecomposePayload,
  async handle(p, { deps, signal, generate, addStats }) {
    const plan = await findPlanById(deps.db, p.planId);
    if (!plan) throw new NonRetryableError(`Plan ${p.planId} no longer exists`);
    const tasks = await listTasks(deps.db, p.planId);
    const hasChildren = new Set(tasks.map((task) => task.parentId).filter(Boolean));
    const targets = p.taskId
      ? tasks.filter((task) => task.id === p.taskId)
      : tasks.filter((task) => task.parentId === null && !hasChildren.has(task.id));
    if (p.taskId && targets.length === 0) throw new NonRetryableError(`Task ${p.taskId} is not in plan ${p.planId}`);
    const l = p.language;
    if (targets.length === 0) {
      jobLog.warn(t(l, "decompose.nothing"));
      return { createdTaskCount: 0 };
    }
    jobLog.info(t(l, "decompose.start", { count: targets.length, plan: plan.title }));
    jobLog.progress(0, targets.length);
    let created = 0;
    for (const [i, task] of targets.entries()) {
      signal.throwIfAborted();
      jobLog.info(t(l, "decompose.task", { n: i + 1, total: targets.length, title: task.title }), { taskId: task.id });
      const { object } = await generate({
        schema: subtasksSchema,
        fields: { Request: "subtasks", Language: l, Goal: plan.goal, Task: task.title, TaskId: task.id, TaskDescription: task.description },
      });
      for (const step of object.narration) jobLog.planningStep(step, { taskId: task.id });
      const rows = await appendTasks(deps.db, p.planId, task.id, object.subtasks);
      created += rows.length;
      addStats({ createdTasks: rows.length });
      jobLog.tasksUpdated(
        p.planId,
        rows.map((r) => r.id),
        t(l, "decompose.added", { count: rows.length, title: task.title }),
      );
      jobLog.progress(i + 1, targets.length);
    }
    jobLog.info(t(l, "decompose.done", { count: created }));
    return { createdTaskCount: created };
  },
});
