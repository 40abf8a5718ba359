// `http_get`: a GET to a host of TOOL_HTTP_ALLOWLIST. The name is resolved
// once, every address is checked (http-guard.ts), and the connection goes to
// the checked address (a pinned `lookup`), so a second DNS answer cannot
// swap in a private address between check and connect. Redirects are
// followed by hand, each hop checked again.
import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import type { IncomingMessage } from "node:http";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { httpGetInput, type HttpGetInput, type HttpGetOutput } from "../schemas.ts";
import { defineTool, type ToolContext } from "../types.ts";
import { assertAllowed, checkTarget, ipLiteral, parseAllowlist, type ResolvedAddress } from "./http-guard.ts";

/** Resolves a host name to all its addresses (node:dns/promises `lookup` with `all: true` by default). */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

/** Options of `createHttpGetTool`. */
export type HttpGetOptions = {
  /** Exact hosts or `*.domain` entries (put in canonical form here, see parseAllowlist); empty = every URL refused. */
  allowlist: string[];
  /** Body bytes kept; the rest is dropped and `truncated` set. Default 256 KiB. */
  maxBytes?: number;
  /** Whole call (all hops), ms. Default 10 s. */
  timeoutMs?: number;
  /** DNS resolution; default the system resolver. Tests hand in a fixed table to reach wildcard hosts. */
  lookup?: HostLookup;
};

/** Redirects followed before the call fails. */
export const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TEXT_TYPE = /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript|ecmascript|x-www-form-urlencoded|yaml|csv|x-ndjson)\b)/i;

const systemLookup: HostLookup = (hostname) => dnsLookup(hostname, { all: true });

/** Rejects with the signal's reason as soon as it aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** A `lookup` for node:http that answers with the checked address only. */
function pinned(target: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as (e: null, a: ResolvedAddress[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
}

function send(url: URL, target: ResolvedAddress, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(url, { method: "GET", signal, lookup: pinned(target), headers: { "user-agent": "Planstream http_get", accept: "*/*" } }, resolve);
    request.on("error", reject);
    request.end();
  });
}

/** Reads at most `maxBytes` of the body; stops the download when more arrives. */
async function readCapped(response: IncomingMessage, maxBytes: number): Promise<{ data: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    const room = maxBytes - size;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      response.destroy();
      return { data: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { data: Buffer.concat(chunks), truncated: false };
}

/** The body as text in its declared charset (UTF-8 when none or unknown); a note instead of binary content. */
function bodyText(data: Buffer, contentType: string | null): string {
  if (contentType && !TEXT_TYPE.test(contentType)) return `(binary content of type ${contentType}, ${data.length} bytes, not shown)`;
  const charset = /charset="?([\w.:-]+)"?/i.exec(contentType ?? "")?.[1] ?? "utf-8";
  try {
    return new TextDecoder(charset).decode(data);
  } catch {
    return new TextDecoder("utf-8").decode(data);
  }
}

async function fetchChecked(input: HttpGetInput, options: Required<HttpGetOptions>, signal: AbortSignal): Promise<HttpGetOutput> {
  let url = new URL(input.url);
  for (let hop = 0; ; hop++) {
    assertAllowed(url, options.allowlist);
    const literal = ipLiteral(url.hostname);
    let addresses: ResolvedAddress[];
    try {
      addresses = literal ? [literal] : await abortable(options.lookup(url.hostname), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new Error(`cannot resolve host "${url.hostname}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const target = checkTarget(url, options.allowlist, addresses);
    const response = await send(url, target, signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && location) {
      response.destroy();
      const next = new URL(location, url);
      if (hop === MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects; stopped before ${next.href}`);
      try {
        assertAllowed(next, options.allowlist);
      } catch (error) {
        throw new Error(`redirect from ${url.href} to ${next.href} refused: ${(error as Error).message}`, { cause: error });
      }
      url = next;
      continue;
    }
    const contentType = response.headers["content-type"] ?? null;
    const { data, truncated } = await readCapped(response, options.maxBytes);
    return { url: url.href, status, contentType, body: bodyText(data, contentType), bytes: data.length, truncated };
  }
}

/**
 * Fetches `input.url` (GET) under the rules of `options` and ctx.signal.
 * @returns `{url (after redirects), status, contentType, body, bytes, truncated}`;
 *   any HTTP status is a result (404 included), not an error.
 * @throws Error when a rule refuses the URL or a redirect, DNS fails, the
 *   connection fails, the call times out ("timed out after N ms") or is cancelled.
 */
export async function httpGet(input: HttpGetInput, ctx: Pick<ToolContext, "signal">, options: Required<HttpGetOptions>): Promise<HttpGetOutput> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([ctx.signal, timeout]);
  try {
    return await fetchChecked(input, options, signal);
  } catch (error) {
    if (ctx.signal.aborted) throw new Error("http_get was cancelled", { cause: error });
    if (timeout.aborted) throw new Error(`http_get timed out after ${options.timeoutMs} ms`, { cause: error });
    throw error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Built-in tool `http_get` (input `httpGetInput`, output `HttpGetOutput`)
 * for the hosts of `options.allowlist`. No side effects (a GET). Its
 * description names the allowed hosts so the model knows where it may go.
 */
export function createHttpGetTool(options: HttpGetOptions) {
  const settings: Required<HttpGetOptions> = {
    allowlist: parseAllowlist(options.allowlist.join(" ")),
    maxBytes: options.maxBytes ?? 256 * 1024,
    timeoutMs: options.timeoutMs ?? 10_000,
    lookup: options.lookup ?? systemLookup,
  };
  const hosts = settings.allowlist.length ? `Allowed hosts: ${settings.allowlist.join(", ")}.` : "No host is allowed (TOOL_HTTP_ALLOWLIST is empty), so every call fails.";
  return defineTool({
    name: "http_get",
    description: `Fetches a web page or API response (HTTP GET) and returns its status, content type and text (at most ${Math.round(settings.maxBytes / 1024)} KiB). ${hosts}`,
    inputSchema: httpGetInput,
    sideEffects: false,
    timeoutMs: 15_000,
    source: "builtin",
    execute: (input, ctx) => httpGet(input, ctx, settings),
  });
}
