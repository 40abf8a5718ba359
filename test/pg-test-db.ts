// The PostgreSQL side of the test suite (TEST_DATABASE=postgres): one fresh
// database per test file, copied from a template that has every migration
// applied, so files stay as isolated as with their own SQLite file.
import pg from "pg";

/** The server the suite uses: TEST_PG_URL, default the local PostgreSQL (trust auth) as `postgres`. */
export const TEST_PG_SERVER = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** Every database the suite makes starts with this (dropped before and after a run). */
export const TEST_DB_PREFIX = "planstream_t_";
export const TEMPLATE_DB = `${TEST_DB_PREFIX}template`;

/** True when this run is the PostgreSQL one. */
export const onPostgres = (): boolean => process.env.TEST_DATABASE === "postgres";

/** `TEST_PG_SERVER` with its database name replaced by `name`. */
export function urlOf(name: string): string {
  const url = new URL(TEST_PG_SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `fn` with a client connected to the server's maintenance database. */
export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_SERVER, application_name: "planstream-test-admin" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops every database of the suite (`planstream_t_…`), closing their connections. */
export async function dropTestDatabases(): Promise<void> {
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${TEST_DB_PREFIX}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

/**
 * Creates a database copied from the template and returns its URL.
 * @throws when the server is unreachable (the PostgreSQL suite fails, never skips).
 */
export async function createTestDatabase(): Promise<string> {
  const name = `${TEST_DB_PREFIX}${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
        return;
      } catch (error) {
        // Two files copying the template at the same instant: "source database … is being accessed by other users".
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  });
  return urlOf(name);
}
