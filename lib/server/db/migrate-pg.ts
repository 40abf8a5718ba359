// Applies prisma/postgresql/migrations/*/migration.sql in order and records each
// in Prisma's own `_prisma_migrations` table (its PostgreSQL columns, sha256
// checksum), so `prisma migrate deploy` on a machine with the schema engine
// agrees with us. Several instances may start at once: a session-level
// advisory lock makes one of them migrate while the others wait, then find
// nothing left to do.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Key of the advisory lock every migrating instance takes (any constant; "planstream" as int8). */
const MIGRATION_LOCK = "7237450135093110382";

/** Where the committed PostgreSQL migrations live (relative to the working directory, as MIGRATIONS_DIR). */
export const PG_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/postgresql/migrations");

/** Names of the migration folders in `dir`, in the order they apply. */
export function migrationNames(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

/**
 * Applies pending migrations to the PostgreSQL database at `url`, each in its
 * own transaction (PostgreSQL's DDL is transactional: a failed migration
 * leaves nothing behind). Safe from several processes at once (advisory lock).
 * @returns names of the migrations applied by this call.
 * @throws when the database is unreachable, a migration fails, or an applied one was edited (checksum differs).
 */
export async function applyPgMigrations(url: string, dir = PG_MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, application_name: "planstream-migrate" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(MIGRATIONS_TABLE);
    const applied: string[] = [];
    for (const name of migrationNames(dir)) {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const existing = await client.query<{ checksum: string }>(
        `SELECT checksum FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [name],
      );
      if (existing.rows.length > 0) {
        if (existing.rows[0].checksum !== checksum) throw new Error(`Migration ${name} was modified after it was applied (checksum mismatch)`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}
