import "server-only";
import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "../env.ts";
import { redactText, redactValue } from "../security/redact.ts";

export type { Logger } from "pino";

/**
 * Paths whose values never reach a log line, whatever a caller passes
 * (pino's `redact`, fast-redact syntax). Headers appear as plain objects
 * under `req.headers` / `headers`; the request line itself never logs them.
 */
export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  "req.headers['set-cookie']",
  "headers.authorization",
  "headers.cookie",
  "headers['set-cookie']",
  "res.headers['set-cookie']",
  "authorization",
  "cookie",
];

/**
 * Builds a pino logger: JSON lines (`level` as a label, ISO `time`,
 * `service: "planstream"`) at `level`, secrets in REDACT_PATHS replaced by
 * "[Redacted]" and secret-shaped text anywhere in a line (its message, its
 * fields, an error's message and stack) by `[REDACTED:<rule>]`
 * (lib/server/security/redact.ts, docs/data-protection.md); pretty-printed (pino-pretty, a dev dependency) when `pretty`.
 * `destination`: where lines go (default stdout, synchronous, so nothing is
 * lost at `process.exit`). Source: pino docs "API" (`redact`, `formatters`).
 */
export function createLogger(options: { level: string; pretty?: boolean; destination?: DestinationStream }): Logger {
  const base = {
    level: options.level,
    base: { service: "planstream", pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }), log: (object: Record<string, unknown>) => redactValue(object) },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger["info"]>, method: (...a: unknown[]) => void) {
        method.apply(this, (args as unknown[]).map((a) => (typeof a === "string" ? redactText(a) : a)));
      },
    },
    redact: { paths: REDACT_PATHS, censor: "[Redacted]" },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    // Dev only: pino-pretty is a devDependency, loaded synchronously so lines keep their order with Next's own output.
    try {
      const pretty = createRequire(import.meta.url)("pino-pretty") as (o: object) => DestinationStream;
      return pino(base, pretty({ sync: true, colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname,service" }));
    } catch {
      /* not installed (production install): JSON lines */
    }
  }
  return pino(base, pino.destination({ dest: 1, sync: true }));
}

// globalThis: Next bundles instrumentation and every route separately; one logger per process.
const g = globalThis as unknown as { planstreamLogger?: Logger };

/**
 * The process's logger (LOG_LEVEL; pretty only when NODE_ENV=development).
 * Falls back to `info` JSON when the environment is invalid, so the error
 * that says so can still be logged.
 */
export function getLogger(): Logger {
  if (!g.planstreamLogger) {
    let level = "info";
    let pretty = false;
    try {
      const e = env();
      level = e.LOG_LEVEL;
      pretty = e.NODE_ENV === "development";
    } catch {
      /* invalid environment: boot reports it */
    }
    g.planstreamLogger = createLogger({ level, pretty });
  }
  return g.planstreamLogger;
}

/** Replaces the process's logger (tests capture lines with a memory destination); `undefined` goes back to the default. */
export function setLogger(logger: Logger | undefined): void {
  g.planstreamLogger = logger;
}

/**
 * A stable, non-reversible tag for a user id in logs: HMAC-SHA256 keyed with
 * the session secret, first 16 hex characters (64 bits). The same user gets
 * the same tag across requests and instances sharing SESSION_SECRET; the raw
 * id (which is the session's bearer value) is never logged.
 */
export function hashUserId(userId: string): string {
  return createHmac("sha256", env().SESSION_SECRET).update(`user|${userId}`).digest("hex").slice(0, 16);
}

/**
 * Any thrown value as the `err` field, which pino's standard serializer writes
 * as `{type, message, stack}` (type = the error's class), its message and stack
 * redacted: an error may echo the input that caused it. Only those two are
 * copied, not the error's other fields.
 */
export function errorFields(error: unknown): { err: Error } {
  const e = error instanceof Error ? error : new Error(String(error));
  const copy = Object.create(Object.getPrototypeOf(e) as object) as Error;
  Object.defineProperty(copy, "message", { value: redactText(e.message), enumerable: false });
  Object.defineProperty(copy, "stack", { value: e.stack === undefined ? undefined : redactText(e.stack), enumerable: false });
  return { err: copy };
}
