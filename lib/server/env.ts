// The one module that reads process.env (docs/style.md §9). Validated once with zod;
// a bad value stops the server at start with a message naming the variable.
// Free of path aliases so scripts/migrate.ts can load it under plain Node
// (`--conditions=react-server` resolves `server-only` to its empty module).
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dbProvider } from "./db/provider.ts";

/** The error `dbProvider` gives for `url`, or null when it names a provider. */
function tryProvider(url: string): string | null {
  try {
    dbProvider(url);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const schema = z.object({
  /** `file:…` (SQLite, default `file:<DATA_DIR>/planstream.db`) or `postgres://…` (PostgreSQL); see db/provider.ts. */
  DATABASE_URL: z
    .string()
    .min(1)
    .superRefine((url, ctx) => {
      const problem = tryProvider(url);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional(),
  LLM_BASE_URL: z.url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  /** Offline model latency per call, ms (realistic pacing; tests lower it). */
  LLM_OFFLINE_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(350),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * PostgreSQL only: wake streams and runners of other instances through LISTEN/NOTIFY
   * (db/pg-signals.ts). "false" leaves it to the safety polls (streams 1 s, runner 500 ms).
   */
  PG_NOTIFY: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  JOB_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** A running job's lease, ms; renewed every third of it. A crashed server's jobs are recovered once it expires. */
  JOB_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(15_000),
  /** Events stored per job; further lines are counted and summarized in one event. */
  JOB_EVENT_CAP: z.coerce.number().int().min(10).max(10_000_000).default(100_000),
  SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  SESSION_SECRET: z.string().min(16).optional(),
  SUPPORT_TOKEN: z.string().min(8).optional(),
  DATA_DIR: z.string().default("./data"),
  /** Hosts `http_get` may fetch from, comma-separated (exact host names or `*.example.org`); empty = the tool refuses every URL. */
  TOOL_HTTP_ALLOWLIST: z.string().default(""),
  /** MCP servers whose tools join the registry: JSON, name → `{command, args?, env?, readOnly?}` (stdio) or `{url, readOnly?}` (Streamable HTTP). */
  MCP_SERVERS: z.string().default(""),
  /** Which tool calls wait for a person: `never`, `side-effects` (tools with side effects and MCP tools not marked read-only) or `always`. */
  TOOL_APPROVAL: z.enum(["never", "side-effects", "always"]).default("side-effects"),
  /** An unanswered approval request is denied after this long, ms. */
  TOOL_APPROVAL_TIMEOUT_MS: z.coerce.number().int().min(100).max(86_400_000).default(600_000),
  /** Model steps (and tool calls) per task when a plan executes. */
  EXECUTE_MAX_STEPS: z.coerce.number().int().min(1).max(50).default(6),
  /** Enables POST /api/diagnostics/log-burst (benchmarks only). */
  DIAGNOSTICS_ENABLED: z.stringbool().default(false),
  /**
   * Reverse proxies in front of the server whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed (0 = none:
   * the server faces clients directly and ignores those headers from them). Same meaning as Express's numeric `trust proxy`.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // issue 13 — model errors (docs/model-errors.md)
  /** Retries of a failed model call (provider 429/5xx, network error) after the first attempt, with exponential backoff; 0 = none. */
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** One model attempt's limit, ms: until the answer (a streamed one: until it starts, then between chunks). Past it the call fails as a timeout. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  /** Longest wait before a retry, ms: a provider Retry-After longer than this ends the retries at once (the client is told when to come back). */
  LLM_RETRY_MAX_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(8_000),
  // issue 13 — audit log
  /** Days audit entries are kept (swept with the job retention sweep); longer than JOB_RETENTION_DAYS by design. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  // issue 13 — operations (logs, metrics, graceful stop)
  /** pino log level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Set by Next.js (`next dev` = development): logs are pretty-printed, and the page CSP allows 'unsafe-eval' (docs/security.md), only in development. */
  NODE_ENV: z.enum(["development", "production", "test"]).catch("production"),
  /** When set, GET /api/metrics requires `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** On SIGTERM/SIGINT, how long running jobs may finish before their leases are released for another instance, ms. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  // issue 13 — limits (docs/limits.md)
  /** Rate limits and the open-stream cap on (true) or off (false: only the bounds below apply). */
  RATE_LIMIT_ENABLED: z.stringbool().default(true),
  /** Window of the per-minute buckets, seconds (tests shorten it; the `*_PER_MIN` budgets then count per window). */
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(60),
  /** Chat messages (POST /api/chat/message and /api/chat/agent) per session per window. */
  RATE_LIMIT_CHAT_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Plan executions (POST /api/plans/{id}/execute) per session per window. */
  RATE_LIMIT_EXECUTE_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Task decompositions (POST …/decompose, POST /api/jobs/{id}/resume) per session per window. */
  RATE_LIMIT_DECOMPOSE_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Plan and task edits (POST/PATCH/DELETE under /api/plans/{id}/tasks) per session per window. */
  RATE_LIMIT_EDITS_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(120),
  /** Conversation deletions per session per window. */
  RATE_LIMIT_DELETES_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(30),
  /** A client address's budget is the session budget times this (several people may share one address). */
  RATE_LIMIT_ADDRESS_MULTIPLIER: z.coerce.number().int().min(1).max(10_000).default(5),
  /** Support sign-in tries per client address per RATE_LIMIT_SIGNIN_WINDOW_S; the address is then blocked for that window. */
  RATE_LIMIT_SIGNIN_TRIES: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Window (and block) of the support sign-in budget, seconds. */
  RATE_LIMIT_SIGNIN_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Open SSE streams per session (job, multiplexed, plan and chat-turn streams). */
  RATE_LIMIT_STREAMS_PER_SESSION: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Open SSE streams per client address. */
  RATE_LIMIT_STREAMS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(200),
  /** Pending (not yet started) jobs one user may have; a request that would queue more answers 429 too_many_jobs. */
  MAX_QUEUED_JOBS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(50),
  /** Output tokens one model call may produce (`maxOutputTokens` of every call). */
  LLM_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(16).max(1_000_000).default(4096),
  /** Input + output tokens per user per UTC day over every model call made for them; 0 = unlimited. */
  LLM_DAILY_TOKEN_BUDGET: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
  /** Tool calls one plan run may make in all (its attempts together); the run then stops, failed, with that reason. */
  EXECUTE_MAX_TOOL_CALLS: z.coerce.number().int().min(1).max(10_000).default(100),
});

export type Env = z.infer<typeof schema> & { DATABASE_URL: string; SESSION_SECRET: string };

let cached: Env | undefined;

function emptyToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
}

/**
 * Validated configuration. Defaults: SQLite at `./data/planstream.db`, a session
 * secret generated once into `./data/session-secret`.
 * @throws Error naming each invalid variable.
 */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(emptyToUndefined(process.env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  const databaseUrl = parsed.data.DATABASE_URL ?? `file:${path.join(dataDir, "planstream.db")}`;
  cached = {
    ...parsed.data,
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: parsed.data.SESSION_SECRET ?? loadOrCreateSecret(dataDir),
  };
  return cached;
}

function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("hex");
    // wx: when two processes race, the loser reads the winner's secret.
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
