// The chat on a 390×844 phone and on a desktop: the conversation list is a
// drawer on the phone, nothing scrolls sideways or squeezes text into a
// column, the plan drawer says "Plan" once, and the message list stays at the
// newest content (tabs switched, a panel grown) until the user scrolls up.
import { expect, test } from "@playwright/test";
import { ChatPage } from "./chat-page";

const PHONE = { width: 390, height: 844 };

test.describe("phone", () => {
  test.use({ viewport: PHONE });

  test("conversation drawer, no sideways scroll, plan drawer, stays at the newest content", async ({ page }, testInfo) => {
    const chat = new ChatPage(page);
    await chat.open();
    // No sider squeezing the chat: the list hides behind the menu button.
    await expect(page.getByTestId("open-conversations")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Conversations" })).toBeHidden();

    const reply = await chat.sendAndSettle("Plan the launch of a mobile app in 6 weeks");
    const input = await chat.input.boundingBox();
    const send = await page.getByTestId("chat-send").boundingBox();
    expect(input!.width).toBeGreaterThan(250);
    expect(send!.x + send!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await chat.pageScrollWidth()).toBeLessThanOrEqual(PHONE.width);
    expect(await chat.squeezedText()).toEqual([]);
    await expect.poll(() => chat.messageListDistanceFromBottom()).toBeLessThanOrEqual(48);
    await page.screenshot({ path: testInfo.outputPath("chat-phone.png") });

    // Switching tabs and growing a panel keep the newest content in view.
    const tabs = reply.getByTestId("job-tab");
    await tabs.first().click();
    await expect(chat.visiblePanel()).toHaveAttribute("data-job-type", "chat_actions");
    await expect.poll(() => chat.messageListDistanceFromBottom()).toBeLessThanOrEqual(48);
    await tabs.last().click();
    await expect(chat.visiblePanel()).toHaveAttribute("data-job-type", "plan_decompose");
    await chat.visiblePanel().getByTestId("job-log-expand").click();
    await expect(chat.visiblePanel()).toHaveAttribute("data-collapsed", "false");
    await expect.poll(() => chat.messageListDistanceFromBottom()).toBeLessThanOrEqual(48);
    expect(await chat.pageScrollWidth()).toBeLessThanOrEqual(PHONE.width);
    expect(await chat.squeezedText()).toEqual([]);

    // Scrolled up by the user: no pull to the bottom, a "jump to latest" button instead.
    await chat.send("asdf qwer zxcv");
    await expect(chat.assistantMessages).toHaveCount(2);
    const list = page.getByTestId("message-list");
    expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    // A user's scroll: the same "scroll" event a wheel or a drag fires.
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(page.getByTestId("chat-jump-latest")).toBeVisible();
    expect(await chat.messageListDistanceFromBottom()).toBeGreaterThan(48);
    await page.getByTestId("chat-jump-latest").click();
    await expect.poll(() => chat.messageListDistanceFromBottom()).toBeLessThanOrEqual(48);
    await expect(page.getByTestId("chat-jump-latest")).toHaveCount(0);

    // The conversation list as an overlay drawer.
    await page.getByTestId("open-conversations").click();
    const item = page.locator('[data-testid="conversation-item"]:visible');
    await expect(item).toHaveCount(1);
    await expect(item).toBeVisible();
    expect(await chat.pageScrollWidth()).toBeLessThanOrEqual(PHONE.width);
    expect(await chat.squeezedText()).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath("chat-phone-conversations.png") });
    await item.click();
    await expect(item).toHaveCount(0);

    // The plan drawer fits and says "Plan" once.
    await page.getByTestId("open-plan").click();
    // The pointer stays where "Plan" was, over the drawer's "?" button: move it off, or its tooltip is measured too.
    await page.mouse.move(20, PHONE.height - 20);
    await expect(page.getByTestId("plan-shortcuts-body")).toBeHidden();
    const drawerTree = page.locator(".ant-drawer-open").getByTestId("plan-tree");
    await expect(drawerTree).toBeVisible();
    await expect(page.locator(".ant-drawer-open").getByText("Plan", { exact: true })).toHaveCount(1);
    const box = await page.locator(".ant-drawer-open .ant-drawer-section").boundingBox();
    expect(box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await chat.pageScrollWidth()).toBeLessThanOrEqual(PHONE.width);
    expect(await chat.squeezedText()).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath("chat-phone-plan.png") });
    await page.getByTestId("plan-drawer-close").click();
    await expect(drawerTree).toHaveCount(0);
  });
});

test("desktop: the list is a sider, the plan a pane; no sideways scroll", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const chat = new ChatPage(page);
  await chat.open();
  await chat.sendAndSettle("Organise a two-day team offsite for 20 people");
  await expect(page.getByTestId("open-conversations")).toBeHidden();
  await expect(page.locator('[data-testid="conversation-item"]:visible')).toHaveCount(1);
  await expect(page.getByTestId("plan-tree")).toBeVisible();
  expect(await chat.pageScrollWidth()).toBeLessThanOrEqual(1440);
  expect(await chat.squeezedText()).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("chat-desktop.png") });
});
