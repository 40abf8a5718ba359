// The limits' database reads and writes (repositories only touch the database).
import "server-only";
import type { Db } from "../db/client.ts";

/** Tokens `userId` spent on UTC day `day` (YYYY-MM-DD): input + output, 0 when nothing was recorded. */
export async function tokensSpent(db: Db, userId: string, day: string): Promise<number> {
  const row = await db.tokenUsage.findUnique({ where: { userId_day: { userId, day } }, select: { inputTokens: true, outputTokens: true } });
  return row ? row.inputTokens + row.outputTokens : 0;
}

/** Adds one model call's tokens to `userId`'s row of `day` (one upsert: INSERT … ON CONFLICT DO UPDATE). */
export async function addTokens(db: Db, args: { userId: string; day: string; inputTokens: number; outputTokens: number }): Promise<void> {
  const { userId, day, inputTokens, outputTokens } = args;
  await db.tokenUsage.upsert({
    where: { userId_day: { userId, day } },
    create: { userId, day, inputTokens, outputTokens, calls: 1 },
    update: { inputTokens: { increment: inputTokens }, outputTokens: { increment: outputTokens }, calls: { increment: 1 } },
  });
}

/** Jobs of `ownerId` waiting to start (status pending). */
export function countPendingJobs(db: Db, ownerId: string): Promise<number> {
  return db.job.count({ where: { ownerId, status: "pending" } });
}
