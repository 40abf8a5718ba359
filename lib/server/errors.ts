// The one error type (docs/style.md §3). Domain code throws AppError; the route
// wrapper turns it into `{"error": {"code", "message", "details"?}}`.

import "server-only";
import type { ErrorBody } from "@/lib/shared/errors";
import { redactText, redactValue } from "./security/redact.ts";

export type { ErrorBody };

/** Marks AppErrors across bundles (Next builds instrumentation and routes separately: two copies of this class). */
const APP_ERROR = Symbol.for("planstream.AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;

  /**
   * Whether `error` is an AppError from any copy of this module. The job
   * runner is built in the instrumentation bundle and routes in theirs, so
   * `instanceof` fails for an AppError the runner throws (seen: cancelling a
   * finished job answered 500 instead of 409).
   */
  static is(error: unknown): error is AppError {
    return error instanceof AppError || (typeof error === "object" && error !== null && (error as { [APP_ERROR]?: boolean })[APP_ERROR] === true);
  }

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
    /** Extra response headers (e.g. `Retry-After` on 429/503). */
    readonly headers?: HeadersInit,
  ) {
    super(message);
    this.name = "AppError";
  }

  /** The JSON error response (docs/design.md "HTTP API"). */
  toResponse(headers?: HeadersInit): Response {
    // A message or details may echo input (a parse error, a provider's answer): no secrets in either (docs/data-protection.md).
    const body: ErrorBody = { error: { code: this.code, message: redactText(this.message) } };
    if (this.details !== undefined) body.error.details = redactValue(this.details);
    const merged = new Headers(this.headers);
    new Headers(headers).forEach((v, k) => merged.set(k, v));
    return Response.json(body, { status: this.status, headers: merged });
  }

  static notFound(what: string): AppError {
    return new AppError("not_found", 404, `${what} not found`);
  }

  static badRequest(message: string, details?: unknown): AppError {
    return new AppError("bad_request", 400, message, details);
  }
}
