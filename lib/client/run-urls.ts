// Every run URL the browser uses (docs/design.md "HTTP API" → runs), like plan-urls.ts for plans.

const enc = encodeURIComponent;

/** POST /api/plans/{planId}/execute `{taskId?}` → 202 `{runId, jobId}`. */
export const planExecuteUrl = (planId: string): string => `/api/plans/${enc(planId)}/execute`;

/** GET /api/plans/{planId}/runs → `{runs}` newest first. */
export const planRunsUrl = (planId: string): string => `/api/plans/${enc(planId)}/runs`;

/** GET /api/runs/{runId} → RunDetail (the run and its steps, computed from its events). */
export const runUrl = (runId: string): string => `/api/runs/${enc(runId)}`;

/** GET /api/runs/{runId}/artifacts/{artifactId}: the file, as a download. */
export const artifactUrl = (runId: string, artifactId: string): string => `${runUrl(runId)}/artifacts/${enc(artifactId)}`;

/** POST /api/runs/{runId}/approvals/{callId} `{approve}` → `{callId, approved, by}`; 409 once decided or expired. */
export const approvalUrl = (runId: string, callId: string): string => `${runUrl(runId)}/approvals/${enc(callId)}`;
