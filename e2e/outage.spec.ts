// Recovery after an outage (issue 10), against a server of the spec's own (slow
// model calls, so the work outlasts the browser's steps on a loaded machine):
// 1. the network is cut while a decomposition runs (every /api request refused,
//    the open stream dropped), the job finishes on the server meanwhile, the
//    network comes back, and nobody touches the page: within 15 s every panel,
//    action tag and the plan pane show the true final state, each log gapless;
// 2. the server is killed mid-job and started again: the page says it cannot
//    reach the server, then catches up by itself with the recovered job.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ChatPage } from "./chat-page";
import { OwnServer } from "./own-server";

const own = new OwnServer(3232, { LLM_OFFLINE_LATENCY_MS: "3000", JOB_LEASE_MS: "2000", JOB_CONCURRENCY: "8" });
test.use({ baseURL: own.base });
test.beforeAll(async () => {
  test.setTimeout(60_000);
  await own.start();
});
test.afterAll(() => own.kill());

type JobRow = { id: string; status: string; lastSeq: number; planId: string | null };

async function jobRow(request: APIRequestContext, jobId: string): Promise<JobRow> {
  const res = await request.get(`/api/jobs/${encodeURIComponent(jobId)}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { job: JobRow }).job;
}

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
  const request = context.request;
  // The reply is there and its decomposition is on its way (7 model calls of 3 s: ~20 s of work left).
  await expect(chat.assistantMessages.first().getByTestId("action-tag").first()).toBeVisible();
  const decomposition = async () => ((await (await request.get("/api/jobs?limit=50")).json()) as { jobs: (JobRow & { jobType: string })[] }).jobs.find((j) => j.jobType === "plan_decompose");
  await expect.poll(async () => (await decomposition())?.status, { timeout: 15_000, intervals: [100] }).toMatch(/^(pending|running)$/);

  const tabs = chat.assistantMessages.first().getByRole("tab");
  const decompositionId = (await decomposition())!.id;

  // Cut: new requests to /api are refused and the browser is offline (the open stream drops).
  await page.route("**/api/**", (route) => route.abort("internetdisconnected"));
  await context.setOffline(true);
  // Still running on the server when the page lost it: the page has the rest to catch up on.
  expect((await decomposition())?.status).toMatch(/^(pending|running)$/);
  // The chat opens the running job's tab by itself: its panel was on screen and following when the network went.
  await expect(page.locator(`[data-testid="job-log-panel"][data-job-id="${decompositionId}"]`)).toBeVisible();
  const jobIds = ((await (await request.get("/api/jobs?limit=50")).json()) as { jobs: JobRow[] }).jobs.map((j) => j.id);
  expect(jobIds).toHaveLength(2);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-online", "false", { timeout: 15_000 });

  // The server goes on: wait (from the test, not the page) until every job of the message is terminal.
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

  // The panel that was on screen catches up untouched; then the other job's panel (opening its tab) is final too.
  finalRows.sort((a, b) => (a.id === decompositionId ? -1 : b.id === decompositionId ? 1 : 0));
  for (const row of finalRows) {
    if (row.id !== decompositionId) await tabs.first().click();
    await expect.poll(() => panelState(page, row.id), { timeout: 15_000 - (Date.now() - backAt) }).toMatchObject({ status: row.status, lastSeq: row.lastSeq });
    const state = await panelState(page, row.id);
    expect(state.lineCount).toBe(state.lastSeq - state.firstSeq + 1);
  }
  // Tags: the jobs all succeeded on the server, so every action of the reply shows Completed.
  expect(finalRows.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
  const tags = chat.assistantMessages.first().getByTestId("action-tag");
  await expect.poll(async () => tags.evaluateAll((els) => els.map((e) => e.getAttribute("data-status"))), { timeout: 15_000 }).toEqual(["completed", "completed"]);
  // The plan pane shows the plan's true task count.
  const planId = listed.jobs.find((j) => j.planId)?.planId;
  expect(planId).toBeTruthy();
  type Node = { children: Node[] };
  const tree = (await (await request.get(`/api/plans/${encodeURIComponent(planId!)}`)).json()) as { tasks: Node[] };
  const count = (nodes: Node[]): number => nodes.reduce((n, t) => n + 1 + count(t.children), 0);
  await expect(page.getByTestId("plan-progress").first()).toHaveAttribute("data-total", String(count(tree.tasks)), { timeout: 15_000 });
  // One visible state per panel: no panel shows a load error, a loading state or an offline notice now.
  await expect(page.locator('[data-testid="job-log-panel"] [data-testid="job-log-offline"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="job-log-panel"] [data-testid="job-log-load-error"]')).toHaveCount(0);
});

test("after the server is killed mid-job and started again, the page catches up by itself", async ({ page, context }) => {
  test.setTimeout(120_000);
  const chat = new ChatPage(page);
  await chat.open();
  await chat.send("Plan the launch of a mobile app in 6 weeks");
  await expect(chat.assistantMessages).toHaveCount(1);
  const request = context.request;
  const jobs = async () => ((await (await request.get("/api/jobs?limit=50")).json()) as { jobs: (JobRow & { jobType: string })[] }).jobs;
  await expect.poll(async () => (await jobs()).find((j) => j.jobType === "plan_decompose")?.status, { timeout: 15_000, intervals: [100] }).toBe("running");
  const decompositionId = (await jobs()).find((j) => j.jobType === "plan_decompose")!.id;
  // Killed while the decomposition runs; the chat shows the running job's tab, whose panel follows it.
  own.kill();
  await expect(page.locator(`[data-testid="job-log-panel"][data-job-id="${decompositionId}"]`)).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-online", "false", { timeout: 20_000 });
  await page.waitForTimeout(3_000);
  await own.start();

  // The lease expires, the job is recovered and runs to its end; the page follows it without a click.
  await expect.poll(async () => (await jobRow(request, decompositionId)).status, { timeout: 60_000, intervals: [500] }).toMatch(/^(succeeded|failed)$/);
  const row = await jobRow(request, decompositionId);
  // It really was interrupted mid-run: its log records the recovery of the killed attempt.
  const events = (await (await request.get(`/api/jobs/${decompositionId}/events?after=0&limit=1000`)).json()) as { events: { kind: string; data: { error?: string } | null }[] };
  expect(events.events.some((e) => e.kind === "status" && e.data?.error === "interrupted")).toBe(true);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-online", "true", { timeout: 15_000 });
  await expect.poll(() => panelState(page, decompositionId), { timeout: 15_000 }).toMatchObject({ status: row.status, lastSeq: row.lastSeq });
  const state = await panelState(page, decompositionId);
  expect(state.lineCount).toBe(state.lastSeq - state.firstSeq + 1);
  await expect(page.locator('[data-testid="job-log-panel"] [data-testid="job-log-offline"]')).toHaveCount(0);
});
