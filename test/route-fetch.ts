// A fake network for browser code under test: `fetch` for relative URLs is
// answered in-process by the real Next route handlers (real Requests, the
// `ps_session` cookie kept like a browser would), so the hook and the stream
// client run against the real server and database. Only the network itself is
// simulated: it can refuse /api/streams or answer it with an HTTP error, go
// offline, drop open stream bodies mid-way or silence them (a dead connection
// that stays open), and rewrite URLs (a proxy replaying from an older cursor). Every
// request is recorded with whether its response body is still open and which
// event seqs it carried, so tests can count connections, polls and duplicates.
import { POST as postChatMessage } from "@/app/api/chat/message/route";
import { POST as postLogBurst } from "@/app/api/diagnostics/log-burst/route";
import { POST as postCancel } from "@/app/api/jobs/[jobId]/cancel/route";
import { GET as getEvents } from "@/app/api/jobs/[jobId]/events/route";
import { GET as getJob } from "@/app/api/jobs/[jobId]/route";
import { GET as getJobs } from "@/app/api/jobs/route";
import { GET as getJobStream } from "@/app/api/jobs/[jobId]/stream/route";
import { POST as postExecute } from "@/app/api/plans/[planId]/execute/route";
import { GET as getPlan } from "@/app/api/plans/[planId]/route";
import { GET as getPlanRuns } from "@/app/api/plans/[planId]/runs/route";
import { POST as postApproval } from "@/app/api/runs/[runId]/approvals/[callId]/route";
import { GET as getRun } from "@/app/api/runs/[runId]/route";
import { GET as getSession } from "@/app/api/session/route";
import { GET as getStreams } from "@/app/api/streams/route";

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Route = { method: string; pattern: RegExp; handler: Handler; names: string[] };

const ORIGIN = "http://localhost";

const route = (method: string, pattern: RegExp, handler: unknown, ...names: string[]): Route => ({
  method,
  pattern,
  handler: handler as Handler,
  names,
});

const ROUTES: Route[] = [
  route("GET", /^\/api\/jobs$/, getJobs),
  route("GET", /^\/api\/jobs\/([^/]+)$/, getJob, "jobId"),
  route("GET", /^\/api\/jobs\/([^/]+)\/events$/, getEvents, "jobId"),
  route("GET", /^\/api\/jobs\/([^/]+)\/stream$/, getJobStream, "jobId"),
  route("POST", /^\/api\/jobs\/([^/]+)\/cancel$/, postCancel, "jobId"),
  route("GET", /^\/api\/streams$/, getStreams),
  route("GET", /^\/api\/plans\/([^/]+)$/, getPlan, "planId"),
  route("POST", /^\/api\/chat\/message$/, postChatMessage),
  route("POST", /^\/api\/diagnostics\/log-burst$/, postLogBurst),
  route("POST", /^\/api\/plans\/([^/]+)\/execute$/, postExecute, "planId"),
  route("GET", /^\/api\/plans\/([^/]+)\/runs$/, getPlanRuns, "planId"),
  route("GET", /^\/api\/runs\/([^/]+)$/, getRun, "runId"),
  route("POST", /^\/api\/runs\/([^/]+)\/approvals\/([^/]+)$/, postApproval, "runId", "callId"),
  route("GET", /^\/api\/session$/, getSession),
];

/**
 * What kind of request a URL is, for counting: the multiplexed stream, a poll
 * (`/events?after=`), an older page (`/events?before=`), a snapshot, or anything else.
 */
export type NetKind = "stream" | "poll" | "page" | "snapshot" | "other";

/** One request the code under test made. */
export type NetRequest = {
  method: string;
  /** Path and query as routed (after `rewrite`). */
  url: string;
  kind: NetKind;
  /** HTTP status, or how the request failed: "failed" (network error, as TypeError) or "aborted". */
  status: number | "failed" | "aborted";
  /** The response body is still open: not read to its end, cancelled, errored or aborted. */
  open: boolean;
  /** Event seqs the response carried, in order: SSE frames, or `events` of a JSON page. */
  seqs: number[];
  /** Jobs whose `end` frame this (stream) response carried. */
  ends: string[];
};

function kindOf(url: URL): NetKind {
  const path = url.pathname;
  if (path === "/api/streams") return "stream";
  if (/^\/api\/jobs\/[^/]+\/events$/.test(path)) return url.searchParams.has("before") ? "page" : "poll";
  if (/^\/api\/jobs\/[^/]+$/.test(path)) return "snapshot";
  return "other";
}

const abortError = () => new DOMException("This operation was aborted", "AbortError");

/** Collects the event seqs in a response body: SSE frames as they pass, a JSON page at its end. */
class BodyTap {
  private text = "";
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly record: NetRequest,
    private readonly sse: boolean,
  ) {}

  push(chunk: Uint8Array): void {
    this.text += this.decoder.decode(chunk, { stream: true });
    if (!this.sse) return;
    let cut: number;
    while ((cut = this.text.indexOf("\n\n")) >= 0) {
      this.frame(this.text.slice(0, cut));
      this.text = this.text.slice(cut + 2);
    }
  }

  end(): void {
    if (this.sse) return;
    try {
      const body = JSON.parse(this.text) as { events?: { seq: number }[] };
      if (Array.isArray(body.events)) this.record.seqs.push(...body.events.map((e) => e.seq));
    } catch {
      /* not a JSON page */
    }
  }

  private frame(block: string): void {
    const lines = block.split("\n");
    const event = lines.find((l) => l.startsWith("event:"))?.slice(6).trim();
    const data = lines.find((l) => l.startsWith("data:"))?.slice(5).trim();
    if (!data) return;
    const payload = JSON.parse(data) as { job_id: string; seq?: number };
    if (event === "end") this.record.ends.push(payload.job_id);
    else if (typeof payload.seq === "number") this.record.seqs.push(payload.seq);
  }
}

/**
 * The fake network. Install `net.fetch` as the global `fetch` (e.g.
 * `vi.stubGlobal("fetch", net.fetch)`); relative URLs go to the route
 * handlers above, anything unrouted answers a 404 in the API's error shape.
 * @example
 * const net = new RouteFetch();
 * vi.stubGlobal("fetch", net.fetch);
 * net.refuseStreams = true; net.dropStreams(); // the stream fails; polls still work
 */
export class RouteFetch {
  /** The browser's session cookie (`ps_session=…`), set by the first answer that mints one. */
  cookie: string | undefined;
  /** Every request made through `fetch`, in order (not the test's own `api()` calls). */
  readonly requests: NetRequest[] = [];
  /** Every request rejects with `TypeError("Failed to fetch")`, like a browser with no network. */
  offline = false;
  /** Requests to /api/streams reject with `TypeError("Failed to fetch")`; others still work. */
  refuseStreams = false;
  /**
   * Requests to /api/streams are answered with this HTTP status and the API's
   * error shape without reaching the route (a proxy, or a server that refuses
   * them); undefined = routed normally.
   */
  streamStatus: number | undefined;
  /** Rewrites a request's path and query before it is routed (e.g. a proxy that replays from an older cursor). */
  rewrite: ((url: string) => string) | undefined;
  /** The most stream bodies that were open at the same time. */
  peakOpenStreams = 0;
  /** How to fail each open body (drop or abort). */
  private readonly drops = new Map<NetRequest, (error: Error) => void>();
  /** Open bodies that deliver nothing more (silenceStreams), with how to release their held read. */
  private readonly silenced = new Map<NetRequest, () => void>();

  /** The global `fetch` replacement (bound). */
  readonly fetch = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => this.send(input, init, true);

  /** The test's own call as the same browser session: not recorded, not subject to the switches. */
  async api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
    const res = await this.send(path, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: init.body === undefined ? {} : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }, false);
    return { status: res.status, body: (await res.json()) as T };
  }

  /** Requests of one kind (optionally only those still open). */
  of(kind: NetKind, open?: boolean): NetRequest[] {
    return this.requests.filter((r) => r.kind === kind && (open === undefined || r.open === open));
  }

  /** Errors the bodies of all open streams with `TypeError("network error")`. @returns how many were dropped. */
  dropStreams(): number {
    const open = [...this.drops].filter(([r]) => r.kind === "stream");
    for (const [, drop] of open) drop(new TypeError("network error"));
    return open.length;
  }

  /**
   * Silences all open streams: they stay open (no error, no end) but deliver
   * no byte more, frames and `: ping` comments alike; what the server sends
   * meanwhile is never seen (nor recorded in `seqs`). Later streams are normal.
   * @returns how many were silenced.
   */
  silenceStreams(): number {
    const open = [...this.drops.keys()].filter((r) => r.kind === "stream");
    for (const r of open) this.silenced.set(r, () => undefined);
    return open.length;
  }

  /** Restores the network: online, streams allowed and routed, no rewrite. */
  heal(): void {
    this.offline = false;
    this.refuseStreams = false;
    this.streamStatus = undefined;
    this.rewrite = undefined;
  }

  private async send(input: RequestInfo | URL, init: RequestInit, recorded: boolean): Promise<Response> {
    const raw = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const parsed = new URL(raw, ORIGIN);
    const original = parsed.pathname + parsed.search;
    const url = recorded && this.rewrite ? this.rewrite(original) : original;
    const path = new URL(url, ORIGIN).pathname;
    const method = (init.method ?? "GET").toUpperCase();
    const record: NetRequest = { method, url, kind: kindOf(new URL(url, ORIGIN)), status: "failed", open: false, seqs: [], ends: [] };
    if (recorded) this.requests.push(record);
    const signal = (recorded && init.signal) || undefined;

    if (signal?.aborted) {
      record.status = "aborted";
      throw abortError();
    }
    if (recorded && (this.offline || (this.refuseStreams && record.kind === "stream"))) {
      // A browser rejects a failed fetch on a later task, never synchronously.
      await new Promise((r) => setTimeout(r, 1));
      throw new TypeError("Failed to fetch");
    }
    const refusedWith = record.kind === "stream" ? this.streamStatus : undefined;
    if (recorded && refusedWith !== undefined) {
      await new Promise((r) => setTimeout(r, 1));
      record.status = refusedWith;
      const body = { error: { code: `http_${refusedWith}`, message: `Stream refused with HTTP ${refusedWith}` } };
      return this.wrap(Response.json(body, { status: refusedWith }), record, signal);
    }

    const found = ROUTES.map((r) => ({ r, m: r.method === method ? path.match(r.pattern) : null })).find((x) => x.m);
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("cookie", this.cookie);
    // The signal goes into the Request, so an abort reaches the route (the SSE helper's cleanup).
    const request = new Request(ORIGIN + url, { method, headers, body: init.body, signal });
    let res: Response;
    if (!found) {
      res = Response.json({ error: { code: "not_found", message: `No route for ${method} ${path}` } }, { status: 404 });
    } else {
      const params = Object.fromEntries(found.r.names.map((n, i) => [n, decodeURIComponent(found.m![i + 1])]));
      const answer = found.r.handler(request, { params: Promise.resolve(params) });
      // An abort while the server is still answering rejects at once, as in a browser.
      let onAbort = () => {};
      const aborted = new Promise<never>((_, reject) => (onAbort = () => reject(abortError())));
      signal?.addEventListener("abort", onAbort, { once: true });
      try {
        res = await Promise.race([answer, aborted]);
      } catch (error) {
        record.status = "aborted";
        void answer.then((r) => r.body?.cancel()).catch(() => undefined);
        throw error;
      } finally {
        signal?.removeEventListener("abort", onAbort);
      }
    }
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0];
    record.status = res.status;
    return this.wrap(res, record, signal);
  }

  /** The browser-side view of `res`: a body that records, can be dropped, and errors with AbortError on abort. */
  private wrap(res: Response, record: NetRequest, signal: AbortSignal | undefined): Response {
    const headers = new Headers(res.headers);
    headers.delete("set-cookie"); // never visible to page scripts
    if (!res.body) return new Response(null, { status: res.status, headers });
    const source = res.body.getReader();
    const tap = new BodyTap(record, (res.headers.get("content-type") ?? "").startsWith("text/event-stream"));
    const silenced = this.silenced;
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const finish = () => {
      record.open = false;
      this.drops.delete(record);
      this.silenced.get(record)?.();
      this.silenced.delete(record);
      signal?.removeEventListener("abort", onAbort);
    };
    const fail = (error: Error) => {
      if (!record.open) return;
      finish();
      controller.error(error);
      void source.cancel(error).catch(() => undefined);
    };
    const onAbort = () => fail(abortError());
    record.open = true;
    this.drops.set(record, fail);
    if (record.kind === "stream") this.peakOpenStreams = Math.max(this.peakOpenStreams, this.of("stream", true).length);
    signal?.addEventListener("abort", onAbort, { once: true });
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
      async pull(c) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await source.read();
        } catch (error) {
          fail(error as Error);
          return;
        }
        if (!record.open) return; // dropped or aborted while reading
        if (silenced.has(record)) {
          // Silenced: hold this chunk, and the read, until the body is dropped or aborted.
          await new Promise<void>((release) => silenced.set(record, release));
          return;
        }
        if (next.done) {
          tap.end();
          finish();
          c.close();
          return;
        }
        tap.push(next.value);
        c.enqueue(next.value);
      },
      cancel(reason) {
        finish();
        return source.cancel(reason);
      },
    });
    return new Response(body, { status: res.status, headers });
  }
}
