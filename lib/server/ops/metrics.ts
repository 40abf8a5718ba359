import "server-only";
import type { App } from "../deps.ts";

/**
 * Prometheus text exposition (format 0.0.4): jobs by type and status, the
 * event log's size, live stream subscriptions and jobs running in this process.
 */
export async function renderMetrics({ deps, runner }: App): Promise<string> {
  const { byTypeAndStatus, events } = await deps.store.counts();
  const lines = [
    "# HELP planstream_jobs Jobs in the database by type and status.",
    "# TYPE planstream_jobs gauge",
    ...byTypeAndStatus.map((r) => `planstream_jobs{job_type="${r.jobType}",status="${r.status}"} ${r.count}`),
    "# HELP planstream_job_events Job events stored.",
    "# TYPE planstream_job_events gauge",
    `planstream_job_events ${events}`,
    "# HELP planstream_stream_subscriptions Streams following a job through this process.",
    "# TYPE planstream_stream_subscriptions gauge",
    `planstream_stream_subscriptions ${deps.tails.followerCount}`,
    "# HELP planstream_stream_tails Jobs followed (one shared database reader each).",
    "# TYPE planstream_stream_tails gauge",
    `planstream_stream_tails ${deps.tails.tailCount}`,
    "# HELP planstream_jobs_running_here Jobs executing in this process.",
    "# TYPE planstream_jobs_running_here gauge",
    `planstream_jobs_running_here ${runner.activeCount}`,
    "# HELP planstream_process_heap_bytes V8 heap used.",
    "# TYPE planstream_process_heap_bytes gauge",
    `planstream_process_heap_bytes ${process.memoryUsage().heapUsed}`,
  ];
  return `${lines.join("\n")}\n`;
}
