// The OpenAPI document (GET /api/openapi.json): served by its route handler,
// describing exactly the routes that exist under app/api (adding a route
// without documenting it fails here), with parameter schemas generated from
// the zod schemas the routes parse with.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as getOpenApi } from "@/app/api/openapi.json/route";
import { sendMessageSchema } from "@/lib/shared/chat";
import { EXPORT_FORMATS } from "@/lib/shared/job-export";
import { eventsQuerySchema, JOB_STATUSES, JOB_TYPES } from "@/lib/shared/jobs";
import { openApiDocument } from "./document";

const ROOT = path.resolve(import.meta.dirname, "../../../..");
const API_DIR = path.join(ROOT, "app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Schema = { type?: string | string[]; enum?: unknown[]; default?: unknown; maxLength?: number; properties?: Record<string, Schema> };
type Operation = {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
  "x-diagnostics"?: boolean;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

const doc = openApiDocument() as unknown as Document;

/** `app/api/jobs/[jobId]/route.ts` → `/api/jobs/{jobId}`; route groups `(x)` vanish, `[...slug]` → `{slug}`. */
function toOpenApiPath(routeFile: string): string {
  const segments = path.relative(ROOT, path.dirname(routeFile)).split(path.sep).slice(1); // drop "app"
  const kept = segments.filter((s) => !/^\(.*\)$/.test(s)).map((s) => s.replace(/^\[\[?(?:\.\.\.)?([^\]]+)\]\]?$/, "{$1}"));
  return `/${kept.join("/")}`;
}

/** Every (METHOD path) the app serves: the HTTP method exports of each app/api/**\/route.ts. */
function routesOnDisk(): string[] {
  const files = (fs.readdirSync(API_DIR, { recursive: true }) as string[])
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) => path.join(API_DIR, f));
  const routes: string[] = [];
  for (const file of files) {
    const source = fs.readFileSync(file, "utf8");
    const exported = [...source.matchAll(/^export\s+(?:const|(?:async\s+)?function)\s+([A-Z]+)\b/gm)].map((m) => m[1]);
    const methods = exported.filter((name): name is (typeof METHODS)[number] => (METHODS as readonly string[]).includes(name));
    expect(methods, `${path.relative(ROOT, file)} exports no HTTP method`).not.toHaveLength(0);
    for (const method of methods) routes.push(`${method} ${toOpenApiPath(file)}`);
  }
  return routes.sort();
}

function documented(): string[] {
  return Object.entries(doc.paths)
    .flatMap(([p, item]) => Object.keys(item).filter((k) => (METHODS as readonly string[]).includes(k.toUpperCase())).map((m) => `${m.toUpperCase()} ${p}`))
    .sort();
}

const operation = (method: string, p: string): Operation => {
  const op = doc.paths[p]?.[method];
  if (!op) throw new Error(`${method.toUpperCase()} ${p} is not documented`);
  return op;
};
const param = (op: Operation, where: string, name: string): Parameter => {
  const found = op.parameters?.find((x) => x.in === where && x.name === name);
  if (!found) throw new Error(`no ${where} parameter ${name}`);
  return found;
};

describe("GET /api/openapi.json", () => {
  it("answers the document as JSON, OpenAPI 3.1", async () => {
    const res = await getOpenApi(new Request("http://localhost/api/openapi.json"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as Document;
    expect(body.openapi).toMatch(/^3\.1\.\d+$/);
    expect(body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});

describe("the document", () => {
  it("describes exactly the routes under app/api", () => {
    const onDisk = routesOnDisk();
    expect(onDisk.length).toBeGreaterThan(15);
    expect(documented()).toEqual(onDisk);
  });

  it("marks the diagnostics route, and only it", () => {
    const marked = documented().filter((r) => {
      const [method, p] = r.split(" ");
      return operation(method.toLowerCase(), p)["x-diagnostics"] === true;
    });
    expect(marked).toEqual(["POST /api/diagnostics/log-burst"]);
  });

  it("declares every path parameter, a unique operationId and an error response per operation", () => {
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths)) {
      const templated = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(item)) {
        const declared = (op.parameters ?? []).filter((x) => x.in === "path");
        expect(declared.map((x) => x.name).sort(), `${method} ${p}`).toEqual(templated);
        for (const x of declared) expect(x.required, `${method} ${p} {${x.name}}`).toBe(true);
        expect(op.operationId, `${method} ${p}`).toBeTruthy();
        expect(ids.has(op.operationId!), `duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId!);
        expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${method} ${p} has a success response`).toBe(true);
        expect(op.responses["500"], `${method} ${p} documents 500`).toEqual({ $ref: "#/components/responses/InternalError" });
      }
    }
  });

  it("generates parameter and body schemas from the routes' zod schemas", () => {
    const jobs = operation("get", "/api/jobs");
    expect(param(jobs, "query", "status").schema?.enum).toEqual([...JOB_STATUSES]);
    expect(param(jobs, "query", "jobType").schema?.enum).toEqual([...JOB_TYPES]);
    expect(param(jobs, "query", "limit").schema?.default).toBe(50);

    const events = operation("get", "/api/jobs/{jobId}/events");
    expect(events.parameters!.filter((x) => x.in === "query").map((x) => x.name)).toEqual(Object.keys(eventsQuerySchema.shape));

    const format = param(operation("get", "/api/jobs/{jobId}/export"), "query", "format");
    expect(format.schema?.enum).toEqual([...EXPORT_FORMATS]);
    expect(format.schema?.default).toBe("json");

    expect(param(operation("get", "/api/streams"), "query", "jobs").required).toBe(true);

    const body = operation("post", "/api/chat/message").requestBody!.content["application/json"].schema;
    expect(body.properties?.mode.enum).toEqual(sendMessageSchema.shape.mode.unwrap().options);
    expect(body.properties?.message.maxLength).toBe(sendMessageSchema.shape.message.maxLength);
  });

  it("answers errors in the one error shape", () => {
    const error = (openApiDocument() as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas.Error;
    expect(Object.keys(error.properties!)).toEqual(["error"]);
    expect(Object.keys(error.properties!.error.properties!)).toEqual(["code", "message", "details"]);
  });
});
