// The plan operations of the HTTP API (read, edit, decompose, export, watch).
import "server-only";
import { z } from "zod";
import { addTaskSchema, deleteTaskQuerySchema, planExportQuerySchema, updateTaskSchema } from "@/lib/shared/plans";
import { errors, json, ok, sseContent } from "./responses.ts";
import { deleteTaskResponseSchema, jobDtoSchema, planListSchema, planTreeSchema, staleTaskErrorSchema, taskResponseSchema } from "./schemas.ts";

const planPath = z.object({ planId: z.string().meta({ description: "Plan id" }) });
const taskPath = planPath.extend({ taskId: z.string().meta({ description: "Task id" }) });
const stale = {
  "409": { description: "The task changed since the given version; `details.task` is the task as it is now", content: json(staleTaskErrorSchema) },
};
const edits =
  "Checked by the same gate as chat operations (the plan and task exist, no cycle, at most 500 tasks and 5 levels, titles ≤ 200 characters); " +
  "a broken rule answers 400 with its reason and writes nothing. Only the plan's owner edits (support: 403).";

export const planPaths = {
  "/api/plans": {
    get: {
      tags: ["plans"],
      operationId: "listPlans",
      summary: "The caller's plans (support: everyone's)",
      responses: { ...ok("The plans", planListSchema), ...errors() },
    },
  },
  "/api/plans/{planId}": {
    get: {
      tags: ["plans"],
      operationId: "getPlan",
      summary: "A plan and its task tree",
      requestParams: { path: planPath },
      responses: { ...ok("The plan and its tasks (children ordered by position)", planTreeSchema), ...errors(404) },
    },
  },
  "/api/plans/{planId}/tasks": {
    post: {
      tags: ["plans"],
      operationId: "addTask",
      summary: "Add a task",
      description: edits,
      requestParams: { path: planPath },
      requestBody: { content: json(addTaskSchema) },
      responses: { ...ok("The new task", taskResponseSchema, 201), ...errors(400, 403, 404, 413, 429) },
    },
  },
  "/api/plans/{planId}/tasks/{taskId}": {
    patch: {
      tags: ["plans"],
      operationId: "updateTask",
      summary: "Change a task: title, description, status, parent and position",
      description: `${edits} \`version\` must be the task's current one.`,
      requestParams: { path: taskPath },
      requestBody: { content: json(updateTaskSchema) },
      responses: { ...ok("The task as it is now", taskResponseSchema), ...errors(400, 403, 404, 413, 429), ...stale },
    },
    delete: {
      tags: ["plans"],
      operationId: "deleteTask",
      summary: "Delete a task and its subtree",
      requestParams: { path: taskPath, query: deleteTaskQuerySchema },
      responses: { ...ok("The deleted task ids", deleteTaskResponseSchema), ...errors(400, 403, 404, 429), ...stale },
    },
  },
  "/api/plans/{planId}/tasks/{taskId}/decompose": {
    post: {
      tags: ["plans"],
      operationId: "decomposeTask",
      summary: "Split one task into subtasks in a background plan_decompose job",
      requestParams: { path: taskPath },
      responses: { ...ok("The job, pending", z.object({ jobId: z.string(), job: jobDtoSchema }), 202), ...errors(400, 403, 404, 429) },
    },
  },
  "/api/plans/{planId}/export": {
    get: {
      tags: ["plans"],
      operationId: "exportPlan",
      summary: "The plan as a Markdown checklist or as its JSON tree",
      requestParams: { path: planPath, query: planExportQuerySchema },
      responses: {
        "200": {
          description: "A download",
          content: { "text/markdown": { schema: z.string() }, "application/json": { schema: planTreeSchema } },
        },
        ...errors(400, 404),
      },
    },
  },
  "/api/plans/{planId}/stream": {
    get: {
      tags: ["streams"],
      operationId: "followPlan",
      summary: "Server-sent events: `plan` {planId, updatedAt} at once and whenever the task tree changes; `missing` when the plan is gone",
      requestParams: { path: planPath },
      responses: { "200": sseContent("`plan` frames; refetch GET /api/plans/{planId} on each"), ...errors(404, 429) },
    },
  },
};
