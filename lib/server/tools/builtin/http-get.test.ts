// `http_get` against a real node:http server on 127.0.0.1: the allowlist
// (exact, wildcard, empty), the private-address rule, redirects checked per
// hop, truncation, charsets, timeout and cancel. DNS for made-up names comes
// from a fixed table (the only stand-in); connections are real.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeToolContext } from "../fake-tool-context";
import { parseAllowlist } from "./http-guard";
import { createHttpGetTool, type HostLookup } from "./http-get";

let server: http.Server;
let base: string;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    const [path, query] = (req.url ?? "").split("?");
    if (path === "/hello") return res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(`hello from ${req.headers.host}`);
    if (path === "/big") return res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(10_000));
    if (path === "/exact") return res.writeHead(200, { "content-type": "text/plain" }).end("y".repeat(1000));
    if (path === "/json") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ city: "Zürich", price: "42 €" }));
    if (path === "/latin1") return res.writeHead(200, { "content-type": "text/plain; charset=iso-8859-1" }).end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    if (path === "/image") return res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(64, 0x89));
    if (path === "/missing") return res.writeHead(404, { "content-type": "text/plain" }).end("not here");
    if (path === "/hop") {
      const left = Number(query ?? "0");
      if (left === 0) return res.writeHead(200, { "content-type": "text/plain" }).end("arrived");
      return res.writeHead(302, { location: `/hop?${left - 1}` }).end();
    }
    if (path === "/away") return res.writeHead(301, { location: `http://elsewhere.test:${port}/hello` }).end();
    if (path === "/to-wildcard") return res.writeHead(307, { location: `http://intranet.corp.test:${port}/hello` }).end();
    if (path === "/slow") return; // never answers
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  hits.length = 0;
});

/** Made-up names: one public-looking, two private. */
const table: Record<string, string[]> = {
  "app.example.test": ["127.0.0.1"],
  "intranet.corp.test": ["10.0.0.7"],
  "mixed.corp.test": ["11.22.33.44", "::ffff:192.168.1.1"],
};
const lookup: HostLookup = async (hostname) => {
  const addresses = table[hostname];
  if (!addresses) throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

const get = (allowlist: string, url: string, options: { maxBytes?: number; timeoutMs?: number; signal?: AbortSignal } = {}) => {
  const tool = createHttpGetTool({ allowlist: parseAllowlist(allowlist), lookup, maxBytes: options.maxBytes, timeoutMs: options.timeoutMs });
  const { ctx } = fakeToolContext(options.signal ? { signal: options.signal } : {});
  return tool.execute({ url }, ctx);
};

describe("http_get", () => {
  it("fetches from a host listed explicitly, even a loopback address", async () => {
    await expect(get("127.0.0.1", `${base}/hello`)).resolves.toEqual({
      url: `${base}/hello`,
      status: 200,
      contentType: "text/plain; charset=utf-8",
      body: `hello from 127.0.0.1:${port}`,
      bytes: `hello from 127.0.0.1:${port}`.length,
      truncated: false,
    });
  });

  it("connects to the checked address and sends the listed name", async () => {
    const output = await get("app.example.test", `http://app.example.test:${port}/hello`);
    expect(output).toMatchObject({ status: 200, body: `hello from app.example.test:${port}` });
  });

  it("refuses hosts outside the allowlist, and everything when it is empty", async () => {
    await expect(get("*.local", `${base}/hello`)).rejects.toThrow('host "127.0.0.1" is not in TOOL_HTTP_ALLOWLIST (*.local)');
    await expect(get("", `${base}/hello`)).rejects.toThrow("http_get is disabled: TOOL_HTTP_ALLOWLIST is empty, so no host may be fetched");
    await expect(get("example.test", `http://app.example.test:${port}/hello`)).rejects.toThrow('host "app.example.test" is not in TOOL_HTTP_ALLOWLIST');
    expect(hits).toEqual([]);
  });

  it("refuses a private address reached through a wildcard entry", async () => {
    await expect(get("*.example.test", `http://app.example.test:${port}/hello`)).rejects.toThrow(
      'host "app.example.test" resolves to 127.0.0.1 (loopback), not a public address; list "app.example.test" itself in TOOL_HTTP_ALLOWLIST to allow it',
    );
    await expect(get("*.corp.test", "http://intranet.corp.test/")).rejects.toThrow("resolves to 10.0.0.7 (private)");
    await expect(get("*.corp.test", "http://mixed.corp.test/")).rejects.toThrow("resolves to ::ffff:192.168.1.1 (private)");
    expect(hits).toEqual([]);
  });

  it("refuses other schemes, credentials and names that do not resolve", async () => {
    await expect(get("127.0.0.1", "ftp://127.0.0.1/file")).rejects.toThrow("only http and https URLs can be fetched, not ftp:");
    await expect(get("127.0.0.1", `http://user:secret@127.0.0.1:${port}/hello`)).rejects.toThrow("URLs with a user name or password are not fetched");
    await expect(get("*.example.test", "http://nowhere.example.test/")).rejects.toThrow('cannot resolve host "nowhere.example.test": getaddrinfo ENOTFOUND nowhere.example.test');
  });

  it("keeps at most maxBytes and says so", async () => {
    await expect(get("127.0.0.1", `${base}/big`, { maxBytes: 1000 })).resolves.toMatchObject({ bytes: 1000, truncated: true, body: "x".repeat(1000) });
    await expect(get("127.0.0.1", `${base}/exact`, { maxBytes: 1000 })).resolves.toMatchObject({ bytes: 1000, truncated: false });
    await expect(get("127.0.0.1", `${base}/big`)).resolves.toMatchObject({ bytes: 10_000, truncated: false });
  });

  it("decodes the declared charset, keeps statuses, and does not show binary content", async () => {
    await expect(get("127.0.0.1", `${base}/json`)).resolves.toMatchObject({ contentType: "application/json", body: '{"city":"Zürich","price":"42 €"}', bytes: Buffer.byteLength('{"city":"Zürich","price":"42 €"}') });
    await expect(get("127.0.0.1", `${base}/latin1`)).resolves.toMatchObject({ body: "café", bytes: 4 });
    await expect(get("127.0.0.1", `${base}/missing`)).resolves.toMatchObject({ status: 404, body: "not here" });
    await expect(get("127.0.0.1", `${base}/image`)).resolves.toMatchObject({ body: "(binary content of type image/png, 64 bytes, not shown)", bytes: 64 });
  });

  it("follows up to three redirects, checking each hop", async () => {
    await expect(get("127.0.0.1", `${base}/hop?3`)).resolves.toMatchObject({ url: `${base}/hop?0`, status: 200, body: "arrived" });
    expect(hits).toEqual(["/hop?3", "/hop?2", "/hop?1", "/hop?0"]);
    await expect(get("127.0.0.1", `${base}/hop?4`)).rejects.toThrow(`more than 3 redirects; stopped before ${base}/hop?0`);
  });

  it("refuses a redirect to an unlisted host or to a private address behind a wildcard", async () => {
    await expect(get("127.0.0.1", `${base}/away`)).rejects.toThrow(
      `redirect from ${base}/away to http://elsewhere.test:${port}/hello refused: host "elsewhere.test" is not in TOOL_HTTP_ALLOWLIST (127.0.0.1)`,
    );
    await expect(get("127.0.0.1, *.corp.test", `${base}/to-wildcard`)).rejects.toThrow('host "intranet.corp.test" resolves to 10.0.0.7 (private)');
    expect(hits).toEqual(["/away", "/to-wildcard"]);
  });

  it("stops after its own timeout", async () => {
    const started = Date.now();
    await expect(get("127.0.0.1", `${base}/slow`, { timeoutMs: 300 })).rejects.toThrow("http_get timed out after 300 ms");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("stops when the call's signal aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("run cancelled")), 100);
    await expect(get("127.0.0.1", `${base}/slow`, { signal: controller.signal })).rejects.toThrow("http_get was cancelled");
  });

  it("is a side-effect-free built-in tool that names the allowed hosts", () => {
    const tool = createHttpGetTool({ allowlist: parseAllowlist("api.example.org *.data.example.org") });
    expect(tool).toMatchObject({ name: "http_get", sideEffects: false, timeoutMs: 15_000, source: "builtin" });
    expect(tool.description).toContain("Allowed hosts: api.example.org, *.data.example.org.");
    expect(createHttpGetTool({ allowlist: [] }).description).toContain("No host is allowed (TOOL_HTTP_ALLOWLIST is empty)");
  });
});
