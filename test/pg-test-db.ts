// The PostgreSQL side of the test suite (TEST_DATABASE=postgres): one fresh
// database per test file, copied from a template that has every migration
// applied, so files stay as isolated as with their own SQLite file.
import pg from "pg";

/** The server the suite uses: TEST_PG_URL, default the local PostgreSQL (trust auth) as `postgres`. */
export const TEST_PG_SERVER = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** Every database the suite makes starts with this, then the pid of the Vitest run that made it. */
export const TEST_DB_PREFIX = "planstream_t_";

/** The prefix of one run's databases (its Vitest main process's pid): runs at the same time never touch each other's. */
export const runPrefix = (runPid: number): string => `${TEST_DB_PREFIX}${runPid}_`;

/** The migrated template of one run. */
export const templateOf = (runPid: number): string => `${runPrefix(runPid)}template`;

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

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Drops the databases of run `runPid`, and those of earlier runs whose
 * process is gone (a run killed before its teardown), closing their connections.
 */
export async function dropTestDatabases(runPid: number): Promise<void> {
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${TEST_DB_PREFIX}%`]);
    for (const { datname } of rows) {
      const pid = Number(/^planstream_t_(\d+)_/.exec(datname)?.[1]);
      if (pid === runPid || !Number.isFinite(pid) || !alive(pid)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}

/**
 * Creates a database copied from run `runPid`'s template and returns its URL.
 * @throws when the server is unreachable (the PostgreSQL suite fails, never skips).
 */
export async function createTestDatabase(runPid: number): Promise<string> {
  const TEMPLATE_DB = templateOf(runPid);
  const name = `${runPrefix(runPid)}${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
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
