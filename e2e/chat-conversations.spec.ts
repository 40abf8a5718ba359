// Conversation titles and support: the title follows the plan, a rename in the
// list sticks (a later plan no longer changes it), and support opening another
// user's conversation reads it without a message box.
import { expect, test } from "@playwright/test";
import { ChatPage } from "./chat-page";

test("the title follows the plan; a rename in the list sticks", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.sendAndSettle("Plan a trip to Paris");
  const heading = page.getByTestId("conversation-title");
  const itemTitle = page.getByTestId("conversation-item-title");
  await expect(heading).toHaveText("Paris trip");
  await expect(itemTitle).toHaveText("Paris trip");

  // Keyboard: the rename button is reachable and labelled; Enter saves.
  const rename = page.getByTestId("conversation-rename");
  await expect(rename).toHaveAttribute("aria-label", "Rename “Paris trip”");
  await rename.focus();
  await page.keyboard.press("Enter");
  const field = page.getByTestId("conversation-rename-input");
  await expect(field).toBeFocused();
  await field.fill("Our Paris notes");
  await field.press("Enter");
  await expect(itemTitle).toHaveText("Our Paris notes");
  await expect(heading).toHaveText("Our Paris notes");

  // Escape cancels an edit.
  await rename.click();
  await field.fill("Not this");
  await field.press("Escape");
  await expect(itemTitle).toHaveText("Our Paris notes");

  // A new plan in the conversation no longer changes the title, also after a reload.
  await chat.sendAndSettle("new plan for a trip to Rome");
  await page.reload();
  await expect(heading).toHaveText("Our Paris notes");
  await expect(itemTitle).toHaveText("Our Paris notes");
});

test("support opens another user's conversation read-only: a notice, no message box, no Resume, rename or plan editing", async ({ page, browser }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.sendAndSettle("Plan the launch of a mobile app in 6 weeks");
  await expect(page).toHaveURL(/\/c\/[^/]+$/);
  const url = new URL(page.url());

  const context = await browser.newContext();
  const support = await context.newPage();
  await support.goto("/support");
  await support.getByTestId("support-token").fill("e2e-support-token");
  await support.getByTestId("support-submit").click();
  await expect(support).toHaveURL(/\/jobs/);
  await support.goto(url.pathname);
  await expect(support.getByTestId("read-only-notice")).toBeVisible();
  await expect(support.getByTestId("read-only-notice")).toContainText("belongs to another user");
  await expect(support.getByTestId("message-assistant")).toHaveCount(1);
  await expect(support.getByTestId("job-tab")).toHaveCount(2);
  await expect(support.getByTestId("chat-input")).toHaveCount(0);
  await expect(support.getByTestId("chat-send")).toHaveCount(0);
  const row = support.locator(`[data-testid="conversation-item"][data-conversation-id="${decodeURIComponent(url.pathname.split("/").pop()!)}"]`);
  await expect(row).toHaveCount(1);
  await expect(support.getByTestId("conversation-rename")).toHaveCount(0);
  // The plan tree reads, but offers no editing: statuses without menus, no actions, no "Add task".
  const tasks = support.getByTestId("plan-task");
  await expect(tasks.first()).toBeVisible();
  await expect(support.getByTestId("plan-task-status").first()).toBeVisible();
  await expect(support.getByTestId("plan-task-menu")).toHaveCount(0);
  await expect(support.getByTestId("plan-add-task")).toHaveCount(0);
  await support.getByTestId("plan-task-title").first().dblclick();
  await expect(support.getByTestId("plan-task-rename-input")).toHaveCount(0);
  // The owner's own view of the same plan still edits.
  await expect(page.getByTestId("plan-task-menu").first()).toHaveCount(1);
  await expect(page.getByTestId("plan-add-task")).toBeVisible();
  await context.close();
});
