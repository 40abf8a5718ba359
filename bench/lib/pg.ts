// Throw-away PostgreSQL databases for the benchmark's PostgreSQL phase. The
// benchmark's DATABASE_URL names a server (any database on it the user may
// connect to, e.g. postgres://postgres@127.0.0.1:5432/postgres); every
// measurement gets a database of its own on that server, named
// planstream_bench_<pid>_<tag> after the benchmark process, migrated with the
// app's own applyMigrations and dropped (WITH (FORCE)) when it is done.
// Databases a killed run left behind are dropped by the next run (their pid
// no longer exists), never those of a benchmark still running.
import pg from "pg";
import { applyMigrations } from "@/lib/server/db/migrate";

/** Every database the benchmark makes starts with this. */
export const BENCH_DB_PREFIX = "planstream_bench_";

/** True for a DATABASE_URL that names PostgreSQL (postgres:// or postgresql://), as lib/server/db/provider.ts reads it. */
export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

/** `serverUrl` with its database name replaced by `name` (user, host, port and query kept). */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The database name of a postgres:// URL. */
function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

async function withServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: "planstream-bench" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Drops the benchmark databases on the server whose benchmark process is gone
 * (a run killed before its cleanup).
 * @returns the names dropped.
 */
export async function dropStaleBenchDatabases(serverUrl: string): Promise<string[]> {
  return withServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${BENCH_DB_PREFIX}%`]);
    const stale = rows.map((r) => r.datname).filter((name) => !alive(Number(/^planstream_bench_(\d+)_/.exec(name)?.[1] ?? 0)));
    for (const name of stale) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return stale;
  });
}

/**
 * Creates an empty database planstream_bench_<this pid>_<tag> on the server
 * of `serverUrl` and applies the PostgreSQL migration history to it
 * (lib/server/db/migrate.ts `applyMigrations`).
 * @param tag lower-case letters, digits and `_` (part of an unquoted-safe name).
 * @returns the new database's URL.
 */
export async function createBenchDatabase(serverUrl: string, tag: string): Promise<string> {
  const name = `${BENCH_DB_PREFIX}${process.pid}_${tag}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad benchmark database name ${name}`);
  await withServer(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = databaseUrl(serverUrl, name);
  await applyMigrations(url);
  return url;
}

/** Drops the database `url` names, closing whatever connections remain (never throws: a cleanup). */
export async function dropBenchDatabase(serverUrl: string, url: string): Promise<void> {
  const name = databaseOf(url);
  if (!name.startsWith(BENCH_DB_PREFIX)) throw new Error(`refusing to drop ${name}: not a benchmark database`);
  await withServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch((error: unknown) => {
    console.error(`[bench] could not drop ${name}: ${String(error)}`);
  });
}

/**
 * Runs `fn` with a fresh migrated database (createBenchDatabase) and drops it
 * afterwards, also when `fn` throws.
 */
export async function withBenchDatabase<T>(serverUrl: string, tag: string, fn: (url: string) => Promise<T>): Promise<T> {
  const url = await createBenchDatabase(serverUrl, tag);
  try {
    return await fn(url);
  } finally {
    await dropBenchDatabase(serverUrl, url);
  }
}
