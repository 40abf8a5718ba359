// What the browser makes of a refused request: the limits' 429s become a
// sentence in the UI language saying when to retry, and the ApiError carries
// retryAfterSeconds (from the body, else Retry-After). The 429s here are real
// answers of the route handlers (rate limits on, 1 chat per window).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  Object.assign(process.env, { RATE_LIMIT_ENABLED: "true", RATE_LIMIT_CHAT_PER_MIN: "1", RATE_LIMIT_WINDOW_S: "30" });
});

import { POST as postMessage } from "@/app/api/chat/message/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { LANGUAGES } from "@/lib/shared/language";
import type { ErrorBody } from "@/lib/shared/errors";
import { TestUser } from "@/test/http";
import { ApiError, apiErrorOf, apiErrorText, retryAfterOf } from "./api";
import { translator } from "./i18n";

const EXPECTED: Record<(typeof LANGUAGES)[number], string> = {
  en: "Too many requests — try again in 42 s",
  "zh-CN": "请求过多 — 请在 42 秒后重试",
  ja: "リクエストが多すぎます — 42 秒後にもう一度お試しください",
  es: "Demasiadas solicitudes — inténtalo de nuevo en 42 s",
  fr: "Trop de requêtes — réessayez dans 42 s",
};

describe("retryAfterOf", () => {
  it("prefers details.retryAfterSeconds, else Retry-After in seconds or as an HTTP-date", () => {
    const now = Date.parse("2026-12-05T10:00:00Z");
    expect(retryAfterOf({ retryAfterSeconds: 7 }, "99", now)).toBe(7);
    expect(retryAfterOf(undefined, "12", now)).toBe(12);
    expect(retryAfterOf({}, "Sat, 05 Dec 2026 10:01:30 GMT", now)).toBe(90);
    expect(retryAfterOf({ retryAfterSeconds: "soon" }, null, now)).toBeUndefined();
    expect(retryAfterOf(undefined, "tomorrow-ish", now)).toBeUndefined();
  });
});

describe("apiErrorText", () => {
  it.each(LANGUAGES)("formats rate_limited in %s with the seconds to wait", (lang) => {
    expect(apiErrorText("rate_limited", "Too many requests; try again in 42 s", 42, translator(lang))).toBe(EXPECTED[lang]);
  });

  it("names the daily budget in hours and the job queue; other codes keep the server's message", () => {
    const t = translator("en");
    expect(apiErrorText("token_budget_exhausted", "…", 5400, t)).toBe("Today's model budget is used up — try again in about 2 h");
    expect(apiErrorText("too_many_jobs", "…", undefined, t)).toBe("Too many jobs are waiting to start — wait for some to start, or cancel some");
    expect(apiErrorText("not_found", "Plan not found", undefined, t)).toBe("Plan not found");
  });
});

describe("apiErrorOf on a real 429", () => {
  beforeAll(async () => {
    await startServer();
  });
  afterAll(async () => {
    await stopServer();
    await getDeps().db.$disconnect();
  });

  it("carries retryAfterSeconds and the localized sentence", async () => {
    const user = new TestUser();
    const send = () => user.call(postMessage, { url: "/api/chat/message", body: { message: "hello" } });
    expect((await send()).status).toBe(202);
    const res = await send();
    expect(res.status).toBe(429);
    const body = (await res.json()) as ErrorBody;
    const seconds = Number(res.headers.get("retry-after"));
    const fr = apiErrorOf(res, body, translator("fr"));
    expect(fr).toBeInstanceOf(ApiError);
    expect([fr.status, fr.code, fr.retryAfterSeconds, fr.message, fr.details]).toEqual([429, "rate_limited", seconds, `Trop de requêtes — réessayez dans ${seconds} s`, { retryAfterSeconds: seconds }]);
    // Without a body (a proxy's 429), Retry-After alone says when.
    const bare = apiErrorOf(new Response("", { status: 429, headers: { "Retry-After": "9" } }), { error: { code: "rate_limited", message: "x" } }, translator("en"));
    expect([bare.retryAfterSeconds, bare.message]).toEqual([9, "Too many requests — try again in 9 s"]);
  });
});
