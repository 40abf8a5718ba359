"use client";
import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/api";
import type { JobFacets } from "@/lib/shared/jobs";

/**
 * GET /api/job-facets: the owner and plan options of the /jobs filters
 * (support: everyone's; a user: their own). `ownerId` narrows the plans to
 * that owner's. Key `["job-facets", ownerId ?? null]`; a minute fresh.
 */
export const jobFacetsQuery = (ownerId?: string) =>
  queryOptions({
    queryKey: ["job-facets", ownerId ?? null],
    queryFn: () => fetchJson<JobFacets>(`/api/job-facets${ownerId ? `?ownerId=${encodeURIComponent(ownerId)}` : ""}`),
    staleTime: 60_000,
  });
