// Building blocks of the OpenAPI document: the error responses, JSON and SSE bodies.
import "server-only";
import { z } from "zod";
import { type ZodOpenApiResponseObject } from "zod-openapi";
import { errorBodySchema } from "./schemas.ts";
import { MAX_BODY_BYTES } from "../route.ts";


export const errorResponse = (id: string, description: string, schema: z.ZodType = errorBodySchema): ZodOpenApiResponseObject => ({
  id,
  description,
  content: { "application/json": { schema } },
});

export const badRequestBody = errorBodySchema.extend({
  error: errorBodySchema.shape.error.extend({
    details: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "Field errors, `{field: [message, …]}`, when the query, body or a header failed validation" }),
  }),
});

export const ERRORS = {
  400: errorResponse("BadRequest", "Invalid query, body or header (`bad_request`; `details` = field errors)", badRequestBody),
  401: errorResponse("Unauthorized", "Wrong support token (`wrong_token`)"),
  403: errorResponse("Forbidden", "Support sign-in is not enabled on this server (`support_disabled`)"),
  404: errorResponse("NotFound", "Unknown, or not visible to the caller (another user's ids answer 404) (`not_found`)"),
  409: errorResponse("Conflict", "The request conflicts with the current state (`conflict`, `idempotency_key_reused`)"),
  413: errorResponse("PayloadTooLarge", `JSON body larger than ${MAX_BODY_BYTES} bytes (\`payload_too_large\`)`),
  // issue 13 — limits (docs/limits.md)
  429: errorResponse(
    "TooManyRequests",
    "A limit was reached, nothing was written: `rate_limited` (`Retry-After`, `RateLimit-Policy`, `RateLimit`; details.retryAfterSeconds), `too_many_jobs` (MAX_QUEUED_JOBS_PER_USER pending) or `token_budget_exhausted` (LLM_DAILY_TOKEN_BUDGET; `Retry-After` until 00:00 UTC)",
  ),
  500: errorResponse("InternalError", "Unexpected server error (`internal`)"),
  // issue 13 — model errors (docs/model-errors.md)
  502: errorResponse(
    "BadGateway",
    "The model failed after the bounded retries: a provider 429/5xx without Retry-After, a network failure, a timeout (`model_unavailable`), " +
      "or output that does not match the schema (`model_bad_output`); `details.reason`. Nothing was written",
  ),
  503: errorResponse(
    "ServiceUnavailable",
    "The model's provider said when to come back (`model_unavailable`): header `Retry-After: <seconds>` and `details.retryAfterSeconds`. Nothing was written",
  ),
} as const;

export type ErrorStatus = keyof typeof ERRORS;

/** The error responses an operation can give; 500 always. */
export const errors = (...statuses: ErrorStatus[]): Record<string, ZodOpenApiResponseObject> =>
  Object.fromEntries([...statuses, 500 as const].map((s) => [String(s), ERRORS[s]]));

export const json = (schema: z.ZodType) => ({ "application/json": { schema } });

export const ok = (description: string, schema: z.ZodType, status = 200): Record<string, ZodOpenApiResponseObject> => ({
  [String(status)]: { description, content: json(schema) },
});

export const sseContent = (description: string): ZodOpenApiResponseObject => ({
  description,
  content: { "text/event-stream": { schema: { type: "string", description: "Server-sent events (HTML Living Standard §9.2)" } } },
});

export const jobIdPath = z.object({ jobId: z.string().meta({ description: "Job id" }) });

export const SSE_FRAMES =
  "Each event frame is `id: <seq>` (per-job stream only), `event: <kind>` and `data: <StreamFrame as JSON>` (see components.schemas.StreamFrame); " +
  "after the terminal status event comes `event: end` with `data: <StreamEnd>`. A `: ping` comment is sent every SSE_HEARTBEAT_MS, and `retry:` once.";

// ---------- operations ----------

export type Method = "get" | "post" | "put" | "patch" | "delete";

/** Every route of app/api, keyed by OpenAPI path. */

/** The optional `Idempotency-Key` request header (POST /api/chat/message, POST /api/chat/agent). */
export const idempotencyKeyHeader = z.object({
  "Idempotency-Key": z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/)
    .optional()
    .meta({ description: "1–255 visible ASCII characters; makes the request safe to retry (draft-ietf-httpapi-idempotency-key-header)" }),
});
