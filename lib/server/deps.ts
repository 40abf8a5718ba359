import "server-only";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { createDb, type Db } from "./db/client.ts";
import { PgSignals } from "./db/pg-signals.ts";
import { dbProvider } from "./db/provider.ts";
import { env } from "./env.ts";
import { JobBus } from "./jobs/bus.ts";
import type { JobQueue } from "./jobs/job-queue.ts";
import type { JobStore } from "./jobs/job-store.ts";
import { JobTails } from "./jobs/job-tail.ts";
import { createJobStore } from "./jobs/jobs-repo.ts";
import { JobRunner } from "./jobs/runner.ts";
import { createModel } from "./llm/model.ts";
import { meteredModel } from "./ops/llm-metrics.ts";

/**
 * What services need from the outside world, handed in as one object so tests
 * can pass real-but-local parts (a temp SQLite file, the offline model).
 * - `db`: the Prisma client (repositories only);
 * - `store`: the job engine's storage (queue and event log);
 * - `bus`: in-process wake-ups after commits (carries no data);
 * - `tails`: the shared per-job stream windows;
 * - `model`: the language model every LLM call goes through;
 * - `queue`: enqueue, wake, cancel, wait for jobs.
 */
export type Deps = { db: Db; store: JobStore; bus: JobBus; tails: JobTails; model: LanguageModelV4; queue: JobQueue };

/** The process's composition root: the Deps, the runner that is its queue, and on PostgreSQL the LISTEN/NOTIFY link to other instances. */
export type App = { deps: Deps; runner: JobRunner; signals?: PgSignals };

/**
 * Builds every dependency from the validated environment. Nothing starts
 * here: `startServer` (boot.ts) migrates and starts the runner.
 */
export function createApp(): App {
  const e = env();
  const db = createDb(e.DATABASE_URL);
  const store = createJobStore(db, e.DATABASE_URL);
  const bus = new JobBus();
  const tails = new JobTails(store, bus);
  const policy = { maxRetries: e.LLM_MAX_RETRIES, timeoutMs: e.LLM_TIMEOUT_MS, maxWaitMs: e.LLM_RETRY_MAX_WAIT_MS };
  const model = meteredModel(createModel({ baseUrl: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY, model: e.LLM_MODEL, offlineLatencyMs: e.LLM_OFFLINE_LATENCY_MS, policy }));
  // Several instances share a PostgreSQL database: their buses and runners hear each other (boot.ts starts the listener).
  const link: { runner?: JobRunner } = {};
  const signals =
    dbProvider(e.DATABASE_URL) === "postgresql" && e.PG_NOTIFY
      ? new PgSignals(e.DATABASE_URL, {
          onSignal: (s) => {
            if (s.t === "wake") bus.deliver(s.key, s.lastSeq);
            else if (s.t === "cancel") link.runner?.abortLocal(s.jobId, s.reason);
            else link.runner?.tickSoon();
          },
          onReconnect: () => {
            bus.wakeAll();
            link.runner?.tickSoon();
          },
        })
      : undefined;
  bus.relayTo(signals ? (key, lastSeq) => signals.publish({ t: "wake", key, lastSeq }) : undefined);
  const peers = signals && { claim: () => signals.publish({ t: "claim" }), cancel: (jobId: string, reason: string) => signals.publish({ t: "cancel", jobId, reason }) };
  const runner = new JobRunner({ db, store, bus, tails, model }, { concurrency: e.JOB_CONCURRENCY, leaseMs: e.JOB_LEASE_MS, maxEvents: e.JOB_EVENT_CAP, peers });
  link.runner = runner;
  return { deps: { db, store, bus, tails, model, queue: runner }, runner, signals };
}

// globalThis: Next.js bundles instrumentation and each route separately; they
// must share one database client, bus, tails and runner per process. In
// development this also survives hot reloads (create-t3-app's pattern).
const g = globalThis as unknown as { planstreamApp?: App };

/** The process-wide composition root, built on first use. */
export function getApp(): App {
  g.planstreamApp ??= createApp();
  return g.planstreamApp;
}

/** The process-wide dependencies. */
export function getDeps(): Deps {
  return getApp().deps;
}
