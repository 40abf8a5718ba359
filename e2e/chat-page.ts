// Page object for the chat page (data-testid selectors).
import { expect, type Locator, type Page } from "@playwright/test";

export class ChatPage {
  readonly input: Locator;
  readonly assistantMessages: Locator;
  readonly panels: Locator;
  readonly planTasks: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByTestId("chat-input");
    this.assistantMessages = page.getByTestId("message-assistant");
    this.panels = page.getByTestId("job-log-panel");
    this.planTasks = page.getByTestId("plan-task");
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
