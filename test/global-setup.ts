// Vitest globalSetup. On the PostgreSQL run (TEST_DATABASE=postgres) it drops
// databases an earlier run left, makes the template every test file's
// database is copied from (all migrations applied), and drops them all at the
// end. On the SQLite run it does nothing: each file makes its own file.
import { applyPgMigrations } from "../lib/server/db/migrate-pg.ts";
import { dropTestDatabases, onPostgres, TEMPLATE_DB, urlOf, withAdmin } from "./pg-test-db.ts";

export async function setup(): Promise<() => Promise<void>> {
  if (!onPostgres()) return async () => {};
  await dropTestDatabases();
  await withAdmin((client) => client.query(`CREATE DATABASE "${TEMPLATE_DB}"`));
  await applyPgMigrations(urlOf(TEMPLATE_DB));
  return dropTestDatabases;
}
