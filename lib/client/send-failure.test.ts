// A failed send in one shape: ApiError (429 rate_limited with retryAfterSeconds,
// network), a streamed turn's `error` event data, anything else; its sentence
// in two languages; the Retry-After countdown.
import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { translator } from "./i18n";
import { failureReason, failureText, retryWaitLeft } from "./send-failure";

describe("failureReason", () => {
  it("reads an ApiError's code, message and details.retryAfterSeconds", () => {
    expect(failureReason(new ApiError(429, "rate_limited", "Too many requests", { retryAfterSeconds: 12 }))).toEqual({ code: "rate_limited", message: "Too many requests", retryAfterSeconds: 12 });
    expect(failureReason(new ApiError(0, "network", "Network error: the server could not be reached"))).toEqual({ code: "network", message: "Network error: the server could not be reached" });
    expect(failureReason(new ApiError(404, "not_found", "Conversation not found", { retryAfterSeconds: "x" }))).toEqual({ code: "not_found", message: "Conversation not found" });
  });

  it("reads the streamed turn's error event (rounding the wait up)", () => {
    expect(failureReason({ code: "model_unavailable", message: "busy", status: 503, retryAfterSeconds: 2.2 })).toEqual({ code: "model_unavailable", message: "busy", retryAfterSeconds: 3 });
    expect(failureReason({ code: "model_bad_output", message: "bad", status: 502 })).toEqual({ code: "model_bad_output", message: "bad" });
  });

  it("anything else is internal with its message", () => {
    expect(failureReason(new Error("boom"))).toEqual({ code: "internal", message: "boom" });
  });
});

describe("failureText", () => {
  const en = translator("en");
  const ja = translator("ja");
  it("has words for the model's failures, the rate limit and the network; else the server's sentence", () => {
    expect(failureText(en, { code: "model_unavailable", message: "x", retryAfterSeconds: 20 })).toBe("The planning model is busy. Your message was not sent; it is still in the box.");
    expect(failureText(en, { code: "model_unavailable", message: "x" })).toBe("The planning model did not answer. Your message was not sent; it is still in the box.");
    expect(failureText(ja, { code: "rate_limited", message: "x", retryAfterSeconds: 5 })).toBe("送信が速すぎます。メッセージは送信されず、入力欄に残っています。");
    expect(failureText(en, { code: "not_found", message: "Conversation not found" })).toBe("Conversation not found Your message was not sent; it is still in the box.");
  });
});

describe("retryWaitLeft", () => {
  it("counts whole seconds down from the failure to 0", () => {
    const f = { retryAfterSeconds: 3, at: 10_000 };
    expect([10_000, 10_001, 11_000, 12_500, 13_000, 20_000].map((now) => retryWaitLeft(f, now))).toEqual([3, 3, 2, 1, 0, 0]);
    expect(retryWaitLeft({ at: 10_000 }, 10_000)).toBe(0);
  });
});
