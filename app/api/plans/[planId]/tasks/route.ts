// POST /api/plans/{planId}/tasks – add a task (201 {task}); checked by the same gate as chat operations
import { getDeps } from "@/lib/server/deps";
import { limit } from "@/lib/server/http/rate-limit";
import { readJson, withRoute } from "@/lib/server/http/route";
import { addTask } from "@/lib/server/plans/edit-plan";
import { addTaskSchema, type TaskResponse } from "@/lib/shared/plans";

export const POST = withRoute<{ planId: string }>(async ({ request, viewer, params }) => {
  await limit(request, viewer, "edits");
  const input = await readJson(request, addTaskSchema);
  const body: TaskResponse = { task: await addTask(getDeps(), viewer, params.planId, input) };
  return Response.json(body, { status: 201 });
});
