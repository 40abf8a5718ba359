// The tab's React Query client and how it learns the server is reachable again.
import { onlineManager, QueryClient } from "@tanstack/react-query";
import { backoffDelay } from "@/lib/shared/backoff";
import { getConnectivity, PROBE_BACKOFF, type Connectivity } from "./connectivity";

/**
 * Whether a failed query is worth another try: network errors (status 0 or
 * none) and 5xx are; 4xx answers (404 = cleaned up / not yours) are final.
 */
export function isRetryable(error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status;
  return status === undefined || status === 0 || status >= 500;
}

/**
 * The app's QueryClient. Queries retry network and 5xx failures twice with
 * the app's backoff (1 s doubling, capped at 10 s) and refetch on window
 * focus and on reconnect. While the tab's Connectivity is offline, React
 * Query pauses them (networkMode "online") instead of failing them, and
 * resumes and refetches them when it is back (see bindOnlineManager).
 * Mutations are not paused (networkMode "always"): a send that cannot reach
 * the server fails at once, so the page can keep the draft and say so.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (count, error) => isRetryable(error) && count < 2,
        retryDelay: (attempt) => backoffDelay(attempt + 1, PROBE_BACKOFF),
        refetchOnWindowFocus: true,
        refetchOnReconnect: true,
      },
      mutations: { networkMode: "always", retry: false },
    },
  });
}

/**
 * Drives React Query's onlineManager from `connectivity` (what requests saw,
 * plus its health probe) instead of navigator.onLine alone: the browser's
 * `offline` event marks the tab offline, its `online` event probes at once.
 * Source: TanStack Query "Network Mode" / onlineManager.setEventListener.
 * @returns a function that restores the listener-less state (tests).
 */
export function bindOnlineManager(connectivity: Connectivity = getConnectivity()): () => void {
  onlineManager.setEventListener((setOnline) => {
    const unsubscribe = connectivity.subscribe(() => setOnline(connectivity.online));
    const onOnline = () => connectivity.probeNow();
    const onOffline = () => connectivity.reportFailure();
    if (typeof window !== "undefined") {
      window.addEventListener("online", onOnline);
      window.addEventListener("offline", onOffline);
    }
    setOnline(connectivity.online);
    return () => {
      unsubscribe();
      if (typeof window !== "undefined") {
        window.removeEventListener("online", onOnline);
        window.removeEventListener("offline", onOffline);
      }
    };
  });
  return () => onlineManager.setEventListener(() => undefined);
}
