// Vitest setup, run in each test file's worker before its imports: every file
// gets its own temporary database (a SQLite file, or with TEST_DATABASE=postgres
// a PostgreSQL database copied from the migrated template, test/pg-test-db.ts)
// and data folder, and the offline model with a short latency (a real provider
// is never used by accident).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createTestDatabase, onPostgres } from "./pg-test-db.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planstream-test-"));
process.env.DATA_DIR = dir;
process.env.DATABASE_URL = onPostgres() ? await createTestDatabase(inject("pgRunPid")) : `file:${path.join(dir, "test.db")}`;
process.env.LLM_OFFLINE_LATENCY_MS = "5";
process.env.SSE_HEARTBEAT_MS = "300";
process.env.SUPPORT_TOKEN = "support-token-for-tests";
// Request and job lifecycle lines would drown the test output; errors still show (tests capture lines with setLogger).
process.env.LOG_LEVEL ??= "error";
// issue 13 — limits: off for the files that fire bursts no person would (100 messages in a row);
// the limits' own tests turn them on with short windows (app/api/rate-limits.test.ts, lib/server/limits/*).
process.env.RATE_LIMIT_ENABLED = "false";
process.env.MAX_QUEUED_JOBS_PER_USER = "100000";
delete process.env.LLM_BASE_URL;
delete process.env.LLM_API_KEY;
delete process.env.LLM_MODEL;
delete process.env.SESSION_SECRET;
