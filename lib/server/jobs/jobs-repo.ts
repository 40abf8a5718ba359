import "server-only";
import { emptyStats, statusFromEvent, type JobStats, type JobStatus } from "@/lib/shared/jobs";
import { clampSeq } from "@/lib/shared/streams";
import type { Db, Tx } from "../db/client.ts";
import { dbProvider } from "../db/provider.ts";
import type { Job, JobEvent, Prisma } from "../db/generated/client.ts";
import { statsOf } from "./job-dto.ts";
import { settleRunOfJob } from "../runs/runs-repo.ts";
import { advanceSeq, insertEvents, PG_EVENTS, SQLITE_EVENTS, type EventSqlDialect } from "./event-sql.ts";
import type { EventDraft, Fence, JobFilter, JobHead, JobStore, NewJob, TransitionWrite } from "./job-store.ts";

const OPEN: JobStatus[] = ["pending", "running"];
const FINISHED: JobStatus[] = ["succeeded", "failed", "cancelled"];

function whereOf(f: JobFilter): Prisma.JobWhereInput {
  return {
    ...(f.ownerId ? { ownerId: f.ownerId } : {}),
    ...(f.planId ? { planId: f.planId } : {}),
    ...(f.parentJobId ? { parentJobId: f.parentJobId } : {}),
    ...(f.jobType ? { jobType: f.jobType } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.idPrefix ? { id: { startsWith: f.idPrefix } } : {}),
    ...(f.createdFrom || f.createdBefore
      ? { createdAt: { ...(f.createdFrom ? { gte: f.createdFrom } : {}), ...(f.createdBefore ? { lt: f.createdBefore } : {}) } }
      : {}),
  };
}

/**
 * Inserts a pending job inside `tx` (guarantee 1: the caller's transaction).
 * Plain Prisma, so it serves every provider; `defineJob(…).enqueue` calls it.
 */
export function insertJob(tx: Tx, job: NewJob): Promise<Job> {
  return tx.job.create({
    data: {
      id: job.id,
      jobType: job.jobType,
      ownerId: job.ownerId,
      planId: job.planId ?? null,
      taskId: job.taskId ?? null,
      parentJobId: job.parentJobId ?? null,
      concurrencyKey: job.concurrencyKey ?? null,
      params: job.payload as object,
      stats: emptyStats(),
    },
  });
}

/** Options of a job store. `redact: false` only for the benchmark's baseline (bench/redaction.ts): events are stored as given. */
export type JobStoreOptions = { redact?: boolean };

/**
 * The job store over Prisma (see `JobStore`), shared by both providers: all
 * of it is plain Prisma but the event INSERT (`dialect`), the claim refusal
 * and the health query, which the subclasses give. The seq counter lives on
 * the job row, incremented in the same transaction as the inserted events:
 * the row's lock orders writers, so seqs are gapless and commit order equals
 * seq order on both.
 */
abstract class PrismaJobStore implements JobStore {
  protected abstract readonly dialect: EventSqlDialect;

  constructor(
    protected readonly db: Db,
    private readonly options: JobStoreOptions = {},
  ) {}

  find(jobId: string): Promise<Job | null> {
    return this.db.job.findUnique({ where: { id: jobId } });
  }

  appendEvents(jobId: string, drafts: EventDraft[], stats: JobStats, fence?: Fence): Promise<number> {
    return this.db.$transaction(async (tx) => {
      const lastSeq = await advanceSeq(tx, jobId, drafts.length, stats, fence);
      await insertEvents(tx, this.dialect, jobId, lastSeq - drafts.length + 1, drafts, this.options.redact);
      return lastSeq;
    });
  }

  commitWith<T>(
    jobId: string,
    write: (tx: Tx) => Promise<{ value: T; events: EventDraft[] }>,
    statsFor: (events: EventDraft[]) => JobStats,
    fence?: Fence,
  ): Promise<{ value: T; lastSeq: number }> {
    return this.db.$transaction(async (tx) => {
      const { value, events } = await write(tx);
      const lastSeq = await advanceSeq(tx, jobId, events.length, statsFor(events), fence);
      await insertEvents(tx, this.dialect, jobId, lastSeq - events.length + 1, events, this.options.redact);
      return { value, lastSeq };
    });
  }

  async transition(w: TransitionWrite): Promise<number | null> {
    try {
      return await this.transitionOnce(w);
    } catch (error) {
      if (w.to === "running" && this.isClaimRefused(error)) return null;
      throw error;
    }
  }

  /**
   * True when `error` is the database refusing a claim because another job of
   * the same concurrency key is running (PostgreSQL's partial unique index).
   * SQLite has one writer, so the runner's own check suffices there.
   */
  protected isClaimRefused(error: unknown): boolean {
    void error;
    return false;
  }

  /**
   * Locks a pending job's row for its claim, or answers false at once when
   * another worker holds it (being claimed elsewhere: try the next job). On
   * SQLite the one write lock serializes claims already.
   */
  protected async lockForClaim(tx: Tx, jobId: string): Promise<boolean> {
    void tx;
    void jobId;
    return true;
  }

  private transitionOnce(w: TransitionWrite): Promise<number | null> {
    const { result, ...rest } = w.update;
    return this.db.$transaction(async (tx) => {
      if (w.from === "pending" && w.to === "running" && !(await this.lockForClaim(tx, w.jobId))) return null;
      const moved = await tx.job.updateMany({
        where: {
          id: w.jobId,
          status: w.from,
          ...(w.attempt !== undefined ? { attempt: w.attempt } : {}),
          ...(w.lease !== undefined ? { leaseExpiresAt: w.lease } : {}),
        },
        data: {
          ...rest,
          status: w.to,
          stats: w.stats,
          ...(result !== undefined ? { result: result as object } : {}),
          lastSeq: { increment: w.events.length },
        },
      });
      if (moved.count !== 1) return null;
      // A plan_execute job's run follows its status in the same transaction (docs/design.md "Run").
      await settleRunOfJob(tx, w.jobId, w.to, w.update.finishedAt ?? new Date());
      const { lastSeq } = await tx.job.findUniqueOrThrow({ where: { id: w.jobId }, select: { lastSeq: true } });
      await insertEvents(tx, this.dialect, w.jobId, lastSeq - w.events.length + 1, w.events, this.options.redact);
      return lastSeq;
    });
  }

  listChildren(parentJobId: string): Promise<Job[]> {
    return this.db.job.findMany({ where: { parentJobId }, orderBy: { createdAt: "asc" } });
  }

  listRunnable(now: Date, limit: number): Promise<Job[]> {
    return this.db.job.findMany({ where: { status: "pending", runAfter: { lte: now } }, orderBy: { createdAt: "asc" }, take: limit });
  }

  async runningConcurrencyKeys(): Promise<Set<string>> {
    const rows = await this.db.job.findMany({ where: { status: "running", concurrencyKey: { not: null } }, select: { concurrencyKey: true } });
    return new Set(rows.map((r) => r.concurrencyKey!));
  }

  async statuses(jobIds: string[]): Promise<Map<string, JobStatus>> {
    if (jobIds.length === 0) return new Map();
    const rows = await this.db.job.findMany({ where: { id: { in: jobIds } }, select: { id: true, status: true } });
    return new Map(rows.map((r) => [r.id, r.status as JobStatus]));
  }

  async heartbeat(jobId: string, attempt: number, leaseExpiresAt: Date): Promise<{ held: boolean; cancelRequested: boolean }> {
    const renewed = await this.db.job.updateMany({ where: { id: jobId, status: "running", attempt }, data: { leaseExpiresAt } });
    if (renewed.count !== 1) return { held: false, cancelRequested: false };
    const row = await this.db.job.findUnique({ where: { id: jobId }, select: { cancelRequestedAt: true } });
    return { held: true, cancelRequested: !!row?.cancelRequestedAt };
  }

  listExpiredLeases(now: Date): Promise<Job[]> {
    return this.db.job.findMany({ where: { status: "running", leaseExpiresAt: { lt: now } } });
  }

  async requestCancel(jobId: string): Promise<boolean> {
    const flagged = await this.db.job.updateMany({ where: { id: jobId, status: { in: OPEN } }, data: { cancelRequestedAt: new Date() } });
    return flagged.count === 1;
  }

  countOpen(jobIds?: string[]): Promise<number> {
    return this.db.job.count({ where: { status: { in: OPEN }, ...(jobIds ? { id: { in: jobIds } } : {}) } });
  }

  eventsAfter(jobId: string, after: number, limit: number): Promise<JobEvent[]> {
    return this.db.jobEvent.findMany({ where: { jobId, seq: { gt: clampSeq(after) } }, orderBy: { seq: "asc" }, take: limit });
  }

  async eventsBefore(jobId: string, before: number, limit: number): Promise<JobEvent[]> {
    const rows = await this.db.jobEvent.findMany({ where: { jobId, seq: { lt: clampSeq(before) } }, orderBy: { seq: "desc" }, take: limit });
    return rows.reverse();
  }

  async statusAt(jobId: string, seq: number): Promise<JobStatus> {
    const row = await this.db.jobEvent.findFirst({
      where: { jobId, kind: "status", seq: { lte: clampSeq(seq) } },
      orderBy: { seq: "desc" },
      select: { kind: true, data: true },
    });
    return (row && statusFromEvent({ kind: row.kind, data: row.data as Record<string, unknown> | null })) ?? "pending";
  }

  async head(jobId: string): Promise<JobHead | null> {
    const row = await this.db.job.findUnique({ where: { id: jobId }, select: { status: true, lastSeq: true, stats: true } });
    return row ? { status: row.status as JobStatus, lastSeq: row.lastSeq, stats: statsOf(row) } : null;
  }

  async page(filter: JobFilter, after: { createdAt: Date; id: string } | undefined, limit: number): Promise<{ rows: Job[]; total: number }> {
    const where = whereOf(filter);
    const paged: Prisma.JobWhereInput = after
      ? { AND: [where, { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }] }
      : where;
    const [rows, total] = await Promise.all([
      this.db.job.findMany({ where: paged, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit }),
      this.db.job.count({ where }),
    ]);
    return { rows, total };
  }

  async counts(): Promise<{ byTypeAndStatus: { jobType: string; status: string; count: number }[]; events: number }> {
    const [groups, events] = await Promise.all([
      this.db.job.groupBy({ by: ["jobType", "status"], _count: { _all: true } }),
      this.db.jobEvent.count(),
    ]);
    return { byTypeAndStatus: groups.map((g) => ({ jobType: g.jobType, status: g.status, count: g._count._all })), events };
  }

  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    const deleted = await this.db.job.deleteMany({ where: { status: { in: FINISHED }, finishedAt: { lt: cutoff } } });
    return deleted.count;
  }

  abstract ping(): Promise<void>;
}

/** The job store on SQLite (Prisma 7 + the libsql adapter): writers serialize on SQLite's one write lock. */
export class SqliteJobStore extends PrismaJobStore {
  protected readonly dialect = SQLITE_EVENTS;

  async ping(): Promise<void> {
    // Reads the schema page: `SELECT 1` alone answers even when the file is unreadable or corrupt.
    await this.db.$queryRawUnsafe("SELECT count(*) FROM sqlite_master");
  }
}

/**
 * The job store on PostgreSQL (Prisma 7 + `@prisma/adapter-pg`), shared by
 * every instance. Guarantee 5 holds across instances through the partial
 * unique index `Job_one_running_per_concurrencyKey` (prisma/postgresql/
 * migrations): of two instances claiming jobs of one plan, the second claim
 * violates it and is refused (`transition` answers null, nothing written).
 * Fencing is the same guarded UPDATE as on SQLite: PostgreSQL re-checks a
 * row's WHERE after waiting for a concurrent writer, so a worker whose lease
 * was taken over matches no row.
 */
export class PgJobStore extends PrismaJobStore {
  protected readonly dialect = PG_EVENTS;

  protected isClaimRefused(error: unknown): boolean {
    // P2002: Prisma's unique constraint violation (PostgreSQL 23505).
    const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
    return e?.code === "P2002" || e?.meta?.driverAdapterError?.cause?.originalCode === "23505" || /23505|unique constraint/i.test(String((error as Error)?.message));
  }

  /**
   * `SELECT … FOR UPDATE SKIP LOCKED` on the job row: when another instance
   * is claiming the same job, this one moves on to the next instead of
   * waiting for that commit (runners of several instances all look at the
   * oldest pending jobs first; without it their claims queue up behind each
   * other: npm run bench). pg-boss and graphile-worker claim the same way.
   */
  protected async lockForClaim(tx: Tx, jobId: string): Promise<boolean> {
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "Job" WHERE id = $1 AND status = 'pending' FOR UPDATE SKIP LOCKED`, jobId);
    return rows.length === 1;
  }

  async ping(): Promise<void> {
    // Reads the catalogue of our own table: proves the connection and that the schema is there.
    await this.db.$queryRawUnsafe(`SELECT count(*) FROM pg_class WHERE relname = 'Job'`);
  }
}

/**
 * The job store for the database `url` names (db/provider.ts): SqliteJobStore or PgJobStore over `db`.
 * @throws Error for a URL of another scheme.
 */
export function createJobStore(db: Db, url: string, options: JobStoreOptions = {}): JobStore {
  return dbProvider(url) === "postgresql" ? new PgJobStore(db, options) : new SqliteJobStore(db, options);
}
