import "server-only";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaClient } from "./generated/client.ts";
import { redactingExtension } from "../security/redacting-prisma.ts";

export type Db = PrismaClient;
/** A transaction client, as handed to `db.$transaction(async (tx) => …)`. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Busy timeout of every pooled SQLite connection, ms: writers wait for the lock instead of failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * A Prisma client over the SQLite file at `url` (libsql driver adapter, N-API).
 * Every write through it has secrets redacted (security/redacting-prisma.ts).
 */
export function createDb(url: string): Db {
  const client = new PrismaClient({ adapter: new PrismaLibSql({ url, timeout: BUSY_TIMEOUT_MS }) });
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
