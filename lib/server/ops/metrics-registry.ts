import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Metric } from "prom-client";

/** Request and acknowledgement latencies, seconds. */
const FAST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Queue waits and job attempts, seconds. */
const SLOW_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

/** What a collected-at-scrape summary reports: quantiles, sum and count. */
export type SummaryValues = { quantiles: [number, number][]; sum: number; count: number };

/**
 * A summary whose values are computed at scrape time (from the database),
 * which prom-client's own Summary cannot take: it formats as a summary.
 */
function scrapedSummary(registry: Registry, name: string, help: string, read: () => SummaryValues) {
  let last: SummaryValues = { quantiles: [], sum: 0, count: 0 };
  const metric = {
    name,
    help,
    type: "summary",
    aggregator: "sum",
    get() {
      last = read();
      return {
        name,
        help,
        type: "summary",
        aggregator: "sum",
        values: [
          ...last.quantiles.map(([q, value]) => ({ labels: { quantile: q }, value })),
          { metricName: `${name}_sum`, labels: {}, value: last.sum },
          { metricName: `${name}_count`, labels: {}, value: last.count },
        ],
      };
    },
    reset() {
      last = { quantiles: [], sum: 0, count: 0 };
    },
  };
  registry.registerMetric(metric as unknown as Metric);
  return metric;
}

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const r = [registry];
  let queueWait: SummaryValues = { quantiles: [], sum: 0, count: 0 };
  return {
    registry,
    // ---- jobs and the event log (database, read at scrape) ----
    jobs: new Gauge({ name: "planstream_jobs", help: "Jobs in the database by type and status.", labelNames: ["job_type", "status"], registers: r }),
    jobEvents: new Gauge({ name: "planstream_job_events", help: "Job events stored.", registers: r }),
    // ---- this process ----
    streamSubscriptions: new Gauge({ name: "planstream_stream_subscriptions", help: "Streams following a job through this process.", registers: r }),
    streamTails: new Gauge({ name: "planstream_stream_tails", help: "Jobs followed (one shared database reader each).", registers: r }),
    jobsRunningHere: new Gauge({ name: "planstream_jobs_running_here", help: "Jobs executing in this process.", registers: r }),
    heapBytes: new Gauge({ name: "planstream_process_heap_bytes", help: "V8 heap used.", registers: r }),
    // ---- chat ----
    phaseOneCalls: new Counter({ name: "planstream_chat_phase_one_llm_calls_total", help: "Phase-one model calls of chat messages (the reply and its actions), by route.", labelNames: ["route"], registers: r }),
    phaseOneModel: new Histogram({ name: "planstream_chat_phase_one_model_seconds", help: "Duration of the phase-one model call.", labelNames: ["route"], buckets: FAST_BUCKETS, registers: r }),
    phaseOneServer: new Histogram({ name: "planstream_chat_phase_one_server_seconds", help: "The server's own time around the phase-one model call (request to answer, minus the model).", labelNames: ["route"], buckets: FAST_BUCKETS, registers: r }),
    chatAck: new Histogram({ name: "planstream_chat_ack_seconds", help: "Chat acknowledgement: request to the answer of POST /api/chat/message (route=message), request to conversation_start of POST /api/chat/agent (route=agent).", labelNames: ["route"], buckets: FAST_BUCKETS, registers: r }),
    turns: new Counter({ name: "planstream_chat_turns_total", help: "Streamed chat turns finished in this process, by outcome.", labelNames: ["status"], registers: r }),
    turnsRunningHere: new Gauge({ name: "planstream_chat_turns_running_here", help: "Streamed chat turns running in this process.", registers: r }),
    turnStart: new Histogram({ name: "planstream_chat_turn_start_seconds", help: "Request to conversation_start of a streamed turn.", buckets: FAST_BUCKETS, registers: r }),
    firstChunkOverhead: new Histogram({ name: "planstream_chat_first_chunk_overhead_seconds", help: "Request to the first assistant_message_chunk, minus the model's own first-token time.", buckets: FAST_BUCKETS, registers: r }),
    trackingQueueWait: scrapedSummary(
      registry,
      "planstream_chat_tracking_queue_wait_seconds",
      "Queue wait of chat messages' tracking jobs (created to started), newest started ones.",
      () => queueWait,
    ),
    setTrackingQueueWait(v: SummaryValues) {
      queueWait = v;
    },
    // ---- HTTP ----
    httpDuration: new Histogram({ name: "planstream_http_request_duration_seconds", help: "Request to response headers, by route pattern, method and status class (2xx, 4xx, 5xx); streams: to their first byte.", labelNames: ["method", "route", "status_class"], buckets: FAST_BUCKETS, registers: r }),
    openStreams: new Gauge({ name: "planstream_sse_open_streams", help: "SSE responses open in this process, by route pattern.", labelNames: ["route"], registers: r }),
    streamOpens: new Counter({ name: "planstream_sse_stream_opens_total", help: "SSE streams opened, by route pattern and cursor: none (fresh), last_event_id or after (a reconnect resuming from a cursor).", labelNames: ["route", "cursor"], registers: r }),
    pendingPolls: new Counter({ name: "planstream_job_pending_polls_total", help: "GET /api/jobs/{id} (endpoint=snapshot) and GET /api/jobs/{id}/events (endpoint=events) answered while the job had not started.", labelNames: ["endpoint"], registers: r }),
    // ---- job engine (this process's runner) ----
    queueWait: new Histogram({ name: "planstream_job_queue_wait_seconds", help: "Created (or due, for a retry) to claimed, by job type.", labelNames: ["job_type"], buckets: SLOW_BUCKETS, registers: r }),
    jobDuration: new Histogram({ name: "planstream_job_duration_seconds", help: "One attempt, claimed to its end, by job type and outcome (succeeded, failed, cancelled, retried, released).", labelNames: ["job_type", "outcome"], buckets: SLOW_BUCKETS, registers: r }),
    eventsIngested: new Counter({ name: "planstream_job_events_ingested_total", help: "Job events appended by jobs running in this process (log lines and status events), by job type.", labelNames: ["job_type"], registers: r }),
    retries: new Counter({ name: "planstream_job_retries_total", help: "Attempts that failed and were scheduled again (including after a lease expired), by job type.", labelNames: ["job_type"], registers: r }),
    finished: new Counter({ name: "planstream_jobs_finished_total", help: "Jobs that reached a terminal status through this process, by job type and status (failure rate = failed / all).", labelNames: ["job_type", "status"], registers: r }),
    failures: new Counter({ name: "planstream_job_failures_total", help: "Jobs failed through this process, by job type and reason (non_retryable, attempts_exhausted, interrupted, parent_failed).", labelNames: ["job_type", "reason"], registers: r }),
    leasesReleased: new Counter({ name: "planstream_job_leases_released_total", help: "Running jobs handed back at shutdown (pending again, attempt not counted, or lease expired now), by job type.", labelNames: ["job_type"], registers: r }),
    // ---- model ----
    llmCalls: new Counter({ name: "planstream_llm_calls_total", help: "Model calls by purpose (chat, turn, decompose, execute, other) and result (ok, error).", labelNames: ["purpose", "result"], registers: r }),
    llmTokens: new Counter({ name: "planstream_llm_tokens_total", help: "Model tokens by purpose and direction (input, output), as the provider reported them.", labelNames: ["purpose", "direction"], registers: r }),
  };
}

export type AppMetrics = ReturnType<typeof build>;

// globalThis: one registry per process for every route bundle and the instrumentation.
const g = globalThis as unknown as { planstreamMetrics?: AppMetrics };

/** The process's metrics and their prom-client Registry (built on first use, with Node's default metrics). */
export function metrics(): AppMetrics {
  g.planstreamMetrics ??= build();
  return g.planstreamMetrics;
}
