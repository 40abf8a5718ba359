// Phases PG2 and PG3 – two `next start` instances on one PostgreSQL database
// (docs/scale-out.md): the same DATABASE_URL (a fresh database per pair,
// bench/lib/pg.ts), the same SESSION_SECRET (one session cookie, minted by A,
// is valid on both, so both serve the same user's jobs), DIAGNOSTICS_ENABLED=1.
//
// PG2, append on one instance → SSE client on the other: a log-burst job
// (N lines at R lines/s) is started through A; two SSE clients follow it at
// once, one on each instance (GET /api/jobs/{id}/stream?after=0); latency per
// line = receive time − data.appendedAt (the writing instance's Date.now() at
// append; same machine clock), lines appended before a client's response
// headers arrived excluded, as in phase 2 (bench/latency.ts).
// Which instance runs the job is not ours to choose: A claims it at once
// (its enqueue ticks its runner), B may win the claim when a `claim`
// notification reaches it first. So both instances get a reader, and while
// the burst runs the benchmark asks each instance's GET /api/metrics for
// `planstream_jobs_running_here` (the only job running is the burst) to learn
// which one runs it: the reader on the other instance is the figure
// (cross-instance), the reader on the runner is its baseline (same instance:
// in-process bus, no notification), measured on the same lines at the same
// moment under the same load, so the difference is what crossing instances
// costs. Run twice on fresh pairs: with NOTIFY (default) and with
// PG_NOTIFY=false on both (cross-instance readers then follow by their 1 s
// safety poll, lib/server/jobs/job-tail.ts TAIL_POLL_MS).
//
// PG3, enqueue → start across instances: N one-line log-burst jobs posted
// alternately through A and B at a fixed rate (open loop, so every setup is
// offered the same load; posts overlap whenever one takes longer than the
// interval, up to `maxInFlight`); per job
// startedAt − createdAt (GET /api/jobs/{id}; createdAt is stamped as the
// enqueuing transaction inserts the row, startedAt by the claiming instance
// just before its claim transaction; both ms precision, one machine clock).
// Baseline: the same jobs through one instance on SQLite (the default
// deployment) at the same rate, up at the same time, the two setups taking
// turns round by round (compareEnqueueToStart). A closed loop (k posts in flight, the next
// as soon as one answers) would offer each setup a different load: whatever
// its enqueue round trip allows; above the claim throughput it measures
// queueing, not the way to the runner.
import { randomBytes } from "node:crypto";
import { readBurst, type BurstRead } from "./latency.ts";
import { median, sleep, summarize, type Summary } from "./lib/stats.ts";
import { startNext, type Target } from "./lib/targets.ts";

export type CrossLatencyResult = {
  /** PG_NOTIFY on both instances. */
  notify: boolean;
  lines: number;
  ratePerSec: number;
  /** The instance that ran the measured burst ("A" took the POST). */
  runner: "A" | "B";
  /** The reader on the instance not running the job, ms. */
  cross: Summary;
  /** Baseline: the reader on the instance running it, same burst, ms. */
  same: Summary;
};

/** One round of PG3 on one setup. */
export type EnqueueStartRound = {
  jobs: number;
  /** Posts per second offered (open loop). */
  ratePerSec: number;
  /** The most posts that were in flight at once. */
  peakInFlight: number;
  /** Jobs started per second, from the first createdAt to the last startedAt. */
  startsPerSec: number;
  /** startedAt − createdAt per job, ms. */
  wait: Summary;
  /** POST /api/diagnostics/log-burst round trip per job, ms (the enqueue as the client sees it). */
  enqueue: Summary;
};

/** PG3 on one setup: its rounds, the medians over rounds (the figure) and every job pooled. */
export type EnqueueStartResult = {
  /** What ran it, e.g. "PostgreSQL, 2 instances". */
  setup: string;
  jobs: number;
  ratePerSec: number;
  rounds: EnqueueStartRound[];
  /** Median over the rounds of each round's p50 and p95 of startedAt − createdAt, ms. */
  wait: { p50: number; p95: number };
  /** startedAt − createdAt of every job of every round, ms. */
  pooled: Summary;
};

export type LatencyOptions = { lines: number; ratePerSec: number; warmupLines: number };
/** PG3: per setup and round, `jobs` posted at `ratePerSec` (at most `maxInFlight` posts at once), after `warmupJobs` not counted. */
export type EnqueueOptions = { jobs: number; ratePerSec: number; maxInFlight: number; warmupJobs: number; rounds: number };

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.url}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** The `planstream_jobs_running_here` gauge of one instance (GET /api/metrics, no METRICS_TOKEN set). */
async function jobsRunningHere(t: Target): Promise<number> {
  const text = await (await fetch(`${t.baseUrl}/api/metrics`, { headers: t.headers })).text();
  return Number(/^planstream_jobs_running_here (\d+)/m.exec(text)?.[1] ?? Number.NaN);
}

/**
 * Which of the two instances runs the one job running now: polls both gauges
 * every 100 ms until exactly one reports a running job.
 * @throws after `timeoutMs` without a clear answer.
 */
async function runnerOf(a: Target, b: Target, timeoutMs = 10_000): Promise<"A" | "B"> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    const [na, nb] = await Promise.all([jobsRunningHere(a), jobsRunningHere(b)]);
    if (na === 1 && nb === 0) return "A";
    if (na === 0 && nb === 1) return "B";
    last = `A ${na}, B ${nb}`;
    await sleep(100);
  }
  throw new Error(`could not tell which instance runs the burst (planstream_jobs_running_here: ${last})`);
}

/** One burst started through A, followed by a reader on each instance at once. */
async function burstOnBoth(a: Target, b: Target, lines: number, ratePerSec: number, record: boolean) {
  const jobId = await a.startBurst(lines, ratePerSec);
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), (lines / ratePerSec) * 1000 + 30_000);
  try {
    // A's cookie on both: the job is A's user's, and B accepts A's session (same SESSION_SECRET).
    const read = (t: Target) => readBurst(`${t.name}: stream of ${jobId}`, t.streamUrl(jobId, 0), a.headers, lines, record, controller.signal);
    const readers = Promise.all([read(a), read(b)]);
    readers.catch(() => controller.abort()); // one reader failed: stop the other
    let runner: "A" | "B";
    try {
      runner = await runnerOf(a, b);
    } catch (error) {
      controller.abort();
      await readers.catch(() => undefined);
      throw error;
    }
    const [onA, onB]: BurstRead[] = await readers;
    return { runner, onA, onB };
  } finally {
    clearTimeout(deadline);
  }
}

/**
 * PG2 on a running pair: a warm-up burst (JIT, connections, the listener's
 * first notifications), then the measured one.
 */
export async function measureCrossLatency(a: Target, b: Target, opts: LatencyOptions, notify: boolean): Promise<CrossLatencyResult> {
  await burstOnBoth(a, b, opts.warmupLines, opts.ratePerSec, false);
  const { runner, onA, onB } = await burstOnBoth(a, b, opts.lines, opts.ratePerSec, true);
  const [same, cross] = runner === "A" ? [onA, onB] : [onB, onA];
  return { notify, lines: opts.lines, ratePerSec: opts.ratePerSec, runner, cross: summarize(cross.latencies), same: summarize(same.latencies) };
}

type JobTimes = { status: string; createdAt: string; startedAt: string | null };

/** Polls GET /api/jobs/{id} through `t` until the job has started. */
async function startedJob(t: Target, jobId: string, timeoutMs = 30_000): Promise<JobTimes> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { job } = await json<{ job: JobTimes }>(await fetch(`${t.baseUrl}/api/jobs/${jobId}`, { headers: t.headers }));
    if (job.startedAt) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} not started after ${timeoutMs} ms (status ${job.status})`);
    await sleep(50);
  }
}

/**
 * Posts `n` one-line log-burst jobs round-robin over `targets` at a fixed
 * rate (open loop: job i is due at i / ratePerSec s, whether earlier posts
 * have answered or not), at most `maxInFlight` posts at once.
 * @returns ids and round trips (ms) in order, and the most posts in flight at once.
 */
async function enqueueMany(targets: Target[], n: number, ratePerSec: number, maxInFlight: number): Promise<{ ids: string[]; roundTrips: number[]; peakInFlight: number }> {
  const ids: string[] = new Array<string>(n);
  const roundTrips: number[] = new Array<number>(n);
  const inFlight = new Set<Promise<void>>();
  let peakInFlight = 0;
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const wait = started + (i * 1000) / ratePerSec - performance.now();
    if (wait > 1) await sleep(wait);
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const t0 = performance.now();
    const post: Promise<void> = targets[i % targets.length].startBurst(1, 0).then((id) => {
      ids[i] = id;
      roundTrips[i] = performance.now() - t0;
      inFlight.delete(post);
    });
    post.catch(() => undefined); // a failed post rejects the race or the final all below, never unhandled
    inFlight.add(post);
    peakInFlight = Math.max(peakInFlight, inFlight.size);
  }
  await Promise.all(inFlight);
  return { ids, roundTrips, peakInFlight };
}

/** Posts `n` jobs over `targets` (enqueueMany) and reads back when each started; one round. */
async function enqueueRound(targets: Target[], n: number, opts: EnqueueOptions): Promise<{ round: EnqueueStartRound; waits: number[] }> {
  const { ids, roundTrips, peakInFlight } = await enqueueMany(targets, n, opts.ratePerSec, opts.maxInFlight);
  const waits: number[] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const id of ids) {
    const job = await startedJob(targets[0], id);
    const [created, startedAt] = [Date.parse(job.createdAt), Date.parse(job.startedAt!)];
    waits.push(startedAt - created);
    first = Math.min(first, created);
    last = Math.max(last, startedAt);
  }
  await sleep(500); // the round's jobs finish: every runner slot free for the next round
  const round = { jobs: n, ratePerSec: opts.ratePerSec, peakInFlight, startsPerSec: (n / Math.max(1, last - first)) * 1000, wait: summarize(waits), enqueue: summarize(roundTrips) };
  return { round, waits };
}

/**
 * PG3 and its baseline, interleaved: every setup (its targets up at the same
 * time) gets `warmupJobs` not counted, then `rounds` rounds of `jobs` jobs
 * each, the setups taking turns (order flipped every round), so a passing
 * stall of the shared machine hits one round of one setup, not a whole
 * figure. Jobs go round-robin over a setup's targets and are read back
 * through its first (they share the database and the session). The figure
 * per setup is the median over rounds of each round's p50 and p95.
 * @returns one result per setup, in the order given.
 */
export async function compareEnqueueToStart(setups: { setup: string; targets: Target[] }[], opts: EnqueueOptions): Promise<EnqueueStartResult[]> {
  for (const { targets } of setups) await enqueueRound(targets, opts.warmupJobs, opts);
  const rounds = setups.map(() => [] as { round: EnqueueStartRound; waits: number[] }[]);
  for (let r = 0; r < opts.rounds; r++) {
    const order = setups.map((_, k) => k);
    if (r % 2 === 1) order.reverse();
    for (const k of order) rounds[k].push(await enqueueRound(setups[k].targets, opts.jobs, opts));
  }
  return setups.map(({ setup }, k) => ({
    setup,
    jobs: opts.jobs,
    ratePerSec: opts.ratePerSec,
    rounds: rounds[k].map((x) => x.round),
    wait: { p50: median(rounds[k].map((x) => x.round.wait.p50)), p95: median(rounds[k].map((x) => x.round.wait.p95)) },
    pooled: summarize(rounds[k].flatMap((x) => x.waits)),
  }));
}

/**
 * Starts instances A and B on the database `url` with one fresh
 * SESSION_SECRET and `env` (e.g. PG_NOTIFY=false), runs `fn`, and stops both,
 * also on errors (which then carry both servers' log tails).
 */
export async function withPair<T>(url: string, env: Record<string, string>, fn: (a: Target, b: Target) => Promise<T>): Promise<T> {
  const common = { DATABASE_URL: url, SESSION_SECRET: randomBytes(24).toString("hex"), ...env };
  const a = await startNext(common, { name: "instance A" });
  let b: Target | undefined;
  try {
    b = await startNext(common, { name: "instance B", cookie: a.headers.cookie });
    return await fn(a, b);
  } catch (error) {
    const tails = [a, b].filter((t): t is Target => !!t).map((t) => `\n--- ${t.name} log tail ---\n${t.logTail()}`);
    throw new Error(`${error instanceof Error ? error.message : String(error)}${tails.join("")}`, { cause: error });
  } finally {
    await Promise.all([a.stop(), b?.stop()]);
  }
}
