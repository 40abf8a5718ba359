// The one JSON error shape of the HTTP API (both sides read it).

/** `{"error": {"code", "message", "details"?}}`; details = field errors on a 400. */
export type ErrorBody = { error: { code: string; message: string; details?: unknown } };
