// React Query `queryOptions` factories, one place for every read (STYLE.md §7).
import { queryOptions } from "@tanstack/react-query";
import type { ActionStatusDto, ConversationDetail, ConversationDto } from "@/lib/shared/chat";
import { isTerminal, type JobListPage, type JobSnapshot } from "@/lib/shared/jobs";
import type { PlanDto, PlanTree } from "@/lib/shared/plans";
import type { SessionDto } from "@/lib/shared/session";
import { fetchJson } from "./api";

/**
 * A React Query `refetchInterval` for job lists: `liveMs` while a listed job
 * is pending or running, else `idleMs` (false = stop).
 */
export const refetchWhileUnfinished =
  (liveMs: number, idleMs: number | false) =>
  (query: { state: { data?: JobListPage } }): number | false =>
    query.state.data?.jobs.some((j) => !isTerminal(j.status)) ? liveMs : idleMs;

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
  plan: (planId: string) =>
    queryOptions({ queryKey: ["plans", planId], queryFn: () => fetchJson<PlanTree>(`/api/plans/${encodeURIComponent(planId)}`) }),
  /** A page of GET /api/jobs; undefined or empty filters are left out of the URL. */
  jobs: (filters: Partial<Record<"planId" | "parentJobId" | "jobType" | "status" | "q" | "from" | "to" | "cursor" | "limit", string>> = {}) =>
    queryOptions({
      queryKey: ["jobs", "list", filters],
      queryFn: () => {
        const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
        return fetchJson<JobListPage>(`/api/jobs?${params}`);
      },
    }),
  /** Who the browser is (GET /api/session): user id and role. */
  session: () =>
    queryOptions({ queryKey: ["session"], queryFn: () => fetchJson<SessionDto>("/api/session"), staleTime: 60_000 }),
  jobSnapshot: (jobId: string) =>
    queryOptions({
      queryKey: ["jobs", jobId, "snapshot"],
      queryFn: () => fetchJson<JobSnapshot>(`/api/jobs/${encodeURIComponent(jobId)}`),
      // The live log comes from the stream; the snapshot is only the starting point.
      staleTime: Infinity,
      retry: (count, error) => (error as { status?: number }).status !== 404 && count < 2,
    }),
  actionStatus: (trackingId: string) =>
    queryOptions({
      queryKey: ["action-status", trackingId],
      queryFn: () => fetchJson<ActionStatusDto>(`/api/chat/action-status/${encodeURIComponent(trackingId)}`),
    }),
};
