import "server-only";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";
import { PrismaClient as PgPrismaClient } from "./generated-pg/client.ts";
import { dbProvider } from "./provider.ts";
import { redactingExtension } from "../security/redacting-prisma.ts";

export type Db = PrismaClient;
/** A transaction client, as handed to `db.$transaction(async (tx) => …)`. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Busy timeout of every pooled SQLite connection, ms: writers wait for the lock instead of failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

/** Connections in one instance's PostgreSQL pool (node-postgres `max`); the LISTEN connection is separate. */
export const PG_POOL_SIZE = 10;
/**
 * A transaction left idle this long is ended by PostgreSQL, ms: an instance
 * frozen mid-transaction (a long pause, a stopped VM) must not hold a job's
 * row lock forever, or no other instance could recover that job.
 */
export const PG_IDLE_IN_TRANSACTION_MS = 15_000;

/**
 * A Prisma client over `url`, by scheme (db/provider.ts): a SQLite file
 * (`file:…`, libsql driver adapter, N-API) or PostgreSQL (`postgres://…`,
 * `@prisma/adapter-pg` over a node-postgres pool of PG_POOL_SIZE). Both
 * clients are generated from the same models (scripts/prisma-schemas.mjs),
 * so the PostgreSQL one is typed as the SQLite one (`Db`): code that uses a
 * provider-only feature must ask `dbProvider` first. Every write through it
 * has secrets redacted (security/redacting-prisma.ts).
 * @throws Error for a URL of another scheme.
 */
export function createDb(url: string): Db {
  const client =
    dbProvider(url) === "postgresql"
      ? (new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: PG_POOL_SIZE, application_name: "planstream", idle_in_transaction_session_timeout: PG_IDLE_IN_TRANSACTION_MS }) }) as unknown as PrismaClient)
      : new PrismaClient({ adapter: new PrismaLibSql({ url, timeout: BUSY_TIMEOUT_MS }) });
  // The extension adds no model or method: the extended client has the base client's shape.
  return client.$extends(redactingExtension) as unknown as Db;
}

/**
 * Runs `fn` in one interactive transaction: everything it writes commits
 * together or not at all (a rejected request writes nothing).
 */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(fn);
}
