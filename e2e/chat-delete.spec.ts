// Deleting and searching conversations (issue 12): delete asks first; while its jobs
// run the server answers 409 and the list offers "Cancel them and delete".
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
  await items.first().click();
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

test("deleting while its jobs run: 409, then Cancel them and delete", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.send("Plan the launch of a mobile app in 6 weeks");
  const reply = chat.assistantMessages.first();
  await expect(reply.getByTestId("action-tag").first()).toBeVisible({ timeout: 30_000 });
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
