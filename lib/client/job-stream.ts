// The one browser-side stream client (STYLE.md §6): fetch → TextDecoderStream →
// EventSourceParserStream over ONE multiplexed connection per tab.
import { EventSourceParserStream } from "eventsource-parser/stream";
import type { StreamEnd, StreamFrame } from "@/lib/shared/jobs";

/** "open": frames flow; "failed": the connection broke (poll meanwhile); "paused": tab hidden. */
export type StreamState = "open" | "failed" | "paused";

/** One subscriber. `cursor` is the highest seq it has; the hub advances it on delivery. */
export type StreamWatcher = {
  cursor: number;
  onFrame(frame: StreamFrame): void;
  onEnd(end: StreamEnd): void;
  onMissing(): void;
  onState(state: StreamState): void;
};

/** Reconnect backoff: 1 s doubling to 10 s, with jitter (same curve as the polling fallback). */
export function backoffDelay(failures: number, random = Math.random): number {
  const base = Math.min(1000 * 2 ** Math.max(0, failures - 1), 10_000);
  return Math.round(base / 2 + (random() * base) / 2);
}

/**
 * Multiplexes every job a tab watches over one `GET /api/streams?jobs=id:cursor,…`
 * connection, because browsers allow only 6 HTTP/1.1 connections per host
 * (DESIGN.md "SSE contract"). Reconnects with each job's current cursor when
 * the set of jobs changes or the connection drops (backoff with jitter), and
 * pauses while the tab is hidden. Frames are de-duplicated per watcher by seq.
 */
export class JobStreamHub {
  private watchers = new Map<string, Set<StreamWatcher>>();
  private connection: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private state: StreamState = "paused";
  /** Jobs whose `end` arrived on the current connection: dropping them needs no reconnect. */
  private ended = new Set<string>();

  constructor(
    private readonly url = "/api/streams",
    private readonly doc: Pick<Document, "hidden" | "addEventListener"> | undefined = typeof document === "undefined" ? undefined : document,
  ) {
    this.doc?.addEventListener("visibilitychange", () => {
      if (this.doc?.hidden) this.pause();
      else this.schedule(0);
    });
  }

  /**
   * Follows `jobId` from `watcher.cursor` (exclusive). @returns unwatch; the
   * connection is re-opened without the job (and closed when none is left).
   */
  watch(jobId: string, watcher: StreamWatcher): () => void {
    let set = this.watchers.get(jobId);
    if (!set) this.watchers.set(jobId, (set = new Set()));
    set.add(watcher);
    if (this.state !== "paused") watcher.onState(this.state);
    this.schedule(25);
    return () => {
      const s = this.watchers.get(jobId);
      if (!s?.delete(watcher)) return;
      if (s.size === 0) {
        this.watchers.delete(jobId);
        if (!this.ended.has(jobId)) this.schedule(25);
      }
    };
  }

  /** Reconnects now (the "Retry" button), resetting the backoff. */
  reconnect(): void {
    this.failures = 0;
    this.schedule(0);
  }

  /** Closes the connection and forgets every watcher (the hub is idle until the next watch). */
  close(): void {
    clearTimeout(this.timer);
    this.connection?.abort();
    this.connection = undefined;
    this.watchers.clear();
    this.ended.clear();
    this.failures = 0;
    this.state = "paused";
  }

  private setState(state: StreamState): void {
    this.state = state;
    for (const set of this.watchers.values()) for (const w of set) w.onState(state);
  }

  private pause(): void {
    clearTimeout(this.timer);
    this.connection?.abort();
    this.connection = undefined;
    this.setState("paused");
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), delayMs);
  }

  private async connect(): Promise<void> {
    this.connection?.abort();
    this.connection = undefined;
    if (this.watchers.size === 0 || this.doc?.hidden) {
      this.state = "paused";
      return;
    }
    const controller = new AbortController();
    this.connection = controller;
    this.ended.clear();
    const jobs = [...this.watchers].map(([id, set]) => `${id}:${Math.min(...[...set].map((w) => w.cursor))}`);
    // The watchers this connection was asked for, at their cursors. One that joins
    // later takes no frames from it (they may be ahead of its cursor: a gap) and
    // waits for the reconnect its watch() scheduled.
    const members = new Set([...this.watchers.values()].flatMap((set) => [...set]));
    try {
      const res = await fetch(`${this.url}?jobs=${encodeURIComponent(jobs.join(","))}`, {
        headers: { Accept: "text/event-stream" },
        signal: controller.signal,
        cache: "no-store",
      });
      if (!res.ok || !res.body) throw new Error(`Stream answered HTTP ${res.status}`);
      this.failures = 0;
      this.setState("open");
      const reader = res.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream())
        .getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.dispatch(value.event ?? "message", value.data, members);
      }
      if (controller.signal.aborted) return;
      // A clean close means every job ended; anything still watched reconnects.
      if ([...this.watchers.keys()].some((id) => !this.ended.has(id))) this.schedule(0);
      else this.state = "paused";
    } catch (error) {
      if (controller.signal.aborted) return;
      this.failures += 1;
      this.setState("failed");
      this.schedule(backoffDelay(this.failures));
      void error;
    }
  }

  private dispatch(event: string, data: string, members: Set<StreamWatcher>): void {
    let payload: { job_id?: string; seq?: number };
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    const set = payload.job_id ? this.watchers.get(payload.job_id) : undefined;
    if (!set) return;
    for (const w of [...set]) {
      if (event === "missing") w.onMissing();
      else if (!members.has(w)) continue;
      else if (event === "end") {
        this.ended.add(payload.job_id!);
        w.onEnd(payload as StreamEnd);
      }
      else if (typeof payload.seq === "number" && payload.seq > w.cursor) {
        w.cursor = payload.seq;
        w.onFrame(payload as StreamFrame);
      }
    }
  }
}

let hub: JobStreamHub | undefined;
/** The tab's hub (created on first use in the browser). */
export function getJobStreamHub(): JobStreamHub {
  hub ??= new JobStreamHub();
  return hub;
}

/**
 * Test seam: closes the tab's hub and drops it, so the next
 * getJobStreamHub() builds a fresh one (no connection, backoff or state
 * carried from one test to the next). The app never calls it.
 */
export function resetJobStreamHubForTests(): void {
  hub?.close();
  hub = undefined;
}
