// Rate limits on a real `next start` (own server, short windows): the client
// address comes from the socket, so spoofed X-Forwarded-For / peer headers do
// not open new buckets; a chat over the session's budget answers 429 with
// Retry-After and the RateLimit fields, the browser keeps the draft and counts
// Retry down, and after the window the same session is admitted again.
import { expect, test } from "@playwright/test";
import { ChatPage } from "./chat-page";
import { OwnServer } from "./own-server";

const own = new OwnServer(Number(process.env.E2E_PORT ?? 3210) + 60, {
  LLM_OFFLINE_LATENCY_MS: "50",
  SUPPORT_TOKEN: "rate-limit-support-token",
  RATE_LIMIT_WINDOW_S: "8",
  RATE_LIMIT_CHAT_PER_MIN: "2",
  RATE_LIMIT_SIGNIN_TRIES: "2",
  RATE_LIMIT_SIGNIN_WINDOW_S: "60",
});

test.beforeAll(async () => {
  await own.start();
});
test.afterAll(() => own.kill());

test("the client address is the socket's: spoofed X-Forwarded-For and peer headers share one sign-in bucket", async ({ playwright }) => {
  // A fresh API context per try: no cookie, so every try is a new session and only the address bucket can refuse.
  const tryToken = async (spoof: string) => {
    const api = await playwright.request.newContext({ baseURL: own.base });
    try {
      const res = await api.post("/api/session/support", { data: { token: "wrong-token" }, headers: { "X-Forwarded-For": spoof, "X-Planstream-Peer": spoof } });
      return { status: res.status(), body: (await res.json()) as { error: { code: string } } };
    } finally {
      await api.dispose();
    }
  };
  expect((await tryToken("203.0.113.1")).status).toBe(401);
  expect((await tryToken("203.0.113.2")).status).toBe(401);
  const third = await tryToken("203.0.113.3");
  expect([third.status, third.body.error.code]).toEqual([429, "rate_limited"]);
});

test("over the chat budget: 429 with Retry-After and RateLimit, the page says when to retry, and the window's end admits again", async ({ page }) => {
  // The page first, so the budget is spent right before the page's own send (a slow page load cannot outlast the window).
  const ui = new ChatPage(page);
  await page.goto(own.base);
  await expect(ui.input).toBeVisible();
  const chat = () => page.request.post(`${own.base}/api/chat/message`, { data: { message: "hello" } });
  const first = await chat();
  expect(first.status()).toBe(202);
  expect(first.headers()["ratelimit-policy"]).toBe(`"chat-session";q=2;w=8, "chat-address";q=10;w=8`);
  expect((await chat()).status()).toBe(202);
  const refused = await chat();
  expect(refused.status()).toBe(429);
  const wait = Number(refused.headers()["retry-after"]);
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(refused.headers()["ratelimit"]).toBe(`"chat-session";r=0;t=${wait}`);
  expect(await refused.json()).toEqual({ error: { code: "rate_limited", message: `Too many requests; try again in ${wait} s`, details: { retryAfterSeconds: wait } } });

  // The page's own send is refused too: the draft stays, the alert says why, Retry counts down the wait.
  await ui.send("Plan a trip to Lisbon");
  await expect(page.getByTestId("chat-error")).toContainText("You are sending messages too quickly");
  await expect(page.getByTestId("chat-retry")).toHaveText(/Retry in \d+ s/);
  await expect(page.getByTestId("chat-retry")).toBeDisabled();
  await expect(ui.input).toHaveValue("Plan a trip to Lisbon");

  // Once the wait is over Retry is enabled and sends the kept draft.
  await expect(page.getByTestId("chat-retry")).toBeEnabled({ timeout: 12_000 });
  await page.getByTestId("chat-retry").click();
  await expect(ui.assistantMessages).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId("message-user")).toHaveText(["Plan a trip to Lisbon"]);
});
