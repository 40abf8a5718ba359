import "server-only";
import { emptyStats, isTerminal, type JobStats, type JobStatus, type StreamEnd, type StreamFrame } from "@/lib/shared/jobs";
import type { Deps } from "../deps.ts";
import type { SseSink } from "../http/sse.ts";
import { eventsAfter, statusAt, toEventDto } from "./jobs-repo.ts";

/** Rows read per database page while replaying. */
const PAGE = 500;
/** Re-check the database this often even without a wake-up (other processes), ms. */
const POLL_MS = 1000;

/**
 * Streams one job's log to an SSE sink from `cursor` (exclusive): every
 * committed event with seq > cursor in order, then live ones as the bus
 * reports commits, then `end` once the terminal status event has been sent.
 * Reads only committed rows by cursor (guarantee 2), so resuming by seq gives
 * no gaps and no duplicates. Returns when the job ended or the client left.
 * @param withIds write `id: <seq>` lines (the per-job endpoint; Last-Event-ID resume).
 */
export async function followJob(deps: Deps, sink: SseSink, jobId: string, cursor: number, withIds: boolean): Promise<void> {
  const { db, bus } = deps;
  let dirty = true;
  let wake: (() => void) | undefined;
  const unsubscribe = bus.subscribe(jobId, () => {
    dirty = true;
    wake?.();
  });
  const onAbort = () => wake?.();
  sink.signal.addEventListener("abort", onAbort);
  try {
    let status: JobStatus = await statusAt(db, jobId, cursor);
    while (!sink.signal.aborted) {
      dirty = false;
      const job = await db.job.findUnique({ where: { id: jobId }, select: { status: true, lastSeq: true, stats: true } });
      if (!job) return;
      const stats: JobStats = { ...emptyStats(), ...(job.stats as Partial<JobStats>) };
      // Replay up to the lastSeq read above; anything newer comes on the next round.
      while (cursor < job.lastSeq && !sink.signal.aborted) {
        const rows = await eventsAfter(db, jobId, cursor, PAGE);
        if (rows.length === 0) break;
        for (const row of rows) {
          const e = toEventDto(row);
          if (e.kind === "status") status = ((e.data as { to?: JobStatus } | null)?.to ?? status) as JobStatus;
          const { seq, ...event } = e;
          const frame: StreamFrame = { job_id: jobId, seq, status, event, stats };
          sink.send(e.kind, frame, withIds ? seq : undefined);
          cursor = seq;
          // A slow client holds at most the stream's high-water mark, not a whole page.
          await sink.ready();
        }
      }
      if (isTerminal(job.status) && cursor >= job.lastSeq) {
        const end: StreamEnd = { job_id: jobId, status: job.status as JobStatus, lastSeq: job.lastSeq };
        sink.send("end", end);
        return;
      }
      if (!dirty) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  } finally {
    unsubscribe();
    sink.signal.removeEventListener("abort", onAbort);
  }
}
