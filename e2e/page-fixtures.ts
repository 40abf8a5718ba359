// Data for the page-level specs (phone, accessibility, screenshots): one plan
// made through the chat with its jobs, and the ids of the pages that show it.
import { expect, type Page } from "@playwright/test";
import type { JobListPage } from "../lib/shared/jobs";
import { ChatPage } from "./chat-page";

/** A long goal, so titles must be cut on a word boundary on narrow screens. */
export const LONG_GOAL = "Move the company intranet to a new hosting provider with zero downtime, a tested rollback plan and training";

/** The support token of the e2e server (playwright.config.ts). */
export const E2E_SUPPORT_TOKEN = "e2e-support-token";

/** What a seeded browser session owns: a conversation with a decomposed plan and its jobs. */
export type Seeded = { planId: string; conversationId: string; jobId: string };

/**
 * Creates a plan through the chat on `page` (desktop-sized while it runs: the
 * chat is not what is being checked) and returns its ids; `jobId` is its
 * decomposition. The page's browser context owns them.
 */
export async function seedPlan(page: Page, goal = LONG_GOAL): Promise<Seeded> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 800 });
  const chat = new ChatPage(page);
  const planId = await chat.createPlan(goal);
  // The chat names its conversation in the path: /c/{id}.
  const conversationId = decodeURIComponent(/\/c\/([^/]+)$/.exec(new URL(page.url()).pathname)?.[1] ?? "");
  const res = await page.request.get(`/api/jobs?planId=${planId}&jobType=plan_decompose`);
  expect(res.status()).toBe(200);
  const jobs = ((await res.json()) as JobListPage).jobs;
  expect(jobs.length).toBeGreaterThan(0);
  if (viewport) await page.setViewportSize(viewport);
  return { planId, conversationId, jobId: jobs[0].id };
}

/** Signs this browser context in as support (the API call the /support form makes). */
export async function signInSupport(page: Page): Promise<void> {
  const res = await page.request.post("/api/session/support", { data: { token: E2E_SUPPORT_TOKEN } });
  expect(res.status()).toBe(200);
}

/** Every page of the app, by name, for a seeded session. */
export const pagePaths = (s: Seeded) =>
  ({
    chat: s.conversationId ? `/c/${encodeURIComponent(s.conversationId)}` : "/",
    plan: `/plans/${s.planId}`,
    jobs: "/jobs",
    job: `/jobs/${s.jobId}`,
    support: "/support",
  }) as const;

/** How long a page may take to hydrate and show its data: generous, the e2e machines are shared and slow (ms). */
const PAGE_READY_MS = 45_000;

/** Waits until a page shows its content (not a skeleton): the element each page renders once its data is in. */
export async function waitForPage(page: Page, name: keyof ReturnType<typeof pagePaths>): Promise<void> {
  const timeout = PAGE_READY_MS;
  switch (name) {
    case "chat":
      await expect(page.getByTestId("message-assistant").first()).toBeVisible({ timeout });
      break;
    case "plan":
      await expect(page.getByTestId("plan-task").first()).toBeVisible({ timeout });
      break;
    case "jobs":
      await expect(page.locator('[data-testid="job-history-table"] tr[data-row-key]').first()).toBeVisible({ timeout });
      break;
    case "job":
      await expect(page.getByTestId("job-log-line").first()).toBeVisible({ timeout });
      break;
    case "support":
      await expect(page.getByTestId("support-page")).toBeVisible({ timeout });
      // Hydrated: the session is known (the header reads it).
      await expect(page.getByTestId("support-token").or(page.getByText("You are signed in as support"))).toBeVisible({ timeout });
      break;
  }
  // Web fonts and antd's styles settle; nothing is animating.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}
