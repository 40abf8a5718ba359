"use client";
import { useEffect, useState } from "react";

/** Options of useElapsed. */
export type UseElapsedOptions = {
  /** How often the running clock re-renders, ms (default 1000). */
  tickMs?: number;
};

/**
 * Milliseconds a job has run: finishedAt − startedAt, or now − startedAt while
 * it runs (re-rendering every `tickMs`). undefined before the job starts.
 * `times` are ISO-8601 strings (see jobTimes).
 */
export function useElapsed(
  job: { startedAt: string | null; finishedAt: string | null } | undefined,
  { tickMs = 1000 }: UseElapsedOptions = {},
): number | undefined {
  const running = !!job?.startedAt && !job.finishedAt;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0); // `now` may date from mount: catch up at once
    const id = setInterval(tick, tickMs);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [running, tickMs]);
  if (!job?.startedAt) return undefined;
  const start = Date.parse(job.startedAt);
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now;
  return Math.max(0, end - start);
}
