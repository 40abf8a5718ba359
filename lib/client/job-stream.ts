// The one browser-side stream client (docs/style.md §6): fetch → TextDecoderStream →
// EventSourceParserStream over ONE multiplexed connection per tab.
import { EventSourceParserStream } from "eventsource-parser/stream";
import { backoffDelay } from "@/lib/shared/backoff";
import type { StreamEnd, StreamFrame } from "@/lib/shared/jobs";
import { getConnectivity, type Connectivity } from "./connectivity";
import {
  DEFAULT_HEARTBEAT_MS,
  FATAL_STREAM_STATUSES,
  RECONNECT_BACKOFF,
  Subscriber,
  type JobStreamHubOptions,
  type StreamHandlers,
  type StreamState,
  type StreamSubscription,
} from "./job-stream-contract";
import { jobStreamsUrl } from "./job-urls";
import { SilenceWatch } from "./silence-watch";

export {
  DEFAULT_HEARTBEAT_MS,
  FATAL_STREAM_STATUSES,
  RECONNECT_BACKOFF,
  type JobStreamHubOptions,
  type StreamHandlers,
  type StreamState,
  type StreamSubscription,
} from "./job-stream-contract";

/**
 * Multiplexes every job a tab watches over one `GET /api/streams?jobs=id:cursor,…`
 * connection, because browsers allow only 6 HTTP/1.1 connections per host
 * (docs/design.md "SSE contract"). Reconnects with each job's current cursor (the
 * lowest of its subscribers') when the set of jobs changes or the connection
 * drops (backoff with jitter, RECONNECT_BACKOFF), or goes silent for two
 * heartbeats (the idea of Yaffle's EventSource polyfill's `heartbeatTimeout`:
 * a connection a proxy or NAT dropped without a FIN looks open forever);
 * never after FATAL_STREAM_STATUSES. Pauses while the tab is hidden. Frames
 * are de-duplicated per subscriber by seq.
 * @example
 * const sub = getJobStreamHub().watch(jobId, lastSeq, { onFrame, onEnd, onMissing, onState });
 * sub.close();
 */
export class JobStreamHub {
  private readonly jobs = new Map<string, Set<Subscriber>>();
  private connection: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private state: StreamState = "paused";
  /** Jobs whose `end` arrived on the current connection: dropping them needs no reconnect. */
  private readonly ended = new Set<string>();
  private readonly heartbeatMs: number;
  private readonly doc: JobStreamHubOptions["document"];
  private listening = false;
  private readonly connectivity: Connectivity;
  private unsubscribeConnectivity: (() => void) | undefined;
  private wasOnline = true;

  constructor(options: JobStreamHubOptions = {}) {
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.doc = options.document ?? (typeof document === "undefined" ? undefined : document);
    this.connectivity = options.connectivity ?? getConnectivity();
  }

  /**
   * Follows `jobId` after seq `from` (exclusive). Handlers are never called
   * from within watch(); a live hub state ("open"/"failed") is reported right after.
   * @returns the subscription: its cursor, `advance` and `close`.
   */
  watch(jobId: string, from: number, handlers: StreamHandlers): StreamSubscription {
    if (!this.listening) {
      this.doc?.addEventListener("visibilitychange", this.onVisibility);
      this.wasOnline = this.connectivity.online;
      this.unsubscribeConnectivity = this.connectivity.subscribe(this.onConnectivity);
      this.listening = true;
    }
    let set = this.jobs.get(jobId);
    if (!set) this.jobs.set(jobId, (set = new Set()));
    const sub: Subscriber = new Subscriber(jobId, from, handlers, () => this.unwatch(sub));
    set.add(sub);
    // A newcomer learns a live state (e.g. "failed": poll meanwhile) at once, but never from within watch().
    queueMicrotask(() => {
      if (this.state !== "paused" && !sub.refused && this.jobs.get(jobId)?.has(sub)) handlers.onState(this.state);
    });
    this.schedule(25);
    return sub;
  }

  /** Reconnects now (the "Retry" button): resets the backoff and tries refused subscribers again. */
  reconnect(): void {
    this.failures = 0;
    for (const set of this.jobs.values()) for (const sub of set) sub.refused = false;
    this.schedule(0);
  }

  /** Closes the connection and forgets every subscriber (the hub is idle until the next watch). */
  close(): void {
    clearTimeout(this.timer);
    this.drop();
    this.jobs.clear();
    this.ended.clear();
    this.failures = 0;
    this.state = "paused";
    this.doc?.removeEventListener("visibilitychange", this.onVisibility);
    this.unsubscribeConnectivity?.();
    this.unsubscribeConnectivity = undefined;
    this.listening = false;
  }

  /** The server is reachable again (a request or the health probe got through): reconnect now if not connected. */
  private readonly onConnectivity = (): void => {
    const online = this.connectivity.online;
    const cameBack = online && !this.wasOnline;
    this.wasOnline = online;
    if (cameBack && this.state !== "open" && this.jobs.size > 0) this.reconnect();
  };

  private readonly onVisibility = (): void => {
    if (this.doc?.hidden) {
      clearTimeout(this.timer);
      this.drop();
      this.setState("paused");
    } else this.schedule(0);
  };

  private unwatch(sub: Subscriber): void {
    const set = this.jobs.get(sub.jobId);
    if (!set?.delete(sub) || set.size > 0) return;
    this.jobs.delete(sub.jobId);
    if (!this.ended.has(sub.jobId) && !sub.refused) this.schedule(25);
  }

  private drop(): void {
    this.connection?.abort();
    this.connection = undefined;
  }

  private setState(state: StreamState): void {
    this.state = state;
    for (const sub of this.subscribers()) if (!sub.refused) sub.handlers.onState(state);
  }

  private *subscribers(): Generator<Subscriber> {
    for (const set of this.jobs.values()) yield* set;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), delayMs);
  }

  private async connect(): Promise<void> {
    this.drop();
    // The subscribers this connection is for, at their cursors. One that joins
    // later takes no frames from it (they may be ahead of its cursor: a gap) and
    // waits for the reconnect its watch() scheduled.
    const members = new Set([...this.subscribers()].filter((s) => !s.refused));
    if (members.size === 0 || this.doc?.hidden) {
      this.state = "paused";
      return;
    }
    const controller = new AbortController();
    this.connection = controller;
    this.ended.clear();
    const cursors = new Map<string, number>();
    for (const s of members) cursors.set(s.jobId, Math.min(cursors.get(s.jobId) ?? Infinity, s.cursor));
    let opened = false;
    let silent = false;
    const watch = new SilenceWatch(2 * this.heartbeatMs, () => {
      silent = true;
      controller.abort();
    });
    try {
      const res = await fetch(jobStreamsUrl(cursors), {
        headers: { Accept: "text/event-stream" },
        signal: controller.signal,
        cache: "no-store",
      });
      if (FATAL_STREAM_STATUSES.has(res.status)) return this.refuse(controller, members, res);
      if (!res.ok || !res.body) {
        void res.body?.cancel().catch(() => undefined);
        throw new Error(`Stream answered HTTP ${res.status}`);
      }
      this.connectivity.reportSuccess();
      opened = true;
      this.failures = 0;
      this.setState("open");
      const reader = res.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream({ onComment: watch.heard, onRetry: watch.heard }))
        .getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        watch.heard();
        this.dispatch(value.event ?? "message", value.data, members);
      }
      if (controller.signal.aborted) return;
      // A clean close means every job ended; anything still watched reconnects.
      if ([...this.jobs.keys()].some((id) => !this.ended.has(id))) this.schedule(0);
      else this.state = "paused";
    } catch {
      if (this.connection !== controller) return; // closed, paused or replaced meanwhile
      this.connection = undefined;
      // A connection that stopped talking (a proxy or NAT dropped it): reopen from the cursors at once.
      if (silent && opened) return this.schedule(0);
      this.failures += 1;
      this.setState("failed");
      this.schedule(backoffDelay(this.failures, RECONNECT_BACKOFF));
    } finally {
      watch.stop();
    }
  }

  /** A FATAL_STREAM_STATUSES answer: its subscribers fail over to polling and are left out of later connections. */
  private refuse(controller: AbortController, members: Set<Subscriber>, res: Response): void {
    void res.body?.cancel().catch(() => undefined);
    if (this.connection === controller) this.connection = undefined;
    this.state = "paused";
    for (const sub of members) sub.refused = true;
    for (const sub of members) if (this.jobs.get(sub.jobId)?.has(sub)) sub.handlers.onState("failed");
  }

  private dispatch(event: string, data: string, members: Set<Subscriber>): void {
    let payload: { job_id?: string; seq?: number };
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    const set = payload.job_id ? this.jobs.get(payload.job_id) : undefined;
    if (!set) return;
    for (const sub of [...set]) {
      if (event === "missing") sub.handlers.onMissing();
      else if (!members.has(sub)) continue;
      else if (event === "end") {
        this.ended.add(sub.jobId);
        sub.handlers.onEnd(payload as StreamEnd);
      } else if (typeof payload.seq === "number" && payload.seq > sub.cursor) {
        sub.cursor = payload.seq;
        sub.handlers.onFrame(payload as StreamFrame);
      }
    }
  }
}

let hub: JobStreamHub | undefined;

/** The tab's hub (created with the default options on first use). */
export function getJobStreamHub(): JobStreamHub {
  hub ??= new JobStreamHub();
  return hub;
}

/**
 * Closes the tab's hub and uses `next` from now on (undefined: a default one
 * is built on the next getJobStreamHub()). The seam tests use to start each
 * test from a fresh hub, with their own heartbeat.
 */
export function replaceJobStreamHub(next?: JobStreamHub): void {
  hub?.close();
  hub = next;
}
