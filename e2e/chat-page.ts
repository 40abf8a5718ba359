// Page object for the chat page (data-testid selectors).
import { expect, type Locator, type Page } from "@playwright/test";
import type { ChatAction, MessageMetadata } from "../lib/shared/chat";

/**
 * The `actions` event's data in the SSE body of POST /api/chat/agent (what the
 * 202 of POST /api/chat/message answers: the actions and the metadata with the job ids).
 * @throws Error when the body has no `actions` event.
 */
export function streamedActions(body: string): { actions: ChatAction[]; metadata: MessageMetadata } {
  const frame = body.split("\n\n").find((f) => f.split("\n").includes("event: actions"));
  const data = frame?.split("\n").find((l) => l.startsWith("data: "));
  if (!data) throw new Error("no actions event in the stream");
  return JSON.parse(data.slice("data: ".length)) as { actions: ChatAction[]; metadata: MessageMetadata };
}

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
    await this.watchLiveLines();
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

  /** The panel of the open job tab (or the message's only panel). */
  visiblePanel(): Locator {
    return this.page.locator('[data-testid="job-log-panel"]:visible');
  }

  /**
   * Records, from the page's first DOM change on, every job whose panel was
   * visible and running with a visible log line (`window.__liveLines`, once
   * per job): a MutationObserver sees each commit as it happens, so a loaded
   * machine's slow test steps cannot miss a job that runs for a few seconds.
   */
  private async watchLiveLines(): Promise<void> {
    await this.page.addInitScript(() => {
      const seen: { jobId: string; jobType: string }[] = [];
      (window as unknown as { __liveLines: typeof seen }).__liveLines = seen;
      const scan = () => {
        for (const panel of document.querySelectorAll<HTMLElement>('[data-testid="job-log-panel"][data-status="running"]')) {
          const jobId = panel.dataset.jobId!;
          if (seen.some((s) => s.jobId === jobId)) continue;
          const line = panel.querySelector<HTMLElement>('[data-testid="job-log-line"]');
          if (line && panel.checkVisibility() && line.checkVisibility()) seen.push({ jobId, jobType: panel.dataset.jobType! });
        }
      };
      document.addEventListener("DOMContentLoaded", () => new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true }));
    });
  }

  /**
   * Resolves once a panel (of `jobType`, default any) was seen visible and
   * running with a visible log line, without touching the tabs: the tab a
   * reply opens on is the job still running (the decomposition, not "Chat
   * actions"). Returns that panel's job id and type.
   */
  async waitForLiveLine(jobType?: string): Promise<{ jobId: string; jobType: string }> {
    const handle = await this.page.waitForFunction(
      (type) => (window as unknown as { __liveLines: { jobId: string; jobType: string }[] }).__liveLines.find((l) => !type || l.jobType === type) ?? null,
      jobType,
      { timeout: 20_000 },
    );
    return (await handle.jsonValue())!;
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

  /** `document.scrollingElement.scrollWidth`: wider than the viewport means a horizontal page scroll. */
  async pageScrollWidth(): Promise<number> {
    return this.page.evaluate(() => document.scrollingElement!.scrollWidth);
  }

  /**
   * Visible text squeezed into a column: every visible text node of 3+
   * characters whose lines hold fewer than 3 characters on average (lines =
   * distinct line boxes of its Range). Returns them as "text (n lines)".
   */
  async squeezedText(): Promise<string[]> {
    return this.page.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node.textContent ?? "").trim();
        if (text.length < 3) continue;
        const parent = node.parentElement;
        if (!parent || parent.closest("[aria-hidden='true'], script, style, noscript")) continue;
        const style = getComputedStyle(parent);
        if (style.visibility === "hidden" || style.display === "none") continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        if (rects.length === 0) continue;
        const lines = new Set(rects.map((r) => Math.round(r.top))).size;
        if (text.length / lines < 3) out.push(`${text.slice(0, 40)} (${lines} lines)`);
      }
      return out;
    });
  }

  /** Distance in px from the message list's scroll position to its bottom. */
  async messageListDistanceFromBottom(): Promise<number> {
    return this.page.getByTestId("message-list").evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  }
}
