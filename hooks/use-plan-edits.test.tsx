// @vitest-environment dom-node
// usePlanEdits against the real server (route handlers, job runner, temporary
// SQLite) behind an in-process fetch: edits show in the cached tree before
// the server answers, quick successive edits of one task each carry the
// version the previous one returned, a stale version (409) and a broken rule
// (400) roll the cache back and name the reason, and add/delete/decompose
// change the server's tree.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, renderHook } from "@testing-library/react";
import { App } from "antd";
import type { ReactNode } from "react";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as postChatMessage } from "@/app/api/chat/message/route";
import { GET as getPlan } from "@/app/api/plans/[planId]/route";
import { POST as postDecompose } from "@/app/api/plans/[planId]/tasks/[taskId]/decompose/route";
import { DELETE as deleteTask, PATCH as patchTask } from "@/app/api/plans/[planId]/tasks/[taskId]/route";
import { POST as postTask } from "@/app/api/plans/[planId]/tasks/route";
import { locateTask } from "@/lib/client/plan-tree";
import { queries } from "@/lib/client/queries";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import type { SendMessageResponse } from "@/lib/shared/chat";
import type { PlanTree, TaskNode } from "@/lib/shared/plans";
import { TestUser } from "@/test/http";
import { isTempTask, usePlanEdits, type PlanEdits } from "./use-plan-edits";

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: [method: string, pattern: RegExp, handler: unknown, names: string[]][] = [
  ["POST", /^\/api\/chat\/message$/, postChatMessage, []],
  ["GET", /^\/api\/plans\/([^/]+)$/, getPlan, ["planId"]],
  ["POST", /^\/api\/plans\/([^/]+)\/tasks$/, postTask, ["planId"]],
  ["PATCH", /^\/api\/plans\/([^/]+)\/tasks\/([^/]+)$/, patchTask, ["planId", "taskId"]],
  ["DELETE", /^\/api\/plans\/([^/]+)\/tasks\/([^/]+)$/, deleteTask, ["planId", "taskId"]],
  ["POST", /^\/api\/plans\/([^/]+)\/tasks\/([^/]+)\/decompose$/, postDecompose, ["planId", "taskId"]],
];

let user: TestUser;
let client: QueryClient;
/** Requests the hook made, as "METHOD path?query". */
let calls: string[];

/** The browser's fetch, answered by the route handlers as one session. */
async function routeFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const url = new URL(String(input), "http://localhost");
  const method = (init.method ?? "GET").toUpperCase();
  calls.push(`${method} ${url.pathname}${url.search}`);
  for (const [m, pattern, handler, names] of ROUTES) {
    const match = m === method ? pattern.exec(url.pathname) : null;
    if (!match) continue;
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
    return user.call(handler as Handler, { url: url.pathname + url.search, method, rawBody: init.body as string | undefined, params });
  }
  return Response.json({ error: { code: "not_found", message: `No route for ${method} ${url.pathname}` } }, { status: 404 });
}

/** The test's own call, as the same user (not counted). */
async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const before = calls.length;
  const res = await routeFetch(path, { method: init.method ?? (init.body ? "POST" : "GET"), body: init.body ? JSON.stringify(init.body) : undefined });
  calls.length = before;
  return { status: res.status, body: (await res.json()) as T };
}

const serverTree = async (planId: string) => (await api<PlanTree>(`/api/plans/${planId}`)).body.tasks;
const cached = (planId: string) => client.getQueryData<PlanTree>(queries.plan(planId).queryKey)!.tasks;
const find = (tasks: TaskNode[], id: string) => locateTask(tasks, id);

/** A plan made through the chat and split into subtasks; its tree is in the cache. */
async function makePlan(): Promise<{ planId: string; tasks: TaskNode[] }> {
  const { body } = await api<SendMessageResponse>("/api/chat/message", { body: { message: "Plan the launch of a mobile app in 6 weeks" } });
  const planId = body.metadata.planId!;
  await getDeps().queue.waitUntilSettled(undefined, { timeoutMs: 20_000 });
  const tree = await client.fetchQuery(queries.plan(planId));
  return { planId, tasks: tree.tasks };
}

function renderEdits(planId: string, onDecomposeStarted?: (s: { jobId: string; taskId: string }) => void): PlanEdits {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <App>{children}</App>
    </QueryClientProvider>
  );
  return renderHook(() => usePlanEdits({ planId, onDecomposeStarted }), { wrapper }).result.current;
}

/** The text of antd messages on screen. */
const toasts = () => [...document.querySelectorAll(".ant-message-notice")].map((n) => n.textContent ?? "");

beforeAll(async () => {
  await startServer();
});
beforeEach(() => {
  user = new TestUser();
  calls = [];
  vi.stubGlobal("fetch", routeFetch);
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
});
afterEach(async () => {
  cleanup();
  client.clear();
  vi.unstubAllGlobals();
  await getDeps().queue.waitUntilSettled(undefined, { timeoutMs: 20_000 });
});
afterAll(async () => {
  await stopServer();
});

describe("usePlanEdits", () => {
  it("shows an edit at once, then saves it; quick edits of one task each use the version the last one returned", async () => {
    const { planId, tasks } = await makePlan();
    const task = tasks[0];
    const edits = renderEdits(planId);
    let done!: Promise<boolean[]>;
    act(() => {
      done = Promise.all([edits.rename(task.id, "  Scope the MVP  "), edits.setStatus(task.id, "in_progress"), edits.move(task.id, { parentId: null, position: 2 })]);
    });
    // Optimistic: the cache has all three before any answer.
    await vi.waitFor(() => expect(find(cached(planId), task.id)).toMatchObject({ index: 2, task: { title: "Scope the MVP", status: "in_progress" } }));
    expect(await act(() => done)).toEqual([true, true, true]);
    const saved = find(await serverTree(planId), task.id)!;
    expect(saved.index).toBe(2);
    expect(saved.task).toMatchObject({ title: "Scope the MVP", status: "in_progress", version: task.version + 3 });
    // One PATCH each, in order, each with the version the previous answer returned.
    const patches = calls.filter((c) => c.startsWith("PATCH"));
    expect(patches).toEqual(Array(3).fill(`PATCH /api/plans/${planId}/tasks/${task.id}`));
    await vi.waitFor(() => expect(find(cached(planId), task.id)!.task.version).toBe(task.version + 3));
  });

  it("a stale version (409) rolls back and names the task as it now reads; the next edit uses its version", async () => {
    const { planId, tasks } = await makePlan();
    const task = tasks[1];
    // Someone else renames it after this tab read the plan.
    expect((await api(`/api/plans/${planId}/tasks/${task.id}`, { method: "PATCH", body: { version: task.version, title: "Changed elsewhere" } })).status).toBe(200);
    const edits = renderEdits(planId);
    expect(await act(() => edits.rename(task.id, "Mine"))).toBe(false);
    await vi.waitFor(() => expect(toasts().join()).toContain("Someone else changed this task; it now reads “Changed elsewhere” (To do)."));
    expect(find(cached(planId), task.id)!.task).toMatchObject({ title: "Changed elsewhere", version: task.version + 1 });
    expect(find(await serverTree(planId), task.id)!.task.title).toBe("Changed elsewhere");
    expect(await act(() => edits.rename(task.id, "Mine after all"))).toBe(true);
    expect(find(await serverTree(planId), task.id)!.task.title).toBe("Mine after all");
  });

  it("a rule of the gate (400) rolls the move back and names the reason", async () => {
    const { planId, tasks } = await makePlan();
    const parent = tasks[0];
    const child = parent.children[0];
    const edits = renderEdits(planId);
    expect(await act(() => edits.move(parent.id, { parentId: child.id, position: 0 }))).toBe(false);
    await vi.waitFor(() => expect(toasts().join()).toContain("Not saved: A task cannot move under itself or its own subtasks"));
    await vi.waitFor(() => expect(find(cached(planId), parent.id)).toMatchObject({ parent: null, index: 0 }));
    expect(find(await serverTree(planId), parent.id)).toMatchObject({ parent: null, index: 0, task: { version: parent.version } });
  });

  it("adds under a parent (a temporary id until the server's), deletes with the subtree, decomposes in a job", async () => {
    const { planId, tasks } = await makePlan();
    const parent = tasks[2];
    const started: { jobId: string; taskId: string }[] = [];
    const edits = renderEdits(planId, (s) => started.push(s));
    let tempId = "";
    const added = await act(() => edits.add({ title: "Book the venue", parentId: parent.id, position: 0 }, (id) => (tempId = id)));
    expect(isTempTask(tempId)).toBe(true);
    expect(added).toMatchObject({ title: "Book the venue", parentId: parent.id, position: 0, status: "todo" });
    expect(find(cached(planId), added!.id)).toMatchObject({ index: 0, parent: { id: parent.id } });
    expect(find(cached(planId), tempId)).toBeUndefined();
    expect(find(await serverTree(planId), added!.id)).toMatchObject({ index: 0, parent: { id: parent.id } });

    const victim = tasks[1];
    expect(await act(() => edits.remove(victim.id))).toBe(true);
    expect(calls.filter((c) => c.startsWith("DELETE"))).toEqual([`DELETE /api/plans/${planId}/tasks/${victim.id}?version=${victim.version}`]);
    const after = await serverTree(planId);
    for (const id of [victim.id, ...victim.children.map((c) => c.id)]) expect(find(after, id)).toBeUndefined();

    const jobId = await act(() => edits.decompose(added!.id));
    expect(started).toEqual([{ jobId, taskId: added!.id, job: expect.objectContaining({ id: jobId, jobType: "plan_decompose" }) }]);
    await getDeps().queue.waitUntilSettled([jobId!], { timeoutMs: 20_000 });
    expect(find(await serverTree(planId), added!.id)!.task.children.length).toBeGreaterThan(0);
  });
});
