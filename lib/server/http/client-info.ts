// Who is asking, at the network level: the client's address for per-address
// rate limits. Route handlers get a Web `Request` and no socket, and Next's
// server only fills `X-Forwarded-For` when it is absent
// (node_modules/next/dist/server/base-server.js: `req.headers['x-forwarded-for'] ??= socket.remoteAddress`),
// so a client that sends its own X-Forwarded-For would choose its bucket.
// The real peer comes from the socket instead: `installPeerAddressHook` (called
// once from instrumentation.ts) writes it into a private header on every
// request before Next sees it, replacing any value the client sent.
import "server-only";
import dc from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "../env.ts";

/** Private request header carrying the TCP peer's address (set by the server, never trusted from the client). */
export const PEER_HEADER = "x-planstream-peer";
/** What `clientAddress` answers when the peer is not known (no hook: a unit test, another server). */
export const UNKNOWN_ADDRESS = "unknown";
/** Longest address-like string kept from a header. */
const MAX_ADDRESS_CHARS = 64;

type RequestStart = { request: IncomingMessage; socket: Socket };
const g = globalThis as unknown as { planstreamPeerHook?: (message: unknown) => void };

/**
 * Installs, once per process, a subscriber to Node's `http.server.request.start`
 * diagnostics channel (published for every request an `http`/`https` server
 * parses, before its `request` event reaches Next). It overwrites
 * `x-planstream-peer` with `socket.remoteAddress`, or deletes it when the
 * socket has none, so a client-sent value never survives.
 * Source: Node.js docs, "Diagnostics Channel › Built-in channels › HTTP".
 * @returns whether this call installed it (false when already installed).
 */
export function installPeerAddressHook(): boolean {
  if (g.planstreamPeerHook) return false;
  g.planstreamPeerHook = (message) => {
    const { request, socket } = message as RequestStart;
    const peer = socket?.remoteAddress;
    if (peer) request.headers[PEER_HEADER] = peer;
    else delete request.headers[PEER_HEADER];
  };
  dc.subscribe("http.server.request.start", g.planstreamPeerHook);
  return true;
}

/** An IP address in its canonical form (IPv4-mapped IPv6 → IPv4); other strings trimmed and clipped. */
export function normalizeAddress(raw: string): string {
  const value = raw.trim().slice(0, MAX_ADDRESS_CHARS);
  if (!ipaddr.isValid(value)) return value;
  const parsed = ipaddr.parse(value);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address().toString();
  return parsed.toString();
}

/**
 * The address in `chain` (`[X-Forwarded-For entries…, peer]`, left to right)
 * that `trustedHops` proxies vouch for: the entry `trustedHops` from the right,
 * or the leftmost one when the chain is shorter (Express's numeric
 * `trust proxy`, proxy-addr's `alladdrs` walk).
 */
export function addressFromChain(chain: string[], trustedHops: number): string {
  if (chain.length === 0) return UNKNOWN_ADDRESS;
  return chain[Math.max(0, chain.length - 1 - trustedHops)];
}

/**
 * The client's address: the TCP peer, or with TRUST_PROXY_HOPS = N > 0 the
 * address N hops to the left of it in `[X-Forwarded-For…, peer]`. Canonical
 * form (IPv4-mapped IPv6 as IPv4). `UNKNOWN_ADDRESS` when the peer header is
 * missing (the hook is not installed: callers then skip per-address limits).
 * @example clientAddress(request) // "203.0.113.7"
 */
export function clientAddress(request: Request, trustedHops = env().TRUST_PROXY_HOPS): string {
  const peer = request.headers.get(PEER_HEADER);
  if (!peer) return UNKNOWN_ADDRESS;
  const forwarded = trustedHops > 0 ? (request.headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean) : [];
  return normalizeAddress(addressFromChain([...forwarded, peer], trustedHops));
}
