import "server-only";
import type { Db } from "../db/client.ts";

export type IdempotencyId = { userId: string; key: string };
export type StoredIdempotency = { requestHash: string; status: number | null; response: unknown };

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

/** Claims `id` for a request; @returns false when the key already exists. */
export async function claimIdempotencyKey(db: Db, id: IdempotencyId, route: string, requestHash: string): Promise<boolean> {
  try {
    await db.idempotencyKey.create({ data: { ...id, route, requestHash } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function findIdempotencyKey(db: Db, id: IdempotencyId): Promise<StoredIdempotency | null> {
  const row = await db.idempotencyKey.findUnique({ where: { userId_key: id } });
  return row && { requestHash: row.requestHash, status: row.status, response: row.response };
}

/** Frees a key whose first request failed (nothing was written, so a retry may run). */
export async function releaseIdempotencyKey(db: Db, id: IdempotencyId): Promise<void> {
  await db.idempotencyKey.delete({ where: { userId_key: id } }).catch(() => undefined);
}

export async function storeIdempotentResponse(db: Db, id: IdempotencyId, status: number, body: unknown): Promise<void> {
  await db.idempotencyKey.update({ where: { userId_key: id }, data: { status, response: body as object } });
}

/** Deletes keys created before `cutoff`; @returns how many. */
export async function deleteIdempotencyKeysBefore(db: Db, cutoff: Date): Promise<number> {
  return (await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: cutoff } } })).count;
}
