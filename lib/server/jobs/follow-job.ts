import "server-only";
import { isTerminal, statusFromEvent, toStreamFrame, type JobStatus, type StreamEnd } from "@/lib/shared/jobs";
import type { Deps } from "../deps.ts";
import { toEventDto } from "./job-dto.ts";
import { TAIL_POLL_MS } from "./job-tail.ts";

/**
 * Where a followed job's frames go. The SSE helper's sink satisfies it; the
 * job engine knows nothing of HTTP.
 */
export type FrameSink = {
  /** Sends one frame; `data` is serialized as one-line JSON. */
  send(event: string, data: unknown, id?: number): void;
  /** Sends one frame whose data is already one-line JSON (serialized once, sent to many). */
  sendData(event: string, json: string, id?: number): void;
  /** Resolves when the client has room for more (backpressure), or the sink closed. */
  ready(): Promise<void>;
  /** Aborted when the client went away. */
  signal: AbortSignal;
};

/** Rows read per database page while replaying history older than the shared tail. */
const PAGE = 500;

/**
 * Streams one job's log to a sink from `cursor` (exclusive): every committed
 * event with seq > cursor in order, then live ones as they commit, then `end`
 * once the terminal status event has been sent. Old history is read from the
 * store page by page; live events come from the job's shared tail (one read
 * per commit however many streams follow the job). Either way only committed
 * rows, by cursor (guarantee 2), so resuming by seq gives no gaps and no
 * duplicates. Returns when the job ended or the client left.
 * @param options.withIds write `id: <seq>` lines (the per-job endpoint; Last-Event-ID resume).
 */
export async function followJob(
  deps: Pick<Deps, "store" | "tails">,
  sink: FrameSink,
  jobId: string,
  cursor: number,
  options: { withIds: boolean },
): Promise<void> {
  const { tail, release } = deps.tails.acquire(jobId);
  const idOf = (seq: number) => (options.withIds ? seq : undefined);
  try {
    let status: JobStatus = await deps.store.statusAt(jobId, cursor);
    while (!sink.signal.aborted) {
      await tail.sync();
      const job = tail.job;
      if (!job) return;
      while (cursor < job.lastSeq && !sink.signal.aborted) {
        const fromMemory = tail.after(cursor, PAGE);
        if (fromMemory?.length === 0) break;
        // Older than the shared window: this follower's own replay from the store.
        const entries =
          fromMemory ??
          (await deps.store.eventsAfter(jobId, cursor, PAGE)).map((row) => {
            const e = toEventDto(row);
            status = statusFromEvent(e) ?? status;
            return { seq: e.seq, kind: e.kind, status, data: JSON.stringify(toStreamFrame(jobId, e, status, job.stats)) };
          });
        if (entries.length === 0) break;
        for (const entry of entries) {
          sink.sendData(entry.kind, entry.data, idOf(entry.seq));
          cursor = entry.seq;
          status = entry.status;
          await sink.ready();
          if (sink.signal.aborted) return;
        }
      }
      if (isTerminal(job.status) && cursor >= job.lastSeq) {
        const end: StreamEnd = { job_id: jobId, status: job.status, lastSeq: job.lastSeq };
        sink.send("end", end);
        return;
      }
      await tail.waitForChange(TAIL_POLL_MS, sink.signal);
    }
  } finally {
    release();
  }
}
