import "server-only";
import { statusFromEvent, toStreamFrame, type JobStatus } from "@/lib/shared/jobs";
import type { JobBus } from "./bus.ts";
import { toEventDto } from "./job-dto.ts";
import type { JobHead, JobStore } from "./job-store.ts";

/** Latest committed events kept in memory per followed job (bounded: guarantee 10). */
export const TAIL_CAPACITY = 256;
/** Re-read the database this often even without a wake-up (writers in other processes), ms. */
export const TAIL_POLL_MS = 1000;
const PAGE = 500;

export type TailJob = JobHead;

/** One event of the window with its frame serialized once for every follower. */
export type TailEntry = { seq: number; kind: string; status: JobStatus; data: string };

/**
 * One shared, read-only window on a followed job's log: however many streams
 * follow the job, each commit costs one database read, whose rows are fanned
 * out from memory. It holds only committed rows read by cursor from the
 * database (guarantee 2); a follower whose cursor is older than the window
 * reads its replay from the database itself.
 */
export class JobTail {
  /** Contiguous events base+1 … base+ring.length. */
  private ring: TailEntry[] = [];
  /** Status as of the newest event in the window. */
  private status: JobStatus = "pending";
  private base = 0;
  private wanted = 1;
  private loaded = 0;
  private inflight: Promise<void> | undefined;
  private waiters = new Set<() => void>();
  job: TailJob | undefined;
  followers = 0;

  constructor(
    private readonly store: JobStore,
    readonly jobId: string,
  ) {}

  /** Called by the bus on every commit of this job. */
  invalidate(): void {
    this.wanted += 1;
    for (const w of [...this.waiters]) w();
  }

  /** Brings the window up to date with everything committed before this call; one read shared by all callers. */
  async sync(): Promise<void> {
    const target = this.wanted;
    while (this.loaded < target) {
      this.inflight ??= this.load().finally(() => (this.inflight = undefined));
      await this.inflight;
    }
  }

  /** Entries after `cursor` from memory, or undefined when the window does not reach back that far. */
  after(cursor: number, limit: number): TailEntry[] | undefined {
    if (cursor < this.base) return undefined;
    const start = cursor - this.base;
    return this.ring.slice(start, start + limit);
  }

  /** Resolves on the next commit, after `ms`, or when `signal` aborts. */
  waitForChange(ms: number, signal: AbortSignal): Promise<void> {
    if (this.loaded < this.wanted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.waiters.delete(done);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const t = setTimeout(() => {
        this.wanted += 1; // a timed-out wait re-reads: commits from other processes
        done();
      }, ms);
      this.waiters.add(done);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  private async load(): Promise<void> {
    const target = this.wanted;
    const row = await this.store.head(this.jobId);
    if (!row) {
      this.job = undefined;
      this.loaded = target;
      return;
    }
    if (!this.job) {
      // First load: the window starts at the present, whose status is the row's
      // (a status change commits with its event).
      this.base = row.lastSeq;
      this.status = row.status;
    }
    const { stats } = row;
    let next = this.base + this.ring.length;
    while (next < row.lastSeq) {
      const rows = await this.store.eventsAfter(this.jobId, next, PAGE);
      if (rows.length === 0) break;
      for (const r of rows) {
        const event = toEventDto(r);
        this.status = statusFromEvent(event) ?? this.status;
        this.ring.push({ seq: event.seq, kind: event.kind, status: this.status, data: JSON.stringify(toStreamFrame(this.jobId, event, this.status, stats)) });
      }
      next = this.ring.at(-1)!.seq;
    }
    if (this.ring.length > TAIL_CAPACITY) {
      const drop = this.ring.length - TAIL_CAPACITY;
      this.ring.splice(0, drop);
      this.base += drop;
    }
    this.job = { status: row.status, lastSeq: Math.max(row.lastSeq, next), stats };
    this.loaded = target;
  }

  dispose(): void {
    for (const w of [...this.waiters]) w();
  }
}

/**
 * Shared tails, one per followed job, reference-counted by followers and
 * subscribed once to the bus. One per process, built in `deps.ts`.
 */
export class JobTails {
  private tails = new Map<string, { tail: JobTail; unsubscribe: () => void }>();

  constructor(
    private readonly store: JobStore,
    private readonly bus: JobBus,
  ) {}

  /** Joins the job's tail; call the returned release when the follower leaves. */
  acquire(jobId: string): { tail: JobTail; release: () => void } {
    let entry = this.tails.get(jobId);
    if (!entry) {
      const tail = new JobTail(this.store, jobId);
      entry = { tail, unsubscribe: this.bus.subscribe(jobId, () => tail.invalidate()) };
      this.tails.set(jobId, entry);
    }
    const { tail } = entry;
    tail.followers += 1;
    let released = false;
    return {
      tail,
      release: () => {
        if (released) return;
        released = true;
        tail.followers -= 1;
        if (tail.followers === 0 && this.tails.get(jobId)?.tail === tail) {
          this.tails.get(jobId)!.unsubscribe();
          this.tails.delete(jobId);
          tail.dispose();
        }
      },
    };
  }

  /** Streams following jobs through this process (metrics, leak tests). */
  get followerCount(): number {
    let n = 0;
    for (const { tail } of this.tails.values()) n += tail.followers;
    return n;
  }

  get tailCount(): number {
    return this.tails.size;
  }
}
