"use client";
import { useEffect, useState } from "react";
import type { JobDto } from "@/lib/shared/jobs";

/**
 * Milliseconds a job has run: finishedAt − startedAt, or now − startedAt while
 * it runs (re-rendering every `tickMs`). undefined before the job starts.
 */
export function useElapsed(job: Pick<JobDto, "startedAt" | "finishedAt"> | undefined, tickMs = 1000): number | undefined {
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
