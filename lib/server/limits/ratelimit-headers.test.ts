// The RateLimit fields as draft-ietf-httpapi-ratelimit-headers-11 writes them,
// and the policies the environment gives.
import { describe, expect, it } from "vitest";
import { env } from "../env";
import { addressKey, isRateLimiterRes } from "./buckets";
import { policiesOf } from "./policies";
import { rateLimitHeaders } from "./ratelimit-headers";

describe("RateLimit header fields", () => {
  it("lists each policy as a Quota Policy Item and its state as a Service Limit Item", () => {
    const [session, address] = policiesOf("chat", { ...env(), RATE_LIMIT_CHAT_PER_MIN: 20, RATE_LIMIT_ADDRESS_MULTIPLIER: 5, RATE_LIMIT_WINDOW_S: 60 });
    expect(rateLimitHeaders([{ policy: session, remaining: 19, resetS: 59.2 }, { policy: address, remaining: 0, resetS: 0.4 }])).toEqual({
      "RateLimit-Policy": `"chat-session";q=20;w=60, "chat-address";q=100;w=60`,
      RateLimit: `"chat-session";r=19;t=60, "chat-address";r=0;t=1`,
    });
  });

  it("writes a concurrency cap with its unit and no window", () => {
    const [session] = policiesOf("stream", { ...env(), RATE_LIMIT_STREAMS_PER_SESSION: 3 });
    expect(rateLimitHeaders([{ policy: session, remaining: 2 }])).toEqual({
      "RateLimit-Policy": `"streams-session";q=3;qu="concurrent-requests"`,
      RateLimit: `"streams-session";r=2`,
    });
    expect(rateLimitHeaders([])).toEqual({});
  });

  it("sign-in blocks for its window once the tries are spent, per session and per address", () => {
    const e = { ...env(), RATE_LIMIT_SIGNIN_TRIES: 10, RATE_LIMIT_SIGNIN_WINDOW_S: 900 };
    expect(policiesOf("signin", e).map((p) => [p.name, p.points, p.windowS, p.blockS])).toEqual([
      ["signin-session", 10, 900, 900],
      ["signin-address", 10, 900, 900],
    ]);
  });
});

describe("address buckets", () => {
  it("key IPv6 by /64 and IPv4 by the address", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:bbbb::9")).toBe("2001:db8:1:2::/64");
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
  });
});

describe("isRateLimiterRes", () => {
  it("knows a full bucket by its shape, from any copy of the library; store errors are not one", async () => {
    const { RateLimiterMemory, RateLimiterRes } = await import("rate-limiter-flexible");
    const limiter = new RateLimiterMemory({ points: 1, duration: 60 });
    await limiter.consume("k");
    const rejection = await limiter.consume("k").catch((e: unknown) => e);
    expect(isRateLimiterRes(rejection)).toBe(true);
    // What another bundle's copy of the class throws: the same getters on another prototype.
    class OtherCopy {
      get remainingPoints() { return 0; }
      get msBeforeNext() { return 60_000; }
      get consumedPoints() { return 3; }
    }
    expect(rejection instanceof RateLimiterRes).toBe(true);
    expect(isRateLimiterRes(new OtherCopy())).toBe(true);
    expect(isRateLimiterRes(new RateLimiterRes(0, 1000, 2, false))).toBe(true);
    expect(isRateLimiterRes(new Error("redis down"))).toBe(false);
    expect(isRateLimiterRes(null)).toBe(false);
    expect(isRateLimiterRes({ msBeforeNext: 5 })).toBe(false);
  });
});
