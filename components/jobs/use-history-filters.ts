"use client";
import dayjs, { type Dayjs } from "dayjs";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import type { JobListFilters } from "@/lib/client/job-urls";

/** The filters of the /jobs page, in URL order. */
export const HISTORY_FILTER_KEYS = ["jobType", "status", "ownerId", "planId", "q", "from", "to"] as const;
/** The page's filters as in its URL: `from`/`to` are local dates (YYYY-MM-DD), `to` inclusive. */
export type HistoryFilters = Partial<Record<(typeof HISTORY_FILTER_KEYS)[number], string>>;

/** `YYYY-MM-DD` (a local date in the URL) → the ISO instant of that local midnight, plus `addDays`. */
const dayStart = (ymd: string, addDays = 0): string | undefined => {
  const d = dayjs(ymd, "YYYY-MM-DD");
  return d.isValid() ? d.startOf("day").add(addDays, "day").toISOString() : undefined;
};

/**
 * The page's filters as GET /api/jobs filters: local dates become instants
 * (`from` at its midnight, `to` at the next one: the API's `to` is exclusive).
 */
export function toListFilters(filters: HistoryFilters): JobListFilters {
  return {
    jobType: filters.jobType,
    status: filters.status,
    planId: filters.planId,
    ownerId: filters.ownerId,
    q: filters.q,
    from: filters.from ? dayStart(filters.from) : undefined,
    to: filters.to ? dayStart(filters.to, 1) : undefined,
  };
}

/**
 * The /jobs filters, kept in the URL (`?jobType=&status=&ownerId=&planId=&q=&from=&to=`)
 * so a filtered view can be shared and the back button works. Must be used
 * under a Suspense boundary (useSearchParams).
 * @returns `{filters, filterKey, setFilter(key, value | undefined), setRange([from, to] | null), clear()}`;
 * `filterKey` is a stable string of the filters (to reset paging when they change).
 */
export function useHistoryFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();

  const filters: HistoryFilters = useMemo(() => {
    const f: HistoryFilters = {};
    for (const k of HISTORY_FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);

  // Reads the current URL, not `params`: a replace may still be in flight.
  const replaceParams = (edit: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(window.location.search);
    edit(next);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };
  const setFilter = (key: keyof HistoryFilters, value: string | undefined) =>
    replaceParams((next) => (value ? next.set(key, value) : next.delete(key)));
  const setRange = (range: [Dayjs | null, Dayjs | null] | null) =>
    replaceParams((next) => {
      for (const [key, d] of [["from", range?.[0]], ["to", range?.[1]]] as const) {
        if (d) next.set(key, d.format("YYYY-MM-DD"));
        else next.delete(key);
      }
    });
  const clear = () => router.replace(pathname);

  return { filters, filterKey: JSON.stringify(filters), setFilter, setRange, clear };
}
