// Child processes of the benchmark: started on 127.0.0.1 free ports, output
// kept in a log file, and always killed when the benchmark ends (normal exit,
// error, SIGINT/SIGTERM).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { sleep } from "./stats.ts";

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** Removes `dir` when the benchmark exits, however it exits (unless removed before). */
export function removeOnExit(dir: string): string {
  tempDirs.add(dir);
  return dir;
}

/** Kills every child still running (SIGTERM, then SIGKILL after `graceMs`). */
export async function killAll(graceMs = 3000): Promise<void> {
  await Promise.all([...children].map((c) => stopChild(c, graceMs)));
}

/** Stops one child by its pid: SIGTERM, SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

let hooked = false;
/** Installs exit hooks once: children never outlive the benchmark. */
export function installExitHooks(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      console.error(`\n[bench] ${signal}: stopping child servers`);
      void killAll(1000).finally(() => process.exit(130));
    });
  }
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type Child = { process: ChildProcess; logFile: string; tail(lines?: number): string };

/** Spawns a tracked child whose stdout/stderr go to `logFile`. */
export function spawnChild(command: string, args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; logFile: string }): Child {
  const out = fs.openSync(opts.logFile, "a");
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  children.add(child);
  child.once("exit", () => children.delete(child));
  return {
    process: child,
    logFile: opts.logFile,
    tail(lines = 30) {
      try {
        return fs.readFileSync(opts.logFile, "utf8").split("\n").slice(-lines).join("\n");
      } catch {
        return "";
      }
    },
  };
}

/** Polls `url` until it answers 2xx; throws (with the child's log tail) on timeout or early exit. */
export async function waitForHttp(child: Child, url: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`server exited (${child.process.exitCode ?? child.process.signalCode}) before answering ${url}:\n${child.tail()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return res;
      lastError = new Error(`HTTP ${res.status}: ${await res.text()}`);
    } catch (error) {
      lastError = error;
    }
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${url} (${String(lastError)}):\n${child.tail()}`);
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
export function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

/** Resident set size of a process, bytes (Linux /proc). */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Open file descriptors of a process (Linux /proc), optionally only those on files under `prefix`. */
export function fdCountOf(pid: number, prefix?: string): number {
  try {
    const fds = fs.readdirSync(`/proc/${pid}/fd`);
    if (!prefix) return fds.length;
    let n = 0;
    for (const fd of fds) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(prefix)) n += 1;
      } catch {
        /* closed meanwhile */
      }
    }
    return n;
  } catch {
    return Number.NaN;
  }
}
