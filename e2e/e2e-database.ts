// The database of an e2e server: a SQLite file in its DATA_DIR (default), or
// with E2E_DATABASE=postgres a fresh PostgreSQL database on TEST_PG_URL's
// server (npm run test:e2e:pg runs the whole e2e suite that way).
import pg from "pg";

const SERVER = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** True when this e2e run is the PostgreSQL one. */
export const e2eOnPostgres = () => process.env.E2E_DATABASE === "postgres";

/** The URL of database `name` on the e2e PostgreSQL server. */
export function pgDatabaseUrl(name: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `sql` on the server's maintenance database, or on `database`; @returns the rows. */
export async function adminQuery<R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], database?: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: database ? pgDatabaseUrl(database) : SERVER, application_name: "planstream-e2e-admin" });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Drops database `name` if it exists (closing its connections) and creates it empty. */
export async function recreateDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${name}"`);
}

/**
 * Environment for a server of the e2e run: `{}` on SQLite (its DATA_DIR has
 * the file); on PostgreSQL `{DATABASE_URL}` of a fresh database `planstream_e2e_<name>`
 * (dropped first, so every run starts empty).
 */
export async function freshDatabaseEnv(name: string): Promise<Record<string, string>> {
  if (!e2eOnPostgres()) return {};
  const database = `planstream_e2e_${name}`.replace(/[^a-z0-9_]/gi, "_");
  await recreateDatabase(database);
  return { DATABASE_URL: pgDatabaseUrl(database) };
}
