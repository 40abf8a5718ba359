// The two servers the SSE phases measure, behind one interface: Planstream
// under `next start` (the real thing) and the plain node:http floor
// (bench/baseline-sse-server.ts). Both run as child processes on 127.0.0.1
// with the V8 inspector on a second local port (forced GC for heap figures,
// CPU profiles).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Inspector } from "./inspector.ts";
import { freePort, removeOnExit, spawnChild, stopChild, waitForHttp, type Child } from "./procs.ts";

export type Target = {
  name: string;
  /** http://127.0.0.1:<port> (the app's pages; Planstream only). */
  baseUrl?: string;
  pid: number;
  inspectPort: number;
  /** Where the server keeps its database (descriptors on files under it are database handles). */
  dataDir?: string;
  /** Headers every request needs (the session cookie). */
  headers: Record<string, string>;
  /** Starts a job writing `lines` lines at `ratePerSec`; returns its id. */
  startBurst(lines: number, ratePerSec: number): Promise<string>;
  /** The job's highest committed seq (a cursor for joining a running job). */
  lastSeq(jobId: string): Promise<number>;
  streamUrl(jobId: string, cursor: number): string;
  cancel(jobId: string): Promise<void>;
  /** Live stream subscriptions the server reports. */
  subscriptions(): Promise<number>;
  /** Heap used after a forced full GC, bytes. */
  settledHeap(): Promise<number>;
  inspector(): Promise<Inspector>;
  logTail(): string;
  stop(): Promise<void>;
};

const ROOT = process.cwd();

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  if (entry.endsWith(path.join("db", "generated"))) return 0; // written by the build itself
  let newest = 0;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/**
 * Runs `npm run build` when `.next/BUILD_ID` is missing or older than the
 * sources (app/, lib/, components/, hooks/, public/, prisma/, configs), so the
 * benchmark never measures a stale build. BENCH_NO_BUILD=1 skips the check.
 * @returns seconds spent building (0 when the build was current).
 */
export function ensureBuild(log: (s: string) => void): number {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (process.env.BENCH_NO_BUILD === "1" && built) return 0;
  const sources = ["app", "lib", "components", "hooks", "public", "prisma", "instrumentation.ts", "next.config.ts", "tsconfig.json", "package-lock.json"];
  const newest = Math.max(...sources.map((s) => newestMtime(path.join(ROOT, s))));
  if (built && built >= newest) return 0;
  log(built ? "  .next is older than the sources: npm run build …" : "  no .next/BUILD_ID: npm run build …");
  const started = performance.now();
  const r = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8", env: process.env, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`npm run build failed (${r.status}):\n${(r.stdout + r.stderr).split("\n").slice(-40).join("\n")}`);
  return (performance.now() - started) / 1000;
}

function tempDir(prefix: string): string {
  return removeOnExit(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

async function inspectorOf(port: number): Promise<Inspector> {
  return Inspector.connect(port);
}

async function settled(port: number): Promise<number> {
  const insp = await inspectorOf(port);
  try {
    return await insp.settledHeapUsed();
  } finally {
    insp.close();
  }
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.url}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** How startNext names the server and which session it uses. */
export type NextOptions = {
  /** The target's name in results and errors (default "next start"). */
  name?: string;
  /**
   * `ps_session=…` to send instead of the cookie this server mints on
   * /api/health: another instance's session, valid here when both share
   * SESSION_SECRET and DATABASE_URL (so both serve the same user's jobs).
   */
  cookie?: string;
};

/**
 * Planstream under `next start` with a fresh DATA_DIR, DIAGNOSTICS_ENABLED=1
 * and the given environment. The benchmark's own DATABASE_URL is never passed
 * on: without `env.DATABASE_URL` the server keeps SQLite in DATA_DIR, with it
 * (e.g. a PostgreSQL database shared by several instances) it uses that. The
 * server migrates its database at boot either way.
 */
export async function startNext(env: Record<string, string>, opts: NextOptions = {}): Promise<Target> {
  const [port, inspectPort] = [await freePort(), await freePort()];
  const dataDir = tempDir("planstream-bench-data-");
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.NODE_OPTIONS;
  const childEnv: NodeJS.ProcessEnv = { ...inherited, NODE_ENV: "production", DATA_DIR: dataDir, DIAGNOSTICS_ENABLED: "1", PORT: String(port), ...env };
  const child: Child = spawnChild(
    process.execPath,
    [`--inspect=127.0.0.1:${inspectPort}`, path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "--port", String(port), "--hostname", "127.0.0.1"],
    { env: childEnv, cwd: ROOT, logFile: path.join(dataDir, "server.log") },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    const health = await waitForHttp(child, `${base}/api/health`, 60_000);
    const cookie = opts.cookie ?? health.headers.getSetCookie().find((c) => c.startsWith("ps_session="))?.split(";")[0];
    if (!cookie) throw new Error("no ps_session cookie on /api/health");
    const headers = { cookie };
    return {
      name: opts.name ?? "next start",
      baseUrl: base,
      pid: child.process.pid!,
      inspectPort,
      dataDir,
      headers,
      async startBurst(lines, ratePerSec) {
        const r = await json<{ job: { id: string } }>(
          await fetch(`${base}/api/diagnostics/log-burst`, {
            method: "POST",
            headers: { ...headers, "content-type": "application/json" },
            body: JSON.stringify({ lines, ratePerSec }),
          }),
        );
        return r.job.id;
      },
      async lastSeq(jobId) {
        return (await json<{ lastSeq: number }>(await fetch(`${base}/api/jobs/${jobId}`, { headers }))).lastSeq;
      },
      streamUrl: (jobId, cursor) => `${base}/api/jobs/${jobId}/stream?after=${cursor}`,
      async cancel(jobId) {
        // POST /api/jobs/{id}/cancel may not exist in every build; the server is killed afterwards anyway.
        await fetch(`${base}/api/jobs/${jobId}/cancel`, { method: "POST", headers }).then((r) => r.body?.cancel(), () => undefined);
      },
      async subscriptions() {
        const text = await (await fetch(`${base}/api/metrics`, { headers })).text();
        return Number(/^planstream_stream_subscriptions (\d+)/m.exec(text)?.[1] ?? Number.NaN);
      },
      settledHeap: () => settled(inspectPort),
      inspector: () => inspectorOf(inspectPort),
      logTail: () => child.tail(),
      async stop() {
        await stopChild(child.process);
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopChild(child.process);
    throw error;
  }
}

/** The plain node:http SSE server (bench/baseline-sse-server.ts) as its own process. */
export async function startBaseline(): Promise<Target> {
  const [port, inspectPort] = [await freePort(), await freePort()];
  const dir = tempDir("planstream-bench-baseline-");
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawnChild(process.execPath, [`--inspect=127.0.0.1:${inspectPort}`, path.join(ROOT, "bench/baseline-sse-server.ts"), String(port)], {
    env,
    cwd: ROOT,
    logFile: path.join(dir, "server.log"),
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(child, `${base}/health`, 20_000);
  } catch (error) {
    await stopChild(child.process);
    throw error;
  }
  return {
    name: "node:http floor",
    pid: child.process.pid!,
    inspectPort,
    headers: {},
    async startBurst(lines, ratePerSec) {
      return (await json<{ job: { id: string } }>(await fetch(`${base}/burst`, { method: "POST", body: JSON.stringify({ lines, ratePerSec }) }))).job.id;
    },
    async lastSeq(jobId) {
      return (await json<{ job: { lastSeq: number } }>(await fetch(`${base}/jobs/${jobId}`))).job.lastSeq;
    },
    streamUrl: (jobId, cursor) => `${base}/jobs/${jobId}/stream?after=${cursor}`,
    async cancel(jobId) {
      await fetch(`${base}/jobs/${jobId}/cancel`, { method: "POST" }).then((r) => r.body?.cancel(), () => undefined);
    },
    async subscriptions() {
      return (await json<{ subscriptions: number }>(await fetch(`${base}/stats`))).subscriptions;
    },
    settledHeap: () => settled(inspectPort),
    inspector: () => inspectorOf(inspectPort),
    logTail: () => child.tail(),
    async stop() {
      await stopChild(child.process);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
