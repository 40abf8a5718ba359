// A failing model in the browser (issue 13, docs/model-errors.md), against a
// server of the spec's own whose LLM_BASE_URL points at the third-party mock
// `llm-mock` (429 with Retry-After: 3, test/llm-mock.config.mjs):
// 1. the network fails: the message is not sent, the draft stays, Retry is offered at once;
// 2. the model fails (the streamed turn's `error` event, 503 + Retry-After): the error
//    and a Retry counting down appear, the draft stays, no message is shown or duplicated;
// 3. the mock is made healthy (our OpenAI-compatible fake server on the same port),
//    Retry → the reply arrives, the user's message shows once, also after a reload.
import { expect, test } from "@playwright/test";
import { startLlmMock, type LlmMock } from "../test/llm-mock";
import { startOpenAIFakeServer, type OpenAIFakeServer } from "../test/openai-fake-server";
import { OwnServer } from "./own-server";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
const MOCK_PORT = E2E_PORT + 51;
const own = new OwnServer(E2E_PORT + 50, {
  LLM_BASE_URL: `http://127.0.0.1:${MOCK_PORT}/v1`,
  LLM_MODEL: "mock",
  LLM_MAX_RETRIES: "1",
  LLM_RETRY_MAX_WAIT_MS: "0",
  LLM_TIMEOUT_MS: "15000",
});
const REPLY = "Here is a plan for your week: work out, read, rest.";
const TEXT = "Plan my week mock-429-wait";

let mock: LlmMock | undefined;
let healthy: OpenAIFakeServer | undefined;

test.use({ baseURL: own.base });
test.beforeAll(async () => {
  test.setTimeout(60_000);
  mock = await startLlmMock(MOCK_PORT);
  await own.start();
});
test.afterAll(async () => {
  own.kill();
  await mock?.close();
  await healthy?.close();
});

test("a failed send keeps the draft with Retry (countdown for Retry-After); Retry after the model recovers sends it once", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/");
  const input = page.getByTestId("chat-input");
  const error = page.getByTestId("chat-error");
  const retry = page.getByTestId("chat-retry");

  // 1. The network fails before the turn starts.
  await page.route("**/api/chat/agent", (route) => route.abort("internetdisconnected"));
  await input.fill(TEXT);
  await input.press("Enter");
  await expect(error).toHaveAttribute("data-code", "network");
  await expect(error).toContainText("The server could not be reached");
  await expect(retry).toBeEnabled();
  await expect(input).toHaveValue(TEXT);
  await expect(page.getByTestId("message-user")).toHaveCount(0);
  await page.unroute("**/api/chat/agent");

  // 2. Retry reaches the server; the model answers 429 with Retry-After: 3 → the turn's error event (503).
  const turn = page.waitForResponse((r) => r.url().endsWith("/api/chat/agent"));
  await retry.click();
  expect((await turn).status()).toBe(200);
  await expect(error).toHaveAttribute("data-code", "model_unavailable");
  await expect(error).toContainText("The planning model is busy");
  await expect(retry).toBeDisabled();
  await expect(retry).toHaveText(/Retry in [1-3] s/);
  await expect(input).toHaveValue(TEXT);
  await expect(page.getByTestId("message-user")).toHaveCount(0);
  await expect(page.getByTestId("message-assistant")).toHaveCount(0);
  // The countdown runs out and Retry is enabled.
  await expect(retry).toBeEnabled({ timeout: 6_000 });
  await expect(retry).toHaveText("Retry");
  expect(mock!.requests()).toBeGreaterThanOrEqual(1);

  // 3. The model recovers: our fake OpenAI-compatible server on the mock's port.
  await mock!.close();
  mock = undefined;
  healthy = await startOpenAIFakeServer((body) => (body.stream ? REPLY : JSON.stringify({ reply: REPLY, actions: [] })), { port: MOCK_PORT });
  await retry.click();
  await expect(page.getByTestId("message-assistant")).toHaveCount(1);
  await expect(page.getByTestId("message-assistant").first()).toContainText(REPLY);
  await expect(page.getByTestId("message-user")).toHaveCount(1);
  await expect(page.getByTestId("message-user").first()).toContainText(TEXT);
  await expect(error).toHaveCount(0);
  await expect(input).toHaveValue("");
  expect(healthy.requests.length).toBe(2);

  // What the server kept: the message once, and the reply.
  await expect(page).toHaveURL(/\/c\/[^/]+$/);
  await page.reload();
  await expect(page.getByTestId("message-assistant")).toHaveCount(1);
  await expect(page.getByTestId("message-user")).toHaveCount(1);
});
