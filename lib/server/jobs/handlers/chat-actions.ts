import "server-only";
import { z } from "zod";
import { generateStructured } from "../../llm/generate.ts";
import { planOutlineSchema } from "../../llm/schemas.ts";
import { appendTasks } from "../../plans/plans-repo.ts";
import { defineJob } from "../define-job.ts";
import { addJobStats, jobLog } from "../job-logger.ts";
import { say } from "./say.ts";

export const chatActionsParams = z.object({
  conversationId: z.string(),
  messageId: z.string(),
  language: z.enum(["en", "zh-CN"]),
  planId: z.string().nullable(),
  /** Present when the message's create_plan action was accepted. */
  createPlan: z.object({ title: z.string(), goal: z.string() }).nullable(),
  /** Child jobs created for the message's other actions. */
  dispatched: z.array(z.object({ jobId: z.string(), jobType: z.string(), kind: z.string() })),
});
export type ChatActionsParams = z.infer<typeof chatActionsParams>;

/**
 * The tracking job of one chat message (seed 000, phase two): runs
 * create_plan (the model drafts the top-level tasks, which are written to the
 * plan) and reports the child jobs that carry the message's other actions.
 */
export const chatActionsJob = defineJob({
  type: "chat_actions",
  schema: chatActionsParams,
  async handle(p, { deps }) {
    const count = (p.createPlan ? 1 : 0) + p.dispatched.length;
    const l = p.language;
    jobLog.info(say(l, `Processing ${count} action(s) for this message`, `正在处理本条消息的 ${count} 个操作`));
    const createdTaskIds: string[] = [];
    const existing = p.planId ? await deps.db.task.count({ where: { planId: p.planId, parentId: null } }) : 0;
    if (p.createPlan && p.planId && existing > 0) {
      // A retry after the tasks were written: never write them twice.
      jobLog.info(say(l, `create_plan: the plan already has ${existing} top-level tasks; nothing to add`, `create_plan：计划已有 ${existing} 个顶层任务，无需再添加`));
    } else if (p.createPlan && p.planId) {
      jobLog.info(say(l, `create_plan: drafting "${p.createPlan.title}"`, `create_plan：正在起草「${p.createPlan.title}」`));
      const { object } = await generateStructured({
        model: deps.model,
        schema: planOutlineSchema,
        fields: { Request: "plan_outline", Language: p.language, Goal: p.createPlan.goal },
      });
      for (const step of object.narration) jobLog.planningStep(step, { action: "create_plan" });
      const rows = await appendTasks(deps.db, p.planId, null, object.tasks);
      createdTaskIds.push(...rows.map((r) => r.id));
      addJobStats({ createdTasks: rows.length });
      rows.forEach((r, i) => jobLog.info(`${i + 1}. ${r.title}`, { taskId: r.id }));
      jobLog.tasksUpdated(p.planId, createdTaskIds, say(l, `Created ${rows.length} top-level tasks`, `已创建 ${rows.length} 个顶层任务`));
    }
    for (const d of p.dispatched) jobLog.info(say(l, `${d.kind} continues in job ${d.jobId} (${d.jobType})`, `${d.kind} 在任务 ${d.jobId}（${d.jobType}）中继续`), d);
    return { planId: p.planId, createdTaskIds };
  },
});
