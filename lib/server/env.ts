// The one module that reads process.env (docs/style.md §9). Validated once with zod;
// a bad value stops the server at start with a message naming the variable.
// Free of path aliases so scripts/migrate.ts can load it under plain Node
// (`--conditions=react-server` resolves `server-only` to its empty module).
import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  LLM_BASE_URL: z.url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  /** Offline model latency per call, ms (realistic pacing; tests lower it). */
  LLM_OFFLINE_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(350),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
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
  // issue 13 — sessions and headers
  /** Set by Next.js (`next dev` = development): the page CSP allows 'unsafe-eval' only in development (docs/security.md). */
  NODE_ENV: z.string().default("production"),
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
