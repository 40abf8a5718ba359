// React Query `queryOptions` factories, one place for every read (STYLE.md §7).
import { queryOptions } from "@tanstack/react-query";
import type { ActionStatusDto, ConversationDetail, ConversationDto } from "@/lib/shared/chat";
import { isTerminal, type JobListPage, type JobSnapshot } from "@/lib/shared/jobs";
import type { PlanDto, PlanTree } from "@/lib/shared/plans";
import type { RunDetail, RunList } from "@/lib/shared/runs";
import type { SessionDto } from "@/lib/shared/session";
import { fetchJson } from "./api";
import { JOB_LISTS_KEY, isNotFound, jobSnapshotKey, syncJobSnapshots } from "./job-cache";
import { jobListUrl, jobUrl, type JobListFilters } from "./job-urls";
import { planUrl } from "./plan-urls";
import { planRunsUrl, runUrl } from "./run-urls";

/**
 * A React Query `refetchInterval` for job lists: `liveMs` while a listed job
 * is pending or running, else `idleMs` (false = stop).
 */
export const refetchWhileUnfinished =
  (liveMs: number, idleMs: number | false) =>
  (query: { state: { data?: JobListPage } }): number | false =>
    query.state.data?.jobs.some((j) => !isTerminal(j.status)) ? liveMs : idleMs;

/**
 * The app's React Query reads: `queries.x(args)` gives `{queryKey, queryFn, …}`
 * for useQuery / fetchQuery. Query functions throw ApiError (lib/client/api.ts).
 * Job keys: `["jobs", "list", filters]` and `["jobs", id, "snapshot"]` (lib/client/job-cache.ts).
 */
export const queries = {
  conversations: () =>
    queryOptions({
      queryKey: ["conversations"],
      queryFn: () => fetchJson<{ conversations: ConversationDto[] }>("/api/conversations").then((r) => r.conversations),
    }),
  conversation: (id: string) =>
    queryOptions({
      queryKey: ["conversations", id],
      queryFn: () => fetchJson<ConversationDetail>(`/api/conversations/${encodeURIComponent(id)}`),
    }),
  plans: () =>
    queryOptions({ queryKey: ["plans"], queryFn: () => fetchJson<{ plans: PlanDto[] }>("/api/plans").then((r) => r.plans) }),
  /**
   * GET /api/plans/{planId}: the plan and its task tree. Kept live by the
   * plan's stream (usePlanLive) and job logs' `tasks_updated` events; edits
   * patch it optimistically (usePlanEdits).
   */
  plan: (planId: string) => queryOptions({ queryKey: ["plans", planId], queryFn: () => fetchJson<PlanTree>(planUrl(planId)) }),
  /**
   * A page of GET /api/jobs; undefined or empty filters are left out of the URL.
   * Its rows also refresh the cached snapshots of the same jobs (one live job per id).
   */
  jobs: (filters: JobListFilters = {}) =>
    queryOptions({
      queryKey: [...JOB_LISTS_KEY, filters],
      queryFn: async ({ client }) => {
        const page = await fetchJson<JobListPage>(jobListUrl(filters));
        syncJobSnapshots(client, page.jobs);
        return page;
      },
    }),
  /** Who the browser is (GET /api/session): user id and role. */
  session: () =>
    queryOptions({ queryKey: ["session"], queryFn: () => fetchJson<SessionDto>("/api/session"), staleTime: 60_000 }),
  /**
   * GET /api/jobs/{id}: the job row and its latest ≤ 200 events. Its `job` is
   * the browser's one live copy of the job: the stream, polls and list fetches
   * patch it (lib/client/job-cache.ts); 404 = missing (not retried).
   */
  jobSnapshot: (jobId: string) =>
    queryOptions({
      queryKey: jobSnapshotKey(jobId),
      queryFn: () => fetchJson<JobSnapshot>(jobUrl(jobId)),
      // The live log comes from the stream; the snapshot is only the starting point.
      staleTime: Infinity,
      retry: (count, error) => !isNotFound(error) && count < 2,
    }),
  /**
   * GET /api/plans/{planId}/runs: the plan's runs, newest first. Its key sits
   * under the plan's (`["plans", planId, "runs"]`), so the `tasks_updated`
   * events that refetch the plan refetch its runs too.
   */
  runs: (planId: string) =>
    queryOptions({ queryKey: ["plans", planId, "runs"], queryFn: () => fetchJson<RunList>(planRunsUrl(planId)).then((r) => r.runs) }),
  /** GET /api/runs/{runId}: the run with its steps, tool calls, artifacts and pending approvals (computed by buildRunView on the server). */
  run: (runId: string) =>
    queryOptions({
      queryKey: ["runs", runId],
      queryFn: () => fetchJson<RunDetail>(runUrl(runId)),
      retry: (count, error) => !isNotFound(error) && count < 2,
    }),
  actionStatus: (trackingId: string) =>
    queryOptions({
      queryKey: ["action-status", trackingId],
      queryFn: () => fetchJson<ActionStatusDto>(`/api/chat/action-status/${encodeURIComponent(trackingId)}`),
    }),
};
