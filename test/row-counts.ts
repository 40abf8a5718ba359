// Row counts of EVERY table of the schema (Prisma's ModelName list, so a new
// table is counted without editing this file), for "nothing was written".
import { Prisma } from "@/lib/server/db/generated/client";
import { getDeps } from "@/lib/server/deps";

type Counter = { count(): Promise<number> };

/** `{User: n, Conversation: n, …}` for every model of prisma/schema.prisma. */
export async function countEveryTable(): Promise<Record<string, number>> {
  const db = getDeps().db as unknown as Record<string, Counter>;
  const names = Object.values(Prisma.ModelName);
  const counts = await Promise.all(names.map((name) => db[name[0].toLowerCase() + name.slice(1)].count()));
  return Object.fromEntries(names.map((name, i) => [name, counts[i]]));
}

/** What changed between two countEveryTable() snapshots: only the tables whose count moved. */
export function rowDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).flatMap((k) => (after[k] !== before[k] ? [[k, after[k] - (before[k] ?? 0)]] : [])));
}
