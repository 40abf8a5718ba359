// Two `next start` instances of the e2e build on one fresh PostgreSQL
// database, behind nginx (round robin, no stickiness, default buffering), for
// e2e/scale-out.spec.ts. docs/scale-out.md describes the same setup.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** One `next start` on `port`: its process group can be killed, frozen (SIGSTOP) and thawed. */
export class Instance {
  readonly base: string;
  readonly output: string[] = [];
  private child: ChildProcess | undefined;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  /** Starts the server and resolves once GET /api/ready answers 200 (migrated, runner claiming). @throws after 60 s, with its output. */
  async start(): Promise<void> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `planstream-${this.name}-`));
    this.child = spawn("node_modules/.bin/next", ["start", "-p", String(this.port), "-H", "127.0.0.1"], {
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: "production", ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group: SIGKILL and SIGSTOP reach next-server too
    });
    const keep = (d: Buffer) => this.output.push(...String(d).split("\n").filter(Boolean).slice(-200));
    this.child.stdout!.on("data", keep);
    this.child.stderr!.on("data", keep);
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`${this.base}/api/ready`)).ok) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.name} on port ${this.port} did not become ready:\n${this.output.slice(-40).join("\n")}`);
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.child?.pid) process.kill(-this.child.pid, signal);
  }

  /** SIGKILL to the whole process group: a crash, no graceful stop. */
  kill(): void {
    this.signal("SIGKILL");
    this.child = undefined;
  }

  /** SIGSTOP: the process keeps its sockets and leases but runs nothing (a long GC pause, a frozen VM). */
  freeze(): void {
    this.signal("SIGSTOP");
  }

  /** SIGCONT after freeze(). */
  thaw(): void {
    this.signal("SIGCONT");
  }

  /** Jobs executing in this process (`planstream_jobs_running_here` of GET /api/metrics). */
  async runningHere(): Promise<number> {
    const text = await (await fetch(`${this.base}/api/metrics`)).text();
    const m = /^planstream_jobs_running_here (\d+)/m.exec(text);
    if (!m) throw new Error(`${this.name}: no planstream_jobs_running_here in /api/metrics`);
    return Number(m[1]);
  }
}

/** nginx on `port` in front of `upstreams` (ports), started with its own prefix folder. */
export class LoadBalancer {
  readonly base: string;
  readonly output: string[] = [];
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly upstreams: number[],
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  /** The configuration: docs/nginx-planstream.conf with these ports. */
  config(prefix: string): string {
    const doc = fs.readFileSync(path.join(process.cwd(), "docs/nginx-planstream.conf"), "utf8");
    const servers = this.upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join("\n");
    return doc
      .replace(/ {4}server 127\.0\.0\.1:3001[^\n]*\n {4}server 127\.0\.0\.1:3002[^\n]*/, servers)
      .replace("listen 127.0.0.1:8080;", `listen 127.0.0.1:${this.port};`)
      .replace("pid nginx.pid;", `pid ${path.join(prefix, "nginx.pid")};`);
  }

  /** Starts nginx (Debian's /usr/sbin/nginx; `.ci/run` installs it) and resolves once it answers. */
  async start(): Promise<void> {
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "planstream-nginx-"));
    const conf = path.join(prefix, "nginx.conf");
    fs.writeFileSync(conf, this.config(prefix));
    const bin = fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
    this.child = spawn(bin, ["-p", prefix, "-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
    this.child.stderr!.on("data", (d: Buffer) => this.output.push(String(d)));
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${this.base}/api/health`)).ok) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`nginx on ${this.port} did not start: ${this.output.join("")}`);
  }

  stop(): void {
    this.child?.kill("SIGTERM");
    this.child = undefined;
  }
}

/**
 * One browser session's cookie, sent to every instance and the load balancer
 * (the instances share SESSION_SECRET, so any of them accepts it). Writes
 * carry the Origin of the server they go to (CSRF: same-origin only).
 */
export class Client {
  private cookie = "";

  /** Mints the session with a first GET through `base`. */
  async open(base: string): Promise<void> {
    const res = await fetch(`${base}/api/session`);
    const set = res.headers.getSetCookie().find((c) => c.startsWith("ps_session="));
    if (!set) throw new Error("no session cookie");
    this.cookie = set.split(";")[0];
  }

  /** A request to `base + path` with the session; JSON bodies. */
  fetch(base: string, pathname: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookie, ...init.headers };
    if (init.method && init.method !== "GET") headers.origin = base;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    return fetch(`${base}${pathname}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  }

  /** `fetch` expecting `status`, parsed as JSON. @throws with the body otherwise. */
  async json<T>(base: string, pathname: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}, status?: number): Promise<T> {
    const res = await this.fetch(base, pathname, init);
    const text = await res.text();
    if (status !== undefined ? res.status !== status : !res.ok) throw new Error(`${init.method ?? "GET"} ${base}${pathname}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }
}
