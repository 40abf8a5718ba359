// Calls Next.js route handlers in-process with real Requests, keeping one
// session cookie per TestUser (each user is a separate anonymous session).
type Handler<P> = (request: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export class TestUser {
  private jar = new Map<string, string>();

  /** The `Cookie` header this user sends (undefined when the jar is empty); assignable to forge one. */
  get cookie(): string | undefined {
    return this.jar.size ? [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ") : undefined;
  }
  set cookie(header: string | undefined) {
    this.jar.clear();
    for (const part of header?.split(";") ?? []) {
      const eq = part.indexOf("=");
      if (eq > 0) this.jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }

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
    for (const set of res.headers.getSetCookie()) {
      const pair = set.split(";")[0];
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      if (/max-age=0/i.test(set)) this.jar.delete(name);
      else this.jar.set(name, pair.slice(eq + 1));
    }
    return res;
  }
}
