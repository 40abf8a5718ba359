// What the tab's stream hub (job-stream.ts) promises its subscribers: states,
// handlers, the subscription and its cursor, and the hub's tunables.
import type { StreamEnd, StreamFrame } from "@/lib/shared/jobs";
import type { Connectivity } from "./connectivity";

/**
 * "open": frames flow; "failed": no connection for now (the subscriber polls
 * meanwhile); "paused": the tab is hidden or nothing is watched.
 */
export type StreamState = "open" | "failed" | "paused";

/** What a subscriber is told. Frames come in seq order, each seq once, only seqs above its cursor. */
export type StreamHandlers = {
  onFrame(frame: StreamFrame): void;
  /** The job's terminal status event has been delivered; nothing more will come. */
  onEnd(end: StreamEnd): void;
  /** The job is unknown or not the viewer's. */
  onMissing(): void;
  onState(state: StreamState): void;
};

/**
 * One job followed by one subscriber. `cursor` is THE cursor of that
 * subscriber's log: the highest seq it has. The hub advances it as frames are
 * delivered; whoever gets events elsewhere (the polling fallback) calls
 * `advance`, so the next connection resumes after them.
 */
export type StreamSubscription = {
  readonly jobId: string;
  readonly cursor: number;
  /** Records that every seq ≤ `seq` is in hand; never moves the cursor back. */
  advance(seq: number): void;
  /** Stops following (the connection is re-opened without the job when it was the last subscriber). */
  close(): void;
};

/** Options of a JobStreamHub. */
export type JobStreamHubOptions = {
  /**
   * The server's `: ping` interval, ms (SSE_HEARTBEAT_MS, 15 s by default). A
   * connection with no frame and no comment for twice as long is taken for
   * dead: aborted and re-opened from the cursors.
   */
  heartbeatMs?: number;
  /** Where visibility comes from (pauses while hidden); default `document` in a browser. */
  document?: Pick<Document, "hidden" | "addEventListener" | "removeEventListener">;
  /**
   * Told when a connection opens; its "reachable again" reconnects at once
   * instead of waiting out the backoff. The hub never reports failures to it:
   * the polls its subscribers make while it is down do (a stream refused while
   * polls get through must not flip it, or every poll would restart the
   * stream). Default: the tab's (getConnectivity()).
   */
  connectivity?: Connectivity;
};

/** The server's default `: ping` interval, ms (docs/design.md: at least every 15 s). */
export const DEFAULT_HEARTBEAT_MS = 15_000;
/** Reconnect backoff after failed connections: 1 s doubling to 10 s, equal jitter (the polling fallback's curve). */
export const RECONNECT_BACKOFF = { baseMs: 1000, maxMs: 10_000 } as const;
/**
 * HTTP answers a retry cannot change (malformed request, forbidden, not
 * found): the hub does not reconnect its subscribers after one; they fall back
 * to polling, whose answer settles each job (a 404 there marks it missing).
 */
export const FATAL_STREAM_STATUSES: ReadonlySet<number> = new Set([400, 403, 404]);

/** One subscriber of the hub: its handlers and cursor (internal to the hub). */
export class Subscriber implements StreamSubscription {
  /** The server refused a connection carrying it (FATAL_STREAM_STATUSES): left out until reconnect(). */
  refused = false;

  constructor(
    readonly jobId: string,
    public cursor: number,
    readonly handlers: StreamHandlers,
    readonly close: () => void,
  ) {}

  advance(seq: number): void {
    if (seq > this.cursor) this.cursor = seq;
  }
}

