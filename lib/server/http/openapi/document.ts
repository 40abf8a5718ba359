// The HTTP API as an OpenAPI 3.1 document (served at GET /api/openapi.json).
// Query and body schemas are the very zod objects the routes parse with;
// response bodies are the zod mirrors of lib/shared's types in
// schemas.ts. document.test.ts beside it fails when a route
// under app/api exists without an operation here, or the other way round.
import "server-only";
import { createDocument, type CreateDocumentOptions, type ZodOpenApiPathsObject } from "zod-openapi";
import packageJson from "@/package.json";
import { SESSION_COOKIE, SUPPORT_COOKIE } from "../../auth/session.ts";
import { errorBodySchema, jobDtoSchema, streamEndSchema, streamFrameSchema, streamMissingSchema } from "./schemas.ts";

import { paths } from "./paths.ts";

function buildDocument() {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Planstream HTTP API",
      version: packageJson.version,
      description:
        "Chat with a planning agent; plans, task trees and background jobs with live logs. JSON everywhere except streams, exports and metrics; " +
        'every error is `{"error": {"code", "message", "details"?}}` (components.schemas.Error). ' +
        `Every caller is the anonymous user of a signed \`${SESSION_COOKIE}\` cookie, minted and set on the first response when absent; ` +
        "another user's ids answer 404. The support role (sees every job) comes from the sign-in cookie or `Authorization: Bearer <SUPPORT_TOKEN>`. " +
        // issue 13 — sessions and requests (docs/security.md)
        "Every POST, PUT, PATCH and DELETE must be same-origin (`Origin`, else `Sec-Fetch-Site`); a cross-site one answers 403 `csrf_rejected` and writes nothing.",
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "chat" },
      { name: "conversations" },
      { name: "plans" },
      { name: "jobs" },
      { name: "streams", description: "Server-sent events (docs/design.md \"SSE contract\")" },
      { name: "session" },
      { name: "ops" },
      { name: "diagnostics", description: "Off unless DIAGNOSTICS_ENABLED=1 (benchmarks)" },
    ],
    security: [{}, { session: [] }, { session: [], supportCookie: [] }, { supportToken: [] }],
    paths: paths satisfies ZodOpenApiPathsObject,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "Signed anonymous session; minted when absent" },
        supportCookie: { type: "apiKey", in: "cookie", name: SUPPORT_COOKIE, description: "Support role, set by POST /api/session/support" },
        supportToken: { type: "http", scheme: "bearer", description: "The server's SUPPORT_TOKEN: the support role for API clients" },
        metricsToken: { type: "http", scheme: "bearer", description: "The server's METRICS_TOKEN, when set: required by GET /api/metrics" },
      },
      schemas: {
        Error: errorBodySchema,
        Job: jobDtoSchema,
        StreamFrame: streamFrameSchema,
        StreamEnd: streamEndSchema,
        StreamMissing: streamMissingSchema,
      },
    },
  }, { override: tidySchema });
}

/** Drops what zod adds but a reader does not need: the ISO regex beside `format: date-time`, ±2^53 bounds of integers. */
const tidySchema: NonNullable<CreateDocumentOptions["override"]> = ({ jsonSchema }) => {
  if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
  if (jsonSchema.type === "integer") {
    if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  }
};

let cached: ReturnType<typeof buildDocument> | undefined;

/** The OpenAPI 3.1 document of the HTTP API (built once). */
export function openApiDocument(): ReturnType<typeof buildDocument> {
  cached ??= buildDocument();
  return cached;
}
