// Operations endpoints of the HTTP API: liveness, readiness, metrics (docs/operations.md).
import "server-only";
import { z } from "zod";
import { type ZodOpenApiOperationObject } from "zod-openapi";
import { errorResponse, errors, ok, type Method } from "./responses.ts";

export const healthSchema = z.object({ status: z.literal("ok") });

const checkSchema = z
  .object({
    ok: z.boolean(),
    error: z.string().optional().meta({ description: "What failed, when `ok` is false" }),
  })
  .catchall(z.unknown())
  .meta({ description: "One check; extra fields give details (`ms`, `applied`, `pending`, `state`, `lastLoopMsAgo`)" });

export const readySchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.object({
    database: checkSchema.meta({ description: "A round trip to the database within 2 s (`ms`)" }),
    migrations: checkSchema.meta({ description: "Every migration this build ships is applied (`applied`; else `pending` names)" }),
    runner: checkSchema.meta({ description: "The job runner is started, not draining for a graceful stop, and its claim loop ran within 30 s (`state`)" }),
  }),
});

/** GET /api/health, /api/ready and /api/metrics. */
export const opsPaths = {
  "/api/health": {
    get: {
      tags: ["ops"],
      operationId: "health",
      summary: "Liveness: the process answers",
      description: "No database or other dependency is consulted (a livenessProbe must not restart a server because its database is down). Readiness is GET /api/ready.",
      responses: { ...ok("The process is up", healthSchema), ...errors() },
    },
  },
  "/api/ready": {
    get: {
      tags: ["ops"],
      operationId: "ready",
      summary: "Readiness: database reachable, migrations applied, job runner alive",
      description: "200 when every check passes; 503 with the same body when one fails (a database outage names the database check, never a generic 500). Answers 503 from the moment a graceful stop begins, so a load balancer stops sending traffic.",
      responses: {
        ...ok("Ready", readySchema.extend({ status: z.literal("ready") })),
        "503": errorResponse("NotReady", "Not ready: `checks` says which check failed and why", readySchema.extend({ status: z.literal("not_ready") })),
        ...errors(),
      },
    },
  },
  "/api/metrics": {
    get: {
      tags: ["ops"],
      operationId: "metrics",
      summary: "Prometheus metrics",
      description: "When the server has a METRICS_TOKEN, send `Authorization: Bearer <METRICS_TOKEN>`; otherwise the endpoint is open (keep it off the public network).",
      security: [{}, { metricsToken: [] as string[] }] as Record<string, string[]>[],
      responses: {
        "200": {
          description:
            "Prometheus text format 0.0.4: request durations by route, chat acknowledgement, queue wait and job duration by type, events ingested, open streams, " +
            "stream reconnects by cursor, polls of jobs not yet started, retries, failures, LLM calls and tokens by purpose, jobs by type and status, Node's default metrics (docs/operations.md)",
          content: { "text/plain": { schema: { type: "string" } } },
        },
        "401": errorResponse("MetricsUnauthorized", "A METRICS_TOKEN is configured and the request did not carry it (`unauthorized`)"),
        ...errors(),
      },
    },
  },
} satisfies Record<string, Partial<Record<Method, ZodOpenApiOperationObject>>>;
