import "server-only";
import { getTurnHub } from "../chat/turn-hub.ts";
import type { App } from "../deps.ts";
import { metrics } from "./metrics-registry.ts";

/** Where a chat reply's phase one ran: POST /api/chat/message or a streamed turn. */
export type ChatRoute = "message" | "agent";

const seconds = (ms: number) => Math.max(0, ms) / 1000;

/**
 * Counts one phase-one model call: its duration and the server's own time
 * around it, ms. For POST /api/chat/message their sum is the request's
 * answer time, observed as the chat acknowledgement (route=message).
 */
export function recordPhaseOne(r: { route: ChatRoute; modelMs: number; serverMs: number }): void {
  const m = metrics();
  m.phaseOneCalls.inc({ route: r.route });
  m.phaseOneModel.observe({ route: r.route }, seconds(r.modelMs));
  m.phaseOneServer.observe({ route: r.route }, seconds(r.serverMs));
  if (r.route === "message") m.chatAck.observe({ route: "message" }, seconds(r.modelMs + Math.max(0, r.serverMs)));
}

/**
 * Counts one finished streamed turn with its timings (ms from the request; the
 * model's first token from its call). Request → conversation_start is the
 * chat acknowledgement of POST /api/chat/agent (route=agent).
 */
export function recordTurn(r: { status: "completed" | "stopped" | "failed"; conversationStartMs: number; firstChunkMs: number | null; modelFirstTokenMs: number | null }): void {
  const m = metrics();
  m.turns.inc({ status: r.status });
  m.turnStart.observe(seconds(r.conversationStartMs));
  m.chatAck.observe({ route: "agent" }, seconds(r.conversationStartMs));
  if (r.firstChunkMs !== null && r.modelFirstTokenMs !== null) m.firstChunkOverhead.observe(seconds(r.firstChunkMs - r.modelFirstTokenMs));
}

/** Counts one answered request: duration to the response (headers), ms, by route pattern, method and status class. */
export function recordRequest(r: { method: string; route: string; status: number; ms: number }): void {
  metrics().httpDuration.observe({ method: r.method, route: r.route, status_class: `${Math.floor(r.status / 100)}xx` }, seconds(r.ms));
}

/** How an SSE request resumed: `none` (fresh), by `Last-Event-ID`, or by an `after` cursor (per-job or in `?jobs=`). */
export type CursorKind = "none" | "last_event_id" | "after";

/** Counts an SSE stream opening and tracks it as open; @returns the function that marks it closed (idempotent). */
export function recordStreamOpen(route: string, cursor: CursorKind): () => void {
  const m = metrics();
  m.streamOpens.inc({ route, cursor });
  m.openStreams.inc({ route });
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    m.openStreams.dec({ route });
  };
}

/** Counts a poll of a job that has not started (GET /api/jobs/{id} = snapshot, …/events = events). */
export function recordPendingPoll(endpoint: "snapshot" | "events"): void {
  metrics().pendingPolls.inc({ endpoint });
}

/** Tracking jobs looked at for the queue-wait summary (the newest started ones). */
const QUEUE_WAIT_SAMPLE = 1000;

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

/**
 * Prometheus text exposition (format 0.0.4) of the process's prom-client
 * registry, after refreshing what is read at scrape time: jobs by type and
 * status and the event log's size (database), live stream subscriptions,
 * jobs and turns running here, the heap, and the tracking jobs' queue wait
 * (the newest 1,000 started, any instance). Everything else is counted as it
 * happens (see metrics-registry.ts and docs/operations.md).
 */
export async function renderMetrics({ deps, runner }: App): Promise<string> {
  const m = metrics();
  const { byTypeAndStatus, events } = await deps.store.counts();
  const started = await deps.db.job.findMany({
    where: { jobType: "chat_actions", startedAt: { not: null } },
    orderBy: { createdAt: "desc" },
    take: QUEUE_WAIT_SAMPLE,
    select: { createdAt: true, startedAt: true },
  });
  const waits = started.map((j) => Math.max(0, j.startedAt!.getTime() - j.createdAt.getTime()) / 1000).sort((a, b) => a - b);
  m.setTrackingQueueWait({ quantiles: [0.5, 0.9, 0.99].map((q) => [q, quantile(waits, q)]), sum: waits.reduce((a, b) => a + b, 0), count: waits.length });
  m.jobs.reset();
  for (const r of byTypeAndStatus) m.jobs.set({ job_type: r.jobType, status: r.status }, r.count);
  m.jobEvents.set(events);
  m.streamSubscriptions.set(deps.tails.followerCount);
  m.streamTails.set(deps.tails.tailCount);
  m.jobsRunningHere.set(runner.activeCount);
  m.turnsRunningHere.set(getTurnHub().size);
  m.heapBytes.set(process.memoryUsage().heapUsed);
  return m.registry.metrics();
}

/** The content type of renderMetrics' text. */
export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
