// The client address: the TCP peer set by the server (a client-sent value never
// survives), and with TRUST_PROXY_HOPS the entry that many hops left of it in
// [X-Forwarded-For…, peer] (Express's numeric trust proxy). The hook is tried
// on a real node:http server.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressFromChain, clientAddress, installPeerAddressHook, normalizeAddress, PEER_HEADER, UNKNOWN_ADDRESS } from "./client-info";

const req = (headers: Record<string, string>) => new Request("http://localhost/api/x", { headers });

describe("addressFromChain (Express numeric trust proxy)", () => {
  it("takes the entry N from the right, the leftmost when the chain is shorter", () => {
    const chain = ["198.51.100.1", "203.0.113.9", "10.0.0.2", "127.0.0.1"];
    expect([0, 1, 2, 3, 4, 9].map((n) => addressFromChain(chain, n))).toEqual(["127.0.0.1", "10.0.0.2", "203.0.113.9", "198.51.100.1", "198.51.100.1", "198.51.100.1"]);
    expect(addressFromChain([], 1)).toBe(UNKNOWN_ADDRESS);
  });
});

describe("clientAddress", () => {
  it("is the peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress(req({ [PEER_HEADER]: "192.0.2.10", "x-forwarded-for": "1.2.3.4" }), 0)).toBe("192.0.2.10");
  });

  it("with 1 trusted hop is the address the proxy appended; a client's own entries to its left are ignored", () => {
    const r = req({ [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
    expect(clientAddress(r, 1)).toBe("203.0.113.7");
    expect(clientAddress(r, 2)).toBe("6.6.6.6");
    // No X-Forwarded-For behind a trusted hop: the peer itself (leftmost of a one-entry chain).
    expect(clientAddress(req({ [PEER_HEADER]: "10.0.0.5" }), 1)).toBe("10.0.0.5");
  });

  it("canonicalizes IPv4-mapped IPv6 and IPv6 spellings", () => {
    expect(clientAddress(req({ [PEER_HEADER]: "::ffff:127.0.0.1" }), 0)).toBe("127.0.0.1");
    expect(normalizeAddress(" 2001:DB8:0:0:0:0:0:1 ")).toBe("2001:db8::1");
    expect(normalizeAddress("not-an-ip")).toBe("not-an-ip");
  });

  it("is unknown without the server's peer header (the header alone decides; X-Forwarded-For does not stand in)", () => {
    expect(clientAddress(req({ "x-forwarded-for": "1.2.3.4" }), 0)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(req({ "x-forwarded-for": "1.2.3.4" }), 1)).toBe(UNKNOWN_ADDRESS);
  });
});

describe("installPeerAddressHook on a real node:http server", () => {
  let server: http.Server;
  let base = "";
  beforeAll(async () => {
    expect(installPeerAddressHook()).toBe(true);
    expect(installPeerAddressHook()).toBe(false); // once per process
    server = http.createServer((r, res) => res.end(JSON.stringify({ peer: r.headers[PEER_HEADER] ?? null })));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("overwrites a client-sent peer header with the socket's address", async () => {
    const spoofed = await fetch(base, { headers: { [PEER_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" } });
    const plain = await fetch(base);
    const peers = [((await spoofed.json()) as { peer: string }).peer, ((await plain.json()) as { peer: string }).peer].map(normalizeAddress);
    expect(peers).toEqual(["127.0.0.1", "127.0.0.1"]);
  });
});
