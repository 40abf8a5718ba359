// The editable plan tree in Chromium: a plan made through the chat (offline
// model) is reshaped on its page by drag and drop, keyboard rename, the
// status menu and a decomposition, and all of it persists; a second tab sees
// edits live; the keyboard alone moves, indents, outdents and deletes; a
// conversation with two plans sends each message to the plan on screen.
// Outcomes are read back from GET /api/plans/{id} (the server's view).
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import type { PlanTree, TaskNode } from "../lib/shared/plans";
import { ChatPage } from "./chat-page";

const GOAL = "Plan the launch of a mobile app in 6 weeks";

/** The plan as the server has it (the page's cookies: same user). */
async function readPlan(request: APIRequestContext, planId: string): Promise<PlanTree> {
  const res = await request.get(`/api/plans/${planId}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as PlanTree;
}

/** A task anywhere in the tree with its parent's id (null = top level), or undefined. */
function find(tasks: TaskNode[], id: string, parentId: string | null = null): { task: TaskNode; parentId: string | null } | undefined {
  for (const task of tasks) {
    if (task.id === id) return { task, parentId };
    const below = find(task.children, id, task.id);
    if (below) return below;
  }
  return undefined;
}

/** Every task of the tree, parents first. */
const all = (tasks: TaskNode[]): TaskNode[] => tasks.flatMap((t) => [t, ...all(t.children)]);

/** Page object of /plans/{planId} (data-testid selectors). */
class PlanTreePage {
  readonly tree: Locator;
  readonly renameInput: Locator;

  constructor(readonly page: Page) {
    this.tree = page.getByTestId("plan-tree-body").getByRole("tree");
    this.renameInput = page.getByTestId("plan-task-rename-input");
  }

  async open(planId: string): Promise<void> {
    await this.page.goto(`/plans/${planId}`);
    await expect(this.page.getByTestId("plan-title")).toBeVisible();
    await expect(this.page.getByTestId("plan-task").first()).toBeVisible();
  }

  task(id: string): Locator {
    return this.page.locator(`[data-testid="plan-task"][data-task-id="${id}"]`);
  }

  title(id: string): Locator {
    return this.task(id).getByTestId("plan-task-title");
  }

  childrenOf(id: string): Locator {
    return this.page.locator(`[data-testid="plan-task"][data-parent-id="${id}"]`);
  }

  /** Ids of the top-level tasks in screen order. */
  topLevelIds(): Promise<string[]> {
    return this.page.locator('[data-testid="plan-task"][data-parent-id=""]').evaluateAll((els) => els.map((e) => e.getAttribute("data-task-id")!));
  }

  /** The id of the tree's current (active) task, or null. */
  activeId(): Promise<string | null> {
    return this.page.evaluate(() => document.querySelector('.ant-tree-treenode-active [data-testid="plan-task"]')?.getAttribute("data-task-id") ?? null);
  }
}

test("a planner drags, renames by keyboard, marks done and decomposes a task on the plan page; all of it persists", async ({ page }) => {
  test.setTimeout(240_000);
  const planId = await new ChatPage(page).createPlan(GOAL);
  const plan = new PlanTreePage(page);
  await plan.open(planId);

  const before = await readPlan(page.request, planId);
  expect(before.tasks.length).toBeGreaterThanOrEqual(3);
  const [first, , third] = before.tasks;
  const moved = first.children.at(-1)!;
  expect(moved.children).toHaveLength(0);
  await expect(plan.task(third.id)).toBeVisible();

  // Drag: a subtask of the first task onto the third (expanded): its first child.
  const target = await plan.title(third.id).boundingBox();
  await plan.title(moved.id).dragTo(plan.title(third.id), { targetPosition: { x: 8, y: target!.height * 0.75 } });
  await expect(plan.task(moved.id)).toHaveAttribute("data-parent-id", third.id);
  await expect
    .poll(async () => {
      const tree = await readPlan(page.request, planId);
      return [find(tree.tasks, moved.id)?.parentId, find(tree.tasks, third.id)?.task.children[0].id];
    })
    .toEqual([third.id, moved.id]);
  const afterDrag = await readPlan(page.request, planId);
  expect(find(afterDrag.tasks, first.id)!.task.children.map((c) => c.id)).toEqual(first.children.slice(0, -1).map((c) => c.id));

  // Rename with the keyboard: the task is current, F2, type, Enter.
  await plan.title(moved.id).click();
  await expect.poll(() => plan.activeId()).toBe(moved.id);
  await page.keyboard.press("F2");
  await expect(plan.renameInput).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("Book the launch venue");
  await page.keyboard.press("Enter");
  await expect(plan.renameInput).toHaveCount(0);
  await expect(plan.title(moved.id)).toHaveText("Book the launch venue");
  await expect(plan.tree).toBeFocused();
  await expect.poll(async () => find((await readPlan(page.request, planId)).tasks, moved.id)?.task.title).toBe("Book the launch venue");

  // Status menu: Done. On a loaded machine a click that lands while the menu is still
  // settling is now and then lost (the menu stays open, no PATCH is sent; a person clicks
  // again): the menu is opened when closed and Done clicked until the tree shows it.
  const doneOption = page.locator('.ant-dropdown:visible [data-testid="plan-status-option"][data-status="done"]');
  await expect(async () => {
    if (!(await doneOption.isVisible())) await plan.task(moved.id).getByTestId("plan-task-status").click();
    await doneOption.click({ timeout: 5_000 });
    await expect(plan.task(moved.id)).toHaveAttribute("data-status", "done", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect.poll(async () => find((await readPlan(page.request, planId)).tasks, moved.id)?.task.status).toBe("done");
  // The third task's subtree counts it as finished.
  const thirdCount = find(afterDrag.tasks, third.id)!.task.children.length;
  await expect(plan.task(third.id)).toHaveAttribute("data-progress", new RegExp(`^[1-9]\\d*/${thirdCount}$`));

  // Decompose from the tree: its job opens in the plan's job list and the subtasks arrive live.
  const jobs = page.getByTestId("plan-job");
  await expect(jobs.first()).toBeVisible();
  const earlier = await jobs.evaluateAll((els) => els.map((e) => e.getAttribute("data-job-id")));
  await plan.task(moved.id).getByTestId("plan-task-menu").click();
  await page.locator(".ant-dropdown:visible").getByTestId("plan-action-decompose").click();
  await expect(jobs).toHaveCount(earlier.length + 1);
  const job = jobs.first();
  await expect(job).toHaveAttribute("data-job-type", "plan_decompose");
  const jobId = await job.getAttribute("data-job-id");
  expect(earlier).not.toContain(jobId);
  await expect(page.locator(`[data-testid="job-log-panel"][data-job-id="${jobId}"]`)).toBeVisible();
  await expect.poll(() => plan.childrenOf(moved.id).count(), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(job).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  const shownChildren = await plan.childrenOf(moved.id).count();

  // Reload: everything is still there, on screen and on the server.
  await page.reload();
  await expect(plan.title(moved.id)).toHaveText("Book the launch venue");
  await expect(plan.task(moved.id)).toHaveAttribute("data-parent-id", third.id);
  await expect(plan.task(moved.id)).toHaveAttribute("data-status", "done");
  await expect(plan.childrenOf(moved.id)).toHaveCount(shownChildren);
  const after = await readPlan(page.request, planId);
  const saved = find(after.tasks, moved.id)!;
  expect(saved.parentId).toBe(third.id);
  expect(saved.task.title).toBe("Book the launch venue");
  expect(saved.task.status).toBe("done");
  expect(saved.task.children.length).toBe(shownChildren);
  expect(saved.task.children.length).toBeGreaterThan(0);
  expect(find(after.tasks, third.id)!.task.children[0].id).toBe(moved.id);
});

test("a second tab on the same plan sees a rename made in the first within seconds, without reload", async ({ page, context }) => {
  test.setTimeout(180_000);
  const planId = await new ChatPage(page).createPlan(GOAL);
  const one = new PlanTreePage(page);
  await one.open(planId);
  const other = await context.newPage();
  const two = new PlanTreePage(other);
  await two.open(planId);

  const { tasks } = await readPlan(page.request, planId);
  const second = tasks[1];
  await expect(two.title(second.id)).toHaveText(second.title);
  await one.title(second.id).dblclick();
  await expect(one.renameInput).toBeFocused();
  await one.renameInput.fill("Renamed in the first tab");
  await one.renameInput.press("Enter");
  await expect(one.title(second.id)).toHaveText("Renamed in the first tab");
  await expect(two.title(second.id)).toHaveText("Renamed in the first tab", { timeout: 5_000 });
  await other.close();
});

test("keyboard only: Alt+arrows move, indent and outdent the focused task; Delete asks, Enter deletes", async ({ page }) => {
  test.setTimeout(180_000);
  const planId = await new ChatPage(page).createPlan(GOAL);
  const plan = new PlanTreePage(page);
  await plan.open(planId);
  const { tasks } = await readPlan(page.request, planId);
  const ids = tasks.map((t) => t.id);
  const [a, b] = tasks;
  const topIds = async () => (await readPlan(page.request, planId)).tasks.map((t) => t.id);

  await plan.tree.focus();
  await page.keyboard.press("Home");
  await expect.poll(() => plan.activeId()).toBe(a.id);

  await page.keyboard.press("Alt+ArrowDown");
  const swapped = [b.id, a.id, ...ids.slice(2)];
  await expect.poll(() => plan.topLevelIds()).toEqual(swapped);
  await expect.poll(topIds).toEqual(swapped);
  await expect.poll(() => plan.activeId()).toBe(a.id);

  // Indent: the last child of the task above it; outdent: right after that task again.
  await page.keyboard.press("Alt+ArrowRight");
  await expect(plan.task(a.id)).toHaveAttribute("data-parent-id", b.id);
  await expect.poll(async () => find((await readPlan(page.request, planId)).tasks, b.id)!.task.children.map((c) => c.id).at(-1)).toBe(a.id);
  await page.keyboard.press("Alt+ArrowLeft");
  await expect(plan.task(a.id)).toHaveAttribute("data-parent-id", "");
  await expect.poll(topIds).toEqual(swapped);

  // The actions menu from the keyboard, closed again with Escape.
  await page.keyboard.press("Shift+F10");
  const menu = page.locator(".ant-dropdown:visible");
  await expect(menu.getByTestId("plan-action-rename")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(plan.tree).toBeFocused();

  // Delete asks first; Enter confirms; the task and its subtasks are gone.
  await page.keyboard.press("Delete");
  const confirm = page.getByTestId("plan-delete-confirm");
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(plan.task(a.id)).toHaveCount(0);
  await expect.poll(topIds).toEqual(swapped.filter((id) => id !== a.id));
  const after = await readPlan(page.request, planId);
  for (const child of a.children) expect(find(after.tasks, child.id)).toBeUndefined();
});

test("a conversation with two plans: the pane's switcher picks one and the next message acts on it", async ({ page }) => {
  test.setTimeout(240_000);
  const chat = new ChatPage(page);
  const first = await chat.createPlan(GOAL);
  await chat.sendAndSettle("New plan: organise a two-day team offsite for 20 people");
  const second = await chat.shownPlanId();
  expect(second).not.toBe(first);
  await expect(chat.planSwitcher).toBeVisible();

  await chat.planSwitcher.click();
  await page.locator(`.ant-select-dropdown:visible [data-testid="plan-switcher-option"][data-plan-id="${first}"]`).click();
  await expect(page.getByTestId("plan-tree")).toHaveAttribute("data-plan-id", first);
  expect(await chat.shownPlanId()).toBe(first);

  const firstCount = all((await readPlan(page.request, first)).tasks).length;
  const secondCount = all((await readPlan(page.request, second)).tasks).length;
  const sent = page.waitForRequest((r) => r.url().endsWith("/api/chat/agent") && r.method() === "POST");
  await chat.sendAndSettle("Add a task to book restaurants");
  expect((await sent).postDataJSON()).toMatchObject({ planId: first, message: "Add a task to book restaurants" });
  const firstTasks = all((await readPlan(page.request, first)).tasks);
  expect(firstTasks.length).toBe(firstCount + 1);
  expect(firstTasks.filter((t) => /book restaurants/i.test(t.title))).toHaveLength(1);
  expect(all((await readPlan(page.request, second)).tasks).length).toBe(secondCount);
  // The reply acted on the first plan, which stays on screen.
  await expect(page.getByTestId("plan-tree")).toHaveAttribute("data-plan-id", first);

  // A click on the second message's plan chip shows its plan.
  await chat.assistantMessages.nth(1).getByTestId("message-plan").click();
  await expect(page.getByTestId("plan-tree")).toHaveAttribute("data-plan-id", second);
});
