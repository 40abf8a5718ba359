// The streamed chat against a slow offline model (3 s to the first word, 300 ms a
// word after; its own server on port 3296): a reload mid-reply resumes the reply from
// its cursor, and deleting a conversation whose jobs still run takes the 409 path.
import { expect, test, type Page } from "@playwright/test";
import type { ConversationDetail } from "@/lib/shared/chat";
import { ChatPage } from "./chat-page";
import { OwnServer } from "./own-server";

const own = new OwnServer(3296, { LLM_OFFLINE_LATENCY_MS: "3000", JOB_CONCURRENCY: "8" });
test.use({ baseURL: own.base });
test.beforeAll(async () => {
  test.setTimeout(60_000);
  await own.start();
});
test.afterAll(() => own.kill());
test.setTimeout(120_000);

const conversationIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);

async function storedReply(page: Page, id: string): Promise<ConversationDetail["messages"]> {
  return ((await (await page.request.get(`/api/conversations/${id}`)).json()) as ConversationDetail).messages.filter((m) => m.role === "assistant");
}

test("a reload mid-reply resumes the reply from its cursor: it completes once, with no repeated or missing text", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.send("Organise a two-day team offsite for 20 people");
  const reply = chat.assistantMessages.first();
  await expect(reply.getByTestId("message-text")).toHaveAttribute("data-streaming", "true");
  await expect(reply.getByTestId("message-text")).not.toHaveText("", { timeout: 15_000 });
  await expect(page).toHaveURL(/\/c\/[^/]+$/);
  const id = conversationIdOf(page);
  await page.reload();
  // Reopened on the same conversation, the reply goes on typing (resumed: still streaming) and completes once.
  await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
  await expect(chat.assistantMessages).toHaveCount(1);
  await expect(chat.assistantMessages.first()).toHaveAttribute("data-turn-phase", "streaming");
  await expect(chat.assistantMessages.first()).toHaveAttribute("data-turn-phase", "completed", { timeout: 30_000 });
  const resumed = await chat.assistantMessages.first().getByTestId("message-text").innerText();
  await expect(chat.assistantMessages.first().getByTestId("action-tag").first()).toBeVisible();
  // The stored reply rendered on a fresh load is exactly the text the resumed stream typed.
  await page.reload();
  await expect(chat.assistantMessages).toHaveCount(1);
  await expect(chat.assistantMessages.first().getByTestId("message-text")).toHaveText(resumed);
  const [stored] = await storedReply(page, id);
  expect(stored.content.length).toBeGreaterThan(20);
  await expect(page.getByTestId("message-user")).toHaveCount(1);
});

test("deleting while its jobs run: 409, then Cancel them and delete", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.send("Plan the launch of a mobile app in 6 weeks");
  const reply = chat.assistantMessages.first();
  await expect(reply.getByTestId("action-tag").first()).toBeVisible({ timeout: 60_000 });
  const id = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  const jobIds = await reply.getByTestId("job-tab").evaluateAll((els) => els.map((e) => e.getAttribute("data-job-id")!));
  expect(jobIds.length).toBeGreaterThan(0);
  await page.getByTestId("conversation-delete").click();
  await page.getByTestId("conversation-delete-confirm").click();
  await expect(page.getByTestId("conversation-delete-busy")).toBeVisible();
  await page.getByTestId("conversation-cancel-and-delete").click();
  await expect(page.getByTestId("conversation-item")).toHaveCount(0, { timeout: 30_000 });
  expect((await page.request.get(`/api/conversations/${id}`)).status()).toBe(404);
  for (const j of jobIds) expect((await page.request.get(`/api/jobs/${j}`)).status()).toBe(404);
});
