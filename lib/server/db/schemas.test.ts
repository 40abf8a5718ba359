// The two providers cannot drift: the PostgreSQL schema is the SQLite one
// rendered, and both migration histories build every model's columns.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script without types; renderPostgresSchema(source: string): string.
import { POSTGRES_SCHEMA, renderPostgresSchema, SOURCE } from "../../../scripts/prisma-schemas.mjs";
import { TEST_DB_PREFIX, urlOf, withAdmin } from "@/test/pg-test-db";
import { Prisma } from "./generated/client";
import { applyMigrations } from "./migrate";
import { applyPgMigrations } from "./migrate-pg";

/** Every model's scalar fields (the columns Prisma reads and writes), from the generated client. */
function modelColumns(): Map<string, string[]> {
  const enums = Prisma as unknown as Record<string, Record<string, string>>;
  return new Map(Object.values(Prisma.ModelName).map((model) => [model, Object.values(enums[`${model}ScalarFieldEnum`]).sort()]));
}

const pgName = `${TEST_DB_PREFIX}${process.pid}_parity`;

afterAll(async () => {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`));
});

describe("one set of models, one schema and one migration history per provider", () => {
  it("prisma/postgresql/schema.prisma is prisma/schema.prisma rendered (run `npm run db:generate` after editing the models)", () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(renderPostgresSchema(fs.readFileSync(SOURCE, "utf8")));
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toMatch(/datasource db \{\s*provider = "postgresql"/);
  });

  it("each history, applied to an empty database, makes exactly the models' tables and columns", async () => {
    const want = modelColumns();
    expect(want.size).toBeGreaterThanOrEqual(15);

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "planstream-parity-")), "parity.db");
    await applyMigrations(`file:${file}`);
    const lite = createClient({ url: `file:${file}` });
    const sqlite = new Map<string, string[]>();
    for (const model of want.keys()) {
      const cols = await lite.execute(`SELECT name FROM pragma_table_info('${model}')`);
      sqlite.set(model, cols.rows.map((r) => String(r.name)).sort());
    }
    lite.close();

    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`).then(() => c.query(`CREATE DATABASE "${pgName}"`)));
    await applyPgMigrations(urlOf(pgName));
    const client = new pg.Client({ connectionString: urlOf(pgName) });
    await client.connect();
    const postgres = new Map<string, string[]>();
    try {
      for (const model of want.keys()) {
        const cols = await client.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`, [model]);
        postgres.set(model, cols.rows.map((r) => r.column_name).sort());
      }
      // The database-enforced guarantees only PostgreSQL needs (several writers).
      const idx = await client.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'Job_one_running_per_concurrencyKey'`);
      expect(idx.rows[0]?.indexdef).toMatch(/UNIQUE INDEX .* \("concurrencyKey"\) WHERE \(\(status = 'running'::text\) AND \("concurrencyKey" IS NOT NULL\)\)/);
    } finally {
      await client.end();
    }
    expect(sqlite).toEqual(want);
    expect(postgres).toEqual(want);
  });
});
