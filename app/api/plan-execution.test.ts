// Executing a plan end to end on the built-in offline model and the real
// built-in tools: POST /api/plans/{id}/execute (and "execute the plan" in
// chat), the run's events over SSE, GET /api/runs/{id} computed from the
// stored events, artifacts (Markdown, iCalendar parsed back), cancel.
import ical, { type VEvent } from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { POST as postCancel } from "@/app/api/jobs/[jobId]/cancel/route";
import { GET as getStream } from "@/app/api/jobs/[jobId]/stream/route";
import { POST as postExecute } from "@/app/api/plans/[planId]/execute/route";
import { GET as getPlan } from "@/app/api/plans/[planId]/route";
import { GET as getPlanRuns } from "@/app/api/plans/[planId]/runs/route";
import { GET as getArtifact } from "@/app/api/runs/[runId]/artifacts/[artifactId]/route";
import { GET as getRunRoute } from "@/app/api/runs/[runId]/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import type { SendMessageResponse } from "@/lib/shared/chat";
import type { JobEventDto, StreamFrame } from "@/lib/shared/jobs";
import type { PlanTree, TaskNode } from "@/lib/shared/plans";
import { buildRunView, type ExecutePlanResponse, type RunDetail, type RunList } from "@/lib/shared/runs";
import { TestUser } from "@/test/http";
import { readSse } from "@/test/sse";

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

const flatten = (nodes: TaskNode[]): TaskNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

async function planned(user: TestUser, goal: string) {
  const res = await user.call(postMessage, { url: "/api/chat/message", body: { message: goal, mode: "sync" } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as SendMessageResponse;
  const planId = body.metadata.planId!;
  const tree = async () => (await (await user.call(getPlan, { url: `/api/plans/${planId}`, params: { planId } })).json()) as PlanTree;
  return { planId, conversationId: body.metadata.conversationId, tree };
}

const getRun = async (user: TestUser, runId: string) => {
  const res = await user.call(getRunRoute, { url: `/api/runs/${runId}`, params: { runId } });
  expect(res.status).toBe(200);
  return (await res.json()) as RunDetail;
};

/** Reads a job's SSE stream to its `end` frame; @returns its events in order. */
async function streamed(user: TestUser, jobId: string): Promise<JobEventDto[]> {
  const res = await user.call(getStream, { url: `/api/jobs/${jobId}/stream`, params: { jobId } });
  const read = await readSse(res, { timeoutMs: 60_000, stopWhen: (r) => r.messages.some((m) => m.event === "end") });
  return read.messages.filter((m) => m.event !== "end" && m.data).map((m) => {
    const f = JSON.parse(m.data) as StreamFrame;
    return { seq: f.seq, ...f.event };
  });
}

describe("plan execution", () => {
  it("runs every leaf with real tools, streams what GET /api/runs replays, and makes a calendar with one event per scheduled task", async () => {
    const user = new TestUser();
    const { planId, tree } = await planned(user, "Plan a birthday party for 20 guests on 2027-03-20 with a budget in EUR");
    const before = flatten((await tree()).tasks);
    expect(before.length).toBeGreaterThan(4);

    const res = await user.call(postExecute, { url: `/api/plans/${planId}/execute`, params: { planId } });
    expect(res.status).toBe(202);
    const { runId, jobId } = (await res.json()) as ExecutePlanResponse;
    // Ids before work: the run and its job are readable at once.
    expect((await getRun(user, runId)).run.jobId).toBe(jobId);

    const events = await streamed(user, jobId);
    const detail = await getRun(user, runId);
    // The replay from stored events equals what the stream showed.
    const live = buildRunView(events);
    expect({ steps: detail.steps, runToolCalls: detail.runToolCalls, artifacts: detail.artifacts, lastExecutionKind: detail.lastExecutionKind }).toEqual({
      steps: live.steps,
      runToolCalls: live.runToolCalls,
      artifacts: live.artifacts,
      lastExecutionKind: live.lastExecutionKind,
    });

    expect(detail.run).toMatchObject({ status: "succeeded", success: true });
    expect(detail.lastExecutionKind).toBe("workflow_complete");
    const kinds = events.map((e) => e.kind);
    expect(kinds.filter((k) => k === "workflow_started")).toHaveLength(1);
    expect(kinds.at(-1)).toBe("status");
    expect(kinds.filter((k) => k.startsWith("workflow_") || k.startsWith("node_")).at(-1)).toBe("workflow_complete");

    // Every task ran to a result. A leaf is done when a tool did something for it; one no tool could do keeps its
    // status (todo) with advice as its result; a parent is done exactly when all its subtasks are.
    const after = flatten((await tree()).tasks);
    expect(detail.steps.map((s) => s.taskId).sort()).toEqual(before.map((t) => t.id).sort());
    expect(detail.steps.every((s) => s.status === "completed" && !!s.result)).toBe(true);
    const stepOf = new Map(detail.steps.map((s) => [s.taskId, s]));
    const leaves = after.filter((t) => t.children.length === 0);
    for (const leaf of leaves) {
      const step = stepOf.get(leaf.id)!;
      const worked = step.toolCalls.some((c) => c.status === "succeeded");
      expect([leaf.title, leaf.status, step.manual]).toEqual([leaf.title, worked ? "done" : "todo", !worked]);
    }
    for (const parent of after.filter((t) => t.children.length > 0)) {
      expect([parent.title, parent.status]).toEqual([parent.title, parent.children.every((c) => c.status === "done") ? "done" : "todo"]);
    }
    const manual = detail.steps.filter((s) => s.manual).length;
    expect(leaves.filter((t) => t.status === "done").length).toBeGreaterThan(3);
    expect(manual).toBeGreaterThan(0);
    expect(detail.run.counts).toMatchObject({ tasksTotal: before.length, tasksDone: before.length - manual, tasksManual: manual, tasksFailed: 0 });

    // Tool events are real and paired: each tool_call has exactly one tool_result with its call id.
    const calls = events.filter((e) => e.kind === "tool_call").map((e) => (e.data as { callId: string }).callId);
    const results = events.filter((e) => e.kind === "tool_result").map((e) => (e.data as { callId: string }).callId);
    expect(calls.length).toBeGreaterThan(2);
    expect([...results].sort()).toEqual([...calls].sort());
    expect(new Set(calls).size).toBe(calls.length);
    expect(detail.run.counts.toolCalls).toBe(calls.length);
    const tools = new Set(detail.steps.flatMap((s) => s.toolCalls.map((c) => c.tool)));
    expect([...tools].sort()).toEqual(expect.arrayContaining(["calculate", "schedule", "write_document"]));

    // The decomposition that built the tree wrote no tool or execution events.
    const decompositions = await getDeps().db.job.findMany({ where: { planId, jobType: { not: "plan_execute" } }, select: { id: true } });
    const foreign = await getDeps().db.jobEvent.count({
      where: { jobId: { in: decompositions.map((j) => j.id) }, kind: { in: ["tool_call", "tool_result", "node_started", "workflow_started", "workflow_complete"] } },
    });
    expect(foreign).toBe(0);

    // The calendar: one VEVENT per scheduled step, on its date, titled like its task.
    const scheduled = detail.steps.filter((s) => s.scheduledDate);
    expect(scheduled.length).toBeGreaterThan(0);
    const calendarCall = detail.runToolCalls.find((c) => c.tool === "create_calendar");
    expect(calendarCall?.status).toBe("succeeded");
    const ics = calendarCall!.artifacts[0];
    const file = await user.call(getArtifact, { url: `/api/runs/${runId}/artifacts/${ics.artifactId}`, params: { runId, artifactId: ics.artifactId } });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/^text\/calendar/);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"/\\]+\.ics"/);
    const parsed = Object.values(ical.sync.parseICS(await file.text())).filter((c): c is VEvent => c?.type === "VEVENT");
    expect(parsed.map((e) => String(e.summary)).sort()).toEqual(scheduled.map((s) => s.title).sort());
    const dateOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    expect(parsed.map((e) => dateOf(e.start)).sort()).toEqual(scheduled.map((s) => s.scheduledDate).sort());

    // A Markdown document written by a task downloads as Markdown.
    const doc = detail.artifacts.find((a) => a.mediaType.startsWith("text/markdown"));
    expect(doc).toMatchObject({ mediaType: "text/markdown; charset=utf-8", name: expect.stringMatching(/^[\w.-]+\.md$/) });
    const md = await user.call(getArtifact, { url: `/api/runs/${runId}/artifacts/${doc!.artifactId}`, params: { runId, artifactId: doc!.artifactId } });
    expect((await md.text()).startsWith("# ")).toBe(true);

    // Listed on the plan, green only because it truly succeeded.
    const list = (await (await user.call(getPlanRuns, { url: `/api/plans/${planId}/runs`, params: { planId } })).json()) as RunList;
    expect(list.runs.map((r) => [r.id, r.status, r.success])).toEqual([[runId, "succeeded", true]]);
  });

  it("\"execute the plan\" in chat starts a run through the gate; without a plan nothing runs", async () => {
    const user = new TestUser();
    const lonely = (await (await user.call(postMessage, { url: "/api/chat/message", body: { message: "execute the plan", mode: "sync" } })).json()) as SendMessageResponse;
    expect(lonely.metadata.jobs).toEqual([]);

    const { conversationId, planId, tree } = await planned(user, "Organize a team offsite for 12 people");
    const res = await user.call(postMessage, { url: "/api/chat/message", body: { conversationId, message: "Execute the plan", mode: "sync" } });
    const body = (await res.json()) as SendMessageResponse;
    expect(body.actions.map((a) => [a.kind, a.status])).toEqual([["execute_plan", "completed"]]);
    const job = body.metadata.jobs.find((j) => j.jobType === "plan_execute")!;
    const run = await getDeps().db.run.findUniqueOrThrow({ where: { jobId: job.jobId } });
    expect(run).toMatchObject({ planId, status: "succeeded", success: true });
    expect(run.tasksDone + run.tasksManual).toBe(flatten((await tree()).tasks).length);
    expect(flatten((await tree()).tasks).filter((t) => t.status === "done")).toHaveLength(run.tasksDone);
  });

  it("rejects bad input with 4xx and writes nothing", async () => {
    const user = new TestUser();
    const { planId } = await planned(user, "Plan a weekend hiking trip");
    const runs = await getDeps().db.run.count();
    const unknownTask = await user.call(postExecute, { url: `/api/plans/${planId}/execute`, params: { planId }, body: { taskId: "nope" } });
    expect(unknownTask.status).toBe(404);
    const badBody = await user.call(postExecute, { url: `/api/plans/${planId}/execute`, params: { planId }, body: { taskId: 5 } });
    expect(badBody.status).toBe(400);
    const extra = await user.call(postExecute, { url: `/api/plans/${planId}/execute`, params: { planId }, body: { everything: true } });
    expect(extra.status).toBe(400);
    const stranger = new TestUser();
    expect((await stranger.call(postExecute, { url: `/api/plans/${planId}/execute`, params: { planId } })).status).toBe(404);
    expect((await stranger.call(getRunRoute, { url: "/api/runs/none", params: { runId: "none" } })).status).toBe(404);
    expect(await getDeps().db.run.count()).toBe(runs);
  });

  it("cancel stops the run mid-way: completed tasks stay done, unfinished ones are as before, and the run is no success", async () => {
    const user = new TestUser();
    const { planId, tree } = await planned(user, "Plan a product launch event for 50 guests");
    const { runId, jobId } = (await (await user.call(postExecute, { url: `/api/plans/${planId}/execute`, params: { planId } })).json()) as ExecutePlanResponse;
    const res = await user.call(getStream, { url: `/api/jobs/${jobId}/stream`, params: { jobId } });
    await readSse(res, { timeoutMs: 30_000, stopWhen: (r) => r.messages.some((m) => m.event === "node_completed") });
    expect((await user.call(postCancel, { url: `/api/jobs/${jobId}/cancel`, params: { jobId }, method: "POST" })).status).toBe(202);
    await getDeps().queue.waitUntilSettled([jobId], { timeoutMs: 20_000 });

    const detail = await getRun(user, runId);
    expect(detail.run).toMatchObject({ status: "cancelled", success: false });
    const completed = new Set(detail.steps.filter((s) => s.status === "completed" && !s.manual).map((s) => s.taskId));
    expect(completed.size).toBeGreaterThan(0);
    const tasks = flatten((await tree()).tasks);
    for (const t of tasks) expect([t.id, t.status]).toEqual([t.id, completed.has(t.id) ? "done" : "todo"]);
    const row = await getDeps().db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(row).toMatchObject({ status: "cancelled", success: false });
    expect(row.finishedAt).not.toBeNull();
  });
});
