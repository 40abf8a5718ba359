import "server-only";
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

/**
 * The one server-side SSE helper (trigger.dev's pattern): headers, `retry:`
 * once, a `: ping` heartbeat, backpressure, and cleanup tied to
 * `request.signal` and stream cancel. Closing the stream never touches the
 * job it follows (guarantee 9).
 * Spec: HTML Living Standard §9.2 "Server-sent events".
 */
export function sseResponse(request: Request, options: SseOptions): Response {
  const encoder = new TextEncoder();
  const abort = new AbortController();
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
  };
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
            if (!abort.signal.aborted) console.error("[planstream] SSE producer failed", error);
          })
          .finally(() => {
            const open = !abort.signal.aborted;
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
