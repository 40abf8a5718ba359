import "server-only";
import { z } from "zod";
import { getSession, sessionCookieHeader, type Session } from "../auth/session.ts";
import { AppError } from "../errors.ts";

/** `viewer`: the person asking (their session: user id, role, whether it was minted now). */
export type RouteContext<P> = { request: Request; viewer: Session; params: P };

/**
 * Wraps a route handler (dub's `withWorkspace` pattern): resolves the
 * viewer from the session cookie (minting an anonymous session and setting
 * its cookie when absent), and maps AppError, zod errors and unknown errors
 * to the one JSON error shape. Unknown errors are logged with context and answered 500.
 */
export function withRoute<P = Record<string, never>>(
  handler: (ctx: RouteContext<P>) => Promise<Response>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    let session: Session | undefined;
    let response: Response;
    try {
      session = getSession(request);
      const params = (await context?.params) ?? ({} as P);
      response = await handler({ request, viewer: session, params });
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
    return response;
  };
}

/** Maps any thrown value to the JSON error response. */
export function errorResponse(error: unknown, request?: Request): Response {
  if (AppError.is(error)) return error.toResponse();
  if (error instanceof z.ZodError) {
    return AppError.badRequest("Invalid request", z.flattenError(error).fieldErrors).toResponse();
  }
  console.error("[planstream] unhandled error", request ? `${request.method} ${new URL(request.url).pathname}` : "", error);
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
  return schema.parse(json);
}

/** Validates URL search params against a schema (400 with field errors). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return schema.parse(params);
}
