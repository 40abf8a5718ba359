// Every route handler under app/api, found on the file system (a new
// route.ts is fuzzed without touching the fuzz test), with the OpenAPI
// operation that documents it (its body and query schemas shape the
// generated requests; document.test.ts keeps the two in step).
import fs from "node:fs";
import path from "node:path";
import { openApiDocument } from "@/lib/server/http/openapi/document";

/** The HTTP methods a Next route module can export that the fuzz calls. */
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A JSON Schema as the OpenAPI document holds it (only what the generators read). */
export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
};

/** One method of one route: its URL template, path parameter names, handler and documented request schemas. */
export type FuzzOperation = {
  /** e.g. `GET /api/jobs/{jobId}/events` */
  name: string;
  method: (typeof METHODS)[number];
  /** OpenAPI-style template, e.g. `/api/jobs/{jobId}/events`. */
  template: string;
  params: string[];
  handler: Handler;
  /** The JSON body schema, when the operation documents one. */
  body?: JsonSchema;
  /** Documented query parameters and their schemas. */
  query: Record<string, JsonSchema>;
  /** Whether the OpenAPI document has this operation (its schemas shape the requests). */
  documented: boolean;
};

type OpenApiOperation = {
  parameters?: { name: string; in: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

/**
 * Walks `apiDir` for route.ts files and imports each; every exported method
 * becomes an operation. `[param]` folders become `{param}` segments.
 */
export async function discoverOperations(apiDir: string): Promise<FuzzOperation[]> {
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, OpenApiOperation>> };
  const files = (fs.readdirSync(apiDir, { recursive: true }) as string[]).filter((f) => path.basename(f) === "route.ts").sort();
  const ops: FuzzOperation[] = [];
  for (const file of files) {
    const segments = path.dirname(file).split(path.sep).filter((s) => s !== ".");
    const template = `/api/${segments.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`.replace(/\/$/, "");
    const params = segments.flatMap((s) => (/^\[(.+)\]$/.exec(s)?.[1] ? [s.slice(1, -1)] : []));
    const mod = (await import(path.join(apiDir, file))) as Record<string, unknown>;
    for (const method of METHODS) {
      const handler = mod[method];
      if (typeof handler !== "function") continue;
      const documented = doc.paths[template]?.[method.toLowerCase()];
      const query = Object.fromEntries((documented?.parameters ?? []).filter((p) => p.in === "query").map((p) => [p.name, p.schema ?? {}]));
      ops.push({
        name: `${method} ${template}`,
        method,
        template,
        params,
        handler: handler as Handler,
        body: documented?.requestBody?.content?.["application/json"]?.schema,
        query,
        documented: documented !== undefined,
      });
    }
  }
  return ops;
}
