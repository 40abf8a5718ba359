// The streamed reply in the browser (issue 12): the reply types out with a caret,
// tool chips, Markdown (sanitized), Stop keeps the partial text and creates no
// jobs, a reload mid-reply completes it once, /c/{id} with reload and back/forward.
import { expect, test, type Page } from "@playwright/test";
import type { ConversationDetail } from "@/lib/shared/chat";
import { ChatPage } from "./chat-page";

/** Records the text length of each render of the streaming reply (`window.__typed`). */
async function recordTyping(page: Page): Promise<void> {
  await page.evaluate(() => {
    const lengths: number[] = [];
    (window as unknown as { __typed: number[] }).__typed = lengths;
    new MutationObserver(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="message-text"][data-streaming="true"]');
      const n = el?.textContent?.length ?? -1;
      if (el && n !== lengths.at(-1)) lengths.push(n);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

const conversationIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);

async function storedReply(page: Page, id: string): Promise<ConversationDetail["messages"]> {
  return ((await (await page.request.get(`/api/conversations/${id}`)).json()) as ConversationDetail).messages.filter((m) => m.role === "assistant");
}

test("a reply types out with a caret, then its actions and jobs; the URL names the conversation", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await recordTyping(page);
  await chat.send("Organise a two-day team offsite for 20 people");
  // The user's message shows at once, the reply types out in several renders.
  await expect(page.getByTestId("message-user")).toHaveText("Organise a two-day team offsite for 20 people");
  const reply = chat.assistantMessages.first();
  await expect(reply.getByTestId("message-text")).toHaveAttribute("data-streaming", "true");
  await expect(page).toHaveURL(/\/c\/[^/]+$/);
  await expect(reply).toHaveAttribute("data-turn-phase", "completed", { timeout: 30_000 });
  await expect(reply.getByTestId("message-text")).toHaveAttribute("data-streaming", "false");
  const typed = await page.evaluate(() => (window as unknown as { __typed: number[] }).__typed);
  expect(typed.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
  // Growing, never shrinking: no repeated or lost text while typing.
  for (let i = 1; i < typed.length; i++) expect(typed[i]).toBeGreaterThanOrEqual(typed[i - 1]);
  await expect(reply.getByTestId("action-tag").first()).toBeVisible();
  await expect(reply.getByTestId("job-tab").first()).toBeVisible();
  const [stored] = await storedReply(page, conversationIdOf(page));
  expect(stored.metadata?.turn?.stopped).toBe(false);
});

test("tool chips, Markdown and an inert XSS payload", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.send("how much is 12 * 35 EUR?");
  const reply = chat.assistantMessages.first();
  const chip = reply.getByTestId("tool-chip");
  await expect(chip.first()).toHaveAttribute("data-tool", "calculate");
  await expect(chip.first()).toHaveAttribute("data-state", "done");
  await expect(reply).toHaveAttribute("data-turn-phase", "completed", { timeout: 30_000 });
  // **420** renders bold, not with asterisks.
  await expect(reply.locator('[data-testid="message-markdown"] strong').first()).toContainText("420");
  await expect(reply.getByTestId("message-text")).not.toContainText("**");

  // A list: the tasks of a plan.
  await chat.sendAndSettle("Plan a trip to Paris");
  await chat.send("what tasks are left?");
  const list = chat.assistantMessages.nth(2);
  await expect(list).toHaveAttribute("data-turn-phase", "completed", { timeout: 30_000 });
  expect(await list.locator('[data-testid="message-markdown"] li').count()).toBeGreaterThan(1);

  // HTML in a message stays text: no element, no script run.
  const payload = 'Plan a party <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> [x](javascript:window.__xss=3)';
  await chat.send(payload);
  await expect(page.getByTestId("message-user").last()).toHaveText(payload);
  const last = chat.assistantMessages.nth(3);
  await expect(last).toHaveAttribute("data-turn-phase", "completed", { timeout: 30_000 });
  await page.reload();
  await expect(chat.assistantMessages).toHaveCount(4);
  await expect(page.getByTestId("message-user").last()).toHaveText(payload);
  // After the reload the first reply still shows its tool call, from the stored message.
  const reloadedChip = chat.assistantMessages.first().getByTestId("tool-chip");
  await expect(reloadedChip).toHaveCount(1);
  await expect(reloadedChip).toHaveAttribute("data-tool", "calculate");
  await expect(reloadedChip).toHaveAttribute("data-state", "done");
  expect(await page.locator('[data-testid="message-list"] img, [data-testid="message-list"] script').count()).toBe(0);
  for (const a of await page.locator('[data-testid="message-markdown"] a').all()) {
    expect(await a.getAttribute("href")).not.toMatch(/^javascript:/i);
    expect(await a.getAttribute("rel")).toBe("noopener noreferrer");
  }
  await last.click();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test("Stop mid-reply keeps the partial text, marks it stopped and creates no jobs", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.send("Plan the launch of a mobile app in 6 weeks");
  const reply = chat.assistantMessages.first();
  await expect(reply.getByTestId("message-text")).not.toHaveText("", { timeout: 15_000 });
  await page.getByTestId("chat-stop").click();
  await expect(reply).toHaveAttribute("data-turn-phase", "stopped");
  await expect(reply.getByTestId("turn-stopped")).toBeVisible();
  const partial = (await reply.getByTestId("message-text").textContent())!;
  expect(partial.length).toBeGreaterThan(0);
  await expect(reply.getByTestId("action-tag")).toHaveCount(0);
  await expect(page.getByTestId("job-log-panel")).toHaveCount(0);
  // Stored as the partial reply, marked stopped, with no jobs; after a reload still so.
  const id = conversationIdOf(page);
  const [stored] = await storedReply(page, id);
  expect(stored.metadata?.turn?.stopped).toBe(true);
  expect(stored.metadata?.jobs ?? []).toEqual([]);
  await page.reload();
  await expect(chat.assistantMessages).toHaveCount(1);
  await expect(chat.assistantMessages.first().getByTestId("turn-stopped")).toBeVisible();
  await expect(chat.assistantMessages.first().getByTestId("message-text")).toHaveText(partial);
  // The composer is free again.
  await expect(chat.input).toBeEnabled();
  await expect(page.getByTestId("chat-send")).toBeVisible();
});

test("/c/{id} survives a reload and follows back and forward", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.send("hello");
  await expect(chat.assistantMessages.first()).toHaveAttribute("data-turn-phase", "completed", { timeout: 30_000 });
  await expect(page).toHaveURL(/\/c\/[^/]+$/);
  const first = conversationIdOf(page);
  await page.getByTestId("new-conversation").click();
  await expect(page).toHaveURL(/\/$/);
  await chat.send("how much is 2 + 3?");
  await expect(page).toHaveURL(/\/c\/[^/]+$/);
  const second = conversationIdOf(page);
  expect(second).not.toBe(first);
  await expect(chat.assistantMessages.first()).toHaveAttribute("data-turn-phase", "completed", { timeout: 30_000 });
  await page.locator(`[data-testid="conversation-item"][data-conversation-id="${first}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/c/${first}$`));
  await expect(page.getByTestId("message-user")).toHaveText("hello");
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/c/${second}$`));
  await expect(page.getByTestId("message-user")).toHaveText("how much is 2 + 3?");
  await page.goForward();
  await expect(page).toHaveURL(new RegExp(`/c/${first}$`));
  await expect(page.getByTestId("message-user")).toHaveText("hello");
  await page.reload();
  await expect(page.getByTestId("message-user")).toHaveText("hello");
  await expect(page.locator(`[data-testid="conversation-item"][data-conversation-id="${first}"]`)).toHaveAttribute("aria-current", "page");
  // The older ?c= address leads to /c/{id}.
  await page.goto(`/?c=${second}`);
  await expect(page).toHaveURL(new RegExp(`/c/${second}$`));
  await expect(page.getByTestId("message-user")).toHaveText("how much is 2 + 3?");
});
