// What a reply's job tabs show: the running decomposition opens by default
// with its live log lines (not "Chat actions"), every tab label says its job's
// live status, and a cancelled decomposition offers Resume, which continues
// with the tasks not split yet (no duplicates) in a new tab of the same message.
import { expect, test, type Page } from "@playwright/test";
import type { JobSnapshot } from "../lib/shared/jobs";
import type { PlanTree } from "../lib/shared/plans";
import { ChatPage, streamedActions } from "./chat-page";

async function snapshot(page: Page, jobId: string): Promise<JobSnapshot> {
  return (await page.request.get(`/api/jobs/${jobId}`)).json();
}

async function tree(page: Page, planId: string): Promise<PlanTree> {
  return (await page.request.get(`/api/plans/${planId}`)).json();
}

test("the running decomposition opens by default, its log lines visible; tab labels show live statuses", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.send("Plan the launch of a mobile app in 6 weeks");
  await expect(chat.assistantMessages).toHaveCount(1);
  // No tab clicked: the panel on screen is the decomposition, streaming its log.
  const live = await chat.waitForLiveLine("plan_decompose");
  const decomposeId = live.jobId;
  await expect(page.getByTestId("job-tabs")).toHaveAttribute("data-active-job", decomposeId);
  const labels = page.getByTestId("job-tab");
  await expect(labels).toHaveCount(2);
  await expect(labels.first()).toHaveAttribute("data-status", "succeeded");
  await expect(labels.first().getByTestId("job-tab-status")).toHaveText("Succeeded");
  const decomposeLabel = page.locator(`[data-testid="job-tab"][data-job-id="${decomposeId}"]`);
  await expect(decomposeLabel.getByTestId("job-tab-status")).toHaveText(/Running|Succeeded/);
  await expect(decomposeLabel).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(decomposeLabel.getByTestId("job-tab-status")).toHaveText("Succeeded");
  // Still the decomposition: the longest job.
  await expect(page.getByTestId("job-tabs")).toHaveAttribute("data-active-job", decomposeId);
});

test("Resume after cancel continues with the tasks not split yet, without duplicates", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  // The job ids from the stream's `actions` event itself: a loaded machine's browser may stall for seconds, the API does not wait for it.
  const sent = page.waitForResponse((r) => r.url().endsWith("/api/chat/agent") && r.request().method() === "POST");
  await chat.send("Plan a conference for 500 people in 4 months");
  const { metadata } = streamedActions(await (await sent).text());
  const oldId = metadata.jobs.find((j) => j.jobType === "plan_decompose")!.jobId;
  const planId = metadata.planId!;

  // Cancel after the first task's subtasks were committed, before the last.
  await expect
    .poll(async () => (await snapshot(page, oldId)).events.some((e) => e.kind === "tasks_updated"), { intervals: [50] })
    .toBe(true);
  expect((await page.request.post(`/api/jobs/${oldId}/cancel`)).status()).toBe(202);
  await expect(page.getByTestId("job-tabs")).toHaveAttribute("data-active-job", oldId);
  const panel = chat.visiblePanel();
  await expect(panel).toHaveAttribute("data-job-id", oldId);
  await expect(panel).toHaveAttribute("data-status", "cancelled");
  const before = (await tree(page, planId)).tasks;
  const splitBefore = before.filter((t) => t.children.length > 0);
  expect(splitBefore.length).toBeGreaterThanOrEqual(1);
  expect(splitBefore.length).toBeLessThan(before.length);

  await page.getByTestId("job-resume").click();
  // The new job is a third tab of the same message, opened.
  const labels = page.getByTestId("job-tab");
  await expect(labels).toHaveCount(3);
  const newId = (await labels.nth(2).getAttribute("data-job-id"))!;
  expect(newId).not.toBe(oldId);
  await expect(page.getByTestId("job-tabs")).toHaveAttribute("data-active-job", newId);
  await expect(chat.visiblePanel()).toHaveAttribute("data-job-id", newId);
  await expect(chat.visiblePanel()).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  const resumeTag = page.locator(`[data-testid="action-tag"][data-kind="decompose_task"]`).last();
  await expect(resumeTag).toContainText("Resume splitting the plan's tasks");
  await expect(resumeTag).toHaveAttribute("data-status", "completed");

  // Every top-level task split exactly once; those split before kept their subtasks.
  const after = (await tree(page, planId)).tasks;
  expect(after.map((t) => t.id)).toEqual(before.map((t) => t.id));
  for (const task of after) {
    expect(task.children.length).toBeGreaterThan(0);
    const old = before.find((t) => t.id === task.id)!;
    if (old.children.length > 0) expect(task.children.map((c) => c.id)).toEqual(old.children.map((c) => c.id));
    expect(new Set(task.children.map((c) => c.title)).size).toBe(task.children.length);
  }
  const resumedLog = await snapshot(page, newId);
  expect(resumedLog.events.filter((e) => e.kind === "tasks_updated").length).toBe(before.length - splitBefore.length);

  // The cancelled tab now says it was resumed (no second Resume), also after a reload.
  await page.locator(`[data-testid="job-tab"][data-job-id="${oldId}"]`).click();
  await expect(page.getByTestId("job-resumed")).toBeVisible();
  await expect(page.getByTestId("job-resume")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("job-tab")).toHaveCount(3);
  await expect(page.getByTestId("job-resume")).toHaveCount(0);
});
