// The polling fallback of a job's log (docs/design.md "Client fallback"): used while
// the tab's stream is down, it reads `/events?after=<cursor>` and advances the
// stream subscription's cursor, so the stream resumes where polling stopped.
import { backoffDelay } from "@/lib/shared/backoff";
import { isTerminal, type JobDto, type JobEventDto, type JobEventsPage } from "@/lib/shared/jobs";
import { ApiError, fetchJson } from "./api";
import type { StreamSubscription } from "./job-stream";
import { jobEventsUrl } from "./job-urls";

/** Consecutive poll failures before the log is reported offline (docs/design.md). */
export const MAX_POLL_FAILURES = 5;
/** Events asked for per poll (the API's maximum). */
export const POLL_LIMIT = 1000;
/**
 * Delay between polls: 1 s, doubling per poll that brought nothing, up to
 * 10 s, back to 1 s when events arrive; a failed poll keeps the delay. Equal
 * jitter keeps many tabs from polling in lockstep.
 */
export const POLL_BACKOFF = { baseMs: 1000, maxMs: 10_000 } as const;

/** How polling stopped. */
export type PollOutcome =
  /** The job is terminal and every event is in hand; `job` is the final row. */
  | { type: "complete"; job: JobDto }
  /** 404: cleaned up or not the viewer's. */
  | { type: "missing" }
  /** MAX_POLL_FAILURES in a row; `error` is the last. */
  | { type: "offline"; error: Error }
  /** The signal was aborted (the stream came back, or the follower stopped). */
  | { type: "aborted" };

/** Options of pollJobEvents. */
export type PollOptions = {
  jobId: string;
  /** Whose cursor polls read from and advance (the stream's, so both share one). */
  subscription: Pick<StreamSubscription, "cursor" | "advance">;
  signal: AbortSignal;
  /** A page arrived: the events above the cursor (maybe none) and the job row as of that page. */
  onPage(fresh: JobEventDto[], job: JobDto): void;
  /** A poll failed (network or HTTP); polling goes on until MAX_POLL_FAILURES. */
  onError(error: Error): void;
  /** Jitter source in [0, 1). */
  random?: () => number;
};

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Polls GET /api/jobs/{id}/events?after=<cursor>&limit=1000 until the job is
 * complete, missing, offline or `signal` aborts, with POLL_BACKOFF between
 * polls (none while a page says `hasMore`). Never throws.
 * @returns how it stopped.
 */
export async function pollJobEvents({ jobId, subscription, signal, onPage, onError, random }: PollOptions): Promise<PollOutcome> {
  let failures = 0;
  let attempt = 1;
  while (!signal.aborted) {
    try {
      const page = await fetchJson<JobEventsPage>(jobEventsUrl(jobId, { after: subscription.cursor, limit: POLL_LIMIT }), { signal });
      if (signal.aborted) break;
      failures = 0;
      const fresh = page.events.filter((e) => e.seq > subscription.cursor);
      if (fresh.length > 0) subscription.advance(fresh.at(-1)!.seq);
      attempt = fresh.length > 0 ? 1 : attempt + 1;
      onPage(fresh, page.job);
      if (isTerminal(page.job.status) && subscription.cursor >= page.job.lastSeq) return { type: "complete", job: page.job };
      if (page.hasMore) continue;
    } catch (error) {
      if (signal.aborted) break;
      if (error instanceof ApiError && error.status === 404) return { type: "missing" };
      failures += 1;
      onError(error as Error);
      if (failures >= MAX_POLL_FAILURES) return { type: "offline", error: error as Error };
    }
    await sleep(backoffDelay(attempt, { ...POLL_BACKOFF, random }), signal);
  }
  return { type: "aborted" };
}
