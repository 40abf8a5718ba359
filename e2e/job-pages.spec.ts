// Job pages in Chromium: 8 live jobs on one page over the tab's one stream,
// the JSON export equal to the server's events, copy-line, history paging and
// filters, and the support sign-in that shows everyone's jobs.
import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { formatLogLine, type JobDto, type JobEventDto, type JobEventsPage } from "../lib/shared/jobs";

/** Every event of a job, read from the API in pages (the server's view). */
async function serverEvents(request: APIRequestContext, jobId: string): Promise<JobEventDto[]> {
  const events: JobEventDto[] = [];
  for (;;) {
    const page = (await (await request.get(`/api/jobs/${jobId}/events?after=${events.at(-1)?.seq ?? 0}&limit=1000`)).json()) as JobEventsPage;
    events.push(...page.events);
    if (!page.hasMore) return events;
  }
}

async function startBurst(request: APIRequestContext, lines: number, ratePerSec: number): Promise<JobDto> {
  const res = await request.post("/api/diagnostics/log-burst", { data: { lines, ratePerSec } });
  expect(res.status()).toBe(202);
  return (await res.json()).job;
}

async function waitFinished(request: APIRequestContext, jobId: string): Promise<void> {
  await expect
    .poll(async () => (await (await request.get(`/api/jobs/${jobId}`)).json()).job.status, { timeout: 30_000 })
    .toMatch(/succeeded|failed|cancelled/);
}

/** Per panel (by job id): the highest seq loaded (`data-last-seq`) and the highest seq rendered as a row. */
async function panelSeqs(page: Page): Promise<Record<string, { loaded: number; shown: number }>> {
  return page.evaluate(() => {
    const out: Record<string, { loaded: number; shown: number }> = {};
    document.querySelectorAll('[data-testid="job-log-panel"]').forEach((panel) => {
      const rows = [...panel.querySelectorAll('[data-testid="job-log-line"]')].map((l) => Number(l.getAttribute("data-seq")));
      out[panel.getAttribute("data-job-id")!] = { loaded: Number(panel.getAttribute("data-last-seq")), shown: Math.max(0, ...rows) };
    });
    return out;
  });
}

test("8 running jobs on one page all update live over one multiplexed stream", async ({ page }) => {
  test.setTimeout(180_000);
  const streams: string[] = [];
  const polls: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/streams")) streams.push(r.url());
    if (/\/api\/jobs\/[^/]+\/events\?after=/.test(r.url())) polls.push(r.url());
  });
  await page.request.get("/api/session"); // one session cookie for the page and the API calls below
  await page.goto("/jobs");
  await page.setViewportSize({ width: 1280, height: 4000 });
  // 8 jobs of 30,000 lines at 100 lines/s: each would run 5 min, longer than
  // this test's whole timeout, so they are still running when it cancels them at
  // the end (at 2 min, one CI run on a loaded machine saw them finish first: 409).
  const jobs = await Promise.all(Array.from({ length: 8 }, () => startBurst(page.request, 30_000, 100)));
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByTestId("watch-running")).toHaveText(/\(8\)/);
  await page.getByTestId("watch-running").click();

  const panels = page.getByTestId("job-log-panel");
  await expect(panels).toHaveCount(8);
  for (const job of jobs) {
    const panel = page.locator(`[data-testid="job-log-panel"][data-job-id="${job.id}"]`);
    await expect(panel).toHaveAttribute("data-transport", "sse");
    await expect(panel.getByTestId("job-log-line").first()).toBeVisible();
  }
  // Browsers allow 6 connections per host: one EventSource per job would stall
  // two of the eight. Every panel must advance, twice in a row.
  const first = await panelSeqs(page);
  let before = first;
  for (let round = 0; round < 2; round++) {
    await page.waitForTimeout(1500);
    const after = await panelSeqs(page);
    for (const job of jobs) expect(after[job.id].loaded, `job ${job.id} round ${round}`).toBeGreaterThan(before[job.id].loaded);
    before = after;
  }
  // And the rows on screen follow the tail in every panel (all eight fit the tall viewport).
  for (const job of jobs) expect(before[job.id].shown, `job ${job.id} rows`).toBeGreaterThan(first[job.id].shown);
  for (const job of jobs) await expect(page.locator(`[data-job-id="${job.id}"]`)).toHaveAttribute("data-status", "running");

  // Scrolling up in one panel pauses its tail there ("Jump to latest"); the others keep following.
  const paused = page.locator(`[data-testid="job-log-panel"][data-job-id="${jobs[0].id}"]`);
  await paused.getByTestId("job-log-body").hover();
  await page.mouse.wheel(0, -600);
  await expect(paused.getByTestId("job-log-jump")).toBeVisible();
  const held = (await panelSeqs(page))[jobs[0].id];
  await page.waitForTimeout(1000);
  const later = await panelSeqs(page);
  expect(later[jobs[0].id].shown).toBe(held.shown);
  expect(later[jobs[0].id].loaded).toBeGreaterThan(held.loaded);
  expect(later[jobs[1].id].shown).toBeGreaterThan(before[jobs[1].id].shown);
  await paused.getByTestId("job-log-jump").click();
  await expect(paused.getByTestId("job-log-jump")).toHaveCount(0);
  await expect.poll(async () => (await panelSeqs(page))[jobs[0].id].shown).toBeGreaterThanOrEqual(later[jobs[0].id].loaded);
  // One stream request carried all eight jobs; nothing fell back to polling.
  const last = decodeURIComponent(streams.at(-1)!);
  for (const job of jobs) expect(last).toContain(job.id);
  expect(polls).toEqual([]);

  for (const job of jobs) expect((await page.request.post(`/api/jobs/${job.id}/cancel`)).status()).toBe(202);
  for (const job of jobs) await expect(page.locator(`[data-job-id="${job.id}"]`)).toHaveAttribute("data-status", "cancelled");
});

test("the JSON export downloads and equals the server's events; copy line copies one line", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/");
  await page.getByTestId("chat-input").fill("Plan the launch of a mobile app in 6 weeks");
  await page.getByTestId("chat-input").press("Enter");
  const panel = page.getByTestId("job-log-panel").last();
  await expect(panel).toHaveAttribute("data-job-id", /.+/);
  const jobId = (await panel.getAttribute("data-job-id"))!;
  await waitFinished(page.request, jobId);

  await page.goto(`/jobs/${jobId}`);
  const detail = page.getByTestId("job-log-panel");
  await expect(detail).toHaveAttribute("data-status", "succeeded");
  await detail.getByTestId("job-log-export").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`a[href*="format=json"]`).click()]);
  expect(download.suggestedFilename()).toBe(`job-${jobId}-${new Date().toISOString().slice(0, 10)}.json`);
  const file = JSON.parse(fs.readFileSync((await download.path())!, "utf8")) as { job: JobDto; events: JobEventDto[] };
  const events = await serverEvents(page.request, jobId);
  expect(events.length).toBeGreaterThan(10);
  expect(file.job.id).toBe(jobId);
  expect(file.job.status).toBe("succeeded");
  expect(file.job.lastSeq).toBe(events.at(-1)!.seq);
  expect(file.events).toEqual(events);

  // Copy line 3: the text export's format, from the clipboard. Its task's group is
  // folded on a finished job; the deep link unfolds it and scrolls there.
  await page.goto(`/jobs/${jobId}#L3`);
  const line = detail.locator('[data-testid="job-log-line"][data-seq="3"]');
  await expect(line).toBeInViewport();
  await line.hover();
  await line.getByTestId("job-log-copy").click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(formatLogLine(events[2]));

  // Elapsed timestamps: "+m:ss.mmm" since the job started, and the choice persists.
  await detail.getByTestId("job-log-time-mode").getByText("Elapsed").click();
  const ms = Date.parse(events[2].timestamp) - Date.parse(file.job.startedAt!);
  const relative = `+${Math.floor(ms / 60_000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, "0")}.${String(ms % 1000).padStart(3, "0")}`;
  await expect(line.locator("time")).toHaveText(relative);
  await page.reload();
  const firstTime = page.getByTestId("job-log-line").first().locator("time");
  await expect(firstTime).toHaveText(/^\+\d+:\d\d\.\d{3}$/);
  await page.getByTestId("job-log-time-mode").getByText("Local").click();
  await expect(firstTime).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}$/);

  // The related jobs: the decomposition's parent is the chat_actions job.
  await expect(page.getByTestId("related-job")).toHaveCount(1);
  await expect(page.getByTestId("related-plan")).toContainText("(its jobs)");
});

test("history pages and filters; support signs in with the token and sees everyone's jobs", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.request.get("/api/session");
  await page.goto("/jobs");
  const mine = await Promise.all(Array.from({ length: 21 }, () => startBurst(page.request, 2, 0)));
  for (const job of mine) await waitFinished(page.request, job.id);
  await page.reload();
  const total = page.getByTestId("job-history-total");
  const rows = page.locator('[data-testid="job-history-table"] tr[data-row-key]');
  // Earlier tests in this file ran as other browser sessions: these 21 are this user's only jobs.
  await expect(total).toHaveText("Page 1 · 21 jobs");
  await expect(rows).toHaveCount(20);
  await page.getByTestId("page-next").click();
  await expect(total).toHaveText("Page 2 · 21 jobs");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-row-key", mine.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))[0].id);
  await page.getByTestId("page-prev").click();
  await expect(rows).toHaveCount(20);

  // Filters go into the URL; a type with no jobs shows the empty state.
  await page.getByTestId("filter-type").click();
  await page.getByTitle("Chat actions").click();
  await expect(page).toHaveURL(/jobType=chat_actions/);
  await expect(total).toHaveText("Page 1 · 0 jobs");
  await expect(page.getByText("No jobs match these filters")).toBeVisible();
  await page.getByTestId("filter-clear").click();
  await expect(total).toHaveText("Page 1 · 21 jobs");
  await page.getByTestId("filter-id").locator("input").fill(mine[0].id.slice(0, 13));
  await page.getByTestId("filter-id").locator("input").press("Enter");
  await expect(total).toHaveText("Page 1 · 1 jobs");
  await expect(rows.first()).toHaveAttribute("data-row-key", mine[0].id);

  // Another person: sees none of these until signed in as support.
  const other = await browser.newContext();
  const support = await other.newPage();
  await support.goto("/jobs");
  await expect(support.getByTestId("job-history-total")).toHaveText("Page 1 · 0 jobs");
  await support.getByTestId("support-sign-in-link").click();
  await support.getByTestId("support-token").fill("not-the-token");
  await support.getByTestId("support-submit").click();
  await expect(support.getByText("Wrong support token")).toBeVisible();
  await support.getByTestId("support-token").fill("e2e-support-token");
  await support.getByTestId("support-submit").click();
  await expect(support).toHaveURL(/\/jobs$/);
  await expect(support.getByRole("heading", { name: "All jobs (support)" })).toBeVisible();
  await support.getByTestId("filter-id").locator("input").fill(mine[0].id);
  await support.getByTestId("filter-id").locator("input").press("Enter");
  await expect(support.locator('[data-testid="job-history-table"] tr[data-row-key]')).toHaveCount(1);
  const exported = await support.request.get(`/api/jobs/${mine[0].id}/export?format=json`);
  expect(exported.status()).toBe(200);
  expect((await exported.json()).events.map((e: JobEventDto) => e.seq)).toEqual([1, 2, 3, 4]);
  await support.getByTestId("support-status").getByRole("button").click();
  await expect(support.getByTestId("support-sign-in-link")).toBeVisible();
  await expect(support.getByTestId("job-history-total")).toHaveText("Page 1 · 0 jobs");
  expect((await support.request.get(`/api/jobs/${mine[0].id}`)).status()).toBe(404);
  await other.close();
});
