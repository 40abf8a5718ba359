// Graceful stop against the real server (docs/operations.md "Graceful stop"):
// `next start` gets SIGTERM while a long job runs and a client follows its
// stream. Readiness turns 503 at once; after SHUTDOWN_GRACE_MS the job is
// handed back (pending, its lease released, the attempt not counted); the
// stream gets a `retry:` hint and ends without `end`; the process exits 0;
// after a restart on the same database the job completes and the client,
// resuming by Last-Event-ID, sees every seq exactly once. Own server on
// E2E_PORT + 70 (the production build made for the e2e run).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { freshDatabaseEnv } from "./e2e-database.ts";
import { expect, test } from "@playwright/test";
import { EventSourceParserStream } from "eventsource-parser/stream";

const PORT = Number(process.env.E2E_PORT ?? 3210) + 70;
const BASE = `http://127.0.0.1:${PORT}`;
const GRACE_MS = 1_500;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "planstream-sigterm-"));

type Server = { child: ChildProcess; output: string[]; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };
let server: Server | undefined;

/** E2E_DATABASE=postgres: a fresh PostgreSQL database, made on the first start and kept across the restart. */
let database: Record<string, string> | undefined;

async function startServer(): Promise<Server> {
  database ??= await freshDatabaseEnv("sigterm");
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, ...database, DATA_DIR: dataDir, NODE_ENV: "production", DIAGNOSTICS_ENABLED: "1", SHUTDOWN_GRACE_MS: String(GRACE_MS), LOG_LEVEL: "info", JOB_LEASE_MS: "15000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout!.on("data", (d: Buffer) => output.push(...String(d).split("\n").filter(Boolean)));
  child.stderr!.on("data", (d: Buffer) => output.push(...String(d).split("\n").filter(Boolean)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return (server = { child, output, exited });
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`server on port ${PORT} did not start:\n${output.join("\n")}`);
}

/** The job row's status, attempt and lease, read from the database itself (SQLite file or PostgreSQL). */
async function readJobRow(jobId: string): Promise<Record<string, unknown>> {
  if (database?.DATABASE_URL) {
    const client = new pg.Client({ connectionString: database.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(`SELECT status, attempt, "leaseExpiresAt" FROM "Job" WHERE id = $1`, [jobId])).rows[0];
    } finally {
      await client.end();
    }
  }
  const db = createClient({ url: `file:${path.join(dataDir, "planstream.db")}` });
  try {
    return (await db.execute({ sql: `SELECT status, attempt, leaseExpiresAt FROM "Job" WHERE id = ?`, args: [jobId] })).rows[0];
  } finally {
    db.close();
  }
}

type Msg = { id?: string; event?: string; data: string };

/** Reads a stream to its end (or until `until`), noting every `retry:` value and when it came. */
async function readStream(res: Response, onMessage: (m: Msg) => void, retries: number[], until?: (m: Msg) => boolean): Promise<void> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream({ onRetry: (ms) => retries.push(ms) })).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onMessage(value);
    if (until?.(value)) return void (await reader.cancel());
  }
}

const logLines = (s: Server) =>
  s.output.flatMap((l) => {
    try {
      return [JSON.parse(l) as Record<string, unknown>];
    } catch {
      return [];
    }
  });

test.afterAll(() => {
  server?.child.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("SIGTERM mid-job: readiness 503, the job is handed back, the stream gets a retry hint, exit 0; after a restart the job completes with every seq once", async () => {
  test.setTimeout(120_000);
  const first = await startServer();
  expect((await fetch(`${BASE}/api/ready`)).status).toBe(200);

  // A job of ~10 s: 400 lines at 40 per second.
  const post = await fetch(`${BASE}/api/diagnostics/log-burst`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ lines: 400, ratePerSec: 40 }) });
  expect(post.status).toBe(202);
  const cookie = post.headers.get("set-cookie")!.split(";")[0];
  const jobId: string = (await post.json()).job.id;

  const seen: Msg[] = [];
  const retries: number[] = [];
  const stream = await fetch(`${BASE}/api/jobs/${jobId}/stream`, { headers: { cookie } });
  expect(stream.status).toBe(200);
  let signalled = 0;
  let retriesAtSignal = 0;
  const reading = readStream(stream, (m) => {
    seen.push(m);
    if (seen.length === 20) {
      retriesAtSignal = retries.length;
      signalled = Date.now();
      first.child.kill("SIGTERM");
    }
  }, retries);

  // While it drains, readiness says so (a load balancer stops routing here); liveness still answers.
  await expect.poll(() => signalled).toBeGreaterThan(0);
  const ready = await fetch(`${BASE}/api/ready`);
  expect(ready.status).toBe(503);
  expect((await ready.json()).checks.runner).toEqual({ ok: false, error: "shutting down", state: "draining" });

  await reading;
  const exit = await first.exited;
  expect(exit).toEqual({ code: 0, signal: null });
  expect(Date.now() - signalled).toBeLessThan(GRACE_MS + 2_000 + 5_000);

  // The stream: a retry hint after the signal, no `end`, and the hand-back as the last status.
  expect(retries.length).toBe(retriesAtSignal + 1);
  expect(retries.at(-1)).toBeGreaterThanOrEqual(1000);
  expect(retries.at(-1)).toBeLessThan(2000);
  expect(seen.some((m) => m.event === "end")).toBe(false);
  const lastStatus = JSON.parse(seen.filter((m) => m.event === "status").at(-1)!.data);
  expect(lastStatus.event.data).toEqual({ from: "running", to: "pending", attempt: 1, released: true });

  // The row while no server runs: pending, lease released, attempt not counted.
  const row = await readJobRow(jobId);
  expect({ status: row.status, attempt: row.attempt, leaseExpiresAt: row.leaseExpiresAt }).toEqual({ status: "pending", attempt: 0, leaseExpiresAt: null });

  // The server's own log tells the sequence.
  const events = logLines(first).map((l) => l.event);
  expect(events).toEqual(expect.arrayContaining(["shutdown_started", "job_released", "shutdown_drained", "stream_end", "shutdown_complete"]));
  expect(logLines(first).find((l) => l.event === "shutdown_complete")).toMatchObject({ jobs: { finished: 0, released: 1, expired: 0 }, streams: 1 });
  expect(logLines(first).find((l) => l.event === "stream_end")).toMatchObject({ endedBy: "shutdown", jobId });

  // Restart on the same database: the job runs again at once and completes; resuming by Last-Event-ID gives the rest.
  await startServer();
  const lastSeen = Number(seen.at(-1)!.id);
  const after: Msg[] = [];
  const resumed = await fetch(`${BASE}/api/jobs/${jobId}/stream`, { headers: { cookie, "last-event-id": String(lastSeen) } });
  await readStream(resumed, (m) => after.push(m), [], (m) => m.event === "end");
  const end = JSON.parse(after.at(-1)!.data);
  expect(end.status).toBe("succeeded");
  const seqs = [...seen, ...after].filter((m) => m.event !== "end").map((m) => Number(m.id));
  expect(seqs).toEqual(Array.from({ length: end.lastSeq }, (_, i) => i + 1));
  // The second run wrote all 400 lines once, after the hand-back.
  const lines = after.filter((m) => m.event === "log").map((m) => JSON.parse(m.data).event.message as string);
  expect(lines).toEqual(Array.from({ length: 400 }, (_, i) => `line ${i + 1}`));
  server!.child.kill("SIGTERM");
  expect(await server!.exited).toEqual({ code: 0, signal: null });
});
