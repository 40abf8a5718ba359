// Security in Chromium (issue 13, docs/security.md): XSS payloads in a chat
// message, a task title and description, a log line and a tool's document
// (write_design_document, shown in its viewer) stay inert text; download
// file names are safe; no page logs a CSP violation; a new
// visitor's parallel first calls share one session; a cross-origin write is refused.
import { expect, test, type Page } from "@playwright/test";
import type { JobDto } from "../lib/shared/jobs";
import type { PlanTree, TaskNode } from "../lib/shared/plans";
import { ChatPage } from "./chat-page";

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT = "<script>alert(1)</script>";
const SVG = `"><svg onload=alert(1)>`;
const JS_LINK = "[click me](javascript:alert(1))";
const GOAL = `Plan a team offsite ${IMG} ${SCRIPT} ${SVG} ${JS_LINK}`;
const TASK_TITLE = `Book venue ${IMG} ${SVG}`;

/** RFC 6266/8187 shape with nothing that could break out of the header or name a path. */
const SAFE_DISPOSITION = /^attachment; filename="[^"\\\r\n/;%]*"(; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+)?$/;

const flatten = (nodes: TaskNode[]): TaskNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

/** Records dialogs, CSP violations (event and console) and page errors from the first script on. */
async function watch(page: Page): Promise<{ dialogs: string[]; problems: string[] }> {
  const dialogs: string[] = [];
  const problems: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.exposeFunction("__cspViolation", (v: string) => problems.push(`violation: ${v}`));
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    ),
  );
  return { dialogs, problems };
}

/** No payload became markup: no injected image, svg handler, script or javascript: link. */
async function expectInert(page: Page): Promise<void> {
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator("svg[onload]")).toHaveCount(0);
  await expect(page.locator('[onerror], [onload]')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  expect(await page.locator("script:not([src])").evaluateAll((els) => els.filter((s) => s.textContent?.includes("alert(1)")).length)).toBe(0);
}

async function waitForJob(page: Page, jobId: string): Promise<JobDto> {
  let job: JobDto | undefined;
  await expect
    .poll(async () => {
      job = ((await (await page.request.get(`/api/jobs/${jobId}`)).json()) as { job: JobDto }).job;
      return job.status;
    }, { timeout: 90_000 })
    .toBe("succeeded");
  return job!;
}

test("XSS payloads in a message, a task title, a log line and a tool's document are inert text; file names are safe; no CSP violation", async ({ page }) => {
  test.setTimeout(300_000);
  const { dialogs, problems } = await watch(page);
  const chat = new ChatPage(page);

  // A chat message: shown as the text typed.
  await chat.open();
  await chat.sendAndSettle(GOAL);
  await expect(page.getByTestId("message-user").first()).toContainText(GOAL);
  await expectInert(page);
  const planId = await chat.shownPlanId();
  const conversationPath = new URL(page.url()).pathname;
  expect(conversationPath).toMatch(/^\/c\/.+/);

  // A task title (the plan edit API), then a decomposition whose log lines carry it.
  const tree = (await (await page.request.get(`/api/plans/${planId}`)).json()) as PlanTree;
  const task = flatten(tree.tasks)[0];
  const edited = await page.request.patch(`/api/plans/${planId}/tasks/${task.id}`, {
    data: { version: task.version, title: TASK_TITLE, description: `See ${JS_LINK} ${SCRIPT}` },
  });
  expect(edited.status()).toBe(200);
  const decompose = await page.request.post(`/api/plans/${planId}/tasks/${task.id}/decompose`);
  expect(decompose.status()).toBe(202);
  const { jobId } = (await decompose.json()) as { jobId: string };
  await waitForJob(page, jobId);

  // A tool's output: the plan written up as a document (write_design_document) carries the edited task, opened in its viewer.
  await chat.send("Write the plan up as a document");
  const docButton = page.getByTestId("design-document-link").last();
  await expect(docButton).toBeVisible({ timeout: 90_000 });
  await docButton.click();
  const viewer = page.getByRole("dialog");
  await expect(viewer.getByText("Book venue").first()).toBeVisible();
  await expectInert(page);
  const docLink = viewer.getByTestId("design-document-download");
  const docUrl = (await docLink.getAttribute("href"))!;
  const artifact = await page.request.get(docUrl);
  expect(artifact.status()).toBe(200);
  expect(artifact.headers()["content-disposition"]).toMatch(SAFE_DISPOSITION);
  expect(artifact.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await artifact.text()).toContain("Book venue");
  // Viewed inline, the document is sandboxed: nothing in it can run.
  expect((await page.request.get(`${docUrl}?inline=1`)).headers()["content-security-policy"]).toMatch(/^default-src 'none';.*; sandbox$/);
  await page.keyboard.press("Escape");
  await expect(viewer).toBeHidden();

  // Log exports: safe file names.
  for (const format of ["json", "ndjson", "text"]) {
    const res = await page.request.get(`/api/jobs/${jobId}/export?format=${format}`);
    expect(res.headers()["content-disposition"]).toMatch(SAFE_DISPOSITION);
  }
  expect((await page.request.get(`/api/plans/${planId}/export?format=md`)).headers()["content-disposition"]).toMatch(SAFE_DISPOSITION);

  // Every page that shows them: the payloads visible as text, nothing injected.
  await page.goto(`/plans/${planId}`);
  await expect(page.getByText(TASK_TITLE).first()).toBeVisible();
  await expectInert(page);

  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByTestId("job-log-line").filter({ hasText: TASK_TITLE }).first()).toBeVisible();
  await expectInert(page);

  await page.goto("/jobs");
  await expect(page.getByTestId("job-history-link").first()).toBeVisible();
  await expectInert(page);

  await page.goto(conversationPath);
  await expect(page.getByTestId("message-user").first()).toContainText(GOAL);
  await expect(page.getByTestId("design-document-link").first()).toBeVisible();
  await expectInert(page);

  await page.goto("/");
  await expect(chat.input).toBeVisible();

  expect(dialogs).toEqual([]);
  expect(problems).toEqual([]);
});

test("pages and API answers carry the security headers; the nonce is fresh per page and on the theme script", async ({ page, request }) => {
  const first = await request.get("/jobs");
  const csp = first.headers()["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  for (const d of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'", "connect-src 'self'"]) expect(csp).toContain(d);
  expect(await first.text()).toContain(`<script nonce="${nonce}">`);
  expect((await request.get("/jobs")).headers()["content-security-policy"]).not.toBe(csp);
  for (const res of [first, await request.get("/api/session"), await request.get("/api/jobs")]) {
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["x-frame-options"]).toBe("DENY");
    expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(res.headers()["permissions-policy"]).toContain("camera=()");
  }
  // The page is scripted only through nonced scripts: it hydrates and works.
  await page.goto("/jobs");
  await expect(page.getByRole("heading").first()).toBeVisible();
});

test("a new visitor's first page mints one session; its parallel first API calls all share it", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const firstPage = page.waitForResponse((r) => new URL(r.url()).pathname === "/");
  await page.goto("/");
  expect((await (await firstPage).allHeaders())["set-cookie"]).toMatch(/^ps_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
  const cookie = (await context.cookies()).find((c) => c.name === "ps_session")!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", secure: false });
  const ids = await page.evaluate(async () => {
    const calls = Array.from({ length: 8 }, () => fetch("/api/session").then((r) => r.json() as Promise<{ userId: string }>));
    return (await Promise.all(calls)).map((s) => s.userId);
  });
  expect(new Set(ids).size).toBe(1);
  expect(cookie.value.startsWith(`${ids[0]}.`)).toBe(true);
  expect((await context.cookies()).find((c) => c.name === "ps_session")!.value).toBe(cookie.value);
  await context.close();
});

test("a cross-origin write is refused with 403 csrf_rejected and writes nothing", async ({ page }) => {
  await page.goto("/");
  const before = (await (await page.request.get("/api/conversations")).json()) as { conversations: unknown[] };
  for (const headers of [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }] as Record<string, string>[]) {
    const res = await page.request.post("/api/chat/message", { headers, data: { message: "Plan a product launch in 4 weeks" } });
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("csrf_rejected");
  }
  const refusedDelete = await page.request.delete("/api/session/support", { headers: { origin: "http://localhost:1" } });
  expect(refusedDelete.status()).toBe(403);
  expect((await (await page.request.get("/api/conversations")).json()) as { conversations: unknown[] }).toEqual(before);
  // The same write from the page itself (a same-origin fetch) goes through.
  const status = await page.evaluate(async () =>
    (await fetch("/api/chat/message", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message: "hello" }) })).status,
  );
  expect(status).toBe(202);
});
