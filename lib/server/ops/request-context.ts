import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/**
 * What the code serving one request knows about it: its id (echoed as
 * `X-Request-Id`), method and route pattern (`/api/jobs/[jobId]`), the job it
 * concerns when there is one, and the hashed user. Carried through async calls
 * with AsyncLocalStorage (Node docs "Asynchronous context tracking"), so a
 * turn started by a request, or an SSE stream's end, logs with its request id.
 */
export type RequestContext = { requestId: string; method: string; route: string; jobId?: string; user?: string };

// globalThis: one storage for every route bundle of the process.
const g = globalThis as unknown as { planstreamRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (g.planstreamRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** Runs `fn` with `ctx` as the current request context. */
export function withRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The current request's context, or undefined outside a request (jobs, boot). */
export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Longest incoming X-Request-Id accepted, characters. */
const MAX_REQUEST_ID = 128;
const SANE_ID = /^[A-Za-z0-9._:-]+$/;

/**
 * The request id: a sane incoming `X-Request-Id` (1–128 of `A-Za-z0-9._:-`,
 * as set by a proxy or a client) or a new UUID. Anything else is replaced,
 * so a header cannot inject into log lines.
 */
export function requestIdOf(request: Request): string {
  const incoming = request.headers.get("x-request-id")?.trim();
  return incoming && incoming.length <= MAX_REQUEST_ID && SANE_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The route pattern of a request (`/api/jobs/[jobId]/stream`) from its path
 * and the dynamic params Next passed: each path segment equal to a param's
 * value becomes `[name]`, in the params' order. Raw ids never become labels
 * (bounded metric cardinality, no user data in logs).
 */
export function routePattern(pathname: string, params: Record<string, unknown>): string {
  const segments = pathname.split("/");
  let from = 0;
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== "string") continue;
    const at = segments.findIndex((s, i) => i >= from && safeDecode(s) === value);
    if (at < 0) continue;
    segments[at] = `[${name}]`;
    from = at + 1;
  }
  return segments.join("/");
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
