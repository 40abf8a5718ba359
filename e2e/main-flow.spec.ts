// The main job in a real browser: goal → instant reply → live log → plan tree → collapsed summary.
import { expect, test } from "@playwright/test";
import { ChatPage } from "./chat-page";

test("a goal gets a reply, a live log over SSE, a filled plan tree and a collapsed summary", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.recordTransports();
  const pressed = await chat.send("Plan the launch of a mobile app in 6 weeks");

  await expect(chat.assistantMessages).toHaveCount(1);
  const replyMs = Date.now() - pressed;
  await chat.waitForLiveLine();
  const firstLineMs = Date.now() - pressed;

  // Every job ends succeeded and its panel collapses to a summary.
  const tabs = page.getByRole("tab");
  const tabCount = await tabs.count();
  expect(tabCount).toBe(2);
  for (let i = 0; i < tabCount; i++) {
    await tabs.nth(i).click();
    const panel = page.locator('[data-testid="job-log-panel"]:visible');
    await expect(panel).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
    await expect(panel).toHaveAttribute("data-collapsed", "true");
    await expect(panel.getByTestId("job-log-summary")).toBeVisible();
  }
  const doneMs = Date.now() - pressed;

  // The plan tree filled: top-level tasks, each with subtasks.
  await expect(page.getByTestId("plan-tree")).toBeVisible();
  const top = page.locator('[data-testid="plan-task"][data-depth="0"]');
  await expect.poll(() => top.count()).toBeGreaterThanOrEqual(3);
  await expect.poll(() => page.locator('[data-testid="plan-task"][data-depth="1"]').count()).toBeGreaterThanOrEqual(await top.count());

  // "View details" re-opens the full log, which ends with the terminal status line.
  const panel = page.locator('[data-testid="job-log-panel"]:visible');
  await panel.getByTestId("job-log-expand").click();
  await expect(panel).toHaveAttribute("data-collapsed", "false");
  await expect(panel.locator('[data-testid="job-log-line"][data-kind="status"]').last()).toContainText(/succeeded/i);

  expect(await chat.transportsSeen()).toContain("sse");
  console.log(`[timing] reply ${replyMs} ms, first live log line ${firstLineMs} ms, all jobs done ${doneMs} ms after Enter`);
});

test("cancel is explicit: the Cancel button stops a running decomposition and the panel says so", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.send("Plan a conference for 500 people in 4 months");
  // The decomposition's tab is the one open by default (the job still to run), no click needed.
  const panel = page.locator('[data-testid="job-log-panel"]:visible');
  await expect(panel).toHaveAttribute("data-job-type", "plan_decompose");
  // A loaded machine takes seconds per test step: the click goes to the button at once, without waiting for a stable layout.
  await panel.getByTestId("job-log-cancel").dispatchEvent("click");
  await expect(panel).toHaveAttribute("data-status", "cancelled");
  await expect(panel.getByTestId("job-log-cancel")).toHaveCount(0);
  await expect(panel.locator('[data-testid="job-log-line"][data-kind="status"]').last()).toContainText("cancelled by request");
  await expect(page.locator('[data-testid="action-tag"][data-kind="decompose_task"]')).toHaveAttribute("data-status", "cancelled");
});
