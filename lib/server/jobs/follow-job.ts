import "server-only";
import { isTerminal, type JobEventDto, type JobStatus, type StreamEnd, type StreamFrame } from "@/lib/shared/jobs";
import type { Deps } from "../deps.ts";
import type { SseSink } from "../http/sse.ts";
import { getTails, TAIL_POLL_MS } from "./job-tail.ts";
import { eventsAfter, statusAt, toEventDto } from "./jobs-repo.ts";

/** Rows read per database page while replaying history older than the shared tail. */
const PAGE = 500;

/**
 * Streams one job's log to an SSE sink from `cursor` (exclusive): every
 * committed event with seq > cursor in order, then live ones as they commit,
 * then `end` once the terminal status event has been sent. Old history is
 * read from the database page by page; live events come from the job's shared
 * tail (one database read per commit however many streams follow the job).
 * Either way only committed rows, by cursor (guarantee 2), so resuming by seq
 * gives no gaps and no duplicates. Returns when the job ended or the client left.
 * @param withIds write `id: <seq>` lines (the per-job endpoint; Last-Event-ID resume).
 */
export async function followJob(deps: Deps, sink: SseSink, jobId: string, cursor: number, withIds: boolean): Promise<void> {
  const { tail, release } = getTails(deps.db, deps.bus).acquire(jobId);
  try {
    let status: JobStatus = await statusAt(deps.db, jobId, cursor);
    const send = async (events: JobEventDto[]) => {
      const stats = tail.job!.stats;
      for (const e of events) {
        if (e.kind === "status") status = ((e.data as { to?: JobStatus } | null)?.to ?? status) as JobStatus;
        const { seq, ...event } = e;
        const frame: StreamFrame = { job_id: jobId, seq, status, event, stats };
        sink.send(e.kind, frame, withIds ? seq : undefined);
        cursor = seq;
        // A slow client holds at most the stream's high-water mark.
        await sink.ready();
        if (sink.signal.aborted) return;
      }
    };
    while (!sink.signal.aborted) {
      await tail.sync();
      const job = tail.job;
      if (!job) return;
      while (cursor < job.lastSeq && !sink.signal.aborted) {
        const fromMemory = tail.after(cursor, PAGE);
        if (fromMemory) {
          if (fromMemory.length === 0) break;
          for (const entry of fromMemory) {
            sink.sendData(entry.kind, entry.data, withIds ? entry.seq : undefined);
            cursor = entry.seq;
            status = entry.status;
            await sink.ready();
            if (sink.signal.aborted) return;
          }
          continue;
        }
        // Older than the shared window: this follower's own replay from the database.
        const page = (await eventsAfter(deps.db, jobId, cursor, PAGE)).map(toEventDto);
        if (page.length === 0) break;
        await send(page);
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
