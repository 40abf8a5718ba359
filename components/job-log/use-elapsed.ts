"use client";
import { useEffect, useState } from "react";

/**
 * Milliseconds a job has run: finishedAt − startedAt, or now − startedAt while
 * it runs (re-rendering every `tickMs`). undefined before the job starts.
 * `times` are ISO-8601 strings (see jobTimes).
 */
export function useElapsed(job: { startedAt: string | null; finishedAt: string | null } | undefined, tickMs = 1000): number | undefined {
  const running = !!job?.startedAt && !job.finishedAt;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(id);
  }, [running, tickMs]);
  if (!job?.startedAt) return undefined;
  const start = Date.parse(job.startedAt);
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now;
  return Math.max(0, end - start);
}
