// A `next start` for the canary search (e2e/secret-canary.spec.ts): its own
// port and data folder, its stdout/stderr captured from the first line, and
// every response read through it remembered, so the spec can search all of
// them, the SQLite files and the server's output for planted secrets.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freshDatabaseEnv } from "./e2e-database.ts";
import { expect } from "@playwright/test";
import type { Canary } from "../test/secret-canaries";

export class CanaryServer {
  readonly base: string;
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "planstream-canary-"));
  /** Every body read, by what it was. */
  readonly seen: { what: string; text: string }[] = [];
  output = "";
  private child: ChildProcess | undefined;
  /** E2E_DATABASE=postgres: the fresh database of this server (e2e-database.ts); `{}` on SQLite. */
  private database: Record<string, string> | undefined;
  private cookie = "";

  constructor(
    port: number,
    private readonly env: Record<string, string>,
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  /** Starts the server and takes a session cookie. @throws after 30 s. */
  async start(): Promise<void> {
    const port = new URL(this.base).port;
    this.database = await freshDatabaseEnv(`canary_${port}`);
    this.child = spawn("node_modules/.bin/next", ["start", "-p", port, "-H", "127.0.0.1"], {
      env: { ...process.env, DATA_DIR: this.dataDir, NODE_ENV: "production", LLM_OFFLINE_LATENCY_MS: "5", DIAGNOSTICS_ENABLED: "1", LOG_LEVEL: "debug", ...this.database, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group, so the kill reaches next-server too
    });
    this.child.stdout!.on("data", (b: Buffer) => (this.output += b.toString("utf8")));
    this.child.stderr!.on("data", (b: Buffer) => (this.output += b.toString("utf8")));
    for (let i = 0; i < 300 && !this.cookie; i++) {
      const res = await fetch(`${this.base}/api/health`).catch(() => undefined);
      if (res?.ok) {
        this.cookie = res.headers.getSetCookie().find((c) => c.startsWith("ps_session="))?.split(";")[0] ?? "";
        if (!this.cookie) {
          const page = await fetch(`${this.base}/`, { redirect: "manual" });
          this.cookie = page.headers.getSetCookie().find((c) => c.startsWith("ps_session="))?.split(";")[0] ?? "";
        }
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(this.cookie, "a session cookie").not.toBe("");
  }

  stop(): void {
    if (this.child?.pid) process.kill(-this.child.pid, "SIGKILL");
    this.child = undefined;
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  call(method: string, url: string, body?: unknown): Promise<Response> {
    return fetch(`${this.base}${url}`, {
      method,
      headers: { cookie: this.cookie, origin: this.base, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** A request's whole body, remembered; expects a status below 400. */
  async text(method: string, url: string, body?: unknown): Promise<string> {
    const res = await this.call(method, url, body);
    const t = await res.text();
    this.seen.push({ what: `${method} ${url} → ${res.status}`, text: t });
    expect(res.status, `${method} ${url}: ${t.slice(0, 300)}`).toBeLessThan(400);
    return t;
  }

  async json<T>(method: string, url: string, body?: unknown): Promise<T> {
    return JSON.parse(await this.text(method, url, body)) as T;
  }

  /** Reads a stream until `done(textSoFar)`, its end or the timeout; remembered. */
  async stream(url: string, done: (t: string) => boolean, init?: { method: string; body: unknown }, timeoutMs = 60_000): Promise<string> {
    const res = await this.call(init?.method ?? "GET", url, init?.body);
    expect(res.status, url).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let t = "";
    const deadline = Date.now() + timeoutMs;
    try {
      while (!done(t) && Date.now() < deadline) {
        const next = await Promise.race([reader.read(), new Promise<"timeout">((r) => setTimeout(() => r("timeout"), deadline - Date.now()))]);
        if (next === "timeout" || next.done) break;
        t += next.value;
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    this.seen.push({ what: `stream ${url}`, text: t });
    return t;
  }

  /** Follows a job to its end: its stream, detail, events and the three exports. */
  async followJob(jobId: string): Promise<void> {
    await this.stream(`/api/jobs/${jobId}/stream`, (t) => t.includes("event: end"), undefined, 90_000);
    await this.text("GET", `/api/jobs/${jobId}`);
    await this.text("GET", `/api/jobs/${jobId}/events?after=0&limit=1000`);
    for (const format of ["json", "ndjson", "text"]) await this.text("GET", `/api/jobs/${jobId}/export?format=${format}`);
  }

  /** The stored data: the SQLite files (and WAL) of its DATA_DIR, or on PostgreSQL a `pg_dump` of its database. */
  private storedData(): { what: string; text: string }[] {
    if (this.database?.DATABASE_URL) {
      const dump = execFileSync("pg_dump", ["--data-only", "--no-owner", this.database.DATABASE_URL], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
      expect(dump, "pg_dump of the database").toContain('COPY public."Job"');
      return [{ what: "pg_dump of the database", text: dump }];
    }
    const dbFiles = fs.readdirSync(this.dataDir, { recursive: true, encoding: "utf8" }).filter((f) => /\.db(-wal|-shm|-journal)?$/.test(f));
    expect(dbFiles.length, `database files in ${this.dataDir}`).toBeGreaterThan(0);
    return dbFiles.map((f) => ({ what: `file ${f}`, text: fs.readFileSync(path.join(this.dataDir, f)).toString("latin1") }));
  }

  /** Where each canary's core occurs: the stored data (storedData), every body read, the server's output. */
  hits(canaries: Canary[]): string[] {
    const haystacks = [
      ...this.storedData(),
      ...this.seen,
      { what: "server stdout/stderr", text: this.output },
    ];
    return haystacks.flatMap((h) => canaries.filter((c) => h.text.includes(c.core)).map((c) => `${c.kind} in ${h.what}`));
  }
}
