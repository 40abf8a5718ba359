// Calls Next.js route handlers in-process with real Requests, keeping one
// session cookie per TestUser (each user is a separate anonymous session).
type Handler<P> = (request: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export class TestUser {
  cookie: string | undefined;

  /** Calls `handler` as this user; stores the session cookie the server sets. */
  async call<P = Record<string, never>>(
    handler: Handler<P>,
    init: { url: string; method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; params?: P },
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookie) headers.cookie = this.cookie;
    let body: string | undefined;
    if (init.rawBody !== undefined) body = init.rawBody;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined) headers["content-type"] = "application/json";
    const request = new Request(`http://localhost${init.url}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
    const res = await handler(request, { params: Promise.resolve((init.params ?? {}) as P) });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0];
    return res;
  }
}
