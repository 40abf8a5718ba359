import "server-only";
import { z } from "zod";
import { generateStructured } from "../../llm/generate.ts";
import { subtasksSchema } from "../../llm/schemas.ts";
import { appendTasks, listTasks } from "../../plans/plans-repo.ts";
import { defineJob, NonRetryableError } from "../define-job.ts";
import { addJobStats, jobLog } from "../job-logger.ts";
import { say } from "./say.ts";

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
      jobLog.warn(say(p.language, "Nothing to decompose: every top-level task already has subtasks", "无需拆解：每个顶层任务都已有子任务"));
      return { createdTaskCount: 0 };
    }
    const l = p.language;
    jobLog.info(say(l, `Decomposing ${targets.length} task(s) of "${plan.title}"`, `正在拆解「${plan.title}」的 ${targets.length} 个任务`));
    jobLog.progress(0, targets.length);
    let created = 0;
    for (const [i, task] of targets.entries()) {
      signal.throwIfAborted();
      jobLog.info(say(l, `Task ${i + 1}/${targets.length}: ${task.title}`, `任务 ${i + 1}/${targets.length}：${task.title}`), { taskId: task.id });
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
      jobLog.tasksUpdated(
        p.planId,
        rows.map((r) => r.id),
        say(l, `Added ${rows.length} subtasks to "${task.title}"`, `已为「${task.title}」添加 ${rows.length} 个子任务`),
      );
      jobLog.progress(i + 1, targets.length);
    }
    jobLog.info(say(l, `Created ${created} subtasks`, `共创建 ${created} 个子任务`));
    return { createdTaskCount: created };
  },
});
