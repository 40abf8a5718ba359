import "server-only";
import { z } from "zod";
import { LANGUAGES, type Language } from "@/lib/shared/language";
import type { Task } from "../../db/generated/client.ts";
import { logLine } from "../../i18n/messages.ts";
import { applyTaskOperations, findPlanById, listTasks, StaleTaskError } from "../../plans/plans-repo.ts";
import { taskOperationSchema, type TaskOperation } from "../../plans/task-operations.ts";
import { defineJob, NonRetryableError } from "../define-job.ts";
import { notifyPlanChanged } from "../../plans/plan-changes.ts";
import { jobLog, tasksUpdatedEvent, type LogEventDraft } from "../job-logger.ts";

export const taskOperationPayload = z.object({
  planId: z.string(),
  language: z.enum(LANGUAGES),
  /** Checked by the coordinator gate, applied in order, all or nothing. */
  operations: z.array(taskOperationSchema).min(1),
});

/** What one applied operation changed, as a log line with its message key (tasks named as they are at that point of the batch; statuses as codes, put in words by the sentence). */
function describe(o: TaskOperation, before: Map<string, Task>, added: Map<string, string>, l: Language, changed: string[]): ReturnType<typeof logLine> {
  const title = (taskId: string | null) => (taskId ? (added.get(taskId) ?? before.get(taskId)?.title ?? taskId) : "");
  switch (o.op) {
    case "add_task":
      added.set(o.taskId, o.title);
      return logLine(l, "ops.add", { title: o.title, parent: title(o.parentId) });
    case "update_task": {
      if (o.title === undefined) return logLine(l, "ops.describe", { title: title(o.taskId) });
      const line = logLine(l, "ops.rename", { from: title(o.taskId), to: o.title });
      added.set(o.taskId, o.title); // later lines name it by its new title
      return line;
    }
    case "set_task_status":
      return logLine(l, "ops.status", { title: title(o.taskId), from: before.get(o.taskId)?.status ?? "todo", to: o.status });
    case "move_task":
      return logLine(l, "ops.move", { title: title(o.taskId), parent: title(o.parentId), position: (o.position ?? 0) + 1 });
    case "delete_task":
      return logLine(l, "ops.delete", { title: title(o.taskId), count: changed.length });
  }
}

/**
 * Applies the plan and task operations of one chat message (seed 000) in
 * ONE transaction: every operation commits with a log line saying what
 * changed and its `tasks_updated` event (the changed task ids), or none does.
 * An operation whose task changed since the message was gated (another
 * planner's edit) fails the whole batch with a warning: nothing overwrites a
 * newer edit, and retrying would not help.
 */
export const taskOperationJob = defineJob({
  name: "task_operation",
  schema: taskOperationPayload,
  async handle(p, { deps, commitWith }) {
    const l = p.language;
    const plan = await findPlanById(deps.db, p.planId);
    if (!plan) throw new NonRetryableError(`Plan ${p.planId} no longer exists`);
    jobLog.infoT(l, "ops.start", { count: p.operations.length, plan: plan.title });
    try {
      const changed = await commitWith(async (tx) => {
        const before = new Map((await listTasks(tx, p.planId)).map((task) => [task.id, task]));
        const perOperation = await applyTaskOperations(tx, p.planId, p.operations);
        const added = new Map<string, string>();
        const events: LogEventDraft[] = p.operations.flatMap((o, i) => {
          const line = describe(o, before, added, l, perOperation[i]);
          const ref = { msgKey: line.data.msgKey, msgParams: line.data.msgParams };
          return [
            { level: "info" as const, kind: "log" as const, message: line.message, data: { op: o.op, taskId: o.taskId, ...ref } },
            tasksUpdatedEvent(p.planId, perOperation[i], line.message, { op: o.op, ...ref }),
          ];
        });
        return { value: perOperation, events };
      });
      notifyPlanChanged(deps.bus, p.planId);
      return { planId: p.planId, changedTaskIds: [...new Set(changed.flat())] };
    } catch (error) {
      if (!(error instanceof StaleTaskError)) throw error;
      jobLog.warnT(l, "ops.stale", { reason: error.message }, { taskId: error.taskId, currentVersion: error.current?.version ?? null });
      throw new NonRetryableError(error.message);
    }
  },
});
