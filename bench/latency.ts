// Phase 2 – append → SSE-receive latency: one client follows a log-burst job
// (N lines at R lines/s) over SSE; latency = receive time − data.appendedAt
// (the producer's Date.now() at append, same machine clock). Measured against
// `next start` and against the plain node:http floor.
import { cpuMsOf, fdCountOf, rssOf } from "./lib/procs.ts";
import { followWithFetch } from "./lib/sse-client.ts";
import { summarize, type Summary } from "./lib/stats.ts";
import type { Target } from "./lib/targets.ts";
import { saveProfile, summarizeProfile, type ProfileSummary } from "./lib/profile.ts";

export type LatencyResult = {
  target: string;
  lines: number;
  ratePerSec: number;
  latency: Summary;
  /** Log lines received (all of them, in order, is required). */
  received: number;
  gaps: number;
  /** Server CPU during the burst, % of one core. */
  serverCpuPct: number;
  /** The server's open file descriptors before and after the measured burst. */
  serverFds: { before: number; after: number; dbAfter: number };
  /** The server's resident memory before and after the measured burst, bytes. */
  serverRss: { before: number; after: number };
  profile?: ProfileSummary;
};

/** What one reader of a burst stream saw: per-line latency samples (ms), lines received, seq gaps. */
export type BurstRead = { latencies: number[]; received: number; gaps: number };

/**
 * Reads one log-burst job's stream at `url` until its `end` frame (or
 * `signal` aborts), recording per line receive time − data.appendedAt (both
 * Date.now() on this machine). With `record`, only lines appended after the
 * response headers arrived count: earlier ones are replay, not live delivery.
 * @param name the reader, in errors.
 * @throws Error when the stream ends early, misses lines or skips a seq.
 */
export async function readBurst(name: string, url: string, headers: Record<string, string>, lines: number, record: boolean, signal: AbortSignal): Promise<BurstRead> {
  const latencies: number[] = [];
  let openedAt = Number.POSITIVE_INFINITY;
  let lastSeq = 0;
  let gaps = 0;
  let received = 0;
  let ended = false;
  await followWithFetch(
    url,
    headers,
    {
      onOpen: () => (openedAt = Date.now()),
      onFrame(f) {
        if (lastSeq && f.seq !== lastSeq + 1) gaps += 1;
        lastSeq = f.seq;
        if (f.kind !== "log" || f.appendedAt === undefined) return;
        received += 1;
        // Lines appended before the subscription existed are replay, not live delivery.
        if (record && f.appendedAt >= openedAt) latencies.push(f.receivedAt - f.appendedAt);
      },
      onEnd: () => (ended = true),
    },
    signal,
  );
  if (!ended) throw new Error(`${name} did not reach end (got ${received}/${lines} lines)`);
  if (received !== lines || gaps) throw new Error(`${name}: received ${received}/${lines} lines with ${gaps} seq gap(s)`);
  return { latencies, received, gaps };
}

async function followBurst(target: Target, lines: number, ratePerSec: number, record: boolean): Promise<BurstRead> {
  const controller = new AbortController();
  const jobId = await target.startBurst(lines, ratePerSec);
  const deadline = setTimeout(() => controller.abort(), (lines / ratePerSec) * 1000 + 30_000);
  try {
    return await readBurst(`${target.name}: stream of ${jobId}`, target.streamUrl(jobId, 0), target.headers, lines, record, controller.signal);
  } finally {
    clearTimeout(deadline);
  }
}

/** Warm-up burst (JIT, connections), then the measured one. */
export async function measureLatency(
  target: Target,
  opts: { lines: number; ratePerSec: number; warmupLines: number; profile?: boolean },
): Promise<LatencyResult> {
  await followBurst(target, opts.warmupLines, opts.ratePerSec, false);
  const insp = opts.profile ? await target.inspector() : undefined;
  await insp?.startProfile();
  const fdsBefore = fdCountOf(target.pid);
  const rssBefore = rssOf(target.pid);
  const cpu0 = cpuMsOf(target.pid);
  const t0 = performance.now();
  const { latencies, received, gaps } = await followBurst(target, opts.lines, opts.ratePerSec, true);
  const serverCpuPct = ((cpuMsOf(target.pid) - cpu0) / (performance.now() - t0)) * 100;
  const serverFds = { before: fdsBefore, after: fdCountOf(target.pid), dbAfter: target.dataDir ? fdCountOf(target.pid, target.dataDir) : 0 };
  const profile = insp ? summarizeProfile(saveProfile(await insp.stopProfile(), `latency-${target.name}`)) : undefined;
  insp?.close();
  return { target: target.name, lines: opts.lines, ratePerSec: opts.ratePerSec, latency: summarize(latencies), received, gaps, serverCpuPct, serverFds, serverRss: { before: rssBefore, after: rssOf(target.pid) }, profile };
}
