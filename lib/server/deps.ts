import "server-only";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { createDb, type Db } from "./db/client.ts";
import { env } from "./env.ts";
import { JobBus } from "./jobs/bus.ts";
import type { JobQueue } from "./jobs/job-queue.ts";
import type { JobStore } from "./jobs/job-store.ts";
import { JobTails } from "./jobs/job-tail.ts";
import { SqliteJobStore } from "./jobs/jobs-repo.ts";
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

/** The process's composition root: the Deps and the runner that is its queue. */
export type App = { deps: Deps; runner: JobRunner };

/**
 * Builds every dependency from the validated environment. Nothing starts
 * here: `startServer` (boot.ts) migrates and starts the runner.
 */
export function createApp(): App {
  const e = env();
  const db = createDb(e.DATABASE_URL);
  const store = new SqliteJobStore(db);
  const bus = new JobBus();
  const tails = new JobTails(store, bus);
  const policy = { maxRetries: e.LLM_MAX_RETRIES, timeoutMs: e.LLM_TIMEOUT_MS, maxWaitMs: e.LLM_RETRY_MAX_WAIT_MS };
  const model = meteredModel(createModel({ baseUrl: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY, model: e.LLM_MODEL, offlineLatencyMs: e.LLM_OFFLINE_LATENCY_MS, policy }));
  const runner = new JobRunner({ db, store, bus, tails, model }, { concurrency: e.JOB_CONCURRENCY, leaseMs: e.JOB_LEASE_MS, maxEvents: e.JOB_EVENT_CAP });
  return { deps: { db, store, bus, tails, model, queue: runner }, runner };
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
