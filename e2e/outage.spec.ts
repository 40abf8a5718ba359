// Recovery after an outage (issue 10): the network is cut while a decomposition
// runs (every /api request refused, the open stream dropped), the job finishes on
// the server meanwhile, the network comes back, and nobody touches the page:
// within 15 s every panel, action tag and the plan pane show the true final state,
// and each panel's log is gapless up to the job's last seq.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ChatPage } from "./chat-page";

type JobRow = { id: string; status: string; lastSeq: number; planId: string | null };

async function jobRow(request: APIRequestContext, jobId: string): Promise<JobRow> {
  const res = await request.get(`/api/jobs/${encodeURIComponent(jobId)}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { job: JobRow }).job;
}

/** Every panel's job id on the page. */
const panelJobIds = (page: Page) =>
  page.locator('[data-testid="job-log-panel"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("data-job-id")!))]);

/** A panel's log as the page holds it: status, first/last seq and line count (gapless iff count = last − first + 1). */
const panelState = (page: Page, jobId: string) =>
  page.locator(`[data-testid="job-log-panel"][data-job-id="${jobId}"]`).first().evaluate((el) => ({
    status: el.getAttribute("data-status"),
    firstSeq: Number(el.getAttribute("data-first-seq")),
    lastSeq: Number(el.getAttribute("data-last-seq")),
    lineCount: Number(el.getAttribute("data-line-count")),
  }));

test("after the network comes back, every panel, tag and the plan pane recover by themselves to the true final state", async ({ page, context }) => {
  test.setTimeout(120_000);
  const chat = new ChatPage(page);
  await chat.open();
  await chat.send("Plan a two-week trip to Japan with a budget");
  await expect(chat.assistantMessages).toHaveCount(1);
  await page.waitForFunction(() => !!document.querySelector('[data-testid="job-log-panel"][data-status="running"] [data-testid="job-log-line"]'), undefined, {
    timeout: 30_000,
    polling: 20,
  });
  const jobIds = await panelJobIds(page);
  expect(jobIds.length).toBeGreaterThanOrEqual(1);

  // Cut: new requests to /api are refused and the browser is offline (the open stream drops).
  await page.route("**/api/**", (route) => route.abort("internetdisconnected"));
  await context.setOffline(true);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-online", "false", { timeout: 15_000 });

  // The server goes on: wait (from the test, not the page) until every job of the message is terminal.
  const request = context.request;
  await expect
    .poll(async () => (await Promise.all(jobIds.map((id) => jobRow(request, id)))).every((j) => ["succeeded", "failed", "cancelled"].includes(j.status)), {
      timeout: 60_000,
      intervals: [500],
    })
    .toBe(true);
  // Stay cut a little longer: polling gives up, the stream's and the probe's backoffs grow.
  await page.waitForTimeout(6_000);
  const finalRows = await Promise.all(jobIds.map((id) => jobRow(request, id)));
  // The chat's own jobs (the decomposition started by the message included) as the server has them.
  const listed = (await (await request.get("/api/jobs?limit=50")).json()) as { jobs: JobRow[] };

  // Back: nobody clicks anything.
  await context.setOffline(false);
  await page.unroute("**/api/**");
  const backAt = Date.now();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-online", "true", { timeout: 15_000 });

  for (const row of finalRows) {
    await expect.poll(() => panelState(page, row.id), { timeout: 15_000 - (Date.now() - backAt) }).toMatchObject({ status: row.status, lastSeq: row.lastSeq });
    const state = await panelState(page, row.id);
    expect(state.lineCount).toBe(state.lastSeq - state.firstSeq + 1);
  }
  // Tags: every action of the reply shows its job's final state.
  const tags = chat.assistantMessages.first().getByTestId("action-tag");
  await expect
    .poll(async () => (await tags.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))).every((s) => s === "completed" || s === "failed"), {
      timeout: 15_000,
    })
    .toBe(true);
  // The plan pane shows the plan's true task count.
  const planId = listed.jobs.find((j) => j.planId)?.planId;
  expect(planId).toBeTruthy();
  const tree = (await (await request.get(`/api/plans/${encodeURIComponent(planId!)}`)).json()) as { tasks: unknown[] };
  await expect(page.getByTestId("plan-progress").first()).toHaveAttribute("data-total", String(tree.tasks.length), { timeout: 15_000 });
  // One visible state per panel: no panel shows a load error, a loading state or an offline notice now.
  await expect(page.locator('[data-testid="job-log-panel"] [data-testid="job-log-offline"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="job-log-panel"] [data-testid="job-log-load-error"]')).toHaveCount(0);
});
