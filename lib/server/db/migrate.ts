// Applies prisma/migrations/*/migration.sql in order and records each in
// Prisma's own `_prisma_migrations` table (same columns, sha256 checksum), so
// `prisma migrate deploy` on a machine with the schema engine agrees with us.
// We apply them ourselves because the Prisma CLI downloads its engine binary,
// which machines without internet access cannot do. The `db:migrate` script
// runs this under plain Node with `--conditions=react-server`, which resolves
// `server-only` to its empty module.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { applyPgMigrations, migrationNames, PG_MIGRATIONS_DIR } from "./migrate-pg.ts";
import { dbProvider } from "./provider.ts";

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/**
 * Where the committed migrations live. Relative to the working directory (the
 * project root for every npm script and `next start`): once Next bundles this
 * module, `import.meta.dirname` no longer points into the source tree.
 */
export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

/** The migration history of the provider `url` names: prisma/migrations (SQLite) or prisma/postgresql/migrations. */
export function migrationsDirFor(url: string): string {
  return dbProvider(url) === "postgresql" ? PG_MIGRATIONS_DIR : MIGRATIONS_DIR;
}

/** Creates the parent folder of a `file:` SQLite URL. */
export function ensureSqliteDir(url: string): void {
  if (!url.startsWith("file:")) return;
  const file = url.slice("file:".length).split("?")[0];
  if (file && file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/**
 * Applies pending migrations to the database at `url`: SQLite (`file:…`, here)
 * or PostgreSQL (`postgres://…`, migrate-pg.ts, from its own history).
 * Safe to call from several processes at once: each migration runs inside a
 * write transaction that re-checks the history first. Also switches the file
 * to WAL mode (persistent) so readers never block the writer.
 * @returns names of the migrations applied by this call.
 * @throws when a migration fails or an applied one was edited (checksum differs).
 */
export async function applyMigrations(url: string, dir?: string): Promise<string[]> {
  if (dbProvider(url) === "postgresql") return applyPgMigrations(url, dir);
  return applySqliteMigrations(url, dir ?? MIGRATIONS_DIR);
}

async function applySqliteMigrations(url: string, dir: string): Promise<string[]> {
  ensureSqliteDir(url);
  const client = createClient({ url, timeout: 10_000 });
  try {
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute(MIGRATIONS_TABLE);
    const names = migrationNames(dir);
    const applied: string[] = [];
    for (const name of names) {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      if (await applyOne(client, name, sql)) applied.push(name);
    }
    return applied;
  } finally {
    client.close();
  }
}

async function applyOne(client: Client, name: string, sql: string): Promise<boolean> {
  const checksum = createHash("sha256").update(sql).digest("hex");
  // Table redefinitions (Prisma's "RedefineTables") DROP a table that others
  // reference with ON DELETE CASCADE. Their `PRAGMA foreign_keys=OFF` is a
  // no-op inside a transaction, so it is switched off on this connection
  // before the transaction starts, and integrity is checked before commit
  // (SQLite's documented 12-step schema change).
  await client.execute("PRAGMA foreign_keys = OFF");
  const tx = await client.transaction("write");
  try {
    const existing = await tx.execute({
      sql: `SELECT checksum FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      args: [name],
    });
    if (existing.rows.length > 0) {
      await tx.rollback();
      if (existing.rows[0].checksum !== checksum) {
        throw new Error(`Migration ${name} was modified after it was applied (checksum mismatch)`);
      }
      return false;
    }
    await tx.executeMultiple(sql);
    const broken = await tx.execute("PRAGMA foreign_key_check");
    if (broken.rows.length > 0) throw new Error(`Migration ${name} leaves ${broken.rows.length} broken foreign key(s)`);
    await tx.execute({
      sql: `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
            VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
      args: [randomUUID(), checksum, name],
    });
    await tx.commit();
    return true;
  } catch (error) {
    if (!tx.closed) await tx.rollback();
    throw error;
  }
}
