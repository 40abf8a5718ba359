// The one error type (docs/style.md §3). Domain code throws AppError; the route
// wrapper turns it into `{"error": {"code", "message", "details"?}}`.

import "server-only";
import type { ErrorBody } from "@/lib/shared/errors";

export type { ErrorBody };

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  /** The JSON error response (docs/design.md "HTTP API"). */
  toResponse(headers?: HeadersInit): Response {
    const body: ErrorBody = { error: { code: this.code, message: this.message } };
    if (this.details !== undefined) body.error.details = this.details;
    return Response.json(body, { status: this.status, headers });
  }

  static notFound(what: string): AppError {
    return new AppError("not_found", 404, `${what} not found`);
  }

  static badRequest(message: string, details?: unknown): AppError {
    return new AppError("bad_request", 400, message, details);
  }
}
