// Screenshots of every page (chat, plan, /jobs, /jobs/{id}, /support) at a
// desktop and a 390×844 phone viewport, light and dark, saved as test
// artifacts (Playwright's output folder, test-results/, not committed). Also
// proves the theme: dark follows the OS by default, the header toggle
// overrides it and persists, and the server renders the chosen theme (no flash).
import { expect, test, type BrowserContext } from "@playwright/test";
import fs from "node:fs";
import { pagePaths, seedPlan, waitForPage, type Seeded } from "./page-fixtures";

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
/** The page background per scheme (antd colorBgContainer). */
const BACKGROUND = { light: "rgb(255, 255, 255)", dark: "rgb(20, 20, 20)" } as const;

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

for (const scheme of ["light", "dark"] as const) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    test.describe(`${size} ${scheme}`, () => {
      test.use({ colorScheme: scheme, viewport });

      test(`screenshots of every page (${size}, ${scheme})`, async ({ page }, testInfo) => {
        test.setTimeout(120_000);
        for (const [name, path] of Object.entries(pagePaths(seeded)) as [keyof ReturnType<typeof pagePaths>, string][]) {
          await page.goto(path);
          await waitForPage(page, name);
          await expect(page.locator("html")).toHaveAttribute("data-theme", scheme);
          await expect(page.locator("body")).toHaveCSS("background-color", BACKGROUND[scheme]);
          const file = testInfo.outputPath(`${name}-${size}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          expect(fs.statSync(file).size).toBeGreaterThan(1_000);
          await testInfo.attach(`${name}-${size}-${scheme}`, { path: file, contentType: "image/png" });
        }
      });
    });
  }
}

test.describe("theme toggle", () => {
  test.use({ colorScheme: "light" });

  test("follows the OS, the header toggle overrides it, and the choice persists into the server's render", async ({ page }) => {
    await page.goto("/jobs");
    await waitForPage(page, "jobs");
    const html = page.locator("html");
    await expect(html).toHaveAttribute("data-theme", "light");

    await page.emulateMedia({ colorScheme: "dark" });
    await expect(html).toHaveAttribute("data-theme", "dark"); // "system" follows the OS live
    await page.emulateMedia({ colorScheme: "light" });
    await expect(html).toHaveAttribute("data-theme", "light");

    await page.getByTestId("theme-dark").click();
    await expect(html).toHaveAttribute("data-theme", "dark");
    await expect(page.locator("body")).toHaveCSS("background-color", BACKGROUND.dark);
    await expect(page.getByRole("radio", { name: "Dark" })).toBeChecked();

    // The server renders the choice (cookie): the HTML arrives dark, before any script runs.
    const served = await (await page.request.get("/plans/" + seeded.planId)).text();
    expect(served).toMatch(/<html[^>]*data-theme="dark"/);
    await page.reload();
    await waitForPage(page, "jobs");
    await expect(html).toHaveAttribute("data-theme", "dark");

    // Back to the OS setting (light here), by keyboard: arrow keys move within the radio group.
    await page.getByRole("radio", { name: "Dark" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("radio", { name: "System" })).toBeChecked();
    await expect(html).toHaveAttribute("data-theme", "light");
  });
});
