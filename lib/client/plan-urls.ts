// Every plan URL the browser uses, API and page alike (README → API): one
// place that knows the paths and the encoding, like job-urls.ts for jobs.

const enc = encodeURIComponent;

/** Formats of GET /api/plans/{planId}/export. */
export type PlanExportFormat = "md" | "json";

/** GET /api/plans/{planId}: `{plan, tasks}` (the task tree). */
export const planUrl = (planId: string): string => `/api/plans/${enc(planId)}`;

/** POST /api/plans/{planId}/tasks: a new task (201 `{task}`). */
export const planTasksUrl = (planId: string): string => `/api/plans/${enc(planId)}/tasks`;

/**
 * PATCH /api/plans/{planId}/tasks/{taskId}, or with `version` the DELETE
 * `?version=N` of the same path (409 when stale).
 * @example planTaskUrl("p1", "t1", 3) // "/api/plans/p1/tasks/t1?version=3"
 */
export const planTaskUrl = (planId: string, taskId: string, version?: number): string =>
  `/api/plans/${enc(planId)}/tasks/${enc(taskId)}${version !== undefined ? `?version=${version}` : ""}`;

/** POST /api/plans/{planId}/tasks/{taskId}/decompose: a `plan_decompose` job for the task (202 `{jobId, job}`). */
export const planDecomposeUrl = (planId: string, taskId: string): string => `${planTaskUrl(planId, taskId)}/decompose`;

/** GET /api/plans/{planId}/export?format=: the plan as a Markdown checklist or its JSON tree (a download). */
export const planExportUrl = (planId: string, format: PlanExportFormat): string => `/api/plans/${enc(planId)}/export?format=${format}`;

/** GET /api/plans/{planId}/stream: SSE, a `plan` frame after every committed change of the tree. */
export const planStreamUrl = (planId: string): string => `/api/plans/${enc(planId)}/stream`;

/** The plan page, /plans/{planId}. */
export const planPageUrl = (planId: string): string => `/plans/${enc(planId)}`;

/** The chat page with a conversation selected, /?c={conversationId} (components/chat/chat-page.tsx). */
export const conversationPageUrl = (conversationId: string): string => `/?c=${enc(conversationId)}`;
