// Following one job live (docs/design.md "SSE contract", "Client fallback"): the
// tab's stream while it is up, polling while it is down, both on the one
// cursor of the stream subscription.
import type { JobEventDto, StreamEnd, StreamFrame } from "@/lib/shared/jobs";
import { createFrameBatch } from "./frame-batch";
import { jobPatchFromFrames, type JobUpdate } from "./job-cache";
import { pollJobEvents } from "./job-poller";
import { getJobStreamHub, type JobStreamHub } from "./job-stream";

/** How a followed log is arriving: the stream, the polling fallback, or not at all. */
export type JobLogTransport = "sse" | "polling" | "idle";

/** What followJob reports; see each handler. */
export type JobFollowerHandlers = {
  /**
   * New events, in seq order, each once: frames batched per FRAME_BATCH_MS,
   * or one poll page (maybe empty). `job` is what they say about the job: a
   * patch (frames) or the row (polls).
   */
  onEvents(events: JobEventDto[], job: JobUpdate): void;
  /** The job ended and every event was delivered: by the stream's `end`, or a poll that saw the final row. */
  onEnd(end: Pick<StreamEnd, "status" | "lastSeq">, via: "stream" | "poll"): void;
  /** 404 / `missing`: cleaned up or not the viewer's. */
  onMissing(): void;
  onTransport(transport: JobLogTransport): void;
  /** A poll failed (polling goes on). */
  onError(error: Error): void;
  /** MAX_POLL_FAILURES polls failed in a row: polling stopped until the stream reopens or the caller starts over. */
  onOffline(error: Error): void;
};

/** Options of followJob. */
export type FollowJobOptions = {
  jobId: string;
  /** The last seq the caller has (exclusive start). */
  from: number;
  /** Default: the tab's hub. */
  hub?: JobStreamHub;
};

/**
 * Follows `jobId` from `from` until stopped: subscribes to the tab's stream
 * hub; while the hub reports "failed" it polls `/events?after=` (on the
 * subscription's cursor, which polls advance); the stream reopening stops
 * polling. After stop only the frames still batched are delivered (at once,
 * by stop itself). Nothing throws: failures arrive as onError / onOffline /
 * onMissing.
 * @returns stop(): unsubscribes, aborts polling and delivers frames still batched.
 */
export function followJob({ jobId, from, hub = getJobStreamHub() }: FollowJobOptions, handlers: JobFollowerHandlers): () => void {
  let stopped = false;
  // Set once polling gave up (offline): the hub's later failed reconnects must not
  // restart it; the stream reopening clears it.
  let gaveUp = false;
  let polling: Promise<void> | undefined;
  // Polling has its own signal so the stream coming back can stop it alone.
  let pollAbort = new AbortController();
  const stopPolling = () => {
    pollAbort.abort();
    pollAbort = new AbortController();
  };

  // Anything that is not a frame flushes the batch first, so order is kept.
  const batch = createFrameBatch<StreamFrame>((frames) => {
    handlers.onEvents(
      frames.map((f): JobEventDto => ({ seq: f.seq, ...f.event })),
      jobPatchFromFrames(frames),
    );
  });

  const poll = async (signal: AbortSignal) => {
    handlers.onTransport("polling");
    const outcome = await pollJobEvents({
      jobId,
      subscription,
      signal,
      onPage: (fresh, job) => handlers.onEvents(fresh, job),
      onError: (error) => handlers.onError(error),
    });
    if (outcome.type === "complete") handlers.onEnd({ status: outcome.job.status, lastSeq: outcome.job.lastSeq }, "poll");
    else if (outcome.type === "missing") handlers.onMissing();
    else if (outcome.type === "offline") {
      gaveUp = true;
      handlers.onOffline(outcome.error);
    }
  };

  const subscription = hub.watch(jobId, from, {
    onFrame: (frame) => batch.push(frame),
    onEnd(end) {
      batch.flush();
      handlers.onEnd(end, "stream");
    },
    onMissing() {
      batch.flush();
      handlers.onMissing();
    },
    onState(state) {
      if (stopped) return;
      batch.flush();
      if (state === "open") {
        gaveUp = false;
        stopPolling();
        handlers.onTransport("sse");
      } else if (state === "failed") {
        if (!gaveUp) polling ??= poll(pollAbort.signal).finally(() => (polling = undefined));
      } else {
        handlers.onTransport("idle");
        stopPolling();
      }
    },
  });

  return () => {
    stopped = true;
    pollAbort.abort();
    subscription.close();
    batch.flush();
  };
}
