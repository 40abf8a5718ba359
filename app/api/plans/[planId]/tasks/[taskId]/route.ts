// PATCH /api/plans/{planId}/tasks/{taskId} – change a task (409 with the current task on a stale version); DELETE – remove it and its subtree
import { getDeps } from "@/lib/server/deps";
import { limit } from "@/lib/server/http/rate-limit";
import { readJson, readQuery, withRoute } from "@/lib/server/http/route";
import { deleteTask, updateTask } from "@/lib/server/plans/edit-plan";
import { deleteTaskQuerySchema, updateTaskSchema, type TaskResponse } from "@/lib/shared/plans";

type Params = { planId: string; taskId: string };

export const PATCH = withRoute<Params>(async ({ request, viewer, params }) => {
  await limit(request, viewer, "edits");
  const input = await readJson(request, updateTaskSchema);
  const body: TaskResponse = { task: await updateTask(getDeps(), viewer, params.planId, params.taskId, input) };
  return Response.json(body);
});

export const DELETE = withRoute<Params>(async ({ request, viewer, params }) => {
  await limit(request, viewer, "edits");
  const { version } = readQuery(request, deleteTaskQuerySchema);
  return Response.json(await deleteTask(getDeps(), viewer, params.planId, params.taskId, version));
});
