import "server-only";
import { z } from "zod";
import { getSession, sessionCookieHeader, type Session } from "../auth/session.ts";
import { AppError } from "../errors.ts";
import { errorFields, getLogger, hashUserId } from "../ops/logger.ts";
import { recordRequest } from "../ops/metrics.ts";
import { requestContext, requestIdOf, routePattern, withRequestContext, type RequestContext } from "../ops/request-context.ts";
import { applyLimitHeaders } from "./rate-limit.ts";

/** `viewer`: the person asking (their session: user id, role, whether it was minted now). */
export type RouteContext<P> = { request: Request; viewer: Session; params: P };

/**
 * Wraps a route handler (dub's `withWorkspace` pattern): resolves the
 * viewer from the session cookie (minting an anonymous session and setting
 * its cookie when absent), and maps AppError, zod errors and unknown errors
 * to the one JSON error shape. Unknown errors are logged with context and answered 500.
 * Operations: every request runs in a request context (id from a sane
 * `X-Request-Id` or a new one, echoed in the response's `X-Request-Id`), is
 * logged as one JSON line when its response is ready (`request`: method,
 * route pattern, status, ms, request id, job id, hashed user; SSE responses
 * log `stream_start` here and `stream_end` in sse.ts), and is timed in
 * `planstream_http_request_duration_seconds`.
 */
export function withRoute<P = Record<string, never>>(
  handler: (ctx: RouteContext<P>) => Promise<Response>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    const started = performance.now();
    const params = ((await context?.params?.catch(() => undefined)) ?? {}) as P;
    const ctx: RequestContext = {
      requestId: requestIdOf(request),
      method: request.method,
      route: routePattern(new URL(request.url).pathname, params as Record<string, unknown>),
      ...(typeof (params as { jobId?: unknown }).jobId === "string" ? { jobId: (params as { jobId: string }).jobId } : {}),
    };
    return withRequestContext(ctx, async () => {
      let session: Session | undefined;
      let response: Response;
      try {
        session = getSession(request);
        ctx.user = hashUserId(session.userId);
        refuseNul(request, params);
        response = await handler({ request, viewer: session, params });
        applyLimitHeaders(request, response); // RateLimit headers of a limited request (docs/limits.md)
      } catch (error) {
        response = errorResponse(error, request);
      }
      if (session?.isNew) {
        // Headers of Response.json are mutable; those of a streamed Response too.
        try {
          response.headers.append("set-cookie", sessionCookieHeader(session.userId, request));
        } catch {
          /* immutable headers (never for our own responses) */
        }
      }
      try {
        response.headers.set("x-request-id", ctx.requestId);
      } catch {
        /* immutable headers */
      }
      logRequest(ctx, response.status, performance.now() - started, response.headers.get("content-type")?.startsWith("text/event-stream") ?? false);
      return response;
    });
  };
}

/** The 400 for text holding U+0000, which PostgreSQL's text columns cannot store (SQLite would). */
const nulRefused = () => AppError.badRequest("Text may not contain NUL (U+0000) characters");

/** True when `value` (any JSON) holds a string with U+0000. */
function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => k.includes("\u0000") || holdsNul(v));
  return false;
}

/**
 * Refuses a path parameter or query value with U+0000 (`%00`) before the
 * handler runs: the same 400 and nothing written on every provider.
 * @throws AppError 400.
 */
function refuseNul(request: Request, params: unknown): void {
  if (holdsNul(params)) throw nulRefused();
  for (const [k, v] of new URL(request.url).searchParams) if (k.includes("\u0000") || v.includes("\u0000")) throw nulRefused();
}

/** Probes and scrapes answered 2xx log at debug, so they do not drown the request log. */
const QUIET_ROUTES = new Set(["/api/health", "/api/ready", "/api/metrics"]);

/** The request line (one per request) and its duration metric. */
function logRequest(ctx: RequestContext, status: number, ms: number, stream: boolean): void {
  recordRequest({ method: ctx.method, route: ctx.route, status, ms });
  const line = { event: stream ? "stream_start" : "request", requestId: ctx.requestId, method: ctx.method, route: ctx.route, status, ms: Math.round(ms * 10) / 10, jobId: ctx.jobId, user: ctx.user };
  const log = getLogger();
  if (status >= 500) log.error(line, "request failed");
  else if (QUIET_ROUTES.has(ctx.route) && status < 300) log.debug(line, "request");
  else log.info(line, stream ? "stream started" : "request");
}

/** Maps any thrown value to the JSON error response. */
export function errorResponse(error: unknown, request?: Request): Response {
  if (AppError.is(error)) return error.toResponse();
  if (error instanceof z.ZodError) {
    return AppError.badRequest("Invalid request", z.flattenError(error).fieldErrors).toResponse();
  }
  const ctx = requestContext();
  getLogger().error({ event: "unhandled_error", requestId: ctx?.requestId, method: request?.method, route: ctx?.route ?? (request ? new URL(request.url).pathname : undefined), ...errorFields(error) }, "unhandled error");
  return new AppError("internal", 500, "Internal server error").toResponse();
}

/** Largest accepted JSON body, bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads and validates a JSON body. 413 when larger than `maxBytes` (checked on
 * the bytes actually read, not only Content-Length), 400 for malformed JSON or
 * a schema mismatch (details = field errors). `allowEmpty`: an empty body reads as `{}`.
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes = MAX_BODY_BYTES,
  options: { allowEmpty?: boolean } = {},
): Promise<z.infer<S>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", 413, `Body larger than ${maxBytes} bytes`);
  const buffer = await request.arrayBuffer();
  if (buffer.byteLength > maxBytes) throw new AppError("payload_too_large", 413, `Body larger than ${maxBytes} bytes`);
  // An empty body counts as `{}` where every field is optional (e.g. POST /api/plans/{id}/execute).
  if (options.allowEmpty && buffer.byteLength === 0) return schema.parse({});
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(buffer));
  } catch {
    throw AppError.badRequest("Malformed JSON body");
  }
  if (holdsNul(json)) throw nulRefused();
  return schema.parse(json);
}

/** Validates URL search params against a schema (400 with field errors). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return schema.parse(params);
}
