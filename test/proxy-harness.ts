// Runs a request through proxy.ts and then a route handler the way Next.js
// does: a proxy answer other than "next" is final; otherwise the request
// headers the proxy overrode (`x-middleware-request-*`) reach the handler and
// the proxy's response headers (Set-Cookie, security headers) join the handler's.
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route handler, whatever its params
type Handler = (request: Request, ctx: { params: Promise<any> }) => Promise<Response>;

/** The request headers the proxy forwards (its overrides applied to `request`'s). */
export function forwardedHeaders(request: Request, proxied: Response): Headers {
  const override = proxied.headers.get("x-middleware-override-headers");
  if (override === null) return new Headers(request.headers);
  const headers = new Headers();
  for (const name of override.split(",").filter(Boolean)) {
    const value = proxied.headers.get(`x-middleware-request-${name}`);
    if (value !== null) headers.set(name, value);
  }
  return headers;
}

/** `request` through the proxy, then (when it lets it pass) through `handler` with `params`. */
export async function throughProxy(request: Request, handler: Handler, params: Record<string, string> = {}): Promise<Response> {
  const body = request.body ? await request.arrayBuffer() : undefined;
  const proxied = proxy(new NextRequest(request.url, { method: request.method, headers: request.headers }));
  if (proxied.headers.get("x-middleware-next") !== "1") return proxied;
  const forwarded = new Request(request.url, { method: request.method, headers: forwardedHeaders(request, proxied), body });
  const response = await handler(forwarded, { params: Promise.resolve(params) });
  const headers = new Headers(response.headers);
  for (const [k, v] of proxied.headers) {
    if (k.startsWith("x-middleware-")) continue;
    if (k === "set-cookie") continue;
    if (!headers.has(k)) headers.set(k, v);
  }
  for (const c of proxied.headers.getSetCookie()) headers.append("set-cookie", c);
  return new Response(response.body, { status: response.status, headers });
}
