// Accessibility (issue 10, WCAG 2.2 AA): axe-core on every page in light and
// dark finds no serious or critical violation; every page has its own title
// and one h1; on the pages around the chat every control is reached by Tab and
// shows a visible focus indicator, and the job history is operable by keyboard.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { pagePaths, seedPlan, signInSupport, waitForPage, type Seeded } from "./page-fixtures";

/** The WCAG 2.0–2.2 A and AA rules of axe. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Serious and critical violations on the page as `rule: selector` lines (empty = none). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} – ${n.failureSummary?.split("\n").slice(1).join(" ").trim() ?? ""}`));
}

let seeded: Seeded;
let owner: Awaited<ReturnType<BrowserContext["cookies"]>>;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  seeded = await seedPlan(await context.newPage());
  // The session cookies only: the theme cookies follow each test's own colour scheme.
  owner = (await context.cookies()).filter((c) => c.name !== "ps_theme" && c.name !== "ps_scheme");
  await context.close();
});

// Every test is the plan's owner.
test.beforeEach(async ({ context }) => context.addCookies(owner));

const TITLES = { chat: /^.+ · Planstream$|^Chat · Planstream$/, plan: /^.+ · Planstream$/, jobs: "Jobs · Planstream", job: /^Job [0-9a-f-]{8} · Planstream$/, support: "Support sign-in · Planstream" };

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme });

    for (const name of ["chat", "plan", "jobs", "job", "support"] as const) {
      test(`${name}: no serious or critical axe violations, its own title, one h1`, async ({ page }) => {
        await page.goto(pagePaths(seeded)[name]);
        await waitForPage(page, name);
        await expect(page.locator("html")).toHaveAttribute("data-theme", scheme);
        // Soft: a failing title or heading still lets axe report everything else.
        await expect.soft(page).toHaveTitle(TITLES[name]);
        await expect.soft(page.locator("h1")).toHaveCount(1);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }

    test("jobs as support (owners, owner filter): no serious or critical axe violations", async ({ page }) => {
      await signInSupport(page);
      await page.goto("/jobs");
      await waitForPage(page, "jobs");
      await expect(page.getByTestId("filter-owner")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

/** What has focus, and whether it (or the control it belongs to, ≤ 3 levels up) shows an outline or a focus ring. */
async function focused(page: Page): Promise<{ name: string; indicator: boolean } | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const shows = (e: Element) => {
      const cs = getComputedStyle(e);
      return (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) || (cs.boxShadow !== "none" && cs.boxShadow !== "");
    };
    let indicator = false;
    for (let e: Element | null = el, i = 0; e && i < 4 && !indicator; e = e.parentElement, i++) indicator = shows(e);
    const label = el.getAttribute("aria-label") ?? el.getAttribute("data-testid") ?? el.textContent?.trim().slice(0, 30) ?? "";
    return { name: `${el.tagName.toLowerCase()}${el.getAttribute("role") ? `[${el.getAttribute("role")}]` : ""} ${label}`, indicator };
  });
}

/**
 * Tabs through the page from its top (at most `max` stops, until focus leaves
 * it) and returns the stops without a visible focus indicator.
 */
async function stopsWithoutIndicator(page: Page, max = 40): Promise<{ stops: number; missing: string[] }> {
  // A click on the top-left margin puts the sequential focus starting point at the top (and takes it from an autofocused field).
  await page.mouse.click(1, 1);
  const missing: string[] = [];
  let stops = 0;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (!now) break;
    stops += 1;
    if (!now.indicator) missing.push(now.name);
  }
  return { stops, missing };
}

test.describe("keyboard", () => {
  for (const name of ["plan", "jobs", "support"] as const) {
    test(`${name}: every Tab stop shows a focus indicator`, async ({ page }) => {
      await page.goto(pagePaths(seeded)[name]);
      await waitForPage(page, name);
      const { stops, missing } = await stopsWithoutIndicator(page);
      expect(stops).toBeGreaterThan(3);
      expect(missing).toEqual([]);
    });
  }

  test("jobs: a row's log opens from the keyboard", async ({ page }) => {
    await page.goto("/jobs");
    await waitForPage(page, "jobs");
    const expand = page.locator('[data-testid="job-history-table"] tr[data-row-key] button.ant-table-row-expand-icon').first();
    await expand.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("job-log-panel").first()).toBeVisible();
  });

  test("plan: the tree takes focus with a visible ring on the current task", async ({ page }) => {
    await page.goto(pagePaths(seeded).plan);
    await waitForPage(page, "plan");
    const tree = page.getByTestId("plan-tree-body").getByRole("tree");
    await tree.focus();
    await page.keyboard.press("ArrowDown");
    const ring = await page.evaluate(() => {
      const active = document.querySelector(".ant-tree-treenode-active .ant-tree-node-content-wrapper");
      return active ? getComputedStyle(active).outlineStyle : "no active task";
    });
    expect(ring).toBe("solid");
  });
});
