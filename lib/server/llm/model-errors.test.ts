// Model failures against a third-party OpenAI-compatible mock server (npm
// `llm-mock`, test/llm-mock.config.mjs) through the real provider path
// (createModel → @ai-sdk/openai-compatible → generateStructured / streamText):
// the exact AppError (status, code, Retry-After, details), how many requests
// the provider saw (the bounded retry), and the timeout. Our own fake server
// covers recovery after a failure, which llm-mock cannot sequence.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { APICallError } from "@ai-sdk/provider";
import { RetryError, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { generateStructured } from "./generate.ts";
import { createModel } from "./model.ts";
import { modelErrorOf, retryAfterMsOf } from "./model-errors.ts";
import { retryDelayMs } from "./model-retry.ts";
import { chatReplySchema } from "./schemas.ts";
import { startLlmMock, type LlmMock } from "@/test/llm-mock";
import { startOpenAIFakeServer } from "@/test/openai-fake-server";

let mock: LlmMock;
beforeAll(async () => {
  mock = await startLlmMock();
});
afterAll(async () => {
  await mock.close();
});

const POLICY = { maxRetries: 1, timeoutMs: 1000, maxWaitMs: 2000, baseDelayMs: 10 };
const model = () => createModel({ baseUrl: mock.baseUrl, model: "mock", policy: POLICY });

/**
 * The mock's request count once its log lines stopped arriving: they come from
 * its stdout, a moment after each answer (read at once, a retry's second
 * request was sometimes counted in the next test).
 */
async function settledRequests(): Promise<number> {
  let last = mock.requests();
  for (let i = 0, quiet = 0; i < 60 && quiet < 3; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const n = mock.requests();
    quiet = n === last ? quiet + 1 : 0;
    last = n;
  }
  return last;
}

/** generateStructured(chat_reply) of `message`: the AppError it threw, the provider's request count and the time taken. */
async function failure(message: string) {
  const before = await settledRequests();
  const t0 = performance.now();
  const error = await generateStructured({ model: model(), schema: chatReplySchema, fields: { Request: "chat_reply", Language: "en", Message: message } }).then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = performance.now() - t0;
  expect(AppError.is(error)).toBe(true);
  const e = error as AppError;
  return { status: e.status, code: e.code, message: e.message, details: e.details, retryAfter: new Headers(e.headers).get("retry-after"), requests: (await settledRequests()) - before, ms };
}

describe("provider failures (llm-mock) → AppError", () => {
  it("429 with Retry-After: 30 (over LLM_RETRY_MAX_WAIT_MS): 503 model_unavailable with Retry-After at once, one request", async () => {
    const f = await failure("mock-429-long");
    expect(f).toMatchObject({ status: 503, code: "model_unavailable", message: "The planning model is busy; try again in 30 s", retryAfter: "30", requests: 1 });
    expect(f.details).toEqual({ reason: "rate_limited", retryAfterSeconds: 30, providerStatus: 429 });
    expect(f.ms).toBeLessThan(2000);
  });

  it("429 with Retry-After: 1: waits the second, retries once, then 503 with Retry-After: 1", async () => {
    const f = await failure("mock-429-short");
    expect(f).toMatchObject({ status: 503, code: "model_unavailable", retryAfter: "1", requests: 2 });
    expect(f.details).toEqual({ reason: "rate_limited", retryAfterSeconds: 1, providerStatus: 429 });
    expect(f.ms).toBeGreaterThanOrEqual(1000);
  });

  it.each([
    ["mock-500", 500, 2, "unavailable", "The planning model is unavailable right now; please try again"],
    ["mock-503", 503, 2, "unavailable", "The planning model is unavailable right now; please try again"],
    ["mock-401", 401, 1, "rejected", "The planning model refused the request (HTTP 401); please try again later"],
  ] as const)("%s (provider status %i) without Retry-After: 502 model_unavailable", async (marker, providerStatus, requests, reason, message) => {
    const f = await failure(marker);
    expect(f).toMatchObject({ status: 502, code: "model_unavailable", message, retryAfter: null, requests });
    expect(f.details).toEqual({ reason, providerStatus });
  });

  it("a response slower than LLM_TIMEOUT_MS: 502 model_unavailable (timeout), not retried", async () => {
    const f = await failure("mock-slow");
    expect(f).toMatchObject({ status: 502, code: "model_unavailable", message: "The planning model did not answer within 1 s; please try again", retryAfter: null, requests: 1 });
    expect(f.details).toEqual({ reason: "timeout" });
    expect(f.ms).toBeLessThan(2500);
  });

  it.each([["mock-malformed"], ["a message the mock answers with JSON outside the schema"]])("%s: 502 model_bad_output after asking once more", async (message) => {
    const f = await failure(message);
    expect(f).toMatchObject({ status: 502, code: "model_bad_output", retryAfter: null, requests: 2 });
    expect(f.details).toEqual({ reason: "bad_output" });
  });

  it("a streamed reply (streamText) gets the same classification in its error part", async () => {
    const before = await settledRequests();
    const result = streamText({ model: model(), prompt: "mock-429-long", maxRetries: 0, onError: () => undefined });
    let error: unknown;
    for await (const part of result.fullStream) if (part.type === "error") error = part.error;
    const e = modelErrorOf(error);
    expect([e.status, e.code, new Headers(e.headers).get("retry-after")]).toEqual([503, "model_unavailable", "30"]);
    expect((await settledRequests()) - before).toBe(1);
  });

  it("a streamed reply that does not start within LLM_TIMEOUT_MS: a timeout error part", async () => {
    const t0 = performance.now();
    const result = streamText({ model: model(), prompt: "mock-slow", maxRetries: 0, onError: () => undefined });
    let error: unknown;
    for await (const part of result.fullStream) if (part.type === "error") error = part.error;
    expect(modelErrorOf(error)).toMatchObject({ status: 502, code: "model_unavailable", details: { reason: "timeout" } });
    expect(performance.now() - t0).toBeLessThan(2500);
  });
});

describe("recovery (our fake server: a 500, then an answer)", () => {
  it("the retry after a 5xx answers, and the caller never sees the failure", async () => {
    let calls = 0;
    const server = await startOpenAIFakeServer(() => {
      if (++calls === 1) throw new Error("overloaded");
      return JSON.stringify({ reply: "Here you are", actions: [] });
    });
    try {
      const m = createModel({ baseUrl: server.baseUrl, model: "fake", policy: POLICY });
      const r = await generateStructured({ model: m, schema: chatReplySchema, fields: { Request: "chat_reply", Language: "en", Message: "hi" } });
      expect(r.object).toEqual({ reply: "Here you are", actions: [] });
      expect(calls).toBe(2);
    } finally {
      await server.close();
    }
  });
});

describe("a stream that stalls mid-way (a server of the test's own: one chunk, then silence)", () => {
  it("the text so far, then a timeout error part once no part came for LLM_TIMEOUT_MS", async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const chunk = { id: "c", object: "chat.completion.chunk", created: 0, model: "m", choices: [{ index: 0, delta: { role: "assistant", content: "Half " }, finish_reason: null }] };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const m = createModel({ baseUrl: `http://127.0.0.1:${port}/v1`, model: "m", policy: { ...POLICY, timeoutMs: 400 } });
      const t0 = performance.now();
      const result = streamText({ model: m, prompt: "hi", maxRetries: 0, onError: () => undefined });
      let text = "";
      let error: unknown;
      for await (const part of result.fullStream) {
        if (part.type === "text-delta") text += part.text;
        if (part.type === "error") error = part.error;
      }
      expect(text).toBe("Half ");
      expect(modelErrorOf(error)).toMatchObject({ status: 502, code: "model_unavailable", message: "The planning model did not answer within 1 s; please try again" });
      expect(performance.now() - t0).toBeGreaterThanOrEqual(400);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("classification details", () => {
  const apiError = (statusCode: number | undefined, headers?: Record<string, string>) =>
    new APICallError({ message: "x", url: "http://x", requestBodyValues: {}, statusCode, responseHeaders: headers });

  it("reads retry-after-ms first, then retry-after as seconds or an HTTP-date", () => {
    expect(retryAfterMsOf(apiError(429, { "retry-after-ms": "1500", "retry-after": "9" }))).toBe(1500);
    expect(retryAfterMsOf(apiError(429, { "retry-after": "20" }))).toBe(20_000);
    const date = retryAfterMsOf(apiError(503, { "retry-after": new Date(Date.now() + 10_000).toUTCString() }))!;
    expect(date).toBeGreaterThan(8_000);
    expect(date).toBeLessThanOrEqual(10_000);
    expect(retryAfterMsOf(apiError(429, { "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterMsOf(new Error("x"))).toBeUndefined();
  });

  it("judges the AI SDK's RetryError by its last error", () => {
    const e = modelErrorOf(new RetryError({ message: "x", reason: "maxRetriesExceeded", errors: [apiError(500), apiError(503, { "retry-after": "7" })] }));
    expect([e.status, e.code, new Headers(e.headers).get("retry-after")]).toEqual([503, "model_unavailable", "7"]);
  });

  it("a network failure (no status) is 502 model_unavailable; an unknown error too", () => {
    expect(modelErrorOf(apiError(undefined)).status).toBe(502);
    expect(modelErrorOf(new Error("socket hang up"))).toMatchObject({ status: 502, code: "model_unavailable" });
  });

  it("backs off exponentially for retryable errors, never past the cap, and not at all for others", () => {
    const policy = { maxRetries: 3, timeoutMs: 1000, maxWaitMs: 3000, baseDelayMs: 500 };
    expect([0, 1, 2, 3].map((n) => retryDelayMs(apiError(500), n, policy))).toEqual([500, 1000, 2000, 3000]);
    expect(retryDelayMs(apiError(429, { "retry-after": "2" }), 0, policy)).toBe(2000);
    expect(retryDelayMs(apiError(429, { "retry-after": "4" }), 0, policy)).toBeUndefined();
    expect(retryDelayMs(apiError(400), 0, policy)).toBeUndefined();
    expect(retryDelayMs(new Error("x"), 0, policy)).toBeUndefined();
  });
});
