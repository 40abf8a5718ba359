// `npm run bench` – Planstream's performance figures, each beside a baseline
// measured in the same run on the same machine (README "Performance"):
//   1. log ingest through the JobLogger vs raw batched inserts (@libsql/client)
//   2. append → SSE-receive latency at 1,000 lines/s, `next start` vs a plain node:http SSE server
//   3. concurrent SSE streams held by one `next start` process (latency, heap per stream) vs the same floor
//   4. the browser's main-thread lag with 8 busy JobLogPanels on /jobs vs the same panels idle
//   5. the streamed chat: request → conversation_start, and → first chunk beyond the model's own first-token time
// Everything runs on 127.0.0.1, child servers are killed at the end (also on
// errors and SIGINT), and a watchdog bounds the whole run. Results go to
// stdout and bench/results/latest.json.
//
//   6. what secret redaction costs: ingest with vs without it, and per line (bench/redaction.ts)
//   PG, only when DATABASE_URL is postgres:// or postgresql:// (a server the
//   benchmark may create databases on; each measurement gets a fresh one, dropped after):
//     PG1 ingest through JobLogger + PgJobStore vs raw multi-row INSERTs with plain `pg` (bench/pg-ingest.ts)
//     PG2 append on one instance → SSE client on another, with NOTIFY and with PG_NOTIFY=false,
//         vs a client on the running instance (bench/pg-scale-out.ts)
//     PG3 enqueue → start with jobs posted alternately to two instances vs one SQLite instance
// Knobs (environment): BENCH_ONLY=ingest,latency,fanout,panels,chat,redaction,pg (default: all but
// pg, plus pg when DATABASE_URL names PostgreSQL)  BENCH_PROFILE=1 (CPU/heap profiles of the server,
// saved under bench/results/)  BENCH_NO_BUILD=1  BENCH_INGEST_LINES  BENCH_PG_INGEST_LINES  BENCH_PG_JOBS  BENCH_PG_JOB_RATE
// BENCH_FANOUT_STEPS=250,500,…  BENCH_TIMEOUT_S.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureChatAgent, type ChatAgentResult } from "./chat-agent.ts";
import { measureFanout, type FanoutResult, type FanoutStep } from "./fanout.ts";
import { benchIngestInChild, type IngestResult } from "./ingest.ts";
import { benchPgIngestInChild, type PgIngestResult } from "./pg-ingest.ts";
import { compareEnqueueToStart, measureCrossLatency, withPair, type CrossLatencyResult, type EnqueueStartResult } from "./pg-scale-out.ts";
import { benchRedactionInChild, formatRedaction, type RedactionResult } from "./redaction.ts";
import { measureLatency, type LatencyResult } from "./latency.ts";
import { measurePanels, type PanelsResult } from "./panels.ts";
import { formatProfile } from "./lib/profile.ts";
import { dropStaleBenchDatabases, isPostgresUrl, withBenchDatabase } from "./lib/pg.ts";
import { installExitHooks, killAll } from "./lib/procs.ts";
import { fmtInt, fmtKb, fmtMs } from "./lib/stats.ts";
import { ensureBuild, startBaseline, startNext, type Target } from "./lib/targets.ts";
import { safeDbUrl } from "@/lib/server/db/provider";
import { TAIL_POLL_MS } from "@/lib/server/jobs/job-tail";

const envNum = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const CONFIG = {
  ingest: { lines: envNum("BENCH_INGEST_LINES", 200_000), rounds: envNum("BENCH_INGEST_ROUNDS", 3), rowsPerTx: 200 },
  latency: { lines: envNum("BENCH_LATENCY_LINES", 5_000), ratePerSec: 1_000, warmupLines: 1_000 },
  fanout: {
    jobs: 20,
    ratePerSec: 20,
    steps: (process.env.BENCH_FANOUT_STEPS ?? "250,500,750,1000,1500,2000").split(",").map(Number),
    connectBatch: 100,
    connectTimeoutMs: 30_000,
    settleMs: 2_000,
    windowMs: 5_000,
    drainMs: 5_000,
  },
  panels: { panels: 8, lines: 100_000, ratePerSec: 100, settleMs: 2_000, windowMs: 8_000 },
  chat: { turns: envNum("BENCH_CHAT_TURNS", 20), warmup: 3, latencyMs: 350 },
  pg: {
    ingest: { lines: envNum("BENCH_PG_INGEST_LINES", 200_000), rounds: envNum("BENCH_INGEST_ROUNDS", 3), rowsPerTx: 200 },
    latency: { lines: envNum("BENCH_LATENCY_LINES", 5_000), ratePerSec: 1_000, warmupLines: 1_000 },
    enqueue: { jobs: envNum("BENCH_PG_JOBS", 200), ratePerSec: envNum("BENCH_PG_JOB_RATE", 50), maxInFlight: 16, warmupJobs: 10, rounds: envNum("BENCH_INGEST_ROUNDS", 3) },
  },
  targets: {
    chatStartP50Ms: 20,
    chatFirstChunkOverheadP50Ms: 50,
    panelsLagP90Ms: 100,
    ingestLinesPerSec: 50_000,
    ingestShareOfRaw: 0.25,
    latencyP99Ms: 50,
    fanoutStreams: 2_000,
    fanoutP99Ms: 200,
    heapPerStreamBytes: 60 * 1024,
    pgIngestLinesPerSec: 30_000,
    pgIngestShareOfRaw: 0.25,
    pgCrossP99Ms: 100,
    /** Without NOTIFY a reader on another instance follows by its safety poll: one poll interval plus 100 ms for the read. */
    pgPollP99Ms: TAIL_POLL_MS + 100,
    pgEnqueueStartP95Ms: 50,
  },
};
const pgServer = isPostgresUrl(process.env.DATABASE_URL) ? process.env.DATABASE_URL : undefined;
const only = new Set((process.env.BENCH_ONLY ?? `ingest,latency,fanout,panels,chat,redaction${pgServer ? ",pg" : ""}`).split(","));
const diagnose = process.env.BENCH_PROFILE === "1";
const log = (s: string) => console.log(s);

type Results = {
  startedAt: string;
  machine: Record<string, unknown>;
  config: typeof CONFIG;
  buildSeconds?: number;
  ingest?: IngestResult;
  redaction?: RedactionResult;
  latency?: { planstream: LatencyResult; baseline: LatencyResult };
  fanout?: { planstream: FanoutResult; baseline: FanoutResult };
  panels?: PanelsResult;
  chat?: ChatAgentResult;
  pg?: {
    /** The server the databases were made on (password hidden). */
    server: string;
    ingest?: PgIngestResult;
    /** PG2 with NOTIFY (default) and with PG_NOTIFY=false. */
    cross?: { notify?: CrossLatencyResult; poll?: CrossLatencyResult };
    /** PG3 on two PostgreSQL instances and its SQLite baseline. */
    enqueue?: { pg?: EnqueueStartResult; sqlite?: EnqueueStartResult };
  };
  errors: { phase: string; message: string }[];
  durationSeconds?: number;
};

function machine(): Record<string, unknown> {
  let commit = "unknown";
  let dirty = false;
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    dirty = execFileSync("git", ["--no-optional-locks", "status", "--porcelain", "--", "app", "lib", "prisma"], { encoding: "utf8" }).trim() !== "";
  } catch {
    /* not a git checkout */
  }
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
    commit,
    uncommittedServerChanges: dirty,
  };
}

async function withTarget<T>(start: () => Promise<Target>, fn: (t: Target) => Promise<T>): Promise<T> {
  const target = await start();
  try {
    return await fn(target);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- ${target.name} log tail ---\n${target.logTail()}`, {
      cause: error,
    });
  } finally {
    await target.stop();
  }
}

// ---------- the table ----------

type Row = { figure: string; planstream: string; baseline: string; ratio: string; target: string; verdict: string };

function verdict(ok: boolean | undefined): string {
  return ok === undefined ? "–" : ok ? "PASS" : "MISS";
}

/** A difference in ms with its sign (+1.0 ms, −2.0 ms). */
function deltaMs(x: number): string {
  return x < 0 ? `−${fmtMs(-x)}` : `+${fmtMs(x)}`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function rowsOf(r: Results): Row[] {
  const t = CONFIG.targets;
  const rows: Row[] = [];
  if (r.ingest) {
    const i = r.ingest;
    rows.push({
      figure: `1 ingest, ${fmtInt(i.lines)} lines (lines/s)`,
      planstream: `${fmtInt(i.logger.linesPerSec)} (JobLogger)`,
      baseline: `${fmtInt(i.raw.linesPerSec)} (raw libsql, ${i.raw.rowsPerTx}/tx)`,
      ratio: `${pct(i.ratio)} of raw`,
      target: `≥ ${fmtInt(t.ingestLinesPerSec)} and ≥ ${pct(t.ingestShareOfRaw)}`,
      verdict: verdict(i.logger.linesPerSec >= t.ingestLinesPerSec && i.ratio >= t.ingestShareOfRaw),
    });
  }
  if (r.latency) {
    const { planstream: p, baseline: b } = r.latency;
    rows.push({
      figure: `2 append→SSE p50 @ ${fmtInt(p.ratePerSec)} lines/s`,
      planstream: fmtMs(p.latency.p50),
      baseline: fmtMs(b.latency.p50),
      ratio: `+${fmtMs(p.latency.p50 - b.latency.p50)}`,
      target: "",
      verdict: "",
    });
    rows.push({
      figure: `2 append→SSE p99 @ ${fmtInt(p.ratePerSec)} lines/s`,
      planstream: fmtMs(p.latency.p99),
      baseline: fmtMs(b.latency.p99),
      ratio: `+${fmtMs(p.latency.p99 - b.latency.p99)}`,
      target: `≤ ${t.latencyP99Ms} ms`,
      verdict: verdict(p.latency.p99 <= t.latencyP99Ms),
    });
  }
  if (r.fanout) {
    const { planstream: p, baseline: b } = r.fanout;
    const at = (f: FanoutResult, n: number): FanoutStep | undefined => f.steps.find((s) => s.streams === n && s.works);
    const pN = at(p, t.fanoutStreams);
    const bN = at(b, t.fanoutStreams);
    rows.push({
      figure: "3 streams held by one process (max N)",
      planstream: fmtInt(p.maxWorking),
      baseline: fmtInt(b.maxWorking),
      ratio: "",
      target: `${fmtInt(t.fanoutStreams)}`,
      verdict: verdict(p.maxWorking >= t.fanoutStreams),
    });
    rows.push({
      figure: `3 delivery p99 @ N = ${fmtInt(t.fanoutStreams)}`,
      planstream: pN ? fmtMs(pN.latency.p99) : `n/a (max N ${fmtInt(p.maxWorking)})`,
      baseline: bN ? fmtMs(bN.latency.p99) : "n/a",
      ratio: pN && bN ? `+${fmtMs(pN.latency.p99 - bN.latency.p99)}` : "",
      target: `≤ ${t.fanoutP99Ms} ms`,
      verdict: verdict(pN ? pN.latency.p99 <= t.fanoutP99Ms : false),
    });
    rows.push({
      figure: `3 heap per stream @ N = ${fmtInt(t.fanoutStreams)}`,
      planstream: pN ? fmtKb(pN.heapPerStream) : `n/a (max N ${fmtInt(p.maxWorking)})`,
      baseline: bN ? fmtKb(bN.heapPerStream) : "n/a",
      ratio: pN && bN ? `${(pN.heapPerStream / bN.heapPerStream).toFixed(1)}×` : "",
      target: `≤ ${fmtKb(t.heapPerStreamBytes)}`,
      verdict: verdict(pN ? pN.heapPerStream <= t.heapPerStreamBytes : false),
    });
    if (!pN && p.maxWorking > 0) {
      const pm = at(p, p.maxWorking)!;
      const bm = b.steps.find((s) => s.streams === p.maxWorking);
      rows.push({
        figure: `3 delivery p99 @ max N = ${fmtInt(p.maxWorking)}`,
        planstream: fmtMs(pm.latency.p99),
        baseline: bm ? fmtMs(bm.latency.p99) : "n/a",
        ratio: bm ? `+${fmtMs(pm.latency.p99 - bm.latency.p99)}` : "",
        target: `≤ ${t.fanoutP99Ms} ms`,
        verdict: verdict(pm.latency.p99 <= t.fanoutP99Ms),
      });
      rows.push({
        figure: `3 heap per stream @ max N = ${fmtInt(p.maxWorking)}`,
        planstream: fmtKb(pm.heapPerStream),
        baseline: bm ? fmtKb(bm.heapPerStream) : "n/a",
        ratio: bm ? `${(pm.heapPerStream / bm.heapPerStream).toFixed(1)}×` : "",
        target: `≤ ${fmtKb(t.heapPerStreamBytes)}`,
        verdict: verdict(pm.heapPerStream <= t.heapPerStreamBytes),
      });
    }
    const withinTarget = p.steps.filter((s) => s.works && s.latency.p99 <= t.fanoutP99Ms);
    rows.push({
      figure: `3 largest N with p99 ≤ ${t.fanoutP99Ms} ms`,
      planstream: withinTarget.length ? fmtInt(withinTarget[withinTarget.length - 1].streams) : "none",
      baseline: fmtInt(b.steps.filter((s) => s.works && s.latency.p99 <= t.fanoutP99Ms).pop()?.streams ?? 0),
      ratio: "",
      target: fmtInt(t.fanoutStreams),
      verdict: "",
    });
  }
  if (r.panels) {
    const p = r.panels;
    rows.push({
      figure: `4 browser timer lag p90, ${p.panels} panels × ${p.ratePerSec} lines/s`,
      planstream: fmtMs(p.live.p90),
      baseline: `${fmtMs(p.idle.p90)} (same panels idle)`,
      ratio: `+${fmtMs(p.live.p90 - p.idle.p90)}`,
      target: `≤ ${t.panelsLagP90Ms} ms`,
      verdict: verdict(p.live.p90 <= t.panelsLagP90Ms),
    });
  }
  if (r.chat) {
    const c = r.chat;
    rows.push({
      figure: `5 request → conversation_start p50 (${c.turns} turns)`,
      planstream: `${fmtMs(c.toStart.p50)} (server ${fmtMs(c.serverStart.p50)})`,
      baseline: `${fmtMs(c.sessionRoundTrip.p50)} (GET /api/session round trip)`,
      ratio: `+${fmtMs(c.toStart.p50 - c.sessionRoundTrip.p50)}`,
      target: `≤ ${t.chatStartP50Ms} ms`,
      verdict: verdict(c.toStart.p50 <= t.chatStartP50Ms),
    });
    rows.push({
      figure: "5 request → first chunk p50, beyond the model's first token",
      planstream: `+${fmtMs(c.firstChunkOverhead.p50)} (${fmtMs(c.toFirstChunk.p50)} in all)`,
      baseline: `${fmtMs(c.modelFirstToken.p50)} (model's first token; ${fmtMs(c.localModelFirstToken.p50)} in-process)`,
      ratio: `+${fmtMs(c.toFirstChunk.p50 - c.modelFirstToken.p50)}`,
      target: `≤ +${t.chatFirstChunkOverheadP50Ms} ms`,
      verdict: verdict(c.firstChunkOverhead.p50 <= t.chatFirstChunkOverheadP50Ms),
    });
  }
  rows.push(...pgRowsOf(r));
  return rows;
}

/** The PostgreSQL figures (PG1–PG3), each beside its baseline of the same run. */
function pgRowsOf(r: Results): Row[] {
  const t = CONFIG.targets;
  const rows: Row[] = [];
  const i = r.pg?.ingest;
  if (i) {
    rows.push({
      figure: `PG1 ingest per instance, ${fmtInt(i.lines)} lines (lines/s)`,
      planstream: `${fmtInt(i.logger.linesPerSec)} (JobLogger + PgJobStore)`,
      baseline: `${fmtInt(i.raw.linesPerSec)} (raw pg, ${i.raw.rowsPerTx}/tx)`,
      ratio: `${pct(i.ratio)} of raw`,
      target: `≥ ${fmtInt(t.pgIngestLinesPerSec)} and ≥ ${pct(t.pgIngestShareOfRaw)}`,
      verdict: verdict(i.logger.linesPerSec >= t.pgIngestLinesPerSec && i.ratio >= t.pgIngestShareOfRaw),
    });
  }
  for (const c of [r.pg?.cross?.notify, r.pg?.cross?.poll]) {
    if (!c) continue;
    const how = c.notify ? "NOTIFY" : "PG_NOTIFY=false";
    const limit = c.notify ? t.pgCrossP99Ms : t.pgPollP99Ms;
    for (const q of ["p50", "p99"] as const) {
      rows.push({
        figure: `PG2 append→SSE other instance ${q}, ${how} @ ${fmtInt(c.ratePerSec)} lines/s`,
        planstream: fmtMs(c.cross[q]),
        baseline: `${fmtMs(c.same[q])} (client on the runner)`,
        ratio: deltaMs(c.cross[q] - c.same[q]),
        target: q === "p99" ? `≤ ${fmtInt(limit)} ms` : "",
        verdict: q === "p99" ? verdict(c.cross.p99 <= limit) : "",
      });
    }
  }
  const e = r.pg?.enqueue;
  if (e?.pg) {
    for (const q of ["p50", "p95"] as const) {
      rows.push({
        figure: `PG3 enqueue→start ${q}, ${e.pg.rounds.length} × ${e.pg.jobs} jobs at ${e.pg.ratePerSec}/s via A and B`,
        planstream: fmtMs(e.pg.wait[q]),
        baseline: e.sqlite ? `${fmtMs(e.sqlite.wait[q])} (SQLite, one instance)` : "n/a",
        ratio: e.sqlite ? deltaMs(e.pg.wait[q] - e.sqlite.wait[q]) : "",
        target: q === "p95" ? `≤ ${t.pgEnqueueStartP95Ms} ms` : "",
        verdict: q === "p95" ? verdict(e.pg.wait.p95 <= t.pgEnqueueStartP95Ms) : "",
      });
    }
  }
  return rows;
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  const line = (cells: string[]) => `| ${cells.map((x, c) => x.padEnd(widths[c])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

function fanoutTable(r: NonNullable<Results["fanout"]>): string {
  const body: string[][] = [];
  const bySteps = new Map<number, { p?: FanoutStep; b?: FanoutStep }>();
  for (const s of r.planstream.steps) bySteps.set(s.streams, { ...bySteps.get(s.streams), p: s });
  for (const s of r.baseline.steps) bySteps.set(s.streams, { ...bySteps.get(s.streams), b: s });
  for (const [n, { p, b }] of [...bySteps.entries()].sort((x, y) => x[0] - y[0])) {
    body.push([
      fmtInt(n),
      p ? `${fmtInt(p.connected)} in ${p.connectSeconds.toFixed(1)} s` : "–",
      p ? `${p.latency.p50} / ${p.latency.p99} ms` : "–",
      p ? `${p.serverCpuPct.toFixed(0)}%` : "–",
      p ? fmtKb(p.heapPerStream) : "–",
      p ? `${fmtInt(p.serverFds)} (db ${fmtInt(p.serverDbFds)} → ${fmtInt(p.serverDbFdsAfterGc)} after GC)` : "–",
      p ? `${fmtInt(p.rssWithStreams / 2 ** 20)} MB` : "–",
      p ? (p.works ? "yes" : `no: ${p.failure}`) : "not run",
      b ? `${b.latency.p50} / ${b.latency.p99} ms` : "–",
      b ? `${b.serverCpuPct.toFixed(0)}%` : "–",
      b ? fmtKb(b.heapPerStream) : "–",
      b ? fmtInt(b.serverFds) : "–",
      b ? `${fmtInt(b.rssWithStreams / 2 ** 20)} MB` : "–",
    ]);
  }
  return table(["N", "Planstream opened", "p50 / p99", "CPU", "heap/stream", "server fds", "RSS", "works", "floor p50 / p99", "floor CPU", "floor heap/stream", "floor fds", "floor RSS"], body);
}

function print(r: Results): void {
  const m = r.machine;
  log("");
  log(`Planstream benchmark – ${r.startedAt}, ${m.cpu} × ${m.cores}, ${m.memoryGiB} GiB, Node ${m.node}, commit ${m.commit}${m.uncommittedServerChanges ? " + uncommitted server changes" : ""}`);
  log(`load average at start: ${(m.loadAverageAtStart as number[]).join(" ")}${r.buildSeconds ? `; built .next first (${r.buildSeconds.toFixed(0)} s)` : ""}`);
  log("");
  const rows = rowsOf(r);
  log(table(["figure", "Planstream", "baseline (same run)", "vs baseline", "target", "verdict"], rows.map((x) => [x.figure, x.planstream, x.baseline, x.ratio, x.target, x.verdict])));
  if (r.ingest) {
    const i = r.ingest;
    log("");
    log(
      `1: JobLogger committed ${fmtInt(i.logger.transactions)} transactions (≈ ${fmtInt(i.lines / i.logger.transactions)} lines each) in ${(i.logger.ms / 1000).toFixed(1)} s; ` +
        `raw ${fmtInt(i.raw.transactions)} × ${i.raw.rowsPerTx} rows in ${(i.raw.ms / 1000).toFixed(1)} s. Median of ${i.rounds} rounds, fresh files. ` +
        `Open descriptors on the database files after the run: logger ${i.logger.dbFds}, raw ${i.raw.dbFds}.`,
    );
  }
  if (r.latency) {
    const { planstream: p, baseline: b } = r.latency;
    log(
      `2: ${fmtInt(p.latency.count)} live lines measured (max ${fmtMs(p.latency.max)}, floor max ${fmtMs(b.latency.max)}); ` +
        `server CPU during the burst ${p.serverCpuPct.toFixed(0)}% of a core (floor ${b.serverCpuPct.toFixed(0)}%); ` +
        `server open fds ${p.serverFds.before} → ${p.serverFds.after}, ${p.serverFds.dbAfter} of them on database files (floor ${b.serverFds.before} → ${b.serverFds.after}); ` +
        `server RSS ${fmtInt(p.serverRss.before / 2 ** 20)} → ${fmtInt(p.serverRss.after / 2 ** 20)} MB (floor ${fmtInt(b.serverRss.before / 2 ** 20)} → ${fmtInt(b.serverRss.after / 2 ** 20)} MB).`,
    );
  }
  if (r.fanout) {
    log("");
    const p = r.fanout.planstream;
    const b = r.fanout.baseline;
    log(
      `3: ${p.jobs} log-burst jobs × ${p.ratePerSec} lines/s; streams added round-robin; per step: open, settle ${CONFIG.fanout.settleMs / 1000} s, measure ${CONFIG.fanout.windowMs / 1000} s. ` +
        `Before any stream: Planstream heap ${fmtInt(p.heapBefore / 2 ** 20)} MB, RSS ${fmtInt(p.rssBefore / 2 ** 20)} MB; floor heap ${fmtInt(b.heapBefore / 2 ** 20)} MB, RSS ${fmtInt(b.rssBefore / 2 ** 20)} MB.`,
    );
    log(fanoutTable(r.fanout));
  }
  if (r.panels) {
    const p = r.panels;
    log(
      `4: timer lag while streaming p50 ${fmtMs(p.live.p50)}, p99 ${fmtMs(p.live.p99)}, max ${fmtMs(p.live.max)} (idle p50 ${fmtMs(p.idle.p50)}, max ${fmtMs(p.idle.max)}); ` +
        `${fmtInt(p.linesPerSec)} lines/s reached the ${p.panels} panels.`,
    );
  }
  if (r.redaction) {
    log("");
    for (const l of formatRedaction(r.redaction)) log(l);
  }
  if (r.chat) {
    const c = r.chat;
    log(
      `5: ${c.turns} turns one at a time (offline model, ${CONFIG.chat.latencyMs} ms first token, then word by word): conversation_start p50 ${fmtMs(c.toStart.p50)} / p99 ${fmtMs(c.toStart.p99)} (the server's part p50 ${fmtMs(c.serverStart.p50)}; GET /api/session p50 ${fmtMs(c.sessionRoundTrip.p50)}); ` +
        `first chunk p50 ${fmtMs(c.toFirstChunk.p50)} / p99 ${fmtMs(c.toFirstChunk.p99)}, of which the model ${fmtMs(c.modelFirstToken.p50)} (server-measured per turn; overhead p99 ${fmtMs(c.firstChunkOverhead.p99)}); ` +
        `whole turn p50 ${fmtMs(c.toEnd.p50)}.`,
    );
  }
  if (r.pg) {
    log("");
    for (const l of pgDetails(r.pg)) log(l);
  }
  for (const e of r.errors) log(`\nERROR in ${e.phase}: ${e.message}`);
}

/** The PostgreSQL phase's lines under the table: how each figure was made and what else it showed. */
function pgDetails(p: NonNullable<Results["pg"]>): string[] {
  const version = p.ingest ? ` ${p.ingest.server.version}` : "";
  const out = [`PG: PostgreSQL${version} at ${p.server}, a fresh database per measurement (dropped after).`];
  const i = p.ingest;
  if (i) {
    out.push(
      `PG1: JobLogger committed ${fmtInt(i.logger.transactions)} transactions (≈ ${fmtInt(i.lines / i.logger.transactions)} lines each) in ${(i.logger.ms / 1000).toFixed(1)} s; ` +
        `raw pg ${fmtInt(i.raw.transactions)} × ${i.raw.rowsPerTx} rows in ${(i.raw.ms / 1000).toFixed(1)} s. Median of ${i.rounds} rounds, JobEvent emptied before each; synchronous_commit = ${i.server.synchronousCommit}.`,
    );
  }
  for (const c of [p.cross?.notify, p.cross?.poll]) {
    if (!c) continue;
    out.push(
      `PG2 (${c.notify ? "NOTIFY" : "PG_NOTIFY=false"}): burst of ${fmtInt(c.lines)} lines posted to A, run by ${c.runner}; other instance p50 ${fmtMs(c.cross.p50)} / p90 ${fmtMs(c.cross.p90)} / p99 ${fmtMs(c.cross.p99)} / max ${fmtMs(c.cross.max)} over ${fmtInt(c.cross.count)} live lines; ` +
        `runner's own client p50 ${fmtMs(c.same.p50)} / p99 ${fmtMs(c.same.p99)} / max ${fmtMs(c.same.max)}.`,
    );
  }
  for (const e of [p.enqueue?.pg, p.enqueue?.sqlite]) {
    if (!e) continue;
    const per = (f: (x: EnqueueStartResult["rounds"][number]) => string) => e.rounds.map(f).join(", ");
    out.push(
      `PG3 (${e.setup}): startedAt − createdAt per round p50 ${per((x) => fmtMs(x.wait.p50))}, p95 ${per((x) => fmtMs(x.wait.p95))} (median of rounds in the table); ` +
        `all ${fmtInt(e.pooled.count)} jobs p50 ${fmtMs(e.pooled.p50)} / p95 ${fmtMs(e.pooled.p95)} / max ${fmtMs(e.pooled.max)}; ` +
        `POST round trip p95 ${per((x) => fmtMs(x.enqueue.p95))}, up to ${Math.max(...e.rounds.map((x) => x.peakInFlight))} in flight; starts/s ${per((x) => fmtInt(x.startsPerSec))}.`,
    );
  }
  return out;
}

/**
 * The PostgreSQL phase (PG1–PG3) against the server `serverUrl` names; each
 * part records its own error and the next one still runs.
 */
async function runPg(serverUrl: string, results: Results, built: boolean): Promise<void> {
  const c = CONFIG.pg;
  const pgr: NonNullable<Results["pg"]> = { server: safeDbUrl(serverUrl) };
  results.pg = pgr;
  const fail = (phase: string, error: unknown) => results.errors.push({ phase, message: String(error instanceof Error ? error.stack : error) });
  try {
    const stale = await dropStaleBenchDatabases(serverUrl);
    if (stale.length) log(`    dropped ${stale.length} database(s) left by killed runs: ${stale.join(", ")}`);
  } catch (error) {
    fail("pg", error);
    return;
  }

  log(`[bench] PG1 ingest: ${fmtInt(c.ingest.lines)} lines through JobLogger + PgJobStore vs raw pg inserts (${c.ingest.rowsPerTx}/tx)`);
  try {
    pgr.ingest = await withBenchDatabase(serverUrl, "ingest", (url) => benchPgIngestInChild({ url, ...c.ingest }, log));
  } catch (error) {
    fail("pg-ingest", error);
  }
  if (!built) return;

  log(`[bench] PG2 cross-instance latency with NOTIFY: ${fmtInt(c.latency.lines)} lines at ${fmtInt(c.latency.ratePerSec)}/s, a client on each of two instances`);
  pgr.cross = {};
  pgr.enqueue = {};
  const { cross, enqueue } = pgr;
  try {
    await withBenchDatabase(serverUrl, "notify", (url) =>
      withPair(url, {}, async (a, b) => {
        try {
          cross.notify = await measureCrossLatency(a, b, c.latency, true);
          log(`    other instance p50 ${fmtMs(cross.notify.cross.p50)}, p99 ${fmtMs(cross.notify.cross.p99)} (runner's client p99 ${fmtMs(cross.notify.same.p99)})`);
        } catch (error) {
          fail("pg-latency", error);
        }
        log(
          `[bench] PG3 enqueue→start: ${c.enqueue.rounds} rounds × ${c.enqueue.jobs} one-line jobs at ${c.enqueue.ratePerSec}/s, posted alternately to A and B / to one SQLite instance, taking turns`,
        );
        try {
          const [onPg, onSqlite] = await withTarget(
            () => startNext({}, { name: "SQLite instance" }),
            (s) => compareEnqueueToStart([{ setup: "PostgreSQL, 2 instances", targets: [a, b] }, { setup: "SQLite, 1 instance", targets: [s] }], c.enqueue),
          );
          enqueue.pg = onPg;
          enqueue.sqlite = onSqlite;
          log(`    startedAt − createdAt p50 ${fmtMs(onPg.wait.p50)}, p95 ${fmtMs(onPg.wait.p95)} (SQLite p50 ${fmtMs(onSqlite.wait.p50)}, p95 ${fmtMs(onSqlite.wait.p95)})`);
        } catch (error) {
          fail("pg-enqueue", error);
        }
      }),
    );
  } catch (error) {
    fail("pg", error);
  }

  log(`[bench] PG2 cross-instance latency with PG_NOTIFY=false (fresh pair)`);
  try {
    cross.poll = await withBenchDatabase(serverUrl, "poll", (url) => withPair(url, { PG_NOTIFY: "false" }, (a, b) => measureCrossLatency(a, b, c.latency, false)));
    log(`    other instance p50 ${fmtMs(cross.poll.cross.p50)}, p99 ${fmtMs(cross.poll.cross.p99)} (runner's client p99 ${fmtMs(cross.poll.same.p99)})`);
  } catch (error) {
    fail("pg-latency", error);
  }
}

// ---------- main ----------

async function main(): Promise<number> {
  installExitHooks();
  const started = performance.now();
  const timeoutS = envNum("BENCH_TIMEOUT_S", 540);
  const watchdog = setTimeout(() => {
    console.error(`[bench] watchdog: still running after ${timeoutS} s, stopping`);
    void killAll(1000).finally(() => process.exit(2));
  }, timeoutS * 1000);
  watchdog.unref();

  const results: Results = { startedAt: new Date().toISOString(), machine: machine(), config: CONFIG, errors: [] };
  log(`[bench] ${results.machine.cores} cores, load average ${(results.machine.loadAverageAtStart as number[]).join(" ")}`);
  if ((results.machine.loadAverageAtStart as number[])[0] > 0.5) log("[bench] note: the machine is not idle; figures may be lower than on a quiet machine");

  if (only.has("ingest")) {
    log(`[bench] 1/5 ingest: ${fmtInt(CONFIG.ingest.lines)} lines through JobLogger vs raw @libsql/client inserts`);
    try {
      results.ingest = await benchIngestInChild({ ...CONFIG.ingest, diagnose }, log);
    } catch (error) {
      results.errors.push({ phase: "ingest", message: String(error instanceof Error ? error.stack : error) });
    }
  }

  if (only.has("redaction")) {
    const lines = envNum("BENCH_REDACTION_LINES", 200_000);
    log(`[bench] 6 redaction: ${fmtInt(lines)} lines through JobLogger with and without secret redaction; cost per line`);
    try {
      results.redaction = await benchRedactionInChild({ lines, rounds: CONFIG.ingest.rounds }, log);
    } catch (error) {
      results.errors.push({ phase: "redaction", message: String(error instanceof Error ? error.stack : error) });
    }
  }

  if (only.has("latency") || only.has("fanout") || only.has("panels") || only.has("chat") || (only.has("pg") && pgServer)) {
    try {
      results.buildSeconds = ensureBuild(log);
    } catch (error) {
      results.errors.push({ phase: "build", message: String(error instanceof Error ? error.message : error) });
    }
  }
  const built = !results.errors.some((e) => e.phase === "build");

  if (built && only.has("latency")) {
    log(`[bench] 2/5 latency: ${fmtInt(CONFIG.latency.lines)} lines at ${fmtInt(CONFIG.latency.ratePerSec)}/s, one SSE client`);
    try {
      const baseline = await withTarget(startBaseline, (t) => measureLatency(t, CONFIG.latency));
      log(`    node:http floor: p50 ${fmtMs(baseline.latency.p50)}, p99 ${fmtMs(baseline.latency.p99)}`);
      const planstream = await withTarget(
        () => startNext({}),
        (t) => measureLatency(t, { ...CONFIG.latency, profile: diagnose }),
      );
      log(`    next start: p50 ${fmtMs(planstream.latency.p50)}, p99 ${fmtMs(planstream.latency.p99)}`);
      results.latency = { planstream, baseline };
    } catch (error) {
      results.errors.push({ phase: "latency", message: String(error instanceof Error ? error.message : error) });
    }
  }

  if (built && only.has("fanout")) {
    const f = CONFIG.fanout;
    log(`[bench] 3/5 fan-out: ${f.jobs} jobs × ${f.ratePerSec} lines/s, streams ramped ${f.steps.join(" → ")}`);
    try {
      const baseline = await withTarget(startBaseline, (t) => measureFanout(t, f, log));
      // Every burst job runs at once: JOB_CONCURRENCY above the job count.
      const planstream = await withTarget(
        () => startNext({ JOB_CONCURRENCY: String(f.jobs + 4) }),
        (t) => measureFanout(t, { ...f, profile: diagnose }, log),
      );
      results.fanout = { planstream, baseline };
    } catch (error) {
      results.errors.push({ phase: "fanout", message: String(error instanceof Error ? error.message : error) });
    }
  }

  if (built && only.has("panels")) {
    const c = CONFIG.panels;
    log(`[bench] 4/5 panels: ${c.panels} JobLogPanels on /jobs in Chromium, ${c.ratePerSec} lines/s each`);
    try {
      results.panels = await withTarget(
        () => startNext({ JOB_CONCURRENCY: String(c.panels + 2) }),
        (t) => measurePanels(t, c),
      );
      log(`    timer lag p90: live ${fmtMs(results.panels.live.p90)}, idle ${fmtMs(results.panels.idle.p90)}`);
    } catch (error) {
      results.errors.push({ phase: "panels", message: String(error instanceof Error ? error.message : error) });
    }
  }

  if (built && only.has("chat")) {
    const c = CONFIG.chat;
    log(`[bench] 5/5 chat: ${c.turns} streamed turns (POST /api/chat/agent), offline model at ${c.latencyMs} ms`);
    try {
      results.chat = await withTarget(
        () => startNext({ LLM_OFFLINE_LATENCY_MS: String(c.latencyMs) }),
        (t) => measureChatAgent(t, c),
      );
      log(`    conversation_start p50 ${fmtMs(results.chat.toStart.p50)}; first chunk +${fmtMs(results.chat.firstChunkOverhead.p50)} beyond the model's ${fmtMs(results.chat.modelFirstToken.p50)}`);
    } catch (error) {
      results.errors.push({ phase: "chat", message: String(error instanceof Error ? error.message : error) });
    }
  }

  if (only.has("pg")) {
    if (pgServer) await runPg(pgServer, results, built);
    else results.errors.push({ phase: "pg", message: "BENCH_ONLY=pg needs DATABASE_URL=postgres://user@host:5432/db (a server this user may create databases on)" });
  }

  results.durationSeconds = (performance.now() - started) / 1000;
  print(results);
  if (diagnose) {
    if (results.ingest?.diagnosis) {
      log("\nDiagnosis 1: one write transaction, several ways (rows per transaction, time, rows/s, database descriptors left open)");
      for (const v of results.ingest.diagnosis.perTransaction) {
        log(`  ${String(v.rowsPerTx).padStart(4)} rows ${v.msPerTx.toFixed(2).padStart(7)} ms/tx ${fmtInt(v.rowsPerSec).padStart(9)} rows/s ${String(v.dbFds).padStart(5)} fds  ${v.name}`);
      }
      log("Diagnosis 1: CPU profile of one JobLogger ingest run (bench process)");
      log(formatProfile(results.ingest.diagnosis.loggerProfile).join("\n"));
    }
    if (results.latency?.planstream.profile) {
      log("\nDiagnosis 2: CPU profile of `next start` during the latency burst");
      log(formatProfile(results.latency.planstream.profile).join("\n"));
    }
    if (results.fanout?.planstream.profile) {
      log(`\nDiagnosis 3: CPU profile of \`next start\` during the window at N = ${results.fanout.planstream.profiledAt}`);
      log(formatProfile(results.fanout.planstream.profile).join("\n"));
    }
    if (results.fanout?.planstream.heapProfile) {
      log(`\nDiagnosis 3: live heap per stream by allocation site (sampled while the first ${results.fanout.planstream.heapProfiledAt} streams opened)`);
      log(formatProfile(results.fanout.planstream.heapProfile).join("\n"));
    }
    log("\nRaw profiles: bench/results/*.cpuprofile, *.heapprofile (open in Chrome DevTools).");
  }
  log(`\n[bench] done in ${results.durationSeconds.toFixed(0)} s; results in bench/results/latest.json`);
  const dir = path.join(process.cwd(), "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  clearTimeout(watchdog);
  return results.errors.length ? 1 : 0;
}

main()
  .then(async (code) => {
    await killAll();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error);
    await killAll();
    process.exit(1);
  });
