import "server-only";
import { errorFields, getLogger } from "../ops/logger.ts";
import { recordStreamOpen, type CursorKind } from "../ops/metrics.ts";
import { requestContext } from "../ops/request-context.ts";
import { adoptStreamSlot } from "../limits/stream-slots.ts";

/** What a stream producer writes through. */
export type SseSink = {
  /** Sends one event frame; `data` is serialized as one-line JSON. */
  send(event: string, data: unknown, id?: string | number): void;
  /** Sends one event frame whose `data` is already one-line JSON (serialized once, sent to many). */
  sendData(event: string, json: string, id?: string | number): void;
  /**
   * Resolves when the client has room for more (backpressure), or the stream
   * closed. Safe to await from several producers at once (the multiplexed
   * stream runs one per job): every waiter is woken.
   */
  ready(): Promise<void>;
  /** Aborted when the client goes away or the stream is cancelled. */
  signal: AbortSignal;
};

export type SseOptions = {
  /** Comment heartbeat interval, ms (docs/design.md: at least every 15 s). */
  heartbeatMs: number;
  /** Reconnection delay sent once as `retry:`, ms. */
  retryMs?: number;
  /** Produces the events; the stream closes when it resolves. */
  run(sink: SseSink): Promise<void>;
};

/** Frames buffered per client before the producer waits (bounded memory, guarantee 10). */
const HIGH_WATER_FRAMES = 64;

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
} as const;

/** How an open stream is ended at shutdown: a `retry:` hint, then close. */
type Closer = (retryMs: number) => void;
// globalThis: every route bundle's streams, so the shutdown reaches them all.
const g = globalThis as unknown as { planstreamOpenStreams?: Set<Closer> };
const openStreams = (g.planstreamOpenStreams ??= new Set<Closer>());

/** SSE responses open in this process. */
export function openStreamCount(): number {
  return openStreams.size;
}

/**
 * Ends every open SSE stream (graceful stop): each gets `retry: <retryMs>`
 * and a `: server shutting down` comment, then closes without an `end`
 * frame, so clients reconnect (with their Last-Event-ID / cursor) after about
 * `retryMs`, to another instance behind the load balancer. Producers see
 * their signal abort. @returns how many streams were closed.
 */
export function closeAllStreams(retryMs: number): number {
  const all = [...openStreams];
  for (const close of all) close(retryMs);
  return all.length;
}

/** How the request resumes: `Last-Event-ID`, an `after` cursor (or a non-zero `jobs=<id>:<cursor>`), or fresh. */
function cursorOf(request: Request): CursorKind {
  if (request.headers.has("last-event-id")) return "last_event_id";
  const q = new URL(request.url).searchParams;
  if (q.has("after")) return "after";
  const jobs = q.get("jobs");
  if (jobs && jobs.split(",").some((j) => Number(j.split(":")[1] ?? 0) > 0)) return "after";
  return "none";
}

/**
 * The one server-side SSE helper (trigger.dev's pattern): headers, `retry:`
 * once, a `: ping` heartbeat, backpressure, and cleanup tied to
 * `request.signal` and stream cancel. Closing the stream never touches the
 * job it follows (guarantee 9). Counted in `planstream_sse_open_streams` and
 * `planstream_sse_stream_opens_total` (by cursor); its end is logged
 * (`stream_end`: duration, frames, why); `closeAllStreams` ends it at shutdown.
 * Spec: HTML Living Standard §9.2 "Server-sent events".
 */
export function sseResponse(request: Request, options: SseOptions): Response {
  const encoder = new TextEncoder();
  const abort = new AbortController();
  const ctx = requestContext();
  const route = ctx?.route ?? new URL(request.url).pathname;
  const opened = performance.now();
  let frames = 0;
  let endedBy: "producer" | "client" | "shutdown" | undefined;
  const closed = recordStreamOpen(route, cursorOf(request));
  let heartbeat: NodeJS.Timeout | undefined;
  // Every producer waiting for room; one slot would lose all wake-ups but the last.
  let waiting: (() => void)[] = [];
  const wakeAll = () => {
    const ws = waiting;
    waiting = [];
    for (const w of ws) w();
  };
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;
  // issue 13 — limits: the open-stream slot `limit(…, "stream")` took is given back when the stream ends.
  const releaseSlot = adoptStreamSlot(request);

  const cleanup = () => {
    releaseSlot();
    clearInterval(heartbeat);
    if (!abort.signal.aborted) abort.abort();
    wakeAll();
    if (!openStreams.delete(shutdown)) return;
    closed();
    getLogger().info(
      { event: "stream_end", requestId: ctx?.requestId, route, jobId: ctx?.jobId, user: ctx?.user, frames, ms: Math.round(performance.now() - opened), endedBy: endedBy ?? "client" },
      "stream ended",
    );
  };
  const shutdown: Closer = (retryMs) => {
    endedBy = "shutdown";
    write(`retry: ${retryMs}\n: server shutting down\n\n`);
    const c = controllerRef;
    cleanup();
    try {
      c?.close();
    } catch {
      /* already closed */
    }
  };
  openStreams.add(shutdown);
  const write = (text: string) => {
    if (abort.signal.aborted || !controllerRef) return;
    try {
      controllerRef.enqueue(encoder.encode(text));
    } catch {
      cleanup();
    }
  };
  request.signal.addEventListener("abort", cleanup, { once: true });

  const sink: SseSink = {
    signal: abort.signal,
    send(event, data, id) {
      sink.sendData(event, JSON.stringify(data), id);
    },
    sendData(event, json, id) {
      frames += 1;
      write(`${id !== undefined ? `id: ${id}\n` : ""}event: ${event}\ndata: ${json}\n\n`);
    },
    ready() {
      if (abort.signal.aborted || !controllerRef || (controllerRef.desiredSize ?? 1) > 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controllerRef = controller;
        write(`retry: ${options.retryMs ?? 2000}\n\n`);
        heartbeat = setInterval(() => write(": ping\n\n"), options.heartbeatMs);
        void options
          .run(sink)
          .catch((error) => {
            if (!abort.signal.aborted) getLogger().error({ event: "stream_error", requestId: ctx?.requestId, route, ...errorFields(error) }, "SSE producer failed");
          })
          .finally(() => {
            const open = !abort.signal.aborted;
            endedBy ??= open ? "producer" : undefined;
            cleanup();
            if (open) {
              try {
                controller.close();
              } catch {
                /* already closed */
              }
            }
          });
      },
      pull() {
        wakeAll();
      },
      cancel() {
        cleanup();
      },
    },
    new CountQueuingStrategy({ highWaterMark: HIGH_WATER_FRAMES }),
  );
  return new Response(stream, { status: 200, headers: SSE_HEADERS });
}
