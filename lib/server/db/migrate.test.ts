// Migrations keep data: a later migration that redefines the Job table must
// not cascade-delete job events (foreign keys are off during the change), and
// re-running is a no-op. Real SQLite files, the committed migration folders.
import { createClient } from "@libsql/client";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR } from "./migrate";

const all = fs.readdirSync(MIGRATIONS_DIR).filter((n) => fs.statSync(path.join(MIGRATIONS_DIR, n)).isDirectory()).sort();

describe("applyMigrations", () => {
  it("applies each committed migration once, in order, keeping rows across table redefinitions", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planstream-migrate-"));
    const staged = path.join(dir, "migrations");
    fs.mkdirSync(staged);
    const url = `file:${path.join(dir, "t.db")}`;
    fs.cpSync(path.join(MIGRATIONS_DIR, all[0]), path.join(staged, all[0]), { recursive: true });
    expect(await applyMigrations(url, staged)).toEqual([all[0]]);

    const c = createClient({ url });
    await c.execute(`INSERT INTO "User"(id) VALUES ('u')`);
    await c.execute(`INSERT INTO "Job"(id, jobType, ownerId, params, stats) VALUES ('j', 'chat_actions', 'u', '{}', '{}')`);
    await c.execute(`INSERT INTO "JobEvent"(jobId, seq, timestamp, level, kind, message) VALUES ('j', 1, 0, 'info', 'log', 'kept')`);
    c.close();

    for (const name of all.slice(1)) fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(staged, name), { recursive: true });
    expect(await applyMigrations(url, staged)).toEqual(all.slice(1));
    expect(await applyMigrations(url, staged)).toEqual([]);

    const after = createClient({ url });
    expect((await after.execute(`SELECT jobId, seq, message FROM "JobEvent"`)).rows.map((r) => ({ ...r }))).toEqual([
      { jobId: "j", seq: 1, message: "kept" },
    ]);
    const history = await after.execute(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(history.rows.map((r) => r.migration_name)).toEqual(all);
    after.close();
  });

  it("refuses a migration edited after it was applied", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planstream-migrate-"));
    const staged = path.join(dir, "migrations");
    fs.cpSync(MIGRATIONS_DIR, staged, { recursive: true });
    const url = `file:${path.join(dir, "t.db")}`;
    await applyMigrations(url, staged);
    fs.appendFileSync(path.join(staged, all[0], "migration.sql"), "\n-- edited\n");
    await expect(applyMigrations(url, staged)).rejects.toThrow(`Migration ${all[0]} was modified after it was applied (checksum mismatch)`);
  });
});
