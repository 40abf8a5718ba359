// The log viewer in Chromium: line numbers and deep links (also into earlier
// pages and while streaming), range selection, copy link, search with
// next/previous, regex and case, level and kind filters, local / UTC / elapsed
// time, wrap, ANSI colours, task groups, the one live region, and the job page
// on a 390×844 phone. Jobs come from the diagnostics log-burst API.
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import type { JobDto, JobEventDto, JobEventsPage } from "../lib/shared/jobs";

type Burst = { lines: number; ratePerSec: number; payloadChars?: number; shape?: "plain" | "mixed" };

async function startBurst(request: APIRequestContext, burst: Burst): Promise<JobDto> {
  const res = await request.post("/api/diagnostics/log-burst", { data: burst });
  expect(res.status()).toBe(202);
  return (await res.json()).job;
}

async function waitSucceeded(request: APIRequestContext, jobId: string): Promise<JobDto> {
  await expect.poll(async () => (await (await request.get(`/api/jobs/${jobId}`)).json()).job.status, { timeout: 60_000 }).toBe("succeeded");
  return (await (await request.get(`/api/jobs/${jobId}`)).json()).job;
}

async function serverEvents(request: APIRequestContext, jobId: string): Promise<JobEventDto[]> {
  const events: JobEventDto[] = [];
  for (;;) {
    const page = (await (await request.get(`/api/jobs/${jobId}/events?after=${events.at(-1)?.seq ?? 0}&limit=1000`)).json()) as JobEventsPage;
    events.push(...page.events);
    if (!page.hasMore) return events;
  }
}

const line = (panel: Locator, seq: number) => panel.locator(`[data-testid="job-log-line"][data-seq="${seq}"]`);
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
/** HH:MM:SS.mmm of `iso` shifted by `offsetMin` minutes from UTC. */
const clock = (iso: string, offsetMin: number) => {
  const d = new Date(Date.parse(iso) + offsetMin * 60_000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
};

async function openJob(page: Page, jobId: string, hash = ""): Promise<Locator> {
  await page.goto(`/jobs/${jobId}${hash}`);
  const panel = page.getByTestId("job-log-panel");
  await expect(panel).toHaveAttribute("data-state", "log");
  return panel;
}

test.describe("deep links", () => {
  test("#L40 on a 3,000-line log pages in earlier lines, scrolls and highlights; shift-click selects a range; copy link", async ({ page, context, baseURL }) => {
    test.setTimeout(120_000);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.request.get("/api/session");
    const job = await startBurst(page.request, { lines: 3000, ratePerSec: 0 });
    await waitSucceeded(page.request, job.id);
    // Line 40 is far before the snapshot's latest 200 lines.
    const snapshot = await (await page.request.get(`/api/jobs/${job.id}`)).json();
    expect(snapshot.hasEarlier).toBe(true);
    expect(snapshot.firstSeq).toBeGreaterThan(40);

    const panel = await openJob(page, job.id, "#L40");
    const target = page.locator("#L40");
    await expect(target).toBeInViewport({ timeout: 30_000 });
    await expect(target).toHaveAttribute("data-selected", "true");
    await expect(target).toHaveAttribute("data-seq", "40");
    await expect(target.getByTestId("job-log-line-no")).toHaveText("40");
    await expect(panel.locator('[data-selected="true"]')).toHaveCount(1);

    // Shift-click on a second line number: the range, in the hash and highlighted.
    await line(panel, 45).getByTestId("job-log-line-no").click({ modifiers: ["Shift"] });
    await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}#L40-L45$`));
    await expect(panel.locator('[data-selected="true"]')).toHaveCount(6);
    for (const seq of [39, 46]) await expect(line(panel, seq)).not.toHaveAttribute("data-selected", "true");
    // A plain click selects one line again.
    await line(panel, 42).getByTestId("job-log-line-no").click();
    await expect(page).toHaveURL(new RegExp(`#L42$`));
    await expect(panel.locator('[data-selected="true"]')).toHaveCount(1);

    // Copy link: the absolute URL of the line.
    await line(panel, 43).hover();
    await line(panel, 43).getByTestId("job-log-copy-link").click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/jobs/${job.id}#L43`);

    // A range link from scratch (reload) selects and shows the range.
    await page.goto(`/jobs/${job.id}#L2990-L2995`);
    await expect(page.locator("#L2990")).toBeInViewport({ timeout: 30_000 });
    await expect(page.getByTestId("job-log-panel").locator('[data-selected="true"]')).toHaveCount(6);
  });

  test("#L300 while the job is still streaming waits for the line, scrolls to it and stops following the tail", async ({ page }) => {
    test.setTimeout(120_000);
    await page.request.get("/api/session");
    // 3,000 lines at 40 lines/s: about 75 s, far longer than this test's checks.
    const job = await startBurst(page.request, { lines: 3000, ratePerSec: 40 });
    const panel = await openJob(page, job.id, "#L300");
    await expect(panel).toHaveAttribute("data-status", "running");
    await expect(page.locator("#L300")).toBeInViewport({ timeout: 45_000 });
    await expect(page.locator("#L300")).toHaveAttribute("data-selected", "true");
    await expect(panel).toHaveAttribute("data-status", "running");
    // The view stays on line 300 while lines keep coming; "Jump to latest" offers the tail.
    const loaded = Number(await panel.getAttribute("data-last-seq"));
    await expect.poll(async () => Number(await panel.getAttribute("data-last-seq")), { timeout: 20_000 }).toBeGreaterThan(loaded + 40);
    await expect(page.locator("#L300")).toBeInViewport();
    await expect(panel.getByTestId("job-log-jump")).toBeVisible();
    expect((await page.request.post(`/api/jobs/${job.id}/cancel`)).status()).toBe(202);
    await expect(panel).toHaveAttribute("data-status", "cancelled");
  });
});

test.describe("search, filters, time, wrap, colours and groups", () => {
  // A fixed zone with a half-hour offset, so "local" is checked exactly.
  test.use({ timezoneId: "Asia/Kolkata" });

  test("on a 200-line mixed log", async ({ page }) => {
    test.setTimeout(120_000);
    await page.request.get("/api/session");
    const job = await startBurst(page.request, { lines: 200, ratePerSec: 0, shape: "mixed" });
    const done = await waitSucceeded(page.request, job.id);
    const events = await serverEvents(page.request, job.id);
    expect(events.length).toBe(202); // status running, 200 lines, status succeeded
    const seqOf = (i: number) => events.find((e) => (e.data as { i?: number } | null)?.i === i)!.seq;

    const panel = await openJob(page, job.id);
    await expect(panel.getByTestId("job-log-toggle")).toHaveCount(0); // the job page never collapses
    await expect(page.locator("h1")).toHaveCount(1);
    // Not announced line by line: no live region in the body, one polite region for the status.
    const body = panel.getByTestId("job-log-body");
    await expect(body).not.toHaveAttribute("role", "log");
    await expect(body).not.toHaveAttribute("aria-live", /.+/);
    await expect(body.locator("[aria-live]")).toHaveCount(0);
    await expect(panel.getByTestId("job-log-status-live")).toHaveAttribute("aria-live", "polite");
    await expect(panel.getByTestId("job-log-status-live")).toHaveText(/: Succeeded$/);

    // Groups: task t1 (lines 1–10) is done and, the job being finished, folded; t2 has a warning, t5 an error.
    const group = (task: number) => panel.locator(`[data-testid="job-log-group"][data-group-id="g${seqOf((task - 1) * 10 + 1)}"]`);
    // To the top as a person scrolls (a script's scrollTop would be taken back by the tail).
    await body.hover();
    await page.mouse.wheel(0, -100_000);
    await expect(group(1)).toHaveAttribute("data-status", "done");
    await expect(group(1)).toHaveAttribute("data-folded", "true");
    await expect(group(1)).toContainText("line 1 ok red");
    await expect(group(1)).toContainText("10 lines");
    await expect(line(panel, seqOf(1))).toHaveCount(0);
    await expect(group(2)).toHaveAttribute("data-status", "warning");
    await expect(group(2)).toHaveAttribute("data-folded", "false");
    await expect(line(panel, seqOf(15))).toBeVisible();
    // Fold and unfold with the keyboard; the focus outline shows.
    const toggle = group(1).getByTestId("job-log-group-toggle");
    await toggle.focus();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(await toggle.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("solid");
    await page.keyboard.press("Enter");
    await expect(group(1)).toHaveAttribute("data-folded", "false");
    await expect(line(panel, seqOf(1))).toBeVisible();
    await page.keyboard.press("Space");
    await expect(group(1)).toHaveAttribute("data-folded", "true");
    await expect(line(panel, seqOf(1))).toHaveCount(0);
    await toggle.click();

    // ANSI colours rendered as coloured spans, codes gone from the DOM; stripped in the text export.
    const coloured = line(panel, seqOf(1));
    await expect(coloured.locator('[data-ansi="green"]')).toHaveText("ok");
    await expect(coloured.locator('[data-ansi="red"]')).toHaveText("red");
    const colours = await coloured.evaluate((el) => {
      const c = (s: string) => getComputedStyle(el.querySelector(s)!).color;
      return { ok: c('[data-ansi="green"]'), red: c('[data-ansi="red"]'), text: c("[class*=message]"), weight: getComputedStyle(el.querySelector('[data-ansi="red"]')!).fontWeight };
    });
    expect(colours.ok).not.toBe(colours.text);
    expect(colours.red).not.toBe(colours.text);
    expect(colours.ok).not.toBe(colours.red);
    expect(colours.weight).toBe("700");
    expect(await coloured.innerText()).not.toContain("[32m");
    const text = await (await page.request.get(`/api/jobs/${job.id}/export?format=text`)).text();
    const textLines = text.trimEnd().split("\n");
    expect(textLines[0]).toMatch(/times in UTC$/);
    expect(textLines.length).toBe(203);
    expect(textLines.slice(1).every((l) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z #\d+ /.test(l))).toBe(true);
    expect(text).not.toContain("\u001b");
    expect(textLines[seqOf(1)]).toContain("line 1 ok red");

    // Time: local with its zone, UTC with "Z", elapsed since the start; the choice persists.
    await body.hover();
    await page.mouse.wheel(0, -100_000);
    const firstTime = line(panel, 1).locator("time");
    await expect(panel.getByTestId("job-log-zone")).toHaveText("UTC+05:30");
    await expect(firstTime).toHaveText(clock(events[0].timestamp, 330));
    await panel.getByTestId("job-log-time-mode").getByText("UTC", { exact: true }).click();
    await expect(panel.getByTestId("job-log-zone")).toHaveText("UTC");
    await expect(firstTime).toHaveText(`${clock(events[0].timestamp, 0)}Z`);
    await panel.getByTestId("job-log-time-mode").getByText("Elapsed").click();
    const lastMs = Date.parse(events.at(-1)!.timestamp) - Date.parse(done.startedAt!);
    await expect(line(panel, 1).locator("time")).toHaveText(/^\+0:00\.\d{3}$/);
    await page.reload();
    await expect(page.getByTestId("job-log-zone")).toHaveText("since the job started");
    await page.getByTestId("job-log-body").evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(line(page.getByTestId("job-log-panel"), 202).locator("time")).toHaveText(
      `+${Math.floor(lastMs / 60_000)}:${pad(Math.floor(lastMs / 1000) % 60)}.${pad(lastMs % 1000, 3)}`,
    );
    await page.getByTestId("job-log-time-mode").getByText("Local").click();
  });

  test("search: count, next / previous, regex, case; filters combine with it", async ({ page }) => {
    test.setTimeout(120_000);
    await page.request.get("/api/session");
    const job = await startBurst(page.request, { lines: 200, ratePerSec: 0, shape: "mixed" });
    await waitSucceeded(page.request, job.id);
    const panel = await openJob(page, job.id);
    const search = panel.locator('input[data-testid="job-log-search"], [data-testid="job-log-search"] input').first();
    const count = panel.getByTestId("job-log-match-count");
    const current = panel.locator("mark[data-current]");

    // "line 1" is in lines 1, 10–19 and 100–199: 111 matches. Enter / Shift+Enter step.
    await search.fill("line 1");
    await expect(count).toHaveText("1 of 111");
    await expect(current).toHaveText("line 1");
    await expect(current).toBeInViewport();
    await search.press("Enter");
    await expect(count).toHaveText("2 of 111");
    await expect(current.locator("xpath=ancestor::*[@data-testid='job-log-line']")).toHaveAttribute("data-seq", "11"); // line 10
    await search.press("Shift+Enter");
    await expect(count).toHaveText("1 of 111");
    await panel.getByTestId("job-log-prev").click();
    await expect(count).toHaveText("111 of 111");
    await expect(current.locator("xpath=ancestor::*[@data-testid='job-log-line']")).toHaveAttribute("data-seq", "200"); // line 199
    await expect(current).toBeInViewport();
    await panel.getByTestId("job-log-next").click();
    await expect(count).toHaveText("1 of 111");
    // Search does not hide lines: the log keeps its lines, matches are marked.
    await expect(panel.locator("mark").first()).toBeVisible();

    // Case toggle.
    await search.fill("LINE 1");
    await expect(count).toHaveText("1 of 111");
    await panel.getByTestId("job-log-case").click();
    await expect(panel.getByTestId("job-log-case")).toHaveAttribute("aria-pressed", "true");
    await expect(count).toHaveText("No matches");
    await panel.getByTestId("job-log-case").click();

    // Regex toggle; an invalid pattern is a message, not a crash.
    await panel.getByTestId("job-log-regex").click();
    await search.fill("line (4|5)2\\b");
    await expect(count).toHaveText("1 of 2");
    await search.fill("line (");
    await expect(panel.getByTestId("job-log-search-error")).toContainText("Invalid regular expression");
    await expect(count).toHaveCount(0);
    await expect(panel.getByTestId("job-log-line").first()).toBeVisible();
    await search.fill("line 1\\d\\d$");
    await expect(count).toHaveText("1 of 80"); // 100–199 but the planning (…2) and coloured (…1) lines, which go on after the number
    await panel.getByTestId("job-log-regex").click();

    // Filters: WARN + ERROR only (lines i % 30 = 15 and i % 50 = 0: 11 lines), combined with the search.
    await search.fill("");
    await panel.getByTestId("job-log-filters-toggle").click();
    const levels = panel.getByTestId("job-log-level-filter");
    await levels.getByLabel("DEBUG").uncheck();
    await levels.getByLabel("INFO").uncheck();
    await expect(panel.getByTestId("job-log-shown-count")).toHaveText("Showing 11 of 202 lines");
    const levelsShown = await panel.getByTestId("job-log-line").evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("data-level")))].sort());
    expect(levelsShown).toEqual(["error", "warn"]);
    await search.fill("line 1");
    await expect(count).toHaveText("1 of 7"); // 15, 100, 105, 135, 150, 165, 195
    await search.fill("");
    await levels.getByLabel("DEBUG").check();
    await levels.getByLabel("INFO").check();
    // Kind: planning only (the planning_step lines, i % 10 = 2).
    const kinds = panel.getByTestId("job-log-kind-filter");
    for (const label of ["Tools", "Execution", "Other"]) await kinds.getByLabel(label).uncheck();
    await expect(panel.getByTestId("job-log-shown-count")).toHaveText("Showing 20 of 202 lines");
    const kindsShown = await panel.getByTestId("job-log-line").evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("data-kind")))]);
    expect(kindsShown).toEqual(["planning_step"]);
  });

  test("wrap toggle (persisted); the job page on a 390×844 phone; screenshots", async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await page.request.get("/api/session");
    const job = await startBurst(page.request, { lines: 60, ratePerSec: 0, shape: "mixed", payloadChars: 400 });
    await waitSucceeded(page.request, job.id);
    await page.setViewportSize({ width: 1280, height: 900 });
    // Line 44 (seq 45) is in task t5's group, open since it has an error.
    const panel = await openJob(page, job.id, "#L45");
    const body = panel.getByTestId("job-log-body");
    const wrapButton = panel.getByTestId("job-log-wrap");
    const longLine = line(panel, 45);
    await expect(longLine).toBeInViewport();
    // Wrapped (the default): a 400-character line takes several rows, nothing scrolls sideways.
    await expect(wrapButton).toHaveAttribute("aria-pressed", "true");
    expect((await longLine.boundingBox())!.height).toBeGreaterThan(40);
    expect(await body.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({ path: testInfo.outputPath("job-page-desktop.png"), fullPage: true });
    await wrapButton.click();
    await expect(wrapButton).toHaveAttribute("aria-pressed", "false");
    await expect.poll(async () => (await longLine.boundingBox())!.height).toBeLessThan(30);
    expect(await body.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(1280);
    await page.reload();
    await expect(page.getByTestId("job-log-wrap")).toHaveAttribute("aria-pressed", "false");
    await page.getByTestId("job-log-wrap").click();
    await expect(page.getByTestId("job-log-wrap")).toHaveAttribute("aria-pressed", "true");

    // Phone: no sideways page scroll, an h1, compact times (no milliseconds) taking a small share of a line.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    const phonePanel = page.getByTestId("job-log-panel");
    await expect(phonePanel).toHaveAttribute("data-state", "log");
    await expect(page.locator("h1")).toBeVisible();
    await expect(phonePanel.getByTestId("job-log-line").first()).toBeVisible();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    const first = phonePanel.getByTestId("job-log-line").first();
    expect(await first.locator("time").evaluate((el) => (el as HTMLElement).innerText)).toMatch(/^\d\d:\d\d:\d\d$/);
    const share = await first.evaluate((el) => el.querySelector("time")!.getBoundingClientRect().width / el.getBoundingClientRect().width);
    expect(share).toBeLessThan(0.25);
    // The toolbar fits: no control sticks out of the panel.
    const overflow = await phonePanel.evaluate((el) => {
      const right = el.getBoundingClientRect().right;
      return [...el.querySelectorAll("button, input, [role=radiogroup], .ant-segmented")].filter((c) => c.getBoundingClientRect().right > right + 1).length;
    });
    expect(overflow).toBe(0);
    await page.screenshot({ path: testInfo.outputPath("job-page-phone.png"), fullPage: true });
    // Unwrapped lines scroll inside the log, not the page.
    await page.getByTestId("job-log-wrap").click();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId("job-log-wrap").click();
  });
});
