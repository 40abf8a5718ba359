// Page object for the chat page (data-testid selectors).
import { expect, type Locator, type Page } from "@playwright/test";

export class ChatPage {
  readonly input: Locator;
  readonly assistantMessages: Locator;
  readonly panels: Locator;
  readonly planTasks: Locator;
  /** The plan pane's "Open plan page" link (href `/plans/{planId}` of the plan on screen). */
  readonly planPageLink: Locator;
  /** The plan pane's switcher (only when the conversation has several plans). */
  readonly planSwitcher: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByTestId("chat-input");
    this.assistantMessages = page.getByTestId("message-assistant");
    this.panels = page.getByTestId("job-log-panel");
    this.planTasks = page.getByTestId("plan-task");
    this.planPageLink = page.getByTestId("open-plan-page");
    this.planSwitcher = page.getByTestId("plan-switcher");
  }

  async open(): Promise<void> {
    await this.page.goto("/");
    await expect(this.input).toBeVisible();
  }

  /** Types a goal and presses Enter; returns the time Enter was pressed (ms since epoch). */
  async send(text: string): Promise<number> {
    await this.input.fill(text);
    const at = Date.now();
    await this.input.press("Enter");
    return at;
  }

  /**
   * Sends `text` as a new assistant message's request and waits until every
   * action tag of its reply is Completed (jobs included, e.g. the
   * decomposition); `timeout` ms for the jobs. Returns the reply's locator.
   */
  async sendAndSettle(text: string, timeout = 90_000): Promise<Locator> {
    const before = await this.assistantMessages.count();
    await this.send(text);
    await expect(this.assistantMessages).toHaveCount(before + 1);
    const reply = this.assistantMessages.nth(before);
    const tags = reply.getByTestId("action-tag");
    await expect(tags.first()).toBeVisible();
    await expect
      .poll(async () => (await tags.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))).every((s) => s === "completed"), { timeout })
      .toBe(true);
    return reply;
  }

  /** The id of the plan the plan pane shows, read from its "Open plan page" link. */
  async shownPlanId(): Promise<string> {
    await expect(this.planPageLink).toHaveAttribute("href", /^\/plans\/[^/]+$/);
    return decodeURIComponent((await this.planPageLink.getAttribute("href"))!.split("/").pop()!);
  }

  /**
   * Creates a plan through the chat (a goal for the offline model) on a new
   * conversation, waits until it is built and split into subtasks, and returns its id.
   */
  async createPlan(goal: string): Promise<string> {
    await this.open();
    await this.sendAndSettle(goal);
    return this.shownPlanId();
  }

  /**
   * Resolves when a visible panel shows a log line while its job is still
   * running. Hidden tabs render no rows (the log is virtualized), so it opens
   * the last tab: the decomposition, the long job.
   */
  async waitForLiveLine(): Promise<void> {
    await this.page.getByRole("tab").last().click();
    await this.page.waitForFunction(
      () => !!document.querySelector('[data-testid="job-log-panel"][data-status="running"] [data-testid="job-log-line"]'),
      undefined,
      { timeout: 20_000, polling: 20 },
    );
  }

  /** Transports each panel reported while the page was observed. */
  async recordTransports(): Promise<void> {
    await this.page.evaluate(() => {
      const seen = new Set<string>();
      (window as unknown as { __transports: Set<string> }).__transports = seen;
      const scan = () =>
        document.querySelectorAll('[data-testid="job-log-panel"]').forEach((el) => seen.add(el.getAttribute("data-transport") ?? ""));
      new MutationObserver(scan).observe(document.body, { subtree: true, attributes: true, childList: true });
    });
  }

  async transportsSeen(): Promise<string[]> {
    return this.page.evaluate(() => [...(window as unknown as { __transports: Set<string> }).__transports].sort());
  }
}
