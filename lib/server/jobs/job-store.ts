import "server-only";
import type { EventKind, EventLevel, JobStats, JobStatus, JobType } from "@/lib/shared/jobs";
import type { Tx } from "../db/client.ts";
import type { Job, JobEvent } from "../db/generated/client.ts";

/** A log line before it has a seq. */
export type EventDraft = {
  level: EventLevel;
  kind: EventKind;
  message: string;
  data?: Record<string, unknown> | null;
  timestamp?: Date;
};

/** A job type the engine can run: docs/design.md's four, plus diagnostics types. */
export type AnyJobType = JobType | "log_burst";

/** A pending job as enqueued (guarantee 1: inside the request's transaction). */
export type NewJob = {
  id?: string;
  jobType: AnyJobType;
  ownerId: string;
  planId?: string | null;
  taskId?: string | null;
  parentJobId?: string | null;
  concurrencyKey?: string | null;
  payload: Record<string, unknown>;
};

/** Columns of the job row a status transition may set besides `status`. */
export type JobRowUpdate = Partial<Pick<Job, "error" | "startedAt" | "finishedAt" | "leaseExpiresAt" | "attempt" | "runAfter">> & {
  result?: unknown;
};

/**
 * One status change as the store commits it: the row moves `from` → `to`
 * only while it is still `from` (and, when given, still at `attempt` / still
 * holding `lease`: fencing tokens, so a worker whose job was recovered by
 * someone else cannot finish it), and `events` (the status event last) are
 * appended with the next seqs, all in one transaction.
 */
export type TransitionWrite = {
  jobId: string;
  from: JobStatus;
  to: JobStatus;
  attempt?: number;
  lease?: Date | null;
  update: JobRowUpdate;
  stats: JobStats;
  events: EventDraft[];
};

/** A fencing token: the attempt a worker holds; its writes land only while the job is still running at that attempt. */
export type Fence = { attempt: number };

/**
 * A worker's write refused because its job is no longer running at its
 * attempt (the lease expired and another worker took the job over, or it was
 * finished): Martin Kleppmann's fencing token, "How to do distributed locking" (2016).
 */
export class LeaseLostError extends Error {
  constructor(
    readonly jobId: string,
    readonly attempt: number,
  ) {
    super(`Job ${jobId} is no longer running at attempt ${attempt}: its lease was taken over`);
    this.name = "LeaseLostError";
  }
}

/** What the job stream's shared tail reads of the row. */
export type JobHead = { status: JobStatus; lastSeq: number; stats: JobStats };

/** Filters of the job history (GET /api/jobs), already validated. */
export type JobFilter = {
  ownerId?: string;
  planId?: string;
  parentJobId?: string;
  jobType?: string;
  status?: string;
  idPrefix?: string;
  createdFrom?: Date;
  createdBefore?: Date;
};

/**
 * The job engine's storage: the queue (claims, leases, recovery, counts) and
 * the event log. The SQLite implementation is `SqliteJobStore` in
 * `jobs-repo.ts`; a PostgreSQL one sits beside it with the same contract.
 * Every method reads or writes committed rows only; seqs are assigned from
 * the job row inside the writing transaction, so they are gapless and commit
 * order equals seq order.
 */
export interface JobStore {
  /** The job row, or null. No ownership check: see `job-queries.ts`. */
  find(jobId: string): Promise<Job | null>;
  /**
   * Appends events with the next seqs and stores `stats`, in one transaction.
   * With `fence`, only while the job is still running at `fence.attempt`
   * (a worker whose lease was taken over writes nothing).
   * @returns the job's new lastSeq.
   * @throws LeaseLostError when the fence does not hold (nothing written).
   */
  appendEvents(jobId: string, drafts: EventDraft[], stats: JobStats, fence?: Fence): Promise<number>;
  /**
   * Runs `write` in one transaction and appends the events it returns after
   * its own writes, in that same transaction (a plan write and its
   * `tasks_updated` event commit together). `statsFor` gets those events and
   * returns the stats to store.
   * @returns `write`'s value and the job's new lastSeq.
   */
  commitWith<T>(
    jobId: string,
    write: (tx: Tx) => Promise<{ value: T; events: EventDraft[] }>,
    statsFor: (events: EventDraft[]) => JobStats,
    fence?: Fence,
  ): Promise<{ value: T; lastSeq: number }>;
  /** Commits a status transition; @returns the new lastSeq, or null when the guard did not hold (nothing written). */
  transition(write: TransitionWrite): Promise<number | null>;

  /** Child jobs of `parentJobId`, oldest first. */
  listChildren(parentJobId: string): Promise<Job[]>;

  /** Pending jobs whose `runAfter` has come, oldest first. */
  listRunnable(now: Date, limit: number): Promise<Job[]>;
  /** Concurrency keys of running jobs (one writer per key). */
  runningConcurrencyKeys(): Promise<Set<string>>;
  /** Status of each of `jobIds` that exists. */
  statuses(jobIds: string[]): Promise<Map<string, JobStatus>>;
  /**
   * Extends the lease of a job still running at `attempt`.
   * @returns `held: false` when the job is no longer ours; `cancelRequested` when someone asked to cancel it.
   */
  heartbeat(jobId: string, attempt: number, leaseExpiresAt: Date): Promise<{ held: boolean; cancelRequested: boolean }>;
  /** Running jobs whose lease expired before `now`. */
  listExpiredLeases(now: Date): Promise<Job[]>;
  /** Flags a pending or running job for cancellation; @returns false when it had already finished. */
  requestCancel(jobId: string): Promise<boolean>;
  /** Jobs among `jobIds` (or all jobs) that are pending or running. */
  countOpen(jobIds?: string[]): Promise<number>;

  /** Events with seq > after, ascending, at most `limit`. */
  eventsAfter(jobId: string, after: number, limit: number): Promise<JobEvent[]>;
  /** Events with seq < before, the newest `limit` of them, ascending. */
  eventsBefore(jobId: string, before: number, limit: number): Promise<JobEvent[]>;
  /** The status set by the last status event at or before `seq`; "pending" when none. */
  statusAt(jobId: string, seq: number): Promise<JobStatus>;
  /** Status, lastSeq and stats of the row, or null when the job is gone. */
  head(jobId: string): Promise<JobHead | null>;

  /** A page of jobs newest first (keyset on createdAt, id) and the total matching `filter`. */
  page(filter: JobFilter, after: { createdAt: Date; id: string } | undefined, limit: number): Promise<{ rows: Job[]; total: number }>;
  /** Job counts by type and status, and the number of stored events (metrics). */
  counts(): Promise<{ byTypeAndStatus: { jobType: string; status: string; count: number }[]; events: number }>;
  /** Deletes finished jobs (and their events) finished before `cutoff`; @returns how many. */
  deleteFinishedBefore(cutoff: Date): Promise<number>;
  /** A round trip to the database (health check). */
  ping(): Promise<void>;
}
