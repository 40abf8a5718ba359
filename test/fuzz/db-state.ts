// Row counts of every table in the database (read from the catalogue:
// sqlite_master, or PostgreSQL's information_schema, so a new table is
// covered without touching this file), for "a rejected request writes nothing".
import type { Db } from "@/lib/server/db/client";
import { onPostgres } from "../pg-test-db";

/** Table name → row count. */
export type RowCounts = Record<string, number>;

let query: string | undefined;

/** Counts the rows of every application table in one statement. */
export async function countAllRows(db: Db): Promise<RowCounts> {
  if (!query) {
    const tables = await db.$queryRawUnsafe<{ name: string }[]>(
      onPostgres()
        ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`
        : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
    );
    query = `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t.name}") AS "${t.name}"`).join(", ")}`;
  }
  const [row] = await db.$queryRawUnsafe<Record<string, bigint | number>[]>(query);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

/** Tables whose counts differ between `before` and `after`: `{table: [before, after]}`. */
export function changedTables(before: RowCounts, after: RowCounts): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const t of new Set([...Object.keys(before), ...Object.keys(after)])) if (before[t] !== after[t]) out[t] = [before[t] ?? 0, after[t] ?? 0];
  return out;
}
