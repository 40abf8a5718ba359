"use client";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { backoffDelay } from "@/lib/shared/backoff";
import { getConnectivity, PROBE_BACKOFF } from "@/lib/client/connectivity";
import { JOB_LISTS_KEY } from "@/lib/client/job-cache";
import type { JobListFilters } from "@/lib/client/job-urls";
import { planStreamUrl } from "@/lib/client/plan-urls";
import { queries } from "@/lib/client/queries";
import type { PlanTree } from "@/lib/shared/plans";
import { planEditsKey } from "./use-plan-edits";

/** Options of usePlanLive. */
export type UsePlanLiveOptions = {
  planId: string;
  /** Default true; false closes the stream. */
  enabled?: boolean;
  /** Where visibility comes from (the stream closes while hidden); default `document`. */
  document?: Pick<Document, "hidden" | "addEventListener" | "removeEventListener">;
};

/** `data:` of the stream's `plan` event (lib/server/plans/plan-changes.ts). */
type PlanChanged = { planId: string; updatedAt: string };

/**
 * Refetches what a change of the plan's tree changes: the plan query, unless
 * the cached tree is already that recent (`plan.updatedAt`), or edits of this
 * tab are in flight (their last one to settle refetches; a refetch now would
 * undo their optimistic patches for a moment); and the plan's job lists (a
 * decomposition that wrote the tree, or one just started).
 */
export function onPlanChanged(client: QueryClient, planId: string, updatedAt: string | undefined): void {
  const cached = client.getQueryData<PlanTree>(queries.plan(planId).queryKey);
  const stale = !cached || updatedAt === undefined || cached.plan.updatedAt !== updatedAt;
  if (stale && client.isMutating({ mutationKey: planEditsKey(planId) }) === 0) {
    void client.invalidateQueries({ queryKey: queries.plan(planId).queryKey, exact: true });
  }
  void client.invalidateQueries({
    queryKey: JOB_LISTS_KEY,
    predicate: (q) => (q.queryKey[2] as JobListFilters | undefined)?.planId === planId,
  });
}

/**
 * Keeps a plan's tree live in React Query: an `EventSource` on
 * GET /api/plans/{planId}/stream, whose `plan` event (at once, then after
 * every committed change by anyone: another tab, a chat message, a job)
 * invalidates `queries.plan(planId)` (see onPlanChanged). No polling of its
 * own: the EventSource reconnects by itself after a network error, and its
 * first frame on (re)connect says whether anything was missed. When the
 * browser gives up on it (an HTTP error answer, e.g. a proxy's 502 while the
 * server restarts, closes an EventSource for good) it is reopened with the
 * app's backoff (1 s doubling to 10 s), and at once when the tab's
 * Connectivity says the server is reachable again. Closed while
 * the tab is hidden (browsers allow six connections per host; the job hub
 * pauses the same way) and reopened when it shows again; closed on `missing`
 * (the plan is gone: the plan query is invalidated so its 404 shows) and on unmount.
 * Job logs invalidate the same query on `tasks_updated` (hooks/use-job-log.ts).
 * @example usePlanLive({ planId });
 */
export function usePlanLive({ planId, enabled = true, document: doc }: UsePlanLiveOptions): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const visibility = doc ?? (typeof document === "undefined" ? undefined : document);
    let source: EventSource | undefined;
    let gone = false;
    let failures = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      clearTimeout(retryTimer);
      if (source || gone) return;
      const es = new EventSource(planStreamUrl(planId));
      es.addEventListener("open", () => (failures = 0));
      es.addEventListener("error", () => {
        if (es.readyState !== EventSource.CLOSED || source !== es) return;
        // The browser will not retry this one: reopen it ourselves.
        source = undefined;
        failures += 1;
        retryTimer = setTimeout(open, backoffDelay(failures, PROBE_BACKOFF));
      });
      es.addEventListener("plan", (e) => {
        let frame: Partial<PlanChanged> = {};
        try {
          frame = JSON.parse((e as MessageEvent<string>).data) as PlanChanged;
        } catch {
          /* a frame we cannot read still means "changed" */
        }
        onPlanChanged(client, planId, frame.updatedAt);
      });
      es.addEventListener("missing", () => {
        gone = true;
        close();
        void client.invalidateQueries({ queryKey: queries.plan(planId).queryKey, exact: true });
      });
      source = es;
    };
    const close = () => {
      clearTimeout(retryTimer);
      source?.close();
      source = undefined;
    };
    const onVisibility = () => (visibility?.hidden ? close() : open());
    const connectivity = getConnectivity();
    let wasOnline = connectivity.online;
    // Reachable again: a stream waiting out its backoff (or still in the browser's own retry) reopens now.
    const onConnectivity = () => {
      const cameBack = connectivity.online && !wasOnline;
      wasOnline = connectivity.online;
      if (!cameBack || visibility?.hidden || gone) return;
      if (source && source.readyState === EventSource.OPEN) return;
      close();
      open();
    };
    const unsubscribe = connectivity.subscribe(onConnectivity);
    if (!visibility?.hidden) open();
    visibility?.addEventListener("visibilitychange", onVisibility);
    return () => {
      unsubscribe();
      visibility?.removeEventListener("visibilitychange", onVisibility);
      close();
    };
  }, [client, planId, enabled, doc]);
}
