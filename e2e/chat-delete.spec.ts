// Deleting and searching conversations (issue 12): search filters by title, delete asks
// first (the 409 path, with jobs still running, is in chat-stream-slow.spec.ts).
import { expect, test } from "@playwright/test";
import { ChatPage } from "./chat-page";

test("search filters the list by title; delete asks first and removes the conversation", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.sendAndSettle("Plan a trip to Paris");
  const paris = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  await page.getByTestId("new-conversation").click();
  await chat.send("hello");
  await expect(chat.assistantMessages.first()).toHaveAttribute("data-turn-phase", "completed", { timeout: 30_000 });
  const items = page.getByTestId("conversation-item");
  await expect(items).toHaveCount(2);

  const search = page.getByTestId("conversation-search");
  await search.fill("paris");
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveAttribute("data-conversation-id", paris);
  await search.fill("nothing like this");
  await expect(page.getByTestId("conversation-no-matches")).toBeVisible();
  await search.fill("");
  await expect(items).toHaveCount(2);

  // Delete the open one: Cancel keeps it, Delete removes it with its plan and jobs and leaves for a new chat.
  await page.locator(`[data-testid="conversation-item"][data-conversation-id="${paris}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/c/${paris}$`));
  const row = page.locator('[data-testid="conversation-row"]').filter({ has: page.locator(`[data-conversation-id="${paris}"]`) });
  await row.getByTestId("conversation-delete").click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(items).toHaveCount(2);
  const planId = await chat.shownPlanId();
  await row.getByTestId("conversation-delete").click();
  await page.getByTestId("conversation-delete-confirm").click();
  await expect(items).toHaveCount(1);
  await expect(page).toHaveURL(/\/$/);
  expect((await page.request.get(`/api/conversations/${paris}`)).status()).toBe(404);
  expect((await page.request.get(`/api/plans/${planId}`)).status()).toBe(404);
});
