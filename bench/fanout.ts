// Phase 3 – concurrent SSE streams held by one server process. J running
// log-burst jobs write R lines/s each; streams (per-job endpoint, one socket
// each, joining at the job's current seq) are added round-robin over the jobs
// in steps (e.g. 250 → 500 → 1000 → 1500 → 2000). At every step, once the new
// streams are open and a settle pause has passed, a fixed window measures
// delivery latency (receive − appendedAt) over every frame every client got;
// then, after the clients caught up, heap per stream = (settled heap now −
// settled heap before any stream) / open streams, both read after forced full
// GCs through the inspector. The ramp stops at the first step that does not
// work (streams fail or take too long to open, or clients fall behind the
// jobs), so the last working step is the largest N this server holds.
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Inspector } from "./lib/inspector.ts";
import { saveProfile, summarizeHeap, summarizeProfile, type ProfileSummary } from "./lib/profile.ts";
import { cpuMsOf, fdCountOf, rssOf } from "./lib/procs.ts";
import { followWithHttp, type HttpStream } from "./lib/sse-client.ts";
import { sleep, summarize, type Summary } from "./lib/stats.ts";
import type { Target } from "./lib/targets.ts";

export type FanoutOptions = {
  jobs: number;
  ratePerSec: number;
  /** Cumulative stream counts to measure at, ascending. */
  steps: number[];
  /** Streams opened at once while connecting. */
  connectBatch: number;
  /** A step fails when its new streams are not all open within this time. */
  connectTimeoutMs: number;
  settleMs: number;
  windowMs: number;
  /** A step fails when some client has not caught up this long after the window. */
  drainMs: number;
  /**
   * Diagnose: sample the server's heap allocations while the first step's
   * streams open (live bytes per stream by allocation site), and CPU-profile
   * it during every window (the last measured step's profile is kept).
   */
  profile?: boolean;
};

export type FanoutStep = {
  streams: number;
  connected: number;
  connectFailures: number;
  firstConnectError?: string;
  /** Time to open this step's new streams. */
  connectSeconds: number;
  subscriptionsReported: number;
  latency: Summary;
  /** Frames appended inside the window and delivered (all clients). */
  delivered: number;
  /** jobs × rate × window × streams/jobs: what a lossless, on-time server delivers. */
  expected: number;
  /** Clients without a line appended after the window when the drain wait ended. */
  lagging: number;
  /** Seq discontinuities seen by any client (must stay 0). */
  gaps: number;
  /** Streams the server closed before the end. */
  closedEarly: number;
  heapWithStreams: number;
  heapPerStream: number;
  rssWithStreams: number;
  /** The server's open file descriptors at the end of the window (sockets + database files). */
  serverFds: number;
  /** Of those, descriptors on its database files (SQLite connections, WAL, shm). */
  serverDbFds: number;
  /** Database descriptors still open right after the forced GC of the heap reading. */
  serverDbFdsAfterGc: number;
  serverCpuPct: number;
  clientCpuPct: number;
  /** The bench process's event-loop delay p99 in the window, ms (client-side noise). */
  clientLoopDelayP99: number;
  works: boolean;
  /** Why the step does not work (empty when it does). */
  failure: string;
};

export type FanoutResult = {
  target: string;
  jobs: number;
  ratePerSec: number;
  heapBefore: number;
  /** Heap after every stream closed and a forced GC, bytes. */
  heapAfterClose: number;
  subscriptionsAfterClose: number;
  rssBefore: number;
  steps: FanoutStep[];
  /** Largest stream count whose step worked (0 if none). */
  maxWorking: number;
  profile?: ProfileSummary;
  profiledAt?: number;
  heapProfile?: ProfileSummary;
  heapProfiledAt?: number;
};

type Client = { stream?: HttpStream; lastSeq: number; opened: boolean; closed: boolean; caughtUp: boolean; done: boolean };

/** Opens and closes a few streams so route code is loaded before the "before" heap is read. */
async function warmUp(target: Target, jobId: string): Promise<void> {
  const streams = Array.from({ length: 5 }, () => followWithHttp(target.streamUrl(jobId, 0), target.headers, { onFrame: () => undefined }, 30_000));
  await Promise.allSettled(streams.map((s) => s.opened));
  await sleep(500);
  for (const s of streams) s.close();
  await Promise.all(streams.map((s) => s.closed));
  await target.lastSeq(jobId);
  await target.subscriptions();
}

export async function measureFanout(target: Target, o: FanoutOptions, log: (s: string) => void): Promise<FanoutResult> {
  // Enough lines to outlast the whole ramp; the jobs are cancelled afterwards.
  const budgetS = o.steps.length * ((o.connectTimeoutMs + o.settleMs + o.windowMs + o.drainMs) / 1000) + 60;
  const lines = Math.ceil(o.ratePerSec * budgetS);
  const jobIds: string[] = [];
  for (let j = 0; j < o.jobs; j++) jobIds.push(await target.startBurst(lines, o.ratePerSec));
  await sleep(1000);
  await warmUp(target, jobIds[0]);
  await sleep(500);
  const heapBefore = await target.settledHeap();
  const rssBefore = rssOf(target.pid);

  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  let latencies: number[] = [];
  let gaps = 0;
  let closedEarly = 0;
  let measuring = true;
  const clients: Client[] = [];
  const steps: FanoutStep[] = [];
  let profile: ProfileSummary | undefined;
  let profiledAt: number | undefined;
  let heapProfile: ProfileSummary | undefined;
  let heapProfiledAt: number | undefined;
  // One inspector session while heap sampling runs (settled heap reads go through it too).
  let heapSampler: Inspector | undefined;
  if (o.profile) {
    heapSampler = await target.inspector();
    await heapSampler.startHeapSampling();
  }

  try {
    for (const stepN of o.steps) {
      // Connect this step's new streams in batches.
      let connectFailures = 0;
      let firstConnectError: string | undefined;
      const t0 = performance.now();
      const deadline = Date.now() + o.connectTimeoutMs;
      while (clients.length < stepN && Date.now() < deadline) {
        const size = Math.min(o.connectBatch, stepN - clients.length);
        const cursors = await Promise.all(jobIds.map((id) => target.lastSeq(id)));
        const wave: Promise<void>[] = [];
        for (let k = 0; k < size; k++) {
          const job = clients.length % o.jobs;
          const client: Client = { lastSeq: cursors[job], opened: false, closed: false, caughtUp: false, done: false };
          const stream = followWithHttp(
            target.streamUrl(jobIds[job], cursors[job]),
            target.headers,
            {
              onFrame(f) {
                if (f.seq !== client.lastSeq + 1) gaps += 1;
                client.lastSeq = f.seq;
                const at = f.appendedAt;
                if (at === undefined) return;
                if (at >= windowStart && at < windowEnd) latencies.push(f.receivedAt - at);
                else if (at >= windowEnd) client.caughtUp = true;
              },
              onEnd: () => (client.done = true),
            },
            Math.max(1000, deadline - Date.now()),
          );
          client.stream = stream;
          clients.push(client);
          wave.push(
            stream.opened.then(
              () => void (client.opened = true),
              (error: Error) => {
                connectFailures += 1;
                firstConnectError ??= error.message;
              },
            ),
          );
          void stream.closed.then(() => {
            client.closed = true;
            if (measuring && client.opened) closedEarly += 1;
          });
        }
        await Promise.all(wave);
      }
      const connectSeconds = (performance.now() - t0) / 1000;
      const open = clients.filter((c) => c.opened && !c.closed).length;
      log(`    ${target.name}: ${open}/${stepN} streams open (+${connectSeconds.toFixed(1)} s)`);

      await sleep(o.settleMs);
      const insp = o.profile ? await target.inspector() : undefined;
      await insp?.startProfile();
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const cpu0 = cpuMsOf(target.pid);
      const clientCpu0 = process.cpuUsage();
      latencies = [];
      for (const c of clients) c.caughtUp = false;
      windowStart = Date.now();
      windowEnd = windowStart + o.windowMs;
      await sleep(o.windowMs);
      const serverCpuPct = ((cpuMsOf(target.pid) - cpu0) / o.windowMs) * 100;
      const serverFds = fdCountOf(target.pid);
      const serverDbFds = target.dataDir ? fdCountOf(target.pid, target.dataDir) : 0;
      const cu = process.cpuUsage(clientCpu0);
      const clientCpuPct = ((cu.user + cu.system) / 1000 / o.windowMs) * 100;
      loop.disable();
      if (insp) {
        profile = summarizeProfile(saveProfile(await insp.stopProfile(), `fanout-${target.name}-${stepN}`));
        profiledAt = stepN;
        insp.close();
      }
      const windowLatencies = latencies;
      latencies = [];

      const drainUntil = Date.now() + o.drainMs;
      const live = () => clients.filter((c) => c.opened && !c.closed && !c.done);
      while (Date.now() < drainUntil && live().some((c) => !c.caughtUp)) await sleep(100);
      windowStart = windowEnd = Number.POSITIVE_INFINITY;
      const lagging = live().filter((c) => !c.caughtUp).length;
      const subscriptionsReported = await target.subscriptions();
      const heapWithStreams = heapSampler ? await heapSampler.settledHeapUsed() : await target.settledHeap();
      const rssWithStreams = rssOf(target.pid);
      await sleep(200); // let finalizers of collected connections run
      const serverDbFdsAfterGc = target.dataDir ? fdCountOf(target.pid, target.dataDir) : 0;
      if (heapSampler) {
        heapProfile = summarizeHeap(saveProfile(await heapSampler.stopHeapSampling(), `heap-${target.name}-${stepN}`), open);
        heapProfiledAt = stepN;
        heapSampler.close();
        heapSampler = undefined;
      }

      const failures: string[] = [];
      if (open < stepN) failures.push(`${stepN - open} stream(s) not open after ${(o.connectTimeoutMs / 1000).toFixed(0)} s${firstConnectError ? ` (${firstConnectError})` : ""}`);
      if (lagging) failures.push(`${lagging} client(s) still behind ${(o.drainMs / 1000).toFixed(0)} s after the window`);
      if (gaps) failures.push(`${gaps} seq gap(s)`);
      if (closedEarly) failures.push(`${closedEarly} stream(s) closed by the server`);
      const step: FanoutStep = {
        streams: stepN,
        connected: open,
        connectFailures,
        firstConnectError,
        connectSeconds,
        subscriptionsReported,
        latency: summarize(windowLatencies),
        delivered: windowLatencies.length,
        expected: o.ratePerSec * (o.windowMs / 1000) * open,
        lagging,
        gaps,
        closedEarly,
        heapWithStreams,
        heapPerStream: open > 0 ? (heapWithStreams - heapBefore) / open : Number.NaN,
        rssWithStreams,
        serverFds,
        serverDbFds,
        serverDbFdsAfterGc,
        serverCpuPct,
        clientCpuPct,
        clientLoopDelayP99: loop.percentile(99) / 1e6,
        works: failures.length === 0,
        failure: failures.join("; "),
      };
      steps.push(step);
      log(
        `    ${target.name} @ ${stepN}: p50 ${step.latency.p50} ms, p99 ${step.latency.p99} ms, server CPU ${step.serverCpuPct.toFixed(0)}%, ` +
          `heap/stream ${(step.heapPerStream / 1024).toFixed(1)} KB${step.works ? "" : ` – does not work: ${step.failure}`}`,
      );
      if (!step.works) break;
    }
  } finally {
    heapSampler?.close();
    measuring = false;
    for (const c of clients) c.stream?.close();
    await Promise.all(jobIds.map((id) => target.cancel(id)));
    await Promise.all(clients.map((c) => c.stream?.closed));
  }
  // Everything closed: subscriptions must be back to zero and the heap back near its start.
  await sleep(2000);
  const subscriptionsAfterClose = await target.subscriptions();
  const heapAfterClose = await target.settledHeap();
  log(
    `    ${target.name}: all streams closed – subscriptions ${subscriptionsAfterClose}, heap ${(heapAfterClose / 2 ** 20).toFixed(1)} MB ` +
      `(before any stream ${(heapBefore / 2 ** 20).toFixed(1)} MB)`,
  );
  const working = steps.filter((s) => s.works);
  return {
    target: target.name,
    jobs: o.jobs,
    ratePerSec: o.ratePerSec,
    heapBefore,
    heapAfterClose,
    subscriptionsAfterClose,
    rssBefore,
    steps,
    maxWorking: working.length ? working[working.length - 1].streams : 0,
    profile,
    profiledAt,
    heapProfile,
    heapProfiledAt,
  };
}
