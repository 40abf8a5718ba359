"use client";
// CONTRACT STUB – the real implementation replaces this file; the signature stays.
import type { JobDto, JobEventDto, JobStatus } from "@/lib/shared/jobs";

export type JobLogTransport = "sse" | "polling" | "idle";

export type UseJobLogResult = {
  job: JobDto | undefined;
  events: JobEventDto[];
  status: JobStatus | undefined;
  missing: boolean;
  transport: JobLogTransport;
  error: Error | undefined;
  offline: boolean;
  retry: () => void;
  loadEarlier: () => Promise<void>;
  hasEarlier: boolean;
};

export function useJobLog(jobId: string, options: { enabled?: boolean } = {}): UseJobLogResult {
  void jobId;
  void options;
  return { job: undefined, events: [], status: undefined, missing: false, transport: "idle", error: undefined, offline: false, retry: () => {}, loadEarlier: async () => {}, hasEarlier: false };
}
