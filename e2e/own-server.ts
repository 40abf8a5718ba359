// A `next start` of the e2e build that a spec owns: its own port, data folder and
// settings, so it can be killed and started again (crash and outage specs).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freshDatabaseEnv } from "./e2e-database.ts";

/**
 * One server process on `port` over a fresh data folder (kept across restarts,
 * so a restart finds the same database). `env` adds to the process's.
 */
export class OwnServer {
  readonly base: string;
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "planstream-e2e-"));
  private child: ChildProcess | undefined;
  /** The database env (E2E_DATABASE=postgres: a fresh PostgreSQL database made on the first start, kept across restarts). */
  private database: Record<string, string> | undefined;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  /** Starts `next start` and resolves once GET /api/health answers 200. @throws after 20 s. */
  async start(): Promise<void> {
    this.database ??= await freshDatabaseEnv(`own_${this.port}`);
    this.child = spawn("node_modules/.bin/next", ["start", "-p", String(this.port), "-H", "127.0.0.1"], {
      env: { ...process.env, DATA_DIR: this.dataDir, NODE_ENV: "production", ...this.database, ...this.env },
      stdio: "ignore",
      detached: true, // its own process group, so SIGKILL reaches next-server too
    });
    for (let i = 0; i < 200; i++) {
      try {
        if ((await fetch(`${this.base}/api/health`)).ok) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server on port ${this.port} did not start`);
  }

  /** SIGKILL to the whole process group (no graceful stop: a crash). No-op when not running. */
  kill(): void {
    if (this.child?.pid) process.kill(-this.child.pid, "SIGKILL");
    this.child = undefined;
  }
}
