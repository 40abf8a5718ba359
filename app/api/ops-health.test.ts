// GET /api/health (liveness, no database) and GET /api/ready (database,
// migrations, job runner): 200 when ready; 503 naming what failed — a stopped
// runner, a graceful stop, a pending migration, an unreachable database and,
// last, this file's own database file destroyed under the server (a real outage:
// 503 with the database check failing, never a generic 500).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getHealth } from "@/app/api/health/route";
import { GET as getReady } from "@/app/api/ready/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { createDb } from "@/lib/server/db/client";
import { migrationsDirFor } from "@/lib/server/db/migrate";
import { getApp } from "@/lib/server/deps";
import { env } from "@/lib/server/env";
import { bundledMigrations, checkReadiness } from "@/lib/server/ops/readiness";
import { TestUser } from "@/test/http";
import { onPostgres, withAdmin } from "@/test/pg-test-db";

const call = (handler: typeof getReady, url: string) => new TestUser().call(handler, { url });
const BUNDLED = bundledMigrations();

beforeAll(() => startServer());
afterAll(() => stopServer());

describe("GET /api/health", () => {
  it("answers {status: ok} without touching the database", async () => {
    const res = await call(getHealth, "/api/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

describe("GET /api/ready", () => {
  it("is ready when the database answers, every bundled migration is applied and the runner claims", async () => {
    expect(BUNDLED.length).toBe(fs.readdirSync(migrationsDirFor(env().DATABASE_URL), { withFileTypes: true }).filter((d) => d.isDirectory()).length);
    const res = await call(getReady, "/api/ready");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      status: "ready",
      checks: { database: { ok: true, ms: expect.any(Number) }, migrations: { ok: true, applied: BUNDLED.length }, runner: { ok: true, state: "running" } },
    });
  });

  it("answers 503 naming the runner while it is stopped, and 200 again once it runs", async () => {
    const { runner } = getApp();
    await runner.stop();
    try {
      const res = await call(getReady, "/api/ready");
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.status).toBe("not_ready");
      expect(body.checks.runner).toEqual({ ok: false, error: "job runner not started", state: "stopped", lastLoopMsAgo: expect.any(Number) });
      expect(body.checks.database.ok).toBe(true);
    } finally {
      runner.start();
    }
    expect((await call(getReady, "/api/ready")).status).toBe(200);
  });

  it("reports a graceful stop in progress as not ready", async () => {
    const { deps, runner } = getApp();
    const r = await checkReadiness(deps, runner, true);
    expect(r).toEqual({ status: "not_ready", checks: { database: expect.objectContaining({ ok: true }), migrations: { ok: true, applied: BUNDLED.length }, runner: { ok: false, error: "shutting down", state: "draining" } } });
  });

  it("names migrations this build ships that the database lacks", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planstream-migrations-"));
    for (const name of [...BUNDLED, "29990101000000_future"]) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, "migration.sql"), "SELECT 1;");
    }
    const { deps, runner } = getApp();
    const r = await checkReadiness(deps, runner, false, dir);
    expect(r.status).toBe("not_ready");
    expect(r.checks.migrations).toEqual({ ok: false, error: "1 migration(s) not applied", pending: ["29990101000000_future"] });
  });

  it("reports a database that cannot be opened: database and migrations fail with the driver's error", async () => {
    // SQLite: a file in a folder that does not exist; PostgreSQL: a port nothing listens on.
    const url = onPostgres() ? "postgres://postgres@127.0.0.1:1/planstream" : `file:${path.join(os.tmpdir(), "no-such-dir-planstream", "x.db")}`;
    const db = createDb(url);
    const { createJobStore } = await import("@/lib/server/jobs/jobs-repo");
    const r = await checkReadiness({ db, store: createJobStore(db, url) }, getApp().runner, false);
    expect(r.status).toBe("not_ready");
    expect(r.checks.database.ok).toBe(false);
    expect(r.checks.database.error).toMatch(onPostgres() ? /ECONNREFUSED|DatabaseNotReachable|Can't reach database/i : /Unable to open connection to local database/);
    expect(r.checks.migrations).toEqual({ ok: false, error: "database unreachable" });
    expect(r.checks.runner.ok).toBe(true);
  });

  it("answers 503 (not 500) when the database is destroyed under the server, while /api/health still answers 200", async () => {
    await getApp().runner.stop();
    if (onPostgres()) {
      // The database dropped under the server, its connections closed.
      const name = new URL(env().DATABASE_URL).pathname.slice(1);
      await withAdmin((c) => c.query(`DROP DATABASE "${name}" WITH (FORCE)`));
    } else {
      // The file, its WAL and the WAL index overwritten in place (what a disk failure looks like from here).
      const file = env().DATABASE_URL.slice("file:".length);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.writeFileSync(f, Buffer.alloc(Math.max(32_768, fs.statSync(f).size), 7));
    }
    const res = await call(getReady, "/api/ready");
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.status).toBe("not_ready");
    expect(body.checks.database.ok).toBe(false);
    expect(body.checks.database.error).toMatch(onPostgres() ? /does not exist|terminat|connection|closed/i : /not a database|malformed|SQLITE_(NOTADB|CORRUPT)/i);
    expect(body.checks.migrations).toEqual({ ok: false, error: "database unreachable" });
    expect((await call(getHealth, "/api/health")).status).toBe(200);
  });
});
