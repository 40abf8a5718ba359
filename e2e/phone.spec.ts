// Phones (issue 10): at 390×844 the job history, the plan page, the support
// page, the chat and the job page never scroll sideways and never squeeze text
// below 3 characters a line;
// /jobs keeps its headers over their cells, cuts plan titles on a word
// boundary, and support sees owners there too.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { expectFitsViewport } from "./layout-checks";
import { seedPlan, signInSupport, waitForPage, type Seeded } from "./page-fixtures";

test.use({ viewport: { width: 390, height: 844 } });

/** Each visible header cell of the table and the first row's cell under it: left edge and width (CSS px). */
async function headerAndCellBoxes(page: Page): Promise<{ header: number[]; cell: number[] }[]> {
  return page.evaluate(() => {
    const table = document.querySelector('[data-testid="job-history-table"] table');
    const headers = [...(table?.querySelectorAll("thead th") ?? [])];
    const cells = [...(table?.querySelectorAll("tbody tr[data-row-key] td") ?? [])].slice(0, headers.length);
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return [Math.round(r.left), Math.round(r.width)];
    };
    return headers.map((h, i) => ({ header: box(h), cell: cells[i] ? box(cells[i]) : [] }));
  });
}

/** The /jobs checks: fits, headers aligned with their cells, plan titles cut on a word boundary. */
async function checkJobsPage(page: Page): Promise<void> {
  await page.goto("/jobs");
  await waitForPage(page, "jobs");
  await expectFitsViewport(page);
  const columns = await headerAndCellBoxes(page);
  // Job, status, and the (named) expand column; the rest moved under the job.
  expect(columns).toHaveLength(3);
  for (const { header, cell } of columns) expect(cell).toEqual(header);

  const plan = page.getByTestId("job-history-phone-plan").first();
  await expect(plan).toBeVisible();
  const full = (await plan.getAttribute("title"))!;
  const shown = (await plan.textContent())!;
  expect(shown.endsWith("…")).toBe(true);
  const kept = shown.slice(0, -1);
  // A word boundary: the full title goes on with a space or punctuation after what is kept.
  expect(full.startsWith(kept)).toBe(true);
  expect(full.slice(kept.length)).toMatch(/^[\s,;:.]/);
}

let seeded: Seeded;
/** The cookies of the plan's owner: each test's context starts as that person. */
let owner: Awaited<ReturnType<BrowserContext["cookies"]>>;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  seeded = await seedPlan(await context.newPage());
  // The session cookies only: the theme cookies follow each test's own colour scheme.
  owner = (await context.cookies()).filter((c) => c.name !== "ps_theme" && c.name !== "ps_scheme");
  await context.close();
});

test.describe("at 390×844", () => {
  test.beforeEach(async ({ context }) => context.addCookies(owner));

  test("/jobs fits: two columns aligned with their headers, the rest under each job; titles cut on words", async ({ page }) => {
    await checkJobsPage(page);
    // The filters fit too, and the header's controls (theme, language) are on screen.
    await expect(page.getByTestId("filter-plan")).toBeVisible();
    await expect(page.getByTestId("theme-switch")).toBeInViewport();
    await expect(page.getByTestId("language-switch")).toBeInViewport();
  });

  test("the plan page fits", async ({ page }) => {
    await page.goto(`/plans/${seeded.planId}`);
    await waitForPage(page, "plan");
    await expectFitsViewport(page);
    await expect(page.getByTestId("plan-title")).toBeInViewport();
    // Each job row's link to its page stays inside the job list (the row's label wraps instead).
    const links = page.getByTestId("plan-job-link");
    await expect(links.first()).toBeVisible();
    const list = (await page.getByTestId("plan-jobs").boundingBox())!;
    for (const link of await links.all()) {
      const box = (await link.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(list.x + list.width);
    }
  });

  test("/support fits", async ({ page }) => {
    await page.goto("/support");
    await waitForPage(page, "support");
    await expectFitsViewport(page);
    await expect(page.getByTestId("support-token")).toBeInViewport();
  });

  test("the chat with its plan and job panels fits", async ({ page }) => {
    await page.goto(`/?c=${seeded.conversationId}`);
    await waitForPage(page, "chat");
    await expectFitsViewport(page);
  });

  test("the job page fits", async ({ page }) => {
    await page.goto(`/jobs/${seeded.jobId}`);
    await waitForPage(page, "job");
    await expectFitsViewport(page);
  });

  test("/jobs for support fits, with each job's owner under it", async ({ page }) => {
    await signInSupport(page);
    await checkJobsPage(page);
    await expect(page.getByTestId("filter-owner")).toBeVisible();
    await expect(page.getByTestId("job-history-phone-meta").first()).toContainText(/\(you\)/);
  });
});
