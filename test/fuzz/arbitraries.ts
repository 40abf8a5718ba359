// fast-check generators of HTTP requests for the route fuzz
// (app/api/fuzz.test.ts): ids, query strings, bodies and headers, valid and
// hostile. Bodies and queries follow each operation's documented JSON Schema
// (values of the right shape, then wrong types, boundaries, huge strings,
// unicode, nulls, extra fields, deep nesting), so requests reach past validation.
import fc from "fast-check";
import type { FuzzOperation, JsonSchema } from "./routes.ts";

/** What a path parameter or id field names. */
export type IdKind = "conversation" | "plan" | "task" | "job" | "run" | "turn" | "artifact" | "call";

/**
 * Real rows the requests can hit: ids by kind (owned by the caller and by
 * another session; the arrays are live, refilled as requests delete rows),
 * cookies, a support token.
 */
export type FuzzWorld = {
  ids: Record<IdKind, string[]>;
  cookies: { owner: string; other: string; support: string };
  supportToken: string;
};

/** A generated request, before it becomes a `Request`. */
export type FuzzRequest = {
  op: FuzzOperation;
  params: Record<string, string>;
  query: string;
  headers: [string, string][];
  /** undefined = no body. */
  body?: string | Uint8Array;
};

const MAX_DEPTH_NESTING = 3000;

/** Ids that must never reach a file system or SQL: traversal, encodings, injection. */
const HOSTILE_IDS = [
  "..",
  "../..",
  "../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e%2f",
  "....//",
  "/",
  "\\..\\..\\windows",
  "%00",
  "\u0000",
  "' OR '1'='1",
  '"; DROP TABLE "Job"; --',
  "null",
  "undefined",
  "NaN",
  "0",
  "-1",
  "1e309",
  "__proto__",
  "constructor",
  " ",
  "%",
  "%E0%A4%A",
  "🙂",
  "\u202e\u0645",
];

/** Header values a `Headers` object accepts: Latin-1, no NUL, CR or LF (anything else never arrives over HTTP). */
const headerChar = fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c));
const headerString = (maxLength: number) => fc.string({ unit: headerChar, maxLength });

const hugeString = fc.integer({ min: 1_000, max: 80_000 }).map((n) => "\u00e9x".repeat(Math.ceil(n / 2)).slice(0, n));
const unicodeString = fc.string({ unit: "binary", maxLength: 40 });

/** The kind of row a parameter or field name refers to (`jobId` → job, `id` → conversation), if any. */
export function kindOf(name: string): IdKind | undefined {
  const base = name.replace(/Id$/, "");
  if (name === "id") return "conversation";
  if (name === "trackingId" || name === "parentJobId") return "job";
  if (name === "parentId") return "task";
  return (["conversation", "plan", "task", "job", "run", "turn", "artifact", "call"] as const).find((k) => k === base);
}

/** An id: a real row of the named kind (mine or another session's), of any kind, a fresh uuid, hostile text, or a very long one. */
export function idArb(world: FuzzWorld, name = ""): fc.Arbitrary<string> {
  const kind = kindOf(name);
  // Picked by index at generation time: the pools change as the run deletes and creates rows.
  const pick = (pool: () => string[]) => fc.nat().map((i) => pool()[i % pool().length] ?? "no-such-row");
  const all = () => Object.values(world.ids).flat();
  const matching = () => (kind && world.ids[kind].length ? world.ids[kind] : all());
  return fc.oneof(
    { weight: 20, arbitrary: pick(matching) },
    { weight: 2, arbitrary: pick(all) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_IDS) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
    { weight: 1, arbitrary: fc.integer({ min: 101, max: 20_000 }).map((n) => "a".repeat(n)) },
  );
}

/** A value of the wrong kind or at a boundary. */
function weirdValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e-308, 0.5),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom("", " ", "0", "true", "null", "[]", "{}", "2026-13-45T99:99:99Z"),
    unicodeString,
    hugeString,
    fc.integer({ min: 1, max: MAX_DEPTH_NESTING }).map((depth) => JSON.parse("[".repeat(depth) + "]".repeat(depth)) as unknown),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  );
}

/** A value that fits `schema` (ids drawn from the world where the field names one). */
function fitting(schema: JsonSchema | undefined, world: FuzzWorld, name = ""): fc.Arbitrary<unknown> {
  if (!schema) return fc.jsonValue({ maxDepth: 2 });
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => fitting(s, world, name)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      if (schema.format === "date-time") return fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString());
      if (/id$/i.test(name) || name === "cursor") return idArb(world, name);
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 60, 60) });
    case "integer":
      return fc.integer({ min: Math.max(schema.minimum ?? -5, -1_000_000), max: Math.min(schema.maximum ?? 1_000, 1_000) });
    case "number":
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(fitting(schema.items, world), { maxLength: 4 });
    case "object":
      return shapedObject(schema, world);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** An object shaped like `schema`: each field fitting, wrong, or missing, plus extra fields now and then. */
function shapedObject(schema: JsonSchema, world: FuzzWorld): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  // Optional fields are mostly left out (so a request can be valid); required ones mostly fit.
  const fields = props.map(([name, s]) =>
    fc.oneof(
      { weight: required.has(name) ? 8 : 3, arbitrary: fitting(s, world, name).map((v) => [name, v] as const) },
      { weight: 1, arbitrary: weirdValue().map((v) => [name, v] as const) },
      { weight: required.has(name) ? 1 : 6, arbitrary: fc.constant(null) },
    ),
  );
  const extra = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
  return fc.tuple(fc.tuple(...fields), fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extra })).map(([pairs, more]) => ({
    ...more,
    ...Object.fromEntries(pairs.filter((p): p is readonly [string, unknown] => p !== null)),
  }));
}

const MALFORMED_JSON = ["{", "[", '{"a":', "nul", "{'a':1}", '{"a":1}}', "", "\u0000", "\ufeff{}", '{"message": "x"', "[1,2,]", "NaN", "1e99999", '{"__proto__":{"admin":true},"constructor":{"prototype":{"role":"support"}}}'];

/** A request body: none, schema-shaped JSON, any JSON, malformed JSON, bytes that are not UTF-8, or larger than the limit. */
function bodyArb(op: FuzzOperation, world: FuzzWorld): fc.Arbitrary<string | Uint8Array | undefined> {
  if (op.method === "GET") return fc.constant(undefined);
  return fc.oneof(
    { weight: op.body ? 8 : 1, arbitrary: fitting(op.body ?? { type: "object" }, world).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: weirdValue().map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...MALFORMED_JSON), fc.string({ maxLength: 40 })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    { weight: 1, arbitrary: fc.integer({ min: 64 * 1024 - 16, max: 80 * 1024 }).map((n) => JSON.stringify({ message: "m".repeat(n) })) },
  );
}

const QUERY_KEYS = ["cursor", "limit", "status", "after", "before", "format", "inline", "jobs", "ownerId", "planId", "conversationId", "version", "q", "from", "to", "action", "actor", "since", "until"];

/** A query value: garbage, boundaries, a real id, a job multiplex list, or a base64 "cursor" of real-looking parts. */
function queryValueArb(world: FuzzWorld): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom("", "0", "1", "-1", "50", "200", "201", "1000", "1001", "99999999999999999999", "1.5", "1e3", "NaN", "true", "null", "md", "json", "ndjson", "text", "running", "pending", "completed"),
    idArb(world),
    fc.tuple(idArb(world), fc.integer({ min: -2, max: 1e13 })).map(([id, n]) => `${id}:${n}`),
    fc.array(fc.tuple(idArb(world, "jobId"), fc.constantFrom(0, 1, 5, 999_999_999_999)).map(([id, n]) => `${id}:${n}`), { minLength: 1, maxLength: 120 }).map((l) => l.join(",")),
    fc.tuple(fc.date({ noInvalidDate: false }), idArb(world)).map(([d, id]) => Buffer.from(`${Number.isNaN(d.getTime()) ? "x" : d.toISOString()}|${id}`).toString("base64url")),
    unicodeString,
    fc.integer({ min: 200, max: 20_000 }).map((n) => "z".repeat(n)),
  );
}

/** A query string: documented parameters with fitting or hostile values, other known keys, repeated keys, raw garbage. */
function queryArb(op: FuzzOperation, world: FuzzWorld): fc.Arbitrary<string> {
  const documented = Object.entries(op.query);
  const keyArb = fc.oneof(
    ...(documented.length ? [{ weight: 4, arbitrary: fc.constantFrom(...documented.map(([k]) => k)) }] : []),
    { weight: 1, arbitrary: fc.constantFrom(...QUERY_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  );
  const pair = keyArb.chain((key) => {
    const schema = op.query[key];
    const value = schema ? fc.oneof({ weight: 3, arbitrary: fitting(schema, world, key).map((v) => String(v)) }, { weight: 2, arbitrary: queryValueArb(world) }) : queryValueArb(world);
    return value.map((v) => `${encodeURIComponent(key)}=${encodeURIComponent(v)}`);
  });
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(pair, { maxLength: 4 }).map((pairs) => (pairs.length ? `?${pairs.join("&")}` : "")) },
    { weight: 1, arbitrary: fc.constantFrom("?", "?&&", "?=", "?limit", "?%", "?%zz=1", "?a=%E0%A4%A", "?cursor=%00") },
  );
}

/** Headers: content types, Last-Event-ID, Idempotency-Key, Authorization and cookies, good and forged. */
function headersArb(world: FuzzWorld): fc.Arbitrary<[string, string][]> {
  const { owner, other, support } = world.cookies;
  const cookie = fc.oneof(
    { weight: 8, arbitrary: fc.constant(owner) },
    { weight: 2, arbitrary: fc.constant(other) },
    { weight: 2, arbitrary: fc.constant(support) },
    { weight: 1, arbitrary: fc.constantFrom("ps_session=forged.c2lnbmF0dXJl", "ps_session=%E0%A4%A", "ps_session=", "ps_session=..", `${owner}; ps_support=9999999999999.forged`, `${owner}; ps_support=%zz`, "=;=;;", "ps_session") },
    { weight: 1, arbitrary: headerString(60).map((v) => `ps_session=${v}`) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => `ps_session=${"c".repeat(n)}`) },
  );
  const optional = (name: string, value: fc.Arbitrary<string>) => fc.option(value.map((v) => [name, v] as [string, string]), { freq: 3 });
  return fc
    .tuple(
      fc.option(cookie.map((c) => ["cookie", c] as [string, string]), { freq: 10 }),
      optional("content-type", fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "", "garbage/;;")),
      optional("last-event-id", fc.oneof(fc.constantFrom("0", "1", "3", "-1", "1.5", "abc", " 2", "99999999999999999999999"), headerString(20), fc.constant("9".repeat(5_000)))),
      optional("idempotency-key", fc.oneof(fc.constantFrom("k1", "k2", "same-key"), headerString(30), fc.constant("k".repeat(300)))),
      optional("authorization", fc.oneof(fc.constantFrom(`Bearer ${world.supportToken}`, "Bearer ", "Bearer", "Basic Zm9vOmJhcg==", `bearer ${world.supportToken}`), headerString(40).map((v) => `Bearer ${v}`))),
      optional("x-forwarded-for", fc.oneof(fc.constantFrom("203.0.113.7", "::1", "1.2.3.4, 5.6.7.8", "999.1.1.1", ""), headerString(30))),
      optional("content-length", fc.constantFrom("0", "1", "-1", "abc", "99999999999")),
    )
    .map((hs) => hs.filter((h): h is [string, string] => h !== null));
}

/** A request for one of `ops`. */
export function requestArb(ops: FuzzOperation[], world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...ops).chain((op) =>
    fc
      .record({
        params: fc.tuple(...op.params.map((name) => idArb(world, name))),
        query: queryArb(op, world),
        headers: headersArb(world),
        body: bodyArb(op, world),
      })
      .map(({ params, query, headers, body }) => withDescription({
        op,
        params: Object.fromEntries(op.params.map((name, i) => [name, params[i]])),
        query,
        // A content-length that disagrees with the body is for the server's checks only when there is no body to send.
        headers: body === undefined ? headers : headers.filter(([k]) => k !== "content-length"),
        body,
      })),
  );
}

/** Gives a request a readable form for fast-check's counterexample (not the handler's source). */
function withDescription(req: FuzzRequest): FuzzRequest {
  return Object.assign(req, { [fc.toStringMethod]: () => describeRequest(req) });
}

/** One request as text: method, path and query, headers, the start of the body. */
export function describeRequest(req: FuzzRequest): string {
  const body = req.body === undefined ? "(none)" : typeof req.body === "string" ? req.body.slice(0, 300) : `<${req.body.byteLength} bytes>`;
  return `${req.op.method} ${pathOf(req)}${req.query.slice(0, 300)}\n  headers: ${JSON.stringify(req.headers).slice(0, 400)}\n  body: ${body}`;
}

/** The URL path of a request (path parameters percent-encoded, as a client sends them). */
export function pathOf(req: FuzzRequest): string {
  return req.op.template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(req.params[name]));
}
