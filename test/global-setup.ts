// Vitest globalSetup. On the PostgreSQL run (TEST_DATABASE=postgres) it drops
// databases a dead earlier run left, makes this run's template (all
// migrations applied) that every test file's database is copied from, hands
// the run's id to the workers (`inject("pgRunPid")` in setup-env.ts), and
// drops this run's databases at the end. On the SQLite run it does nothing:
// each file makes its own file.
import type { TestProject } from "vitest/node";
import { applyPgMigrations } from "../lib/server/db/migrate-pg.ts";
import { dropTestDatabases, onPostgres, templateOf, urlOf, withAdmin } from "./pg-test-db.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgRunPid: number;
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!onPostgres()) return async () => {};
  const runPid = process.pid;
  await dropTestDatabases(runPid);
  await withAdmin((client) => client.query(`CREATE DATABASE "${templateOf(runPid)}"`));
  await applyPgMigrations(urlOf(templateOf(runPid)));
  project.provide("pgRunPid", runPid);
  return () => dropTestDatabases(runPid);
}
