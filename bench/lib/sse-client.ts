// SSE clients for the benchmark. Both parse with eventsource-parser, like the
// app's own stream client, and report each frame with its receive time.
//  - followWithFetch: fetch → TextDecoderStream → EventSourceParserStream (one stream, phase 2)
//  - followWithHttp: node:http with agent:false, one socket per stream, parser fed per chunk
//    (thousands of streams from one process, phase 3; lighter than web streams)
import http from "node:http";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { EventSourceParserStream } from "eventsource-parser/stream";

/** What a log-burst frame carries that the benchmark needs. */
export type Received = { seq: number; kind: string; appendedAt: number | undefined; receivedAt: number };

export type StreamHandlers = {
  onFrame(frame: Received): void;
  /** Response headers arrived (the server has the subscription). */
  onOpen?(): void;
  /** `end` arrived (the job reached a terminal status). */
  onEnd?(): void;
};

function toReceived(msg: EventSourceMessage, receivedAt: number): Received | undefined {
  if (!msg.event || msg.event === "end") return undefined;
  const frame = JSON.parse(msg.data) as { seq: number; event: { kind: string; data?: { appendedAt?: number } | null } };
  return { seq: frame.seq, kind: frame.event.kind, appendedAt: frame.event.data?.appendedAt, receivedAt };
}

/**
 * Follows one stream with fetch until `end` or abort.
 * @returns when the stream ends; rejects on a non-200 answer.
 */
export async function followWithFetch(url: string, headers: Record<string, string>, handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
  const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal });
  if (res.status !== 200 || !res.body) throw new Error(`stream ${url}: HTTP ${res.status} ${await res.text()}`);
  handlers.onOpen?.();
  const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      if (value.event === "end") {
        handlers.onEnd?.();
        return;
      }
      const r = toReceived(value, Date.now());
      if (r) handlers.onFrame(r);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    reader.releaseLock();
  }
}

export type HttpStream = {
  /** Resolves once the response headers arrived (rejects on non-200 or socket error). */
  opened: Promise<void>;
  /** Resolves when the stream closes for any reason. */
  closed: Promise<void>;
  close(): void;
  error?: Error;
};

/** Opens one stream on its own socket (agent: false). */
export function followWithHttp(url: string, headers: Record<string, string>, handlers: StreamHandlers, timeoutMs = 60_000): HttpStream {
  let resolveOpened!: () => void;
  let rejectOpened!: (e: Error) => void;
  let resolveClosed!: () => void;
  const opened = new Promise<void>((res, rej) => ((resolveOpened = res), (rejectOpened = rej)));
  const closed = new Promise<void>((res) => (resolveClosed = res));
  opened.catch(() => undefined);
  const stream: HttpStream = { opened, closed, close: () => req.destroy() };
  const parser = createParser({
    onEvent(msg) {
      if (msg.event === "end") return handlers.onEnd?.();
      const r = toReceived(msg, Date.now());
      if (r) handlers.onFrame(r);
    },
  });
  const req = http.get(url, { agent: false, headers: { accept: "text/event-stream", ...headers } }, (res) => {
    if (res.statusCode !== 200) {
      stream.error = new Error(`HTTP ${res.statusCode}`);
      rejectOpened(stream.error);
      res.resume();
      res.on("end", resolveClosed);
      return;
    }
    clearTimeout(timer);
    handlers.onOpen?.();
    resolveOpened();
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => parser.feed(chunk));
    res.on("close", resolveClosed);
  });
  const timer = setTimeout(() => {
    stream.error = new Error(`no response within ${timeoutMs} ms`);
    req.destroy(stream.error);
  }, timeoutMs);
  req.on("error", (error) => {
    clearTimeout(timer);
    stream.error ??= error;
    rejectOpened(error);
    resolveClosed();
  });
  req.on("close", () => {
    clearTimeout(timer);
    resolveClosed();
  });
  return stream;
}
