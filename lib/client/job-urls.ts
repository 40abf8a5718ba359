// Every job URL the browser uses, API and page alike (docs/design.md "HTTP API"):
// one place that knows the paths, the query parameter names and the encoding.

const enc = encodeURIComponent;

/** Formats of GET /api/jobs/{id}/export. */
export type JobExportFormat = "json" | "ndjson" | "text";

/** Filters of GET /api/jobs (and of the /jobs page URL); empty values are left out. */
export type JobListFilters = Partial<
  Record<"planId" | "ownerId" | "parentJobId" | "jobType" | "status" | "q" | "from" | "to" | "cursor" | "limit", string>
>;

/** `?a=1&b=2` from the non-empty entries of `params` (insertion order), or "" when none. */
function search(params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") query.set(key, String(value));
  return query.size ? `?${query}` : "";
}

/** GET /api/jobs/{id}: the job snapshot (row, latest ≤ 200 events). */
export const jobUrl = (jobId: string): string => `/api/jobs/${enc(jobId)}`;

/**
 * GET /api/jobs/{id}/events: a page of the log. `after` (exclusive) pages
 * forward (polling), `before` (exclusive) backward ("load earlier"); use one.
 * `limit` ≤ 1000 events (the API's maximum).
 * @example jobEventsUrl("j1", { after: 42, limit: 1000 }) // "/api/jobs/j1/events?after=42&limit=1000"
 */
export const jobEventsUrl = (jobId: string, page: { after: number; limit: number } | { before: number; limit: number }): string =>
  `/api/jobs/${enc(jobId)}/events${search("after" in page ? { after: page.after, limit: page.limit } : { before: page.before, limit: page.limit })}`;

/** GET /api/jobs/{id}/stream: one job's SSE (resume with `Last-Event-ID`). */
export const jobStreamUrl = (jobId: string): string => `/api/jobs/${enc(jobId)}/stream`;

/** GET /api/jobs/{id}/export?format=: the whole log as a download. */
export const jobExportUrl = (jobId: string, format: JobExportFormat): string => `/api/jobs/${enc(jobId)}/export?format=${format}`;

/** POST /api/jobs/{id}/cancel: asks the job to stop (202). */
export const jobCancelUrl = (jobId: string): string => `/api/jobs/${enc(jobId)}/cancel`;

/**
 * GET /api/streams?jobs=<id>:<cursor>,…: the tab's multiplexed SSE. Each
 * cursor is the last seq the tab has (0 = from the start); the whole list is
 * one encoded parameter (so `:` and `,` travel as %3A and %2C).
 */
export const jobStreamsUrl = (cursors: Iterable<readonly [jobId: string, cursor: number]>): string =>
  `/api/streams?jobs=${enc([...cursors].map(([id, cursor]) => `${id}:${cursor}`).join(","))}`;

/** GET /api/jobs: a page of the caller's jobs (support: everyone's), newest first. */
export const jobListUrl = (filters: JobListFilters = {}): string => `/api/jobs${search(filters)}`;

/** The job detail page, /jobs/{id}. */
export const jobPageUrl = (jobId: string): string => `/jobs/${enc(jobId)}`;

/** The job history page, /jobs, optionally filtered (e.g. `{ planId }`). */
export const jobHistoryUrl = (filters: JobListFilters = {}): string => `/jobs${search(filters)}`;
