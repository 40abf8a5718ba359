// The transport floor for the SSE benchmarks: a plain node:http server that
// does the same job as Planstream's log-burst + stream endpoints with nothing
// in between. A "job" appends lines to an in-memory array at a rate (same
// pacing loop as the log-burst handler, same `{i, appendedAt}` data) and each
// line is serialized once and written at once to every subscribed client in
// Planstream's frame shape. No database, no batching, no framework.
//
// Run as its own process (like `next start`), so the client's work in the
// bench process never shares this event loop:
//   node bench/baseline-sse-server.ts <port>
// Only node: built-ins, erasable TypeScript (runs under Node's type stripping).
import http from "node:http";

type Line = { seq: number; frame: string };
type Job = { id: string; lines: Line[]; clients: Set<http.ServerResponse>; done: boolean; cancelled: boolean };

const jobs = new Map<string, Job>();
let nextJob = 1;

function stats(events: number) {
  return { llmCalls: 0, inputTokens: 0, outputTokens: 0, createdTasks: 0, events, warnings: 0, errors: 0, suppressed: 0 };
}

function frameOf(job: Job, seq: number, kind: string, status: string, message: string, data: Record<string, unknown>): string {
  const payload = {
    job_id: job.id,
    seq,
    status,
    event: { timestamp: new Date().toISOString(), level: "info", kind, message, data },
    stats: stats(seq),
  };
  return `id: ${seq}\nevent: ${kind}\ndata: ${JSON.stringify(payload)}\n\n`;
}

function append(job: Job, kind: string, status: string, message: string, data: Record<string, unknown>): void {
  const seq = job.lines.length + 1;
  const frame = frameOf(job, seq, kind, status, message, data);
  job.lines.push({ seq, frame });
  for (const res of job.clients) res.write(frame);
}

function finish(job: Job, status: string): void {
  append(job, "status", status, `Job ${status}`, { from: "running", to: status });
  job.done = true;
  const end = `event: end\ndata: ${JSON.stringify({ job_id: job.id, status, lastSeq: job.lines.length })}\n\n`;
  for (const res of job.clients) res.end(end);
  job.clients.clear();
}

async function runBurst(job: Job, lines: number, ratePerSec: number, payloadChars: number): Promise<void> {
  append(job, "status", "running", "Job started", { from: "pending", to: "running" });
  const pad = "x".repeat(payloadChars);
  const started = performance.now();
  for (let i = 1; i <= lines; i++) {
    if (ratePerSec > 0) {
      const due = started + (i * 1000) / ratePerSec;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    } else if (i % 1000 === 0) {
      await new Promise((r) => setImmediate(r));
    }
    if (job.cancelled) return finish(job, "cancelled");
    append(job, "log", "running", `line ${i}${pad}`, { i, appendedAt: Date.now() });
  }
  finish(job, "succeeded");
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<Record<string, number>> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return JSON.parse(text || "{}") as Record<string, number>;
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const parts = url.pathname.split("/").filter(Boolean);
  if (req.method === "GET" && url.pathname === "/health") return json(res, 200, { ok: true });
  if (req.method === "GET" && url.pathname === "/stats") {
    let subscriptions = 0;
    for (const j of jobs.values()) subscriptions += j.clients.size;
    return json(res, 200, { subscriptions, heapUsed: process.memoryUsage().heapUsed });
  }
  if (req.method === "POST" && url.pathname === "/burst") {
    const body = await readBody(req);
    const job: Job = { id: `job-${nextJob++}`, lines: [], clients: new Set(), done: false, cancelled: false };
    jobs.set(job.id, job);
    void runBurst(job, body.lines ?? 1000, body.ratePerSec ?? 0, body.payloadChars ?? 0);
    return json(res, 202, { job: { id: job.id, lastSeq: 0 } });
  }
  if (req.method === "GET" && parts[0] === "jobs" && parts.length === 2) {
    const job = jobs.get(parts[1]);
    return job ? json(res, 200, { job: { id: job.id, lastSeq: job.lines.length } }) : json(res, 404, { error: "not found" });
  }
  if (req.method === "POST" && parts[0] === "jobs" && parts[2] === "cancel") {
    const job = jobs.get(parts[1]);
    if (job) job.cancelled = true;
    return json(res, 202, {});
  }
  if (req.method === "GET" && parts[0] === "jobs" && parts[2] === "stream") {
    const job = jobs.get(parts[1]);
    if (!job) return json(res, 404, { error: "not found" });
    const cursor = Number(req.headers["last-event-id"] ?? url.searchParams.get("after") ?? 0);
    res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" });
    res.write("retry: 2000\n\n");
    for (let k = cursor; k < job.lines.length; k++) res.write(job.lines[k].frame);
    if (job.done) {
      res.end(`event: end\ndata: ${JSON.stringify({ job_id: job.id, lastSeq: job.lines.length })}\n\n`);
      return;
    }
    job.clients.add(res);
    req.on("close", () => job.clients.delete(res));
    return;
  }
  json(res, 404, { error: "not found" });
});

server.keepAliveTimeout = 5000;
const port = Number(process.argv[2] ?? process.env.PORT ?? 0);
server.listen(port, "127.0.0.1", 1024, () => {
  const address = server.address();
  console.log(`baseline SSE server on ${typeof address === "object" && address ? address.port : port}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
