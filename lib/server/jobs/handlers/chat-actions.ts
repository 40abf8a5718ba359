import "server-only";
import { z } from "zod";
import { LANGUAGES } from "@/lib/shared/language";
import { logLine } from "../../i18n/messages.ts";
import { planOutlineSchema } from "../../llm/schemas.ts";
import { appendTasks, countTopLevelTasks } from "../../plans/plans-repo.ts";
import { defineJob } from "../define-job.ts";
import { notifyPlanChanged } from "../../plans/plan-changes.ts";
import { jobLog, tasksUpdatedEvent, type LogEventDraft } from "../job-logger.ts";

export const chatActionsPayload = z.object({
  conversationId: z.string(),
  messageId: z.string(),
  language: z.enum(LANGUAGES),
  planId: z.string().nullable(),
  /** Present when the message's create_plan action was accepted. */
  createPlan: z.object({ title: z.string(), goal: z.string() }).nullable(),
  /** Child jobs created for the message's other actions. */
  dispatched: z.array(z.object({ jobId: z.string(), jobType: z.string(), kind: z.string() })),
});
export type ChatActionsPayload = z.infer<typeof chatActionsPayload>;

/**
 * The tracking job of one chat message (seed 000, phase two): runs
 * create_plan (the model drafts the top-level tasks, which are written to the
 * plan) and reports the child jobs that carry the message's other actions.
 */
export const chatActionsJob = defineJob({
  name: "chat_actions",
  schema: chatActionsPayload,
  async handle(p, { deps, generate, addStats, commitWith }) {
    const l = p.language;
    jobLog.infoT(l, "chat_actions.processing", { count: (p.createPlan ? 1 : 0) + p.dispatched.length });
    const createdTaskIds: string[] = [];
    const existing = p.planId ? await countTopLevelTasks(deps.db, p.planId) : 0;
    if (p.createPlan && p.planId && existing > 0) {
      // A retry after the tasks were written: never write them twice.
      jobLog.infoT(l, "chat_actions.plan_exists", { count: existing });
    } else if (p.createPlan && p.planId) {
      jobLog.infoT(l, "chat_actions.drafting", { title: p.createPlan.title });
      const { object } = await generate({ schema: planOutlineSchema, fields: { Request: "plan_outline", Language: l, Goal: p.createPlan.goal } });
      for (const step of object.narration) jobLog.planningStep(step, { action: "create_plan" });
      const planId = p.planId;
      const rows = await commitWith(async (tx) => {
        const created = await appendTasks(tx, planId, null, object.tasks);
        const ids = created.map((r) => r.id);
        const line = logLine(l, "chat_actions.created", { count: created.length });
        return {
          value: created,
          events: [
            ...created.map((r, i): LogEventDraft => ({ level: "info", kind: "log", message: `${i + 1}. ${r.title}`, data: { taskId: r.id } })),
            tasksUpdatedEvent(planId, ids, line.message, line.data),
          ],
        };
      });
      notifyPlanChanged(deps.bus, planId);
      createdTaskIds.push(...rows.map((r) => r.id));
      addStats({ createdTasks: rows.length });
    }
    for (const d of p.dispatched) jobLog.infoT(l, "chat_actions.dispatched", d, d);
    return { planId: p.planId, createdTaskIds };
  },
});
