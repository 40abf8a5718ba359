// A job with 100,000 log lines renders and scrolls with only a few hundred row
// nodes in the DOM (virtualized), and search finds a single line among them
// and scrolls it into view.
import { expect, test } from "@playwright/test";

const LINES = 100_000;

test("a 100,000-line log scrolls with fewer than 300 rows in the DOM; search finds one line", async ({ page }) => {
  test.setTimeout(120_000);
  await page.request.get("/api/session"); // one session cookie for the page and the API calls below
  await page.goto("/");
  const started = await page.request.post("/api/diagnostics/log-burst", { data: { lines: LINES, ratePerSec: 0 } });
  expect(started.status()).toBe(202);
  const { job } = await started.json();
  await expect
    .poll(async () => (await (await page.request.get(`/api/jobs/${job.id}`)).json()).job.status, { timeout: 60_000 })
    .toBe("succeeded");
  const total = LINES + 2; // the two status events around the lines

  await page.goto(`/jobs/${job.id}`);
  const panel = page.getByTestId("job-log-panel");
  await expect(panel).toHaveAttribute("data-status", "succeeded");
  const body = panel.getByTestId("job-log-body");
  const rows = panel.getByTestId("job-log-line");
  // The whole history pages in; the tail is shown first.
  await expect(rows.last()).toHaveAttribute("data-seq", String(total), { timeout: 60_000 });
  await expect(panel.getByTestId("job-log-load-earlier")).toHaveCount(0, { timeout: 60_000 });

  for (const position of ["top", "middle", "bottom"] as const) {
    await body.evaluate((el, pos) => {
      el.scrollTop = pos === "top" ? 0 : pos === "middle" ? el.scrollHeight / 2 : el.scrollHeight;
    }, position);
    await page.waitForTimeout(200);
    const count = await rows.count();
    expect(count).toBeGreaterThan(10);
    expect(count).toBeLessThan(300);
    if (position === "top") await expect(rows.first()).toHaveAttribute("data-seq", "1");
  }

  await panel.locator('input[data-testid="job-log-search"], [data-testid="job-log-search"] input').first().fill("line 99999");
  await expect(panel.getByTestId("job-log-match-count")).toHaveText("1 of 1");
  // Search marks and scrolls to the match; it does not hide the other lines.
  const current = panel.locator("mark[data-current]");
  await expect(current).toHaveText("line 99999");
  await expect(current).toBeInViewport();
  await expect(current.locator("xpath=ancestor::*[@data-testid='job-log-line']")).toHaveAttribute("data-seq", String(LINES));
  expect(await rows.count()).toBeGreaterThan(10);
});
