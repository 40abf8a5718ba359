// With every stream request aborted, the panel still completes by polling /events.
import { expect, test } from "@playwright/test";
import { ChatPage } from "./chat-page";

test("the panel completes by polling when the stream endpoint is unreachable", async ({ page }) => {
  let aborted = 0;
  await page.route(/\/api\/(streams|jobs\/[^/]+\/stream)/, (route) => {
    aborted += 1;
    return route.abort("connectionrefused");
  });
  const polls: string[] = [];
  page.on("request", (r) => {
    if (/\/api\/jobs\/[^/]+\/events\?after=/.test(r.url())) polls.push(r.url());
  });

  const chat = new ChatPage(page);
  await chat.open();
  await chat.recordTransports();
  await chat.send("帮我规划一次为期三天的杭州旅行");
  await expect(chat.assistantMessages).toHaveCount(1);

  const tabs = page.getByRole("tab");
  await expect(tabs).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    await tabs.nth(i).click();
    const panel = page.locator('[data-testid="job-log-panel"]:visible');
    await expect(panel).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
    await expect(panel).toHaveAttribute("data-collapsed", "true");
  }
  expect(aborted).toBeGreaterThan(0);
  expect(polls.length).toBeGreaterThan(0);
  expect(await chat.transportsSeen()).toContain("polling");
  expect(await chat.transportsSeen()).not.toContain("sse");
  await expect.poll(() => page.locator('[data-testid="plan-task"]').count()).toBeGreaterThanOrEqual(3);
});
