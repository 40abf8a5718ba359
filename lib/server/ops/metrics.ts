import "server-only";
import { getTurnHub } from "../chat/turn-hub.ts";
import type { App } from "../deps.ts";

/** Where a chat reply's phase one ran: POST /api/chat/message or a streamed turn. */
export type ChatRoute = "message" | "agent";

type Sum = { count: number; sum: number };
type ChatCounters = {
  /** Phase-one model calls, and their model time and the rest of the server's time, seconds. */
  phaseOne: Record<ChatRoute, { calls: number; model: Sum; server: Sum }>;
  turns: Record<"completed" | "stopped" | "failed", number>;
  /** Request → conversation_start, and request → first chunk beyond the model's own first token, seconds. */
  turnStart: Sum;
  firstChunkOverhead: Sum;
};

const empty = (): Sum => ({ count: 0, sum: 0 });
// globalThis: the route bundles of one process share the counters.
const g = globalThis as unknown as { planstreamChatMetrics?: ChatCounters };
const counters = (): ChatCounters =>
  (g.planstreamChatMetrics ??= {
    phaseOne: { message: { calls: 0, model: empty(), server: empty() }, agent: { calls: 0, model: empty(), server: empty() } },
    turns: { completed: 0, stopped: 0, failed: 0 },
    turnStart: empty(),
    firstChunkOverhead: empty(),
  });

const add = (s: Sum, ms: number) => {
  s.count += 1;
  s.sum += ms / 1000;
};

/** Counts one phase-one model call: its duration and the server's own time around it, ms. */
export function recordPhaseOne(r: { route: ChatRoute; modelMs: number; serverMs: number }): void {
  const p = counters().phaseOne[r.route];
  p.calls += 1;
  add(p.model, r.modelMs);
  add(p.server, Math.max(0, r.serverMs));
}

/** Counts one finished streamed turn with its timings (ms from the request; the model's first token from its call). */
export function recordTurn(r: { status: "completed" | "stopped" | "failed"; conversationStartMs: number; firstChunkMs: number | null; modelFirstTokenMs: number | null }): void {
  const c = counters();
  c.turns[r.status] += 1;
  add(c.turnStart, r.conversationStartMs);
  if (r.firstChunkMs !== null && r.modelFirstTokenMs !== null) add(c.firstChunkOverhead, Math.max(0, r.firstChunkMs - r.modelFirstTokenMs));
}

/** Tracking jobs looked at for the queue-wait summary (the newest started ones). */
const QUEUE_WAIT_SAMPLE = 1000;

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

const summaryLines = (name: string, labels: string, s: Sum) => [`${name}_sum${labels} ${s.sum.toFixed(6)}`, `${name}_count${labels} ${s.count}`];

/**
 * Prometheus text exposition (format 0.0.4): jobs by type and status, the
 * event log's size, live stream subscriptions and jobs running in this
 * process; the chat's phase-one model calls (count, model and server
 * seconds), streamed turns by outcome (and running here) with their start and first-chunk
 * latency, and the tracking jobs' queue wait (the newest 1,000 started).
 */
export async function renderMetrics({ deps, runner }: App): Promise<string> {
  const { byTypeAndStatus, events } = await deps.store.counts();
  const started = await deps.db.job.findMany({
    where: { jobType: "chat_actions", startedAt: { not: null } },
    orderBy: { createdAt: "desc" },
    take: QUEUE_WAIT_SAMPLE,
    select: { createdAt: true, startedAt: true },
  });
  const waits = started.map((j) => Math.max(0, j.startedAt!.getTime() - j.createdAt.getTime()) / 1000).sort((a, b) => a - b);
  const c = counters();
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
    "# HELP planstream_chat_phase_one_llm_calls_total Phase-one model calls of chat messages (the reply and its actions), by route.",
    "# TYPE planstream_chat_phase_one_llm_calls_total counter",
    ...(["message", "agent"] as const).map((r) => `planstream_chat_phase_one_llm_calls_total{route="${r}"} ${c.phaseOne[r].calls}`),
    "# HELP planstream_chat_phase_one_model_seconds Duration of the phase-one model call.",
    "# TYPE planstream_chat_phase_one_model_seconds summary",
    ...(["message", "agent"] as const).flatMap((r) => summaryLines("planstream_chat_phase_one_model_seconds", `{route="${r}"}`, c.phaseOne[r].model)),
    "# HELP planstream_chat_phase_one_server_seconds The server's own time around the phase-one model call (request to answer, minus the model).",
    "# TYPE planstream_chat_phase_one_server_seconds summary",
    ...(["message", "agent"] as const).flatMap((r) => summaryLines("planstream_chat_phase_one_server_seconds", `{route="${r}"}`, c.phaseOne[r].server)),
    "# HELP planstream_chat_turns_total Streamed chat turns finished in this process, by outcome.",
    "# TYPE planstream_chat_turns_total counter",
    ...(["completed", "stopped", "failed"] as const).map((s) => `planstream_chat_turns_total{status="${s}"} ${c.turns[s]}`),
    "# HELP planstream_chat_turns_running_here Streamed chat turns running in this process.",
    "# TYPE planstream_chat_turns_running_here gauge",
    `planstream_chat_turns_running_here ${getTurnHub().size}`,
    "# HELP planstream_chat_turn_start_seconds Request to conversation_start of a streamed turn.",
    "# TYPE planstream_chat_turn_start_seconds summary",
    ...summaryLines("planstream_chat_turn_start_seconds", "", c.turnStart),
    "# HELP planstream_chat_first_chunk_overhead_seconds Request to the first assistant_message_chunk, minus the model's own first-token time.",
    "# TYPE planstream_chat_first_chunk_overhead_seconds summary",
    ...summaryLines("planstream_chat_first_chunk_overhead_seconds", "", c.firstChunkOverhead),
    "# HELP planstream_chat_tracking_queue_wait_seconds Queue wait of chat messages' tracking jobs (created to started), newest started ones.",
    "# TYPE planstream_chat_tracking_queue_wait_seconds summary",
    ...[0.5, 0.9, 0.99].map((q) => `planstream_chat_tracking_queue_wait_seconds{quantile="${q}"} ${quantile(waits, q).toFixed(6)}`),
    `planstream_chat_tracking_queue_wait_seconds_sum ${waits.reduce((a, b) => a + b, 0).toFixed(6)}`,
    `planstream_chat_tracking_queue_wait_seconds_count ${waits.length}`,
    "# HELP planstream_process_heap_bytes V8 heap used.",
    "# TYPE planstream_process_heap_bytes gauge",
    `planstream_process_heap_bytes ${process.memoryUsage().heapUsed}`,
  ];
  return `${lines.join("\n")}\n`;
}
