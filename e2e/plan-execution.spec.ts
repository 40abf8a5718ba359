// Executing a plan in Chromium on the built-in offline model and the real
// built-in tools: "execute the plan" in chat (the tree turns done live, a tool
// call opens in the log panel, its document downloads), "Execute plan" on the
// plan page (the run appears at the top of Runs, renders live from the job's
// events, ends green only because it truly succeeded, its document and
// calendar download), and — on a server of its own with TOOL_APPROVAL=always —
// approvals: Approve and Deny in the run view and the log, an inline error when
// the call was decided elsewhere, and support reading the run without buttons.
import fs from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import type { SendMessageResponse } from "../lib/shared/chat";
import type { PlanTree, TaskNode } from "../lib/shared/plans";
import type { RunDetail } from "../lib/shared/runs";
import { ChatPage, streamedActions } from "./chat-page";
import { OwnServer } from "./own-server";
import { E2E_SUPPORT_TOKEN } from "./page-fixtures";

const GOAL = "Plan a birthday party for 20 guests on 2027-03-20 with a budget in EUR";
/** How long a whole run may take on a loaded machine (700 ms per offline model call), ms. */
const RUN_MS = 180_000;

const flatten = (nodes: TaskNode[]): TaskNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

/** Serious and critical WCAG 2.2 AA violations inside `selector`, in light and dark, as `rule: target` lines (empty = none). */
async function violations(page: Page, selector: string): Promise<string[]> {
  const out: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator("html")).toHaveAttribute("data-theme", colorScheme);
    const result = await new AxeBuilder({ page }).include(selector).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    for (const v of result.violations) if (v.impact === "serious" || v.impact === "critical") out.push(...v.nodes.map((n) => `${colorScheme} ${v.id}: ${n.target.join(" ")}`));
  }
  await page.emulateMedia({ colorScheme: null });
  return out;
}

/** Records every status each plan task showed (`window.__taskStatuses`: taskId → statuses in order), from the first DOM change on. */
async function recordTaskStatuses(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: Record<string, string[]> = {};
    (window as unknown as { __taskStatuses: typeof seen }).__taskStatuses = seen;
    const scan = () => {
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid="plan-task"]')) {
        const list = (seen[el.dataset.taskId!] ??= []);
        if (list.at(-1) !== el.dataset.status) list.push(el.dataset.status!);
      }
    };
    document.addEventListener("DOMContentLoaded", () => new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true }));
  });
}

/** Clicks `link` and returns the downloaded file's suggested name and text. */
async function download(page: Page, link: Locator): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return { name: file.suggestedFilename(), text: await fs.readFile((await file.path())!, "utf8") };
}

/** A plan made through the API (sync chat: decomposed when it answers); the page's context owns it. */
async function planByApi(page: Page): Promise<{ planId: string; tasks: TaskNode[] }> {
  const res = await page.request.post("/api/chat/message", { data: { message: GOAL, mode: "sync" } });
  expect(res.status()).toBe(200);
  const planId = ((await res.json()) as SendMessageResponse).metadata.planId!;
  const tree = (await (await page.request.get(`/api/plans/${planId}`)).json()) as PlanTree;
  return { planId, tasks: flatten(tree.tasks) };
}

test("“execute the plan” in chat: the tree turns done live, a tool call opens in the log panel, its document downloads", async ({ page }) => {
  test.setTimeout(RUN_MS + 120_000);
  await recordTaskStatuses(page);
  const chat = new ChatPage(page);
  await chat.open();
  await chat.sendAndSettle(GOAL);
  const planId = await chat.shownPlanId();
  const tasks = flatten(((await (await page.request.get(`/api/plans/${planId}`)).json()) as PlanTree).tasks);
  expect(tasks.length).toBeGreaterThan(4);

  const sent = page.waitForResponse((r) => r.url().endsWith("/api/chat/agent") && r.request().method() === "POST");
  await chat.send("execute the plan");
  const answer = streamedActions(await (await sent).text());
  expect(answer.actions.map((a) => a.kind)).toEqual(["execute_plan"]);
  const execJobId = answer.metadata.jobs.find((j) => j.jobType === "plan_execute")!.jobId;
  const reply = chat.assistantMessages.nth(1);
  await expect(reply.locator('[data-testid="action-tag"][data-kind="execute_plan"]')).toBeVisible();
  await expect(reply.locator(`[data-testid="job-tab"][data-job-id="${execJobId}"]`)).toContainText("Plan execution");

  // The plan pane's tree follows the run: tasks were seen in progress on the way, and each ends as the server says —
  // done when a tool did it, as it was (todo) when no tool could and it is left for a person.
  const panel = reply.locator(`[data-testid="job-log-panel"][data-job-id="${execJobId}"]`);
  await expect(panel).toHaveAttribute("data-status", "succeeded", { timeout: RUN_MS });
  const after = flatten(((await (await page.request.get(`/api/plans/${planId}`)).json()) as PlanTree).tasks);
  expect(after.filter((t) => t.status === "done").length).toBeGreaterThan(0);
  const statuses = () => chat.planTasks.evaluateAll((els) => els.map((e) => [e.getAttribute("data-task-id"), e.getAttribute("data-status")]));
  await expect.poll(statuses).toEqual(after.map((t) => [t.id, t.status]));
  const seen = await page.evaluate(() => (window as unknown as { __taskStatuses: Record<string, string[]> }).__taskStatuses);
  expect(Object.values(seen).filter((list) => list.includes("in_progress")).length).toBeGreaterThan(0);
  for (const t of after) expect(seen[t.id].at(-1)).toBe(t.status);
  await expect(reply.locator('[data-testid="action-tag"][data-kind="execute_plan"]')).toHaveAttribute("data-status", "completed");

  // The run's panel: succeeded for real (no "finished without success"), collapsed with the run's files at hand.
  await expect(panel.getByTestId("run-outcome-tag")).toHaveCount(0);
  await expect(panel).toHaveAttribute("data-collapsed", "true");
  await expect(panel.getByTestId("artifact-link").first()).toBeVisible();
  await panel.getByTestId("job-log-expand").click();

  // The run reads as a tree of steps: a group per task, each showing its node's status (a task left for a person says so).
  const groups = panel.getByTestId("job-log-group");
  await expect(groups.first()).toBeVisible();
  expect(await groups.evaluateAll((els) => els.every((e) => e.getAttribute("data-node-status") === "completed"))).toBe(true);
  const detail = (await (await page.request.get(`/api/plans/${planId}/runs`)).json()).runs[0] as { counts: { tasksManual: number } };
  if (detail.counts.tasksManual > 0) await expect(panel.locator('[data-testid="job-log-group"][data-manual="true"]').first()).toContainText("For a person");

  // A write_document call: found by search (its group unfolds), opened in place: input and output, its file a download.
  await panel.getByTestId("job-log-search").fill("write_document");
  const call = panel.locator('[data-testid="tool-call"][data-status="succeeded"]', { hasText: "write_document" }).first();
  await expect(call).toBeVisible();
  const toggle = call.getByTestId("tool-call-toggle");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const details = panel.getByTestId("tool-call-details");
  await expect(details).toHaveCount(1);
  await expect(details).toContainText("Input");
  await expect(details.getByTestId("tool-call-output")).toBeVisible();
  const doc = await download(page, details.getByTestId("artifact-link").first());
  expect(doc.name).toMatch(/\.md$/);
  expect(doc.text.startsWith("# ")).toBe(true);
  expect(await violations(page, `[data-testid="job-log-panel"][data-job-id="${execJobId}"]`)).toEqual([]);

  // Its result line is a compact "← result" line that leads back to the call.
  await panel.getByTestId("job-log-search").fill("← write_document");
  const result = panel.locator('[data-testid="tool-result"]', { hasText: "write_document" }).first();
  await expect(result).toHaveAttribute("data-status", "succeeded");
  await expect(result.getByTestId("tool-result-call")).toBeVisible();
});

test("the plan page: Execute plan starts a run at the top of Runs, live from its events; green only on success; its document and calendar download", async ({ page }) => {
  test.setTimeout(RUN_MS + 60_000);
  const { planId, tasks } = await planByApi(page);
  const runFetches: string[] = [];
  page.on("request", (r) => {
    if (/\/api\/runs\/[^/]+$/.test(new URL(r.url()).pathname)) runFetches.push(r.url());
  });
  await page.goto(`/plans/${planId}`);
  await expect(page.getByTestId("plan-task").first()).toBeVisible();
  const section = page.getByTestId("runs-section");
  await expect(section.getByTestId("runs-empty")).toBeVisible();

  await page.getByTestId("execute-plan").click();
  const row = section.getByTestId("run-row").first();
  await expect(row).toBeVisible();
  const runId = (await row.getAttribute("data-run-id"))!;
  // The new run opens by itself and shows its steps as they happen.
  await expect(row.getByTestId("run-details")).toBeVisible();
  await expect(row.getByTestId("run-step").first()).toBeVisible({ timeout: 30_000 });
  await expect(row).toHaveAttribute("data-status", "succeeded", { timeout: RUN_MS });
  await expect(row).toHaveAttribute("data-success", "true");
  await expect(row.getByTestId("run-outcome")).toHaveText("Succeeded");
  await expect(row.getByTestId("run-outcome")).toHaveClass(/ant-tag-success/);

  const detail = (await (await page.request.get(`/api/runs/${runId}`)).json()) as RunDetail;
  expect(detail.run).toMatchObject({ status: "succeeded", success: true });
  const steps = row.getByTestId("run-step");
  await expect(steps).toHaveCount(detail.steps.length);
  expect(await steps.evaluateAll((els) => els.map((e) => [e.getAttribute("data-task-id"), e.getAttribute("data-status")]))).toEqual(
    detail.steps.map((s) => [s.taskId, "completed"]),
  );
  const { tasksDone, tasksManual, toolCalls } = detail.run.counts;
  expect(tasksDone + tasksManual).toBe(tasks.length);
  await expect(row.getByTestId("run-counts")).toHaveText(`${tasksDone}/${tasks.length} done · ${tasksManual} for a person · 0 failed · 0 skipped · ${toolCalls} tool calls`);
  // A step no tool could do says it is left for a person; the others are done.
  expect(await steps.evaluateAll((els) => els.filter((e) => e.getAttribute("data-manual") === "true").length)).toBe(detail.steps.filter((s) => s.manual).length);
  await expect(row.getByTestId("run-job-link")).toHaveAttribute("href", `/jobs/${detail.run.jobId}`);
  // Rendered from the streamed events: the run was fetched for its end, not once per event.
  expect(runFetches.filter((u) => u.endsWith(`/api/runs/${runId}`)).length).toBeLessThanOrEqual(2);

  // A step's tool call opens into its input and output.
  const call = row.getByTestId("run-step").getByTestId("tool-call").first();
  await call.getByTestId("tool-call-toggle").click();
  await expect(call.getByTestId("tool-call-details")).toContainText("Input");
  await expect(call.getByTestId("tool-call-output")).toBeVisible();
  expect(await violations(page, '[data-testid="runs-section"]')).toEqual([]);

  // The run's files: a Markdown document and the calendar with one VEVENT per scheduled step.
  const files = row.getByTestId("run-files");
  const md = await download(page, files.locator('[data-testid="artifact-link"][data-media-type^="text/markdown"]').first());
  expect(md.name).toMatch(/\.md$/);
  expect(md.text.startsWith("# ")).toBe(true);
  const ics = await download(page, files.locator('[data-testid="artifact-link"][data-media-type^="text/calendar"]'));
  expect(ics.name).toMatch(/\.ics$/);
  expect(ics.text).toContain("BEGIN:VCALENDAR");
  const scheduled = detail.steps.filter((s) => s.scheduledDate);
  expect(scheduled.length).toBeGreaterThan(0);
  expect(ics.text.match(/BEGIN:VEVENT/g)?.length).toBe(scheduled.length);
  for (const s of scheduled) expect(ics.text).toContain(`DTSTART;VALUE=DATE:${s.scheduledDate!.replaceAll("-", "")}`);

  // The tree shows each task as the run left it.
  const after = flatten(((await (await page.request.get(`/api/plans/${planId}`)).json()) as PlanTree).tasks);
  await expect
    .poll(() => page.getByTestId("plan-task").evaluateAll((els) => els.map((e) => [e.getAttribute("data-task-id"), e.getAttribute("data-status")])))
    .toEqual(after.map((t) => [t.id, t.status]));

  // The run's job page shows the run above its log: the same outcome, counts and steps.
  await row.getByTestId("run-job-link").click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${detail.run.jobId}$`));
  const jobRun = page.getByTestId("job-run").getByTestId("run-row");
  await expect(jobRun).toHaveAttribute("data-run-id", runId);
  await expect(jobRun.getByTestId("run-outcome")).toHaveText("Succeeded");
  await expect(jobRun.getByTestId("run-counts")).toHaveText(`${tasksDone}/${tasks.length} done · ${tasksManual} for a person · 0 failed · 0 skipped · ${toolCalls} tool calls`);
  await expect(jobRun.getByTestId("run-step")).toHaveCount(detail.steps.length);
});

test.describe("approvals (TOOL_APPROVAL=always, a server of its own)", () => {
  const own = new OwnServer(Number(process.env.E2E_PORT ?? 3210) + 40, {
    LLM_OFFLINE_LATENCY_MS: "150",
    TOOL_APPROVAL: "always",
    SUPPORT_TOKEN: E2E_SUPPORT_TOKEN,
  });
  test.afterAll(() => own.kill());

  test("Approve and Deny in the run view and the log; a call decided elsewhere says so inline; support reads the run without buttons", async ({ browser }) => {
    test.setTimeout(240_000);
    await own.start();
    const context = await browser.newContext({ baseURL: own.base, acceptDownloads: true });
    const page = await context.newPage();
    const { planId, tasks } = await planByApi(page);
    await page.goto(`/plans/${planId}`);
    await expect(page.getByTestId("plan-task").first()).toBeVisible();

    // "Execute" in the first top-level task's menu runs that task and its subtree.
    const first = tasks.find((t) => t.parentId === null)!;
    await page.locator(`[data-testid="plan-task"][data-task-id="${first.id}"]`).getByTestId("plan-task-menu").click();
    await page.getByTestId("plan-action-execute").click();
    const row = page.getByTestId("run-row").first();
    await expect(row).toBeVisible();
    const runId = (await row.getAttribute("data-run-id"))!;
    const approvals = row.getByTestId("run-approvals");
    const pending = async () => ((await (await page.request.get(`/api/runs/${runId}`)).json()) as RunDetail).pendingApprovals;

    // 1. Approve while the request is slow: both buttons disabled, Approve spinning; then the call runs.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(
      "**/api/runs/*/approvals/*",
      async (route) => {
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    await expect(approvals.getByTestId("tool-call")).toHaveCount(1, { timeout: 60_000 });
    const firstCall = (await approvals.getByTestId("tool-call").getAttribute("data-call-id"))!;
    await approvals.getByTestId("approval-approve").click();
    await expect(approvals.getByTestId("approval-approve")).toHaveClass(/ant-btn-loading/);
    await expect(approvals.getByTestId("approval-deny")).toBeDisabled();
    release();
    await expect(row.locator(`[data-testid="run-step"] [data-testid="tool-call"][data-call-id="${firstCall}"]`)).toHaveAttribute("data-status", "succeeded", {
      timeout: 30_000,
    });

    // 2. Deny the next one: the call never runs.
    const nextPending = async (decided: string[]) => {
      let id: string | undefined;
      await expect.poll(async () => (id = (await pending()).find((c) => !decided.includes(c.callId))?.callId), { timeout: 60_000 }).toBeTruthy();
      return id!;
    };
    const secondCall = await nextPending([firstCall]);
    // Support (another browser) reads the run meanwhile: the waiting call's state, no buttons, no Execute.
    const support = await browser.newContext({ baseURL: own.base });
    expect((await support.request.post("/api/session/support", { data: { token: E2E_SUPPORT_TOKEN } })).status()).toBe(200);
    const supportPage = await support.newPage();
    await supportPage.goto(`/plans/${planId}`);
    await expect(supportPage.getByTestId("execute-plan")).toBeDisabled();
    const supportRow = supportPage.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
    await supportRow.getByTestId("run-toggle").click();
    const waiting = supportRow.getByTestId("run-approvals").locator(`[data-testid="tool-call"][data-call-id="${secondCall}"]`);
    await expect(waiting.getByTestId("approval-state")).toHaveText("Waiting for the owner's approval");
    await expect(supportPage.getByTestId("approval-approve")).toHaveCount(0);
    await expect(supportPage.getByTestId("plan-task-menu")).toHaveCount(0);

    await approvals.locator(`[data-testid="tool-call"][data-call-id="${secondCall}"]`).getByTestId("approval-deny").click();
    await expect(row.locator(`[data-testid="run-step"] [data-testid="tool-call"][data-call-id="${secondCall}"]`)).toHaveAttribute("data-status", "denied", {
      timeout: 30_000,
    });

    // 3. A call decided elsewhere meanwhile (the API, another tab): the click answers 409, said inline.
    const thirdCall = await nextPending([firstCall, secondCall]);
    let decidedElsewhere!: () => void;
    const elsewhere = new Promise<void>((r) => (decidedElsewhere = r));
    await page.route(
      "**/api/runs/*/approvals/*",
      async (route) => {
        await elsewhere;
        await route.continue();
      },
      { times: 1 },
    );
    await approvals.locator(`[data-testid="tool-call"][data-call-id="${thirdCall}"]`).getByTestId("approval-approve").click();
    expect((await page.request.post(`/api/runs/${runId}/approvals/${thirdCall}`, { data: { approve: true } })).status()).toBe(200);
    decidedElsewhere();
    // The buttons go once the decision arrives; the call's state says it was approved, and that this click came too late.
    const thirdInStep = row.locator(`[data-testid="run-step"] [data-testid="tool-call"][data-call-id="${thirdCall}"]`);
    await expect(thirdInStep.getByTestId("approval-state")).toContainText("Approved by");
    await expect(thirdInStep.getByTestId("approval-error")).toHaveText("Already decided or expired.");

    // The rest approved by the owner through the API; the run ends.
    await expect
      .poll(
        async () => {
          for (const c of await pending()) await page.request.post(`/api/runs/${runId}/approvals/${c.callId}`, { data: { approve: true } });
          return ((await (await page.request.get(`/api/runs/${runId}`)).json()) as RunDetail).run.status;
        },
        { timeout: 120_000, intervals: [500] },
      )
      .toBe("succeeded");

    // The job page shows each decision on its approval line (deep-linked: the line is brought into view).
    const jobId = ((await (await page.request.get(`/api/runs/${runId}`)).json()) as RunDetail).run.jobId;
    const events = (await (await page.request.get(`/api/jobs/${jobId}/events?after=0&limit=1000`)).json()).events as { seq: number; kind: string; data: { callId?: string } }[];
    const requestLine = (callId: string) => events.find((e) => e.kind === "approval_requested" && e.data.callId === callId)!.seq;
    for (const [callId, text] of [
      [firstCall, /^Approved by /],
      [secondCall, /^Denied by /],
    ] as const) {
      await page.goto(`/jobs/${jobId}#L${requestLine(callId)}`);
      const line = page.locator(`[data-testid="job-log-line"][data-seq="${requestLine(callId)}"]`);
      await expect(line.getByTestId("approval-state")).toHaveText(text);
    }
    await expect(page.getByTestId("approval-approve")).toHaveCount(0);
    await support.close();
    await context.close();
  });
});
