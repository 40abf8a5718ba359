// Integration: the main flow through the real route handlers, a temporary
// SQLite file and the offline model (guarantees 1, 3, 6, 7, 8).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { GET as getActionStatus } from "@/app/api/chat/action-status/[trackingId]/route";
import { GET as getConversation } from "@/app/api/conversations/[id]/route";
import { GET as listConversations } from "@/app/api/conversations/route";
import { GET as getJob } from "@/app/api/jobs/[jobId]/route";
import { GET as getEvents } from "@/app/api/jobs/[jobId]/events/route";
import { GET as getExport } from "@/app/api/jobs/[jobId]/export/route";
import { GET as getStream } from "@/app/api/jobs/[jobId]/stream/route";
import { GET as listJobs } from "@/app/api/jobs/route";
import { GET as getPlan } from "@/app/api/plans/[planId]/route";
import { GET as getHealth } from "@/app/api/health/route";
import { GET as getMetrics } from "@/app/api/metrics/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import type { SendMessageResponse } from "@/lib/shared/chat";
import type { JobEventDto, JobSnapshot } from "@/lib/shared/jobs";
import type { PlanTree, TaskNode } from "@/lib/shared/plans";
import { countRows } from "@/test/db";
import { TestUser } from "@/test/http";


const flatten = (nodes: TaskNode[]): TaskNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

describe("POST /api/chat/message (two-phase)", () => {
  it("answers 202 with pending actions, then the jobs build the plan and log every step", async () => {
    const user = new TestUser();
    const res = await user.call(postMessage, { url: "/api/chat/message", body: { message: "Plan the launch of a mobile app in 6 weeks" } });
    expect(res.status).toBe(202);
    expect(res.headers.get("server-timing")).toMatch(/model;dur=[\d.]+, app;dur=[\d.]+/);
    const body = (await res.json()) as SendMessageResponse;
    expect(body.response.length).toBeGreaterThan(0);
    expect(body.actions.map((a) => [a.kind, a.status])).toEqual([
      ["create_plan", "pending"],
      ["decompose_task", "pending"],
    ]);
    const { metadata } = body;
    expect(metadata.type).toBe("job_log");
    expect(metadata.status).toBe("pending");
    expect(metadata.jobs.map((j) => j.jobType)).toEqual(["chat_actions", "plan_decompose"]);
    expect(metadata.jobs[0].jobId).toBe(metadata.trackingId);
    expect(body.actions[0].jobId).toBe(metadata.trackingId);
    expect(body.actions[1].jobId).toBe(metadata.jobs[1].jobId);

    await getDeps().queue.waitUntilSettled(metadata.jobs.map((j) => j.jobId));

    const plan = (await (await user.call(getPlan, { url: `/api/plans/${metadata.planId}`, params: { planId: metadata.planId! } })).json()) as PlanTree;
    expect(plan.plan.id).toBe(metadata.planId);
    expect(plan.tasks.length).toBeGreaterThanOrEqual(3);
    for (const top of plan.tasks) expect(top.children.length).toBeGreaterThanOrEqual(1);

    for (const { jobId } of metadata.jobs) {
      const snap = (await (await user.call(getJob, { url: `/api/jobs/${jobId}`, params: { jobId } })).json()) as JobSnapshot;
      expect(snap.job.status).toBe("succeeded");
      // Gapless seqs from 1, the terminal status event last (guarantee 3).
      expect(snap.events.map((e) => e.seq)).toEqual(Array.from({ length: snap.lastSeq }, (_, i) => i + 1));
      const last = snap.events.at(-1)!;
      expect(last.kind).toBe("status");
      expect(last.data).toEqual({ from: "running", to: "succeeded" });
      expect(snap.events[0]).toMatchObject({ kind: "status", data: { from: "pending", to: "running" } });
      const steps = snap.events.filter((e) => e.kind === "planning_step");
      expect(steps.length).toBeGreaterThan(0);
      for (const s of steps) expect(s.data?.simulated).toBe(true);
      expect(snap.events.some((e) => e.kind === "tasks_updated" && e.data?.planId === metadata.planId)).toBe(true);
      expect(snap.job.stats.llmCalls).toBeGreaterThanOrEqual(1);
      expect(snap.job.stats.inputTokens).toBeGreaterThan(0);
      expect(snap.job.stats.events).toBe(snap.lastSeq);
    }
    const decompose = (await (
      await user.call(getJob, { url: `/api/jobs/${metadata.jobs[1].jobId}`, params: { jobId: metadata.jobs[1].jobId } })
    ).json()) as JobSnapshot;
    const progress = decompose.events.filter((e) => e.kind === "progress").map((e) => e.data);
    expect(progress.at(-1)).toEqual({ done: plan.tasks.length, total: plan.tasks.length });
    expect(decompose.job.stats.llmCalls).toBe(plan.tasks.length);

    const status = await (
      await user.call(getActionStatus, { url: `/api/chat/action-status/${metadata.trackingId}`, params: { trackingId: metadata.trackingId! } })
    ).json();
    expect(status.status).toBe("succeeded");
    expect(status.planId).toBe(metadata.planId);
    expect(status.actions.map((a: { status: string }) => a.status)).toEqual(["completed", "completed"]);
    expect(status.results).toEqual({ createdTaskCount: flatten(plan.tasks).length, errors: [] });
    expect(status.llmCalls).toBe(2 + plan.tasks.length); // the phase-one reply, plan_outline, one per decomposed task
    expect(status.queueWaitMs).toBeGreaterThanOrEqual(0);
    expect(status.durationMs).toBeGreaterThanOrEqual(0);

    const convo = await (
      await user.call(getConversation, { url: `/api/conversations/${metadata.conversationId}`, params: { id: metadata.conversationId } })
    ).json();
    expect(convo.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    expect(convo.messages[1].metadata.trackingId).toBe(metadata.trackingId);
    expect(convo.messages[1].id).toBe(metadata.messageId);
    const list = await (await user.call(listConversations, { url: "/api/conversations" })).json();
    expect(list.conversations.map((c: { id: string }) => c.id)).toEqual([metadata.conversationId]);

    const jobs = await (await user.call(listJobs, { url: `/api/jobs?planId=${metadata.planId}&jobType=plan_decompose&status=succeeded` })).json();
    expect(jobs.jobs.map((j: { id: string }) => j.id)).toEqual([metadata.jobs[1].jobId]);
  });

  it("answers in Chinese for a Chinese goal", async () => {
    const user = new TestUser();
    const res = await user.call(postMessage, { url: "/api/chat/message", body: { message: "帮我规划一次为期三天的杭州旅行", mode: "sync" } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as SendMessageResponse;
    expect(body.response).toMatch(/[\u4e00-\u9fff]/);
    expect(body.metadata.status).toBe("succeeded");
    expect(body.actions.map((a) => a.status)).toEqual(["completed", "completed"]);
    const plan = (await (await user.call(getPlan, { url: `/api/plans/${body.metadata.planId}`, params: { planId: body.metadata.planId! } })).json()) as PlanTree;
    expect(plan.tasks.every((t) => /[\u4e00-\u9fff]/.test(t.title))).toBe(true);
    // The job's own log lines follow the user's language too.
    const jobId = body.metadata.jobs[1].jobId;
    const snap = (await (await user.call(getJob, { url: `/api/jobs/${jobId}`, params: { jobId } })).json()) as JobSnapshot;
    expect(snap.events.filter((e) => e.kind === "log" && e.level === "info").map((e) => e.message)).toContain(
      `正在拆解「${plan.plan.title}」的 ${plan.tasks.length} 个任务`,
    );
  });

  it("small talk gets a reply with no actions and no jobs", async () => {
    const user = new TestUser();
    const before = await countRows();
    const res = await user.call(postMessage, { url: "/api/chat/message", body: { message: "hi" } });
    expect(res.status).toBe(202);
    const body = (await res.json()) as SendMessageResponse;
    expect(body.actions).toEqual([]);
    expect(body.metadata.status).toBe("completed");
    expect(body.metadata.trackingId).toBeUndefined();
    expect(body.metadata.jobs).toEqual([]);
    const after = await countRows();
    expect(after.jobs - before.jobs).toBe(0);
    expect(after.messages - before.messages).toBe(2);
  });

  it("guarantee 1: a GET of every job id right after the response never 404s (100 rounds)", async () => {
    const user = new TestUser();
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await user.call(postMessage, { url: "/api/chat/message", body: { message: `Organize a team offsite number ${i} in 2 weeks` } });
      expect(res.status).toBe(202);
      const body = (await res.json()) as SendMessageResponse;
      expect(body.metadata.jobs.length).toBe(2);
      for (const { jobId } of body.metadata.jobs) {
        statuses.push((await user.call(getJob, { url: `/api/jobs/${jobId}`, params: { jobId } })).status);
        statuses.push((await user.call(getEvents, { url: `/api/jobs/${jobId}/events?after=0`, params: { jobId } })).status);
      }
    }
    expect(statuses.length).toBe(400);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await getDeps().queue.waitUntilSettled(undefined, { timeoutMs: 120_000 });
  }, 180_000);
});

describe("guarantee 3: the terminal event commits with the final status", () => {
  it("no reader ever sees a terminal status without its terminal event as the last line", async () => {
    const user = new TestUser();
    const res = await user.call(postMessage, { url: "/api/chat/message", body: { message: "Plan a garden makeover in 3 weeks" } });
    const { metadata } = (await res.json()) as SendMessageResponse;
    const seen = new Set<string>();
    for (let i = 0; i < 5000 && seen.size < 2; i++) {
      // Yield to timers between polls, as real requests arriving over sockets do:
      // the local SQLite driver answers synchronously, so a bare await loop would starve the runner.
      await new Promise((r) => setImmediate(r));
      for (const { jobId } of metadata.jobs) {
        const snap = (await (await user.call(getJob, { url: `/api/jobs/${jobId}`, params: { jobId } })).json()) as JobSnapshot;
        if (snap.job.status === "succeeded" || snap.job.status === "failed") {
          const last = snap.events.at(-1)!;
          expect([last.seq, last.kind, last.data?.to]).toEqual([snap.job.lastSeq, "status", snap.job.status]);
          seen.add(jobId);
        } else {
          expect(snap.events.some((e) => e.kind === "status" && ["succeeded", "failed", "cancelled"].includes(String(e.data?.to)))).toBe(false);
        }
      }
    }
    expect(seen.size).toBe(2);
  }, 60_000);
});

describe("bad input (guarantee 7): a clear 4xx and nothing written", () => {
  const cases: [string, { body?: unknown; rawBody?: string }, number, string][] = [
    ["malformed JSON", { rawBody: "{not json" }, 400, "bad_request"],
    ["empty message", { body: { message: "   " } }, 400, "bad_request"],
    ["20,000-character message", { body: { message: "x".repeat(20_000) } }, 400, "bad_request"],
    ["missing message", { body: {} }, 400, "bad_request"],
    ["wrong mode", { body: { message: "hello", mode: "later" } }, 400, "bad_request"],
    ["oversized body", { body: { message: "y".repeat(70_000) } }, 413, "payload_too_large"],
    ["unknown conversation", { body: { message: "Plan a trip", conversationId: "00000000-0000-0000-0000-000000000000" } }, 404, "not_found"],
    // PostgreSQL's text cannot hold U+0000: refused alike on both providers, before anything is written.
    ["NUL character in the message", { body: { message: "Plan a trip\u0000 to Rome" } }, 400, "bad_request"],
  ];
  for (const [name, init, status, code] of cases) {
    it(`${name} → ${status}`, async () => {
      await getDeps().queue.waitUntilSettled(undefined, { timeoutMs: 120_000 });
      const before = await countRows();
      const res = await new TestUser().call(postMessage, { url: "/api/chat/message", ...init });
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body.error.code).toBe(code);
      expect(typeof body.error.message).toBe("string");
      if (name === "empty message") expect(body.error.details.message).toEqual(["Message must not be empty"]);
      if (name.startsWith("NUL")) expect(body.error.message).toBe("Text may not contain NUL (U+0000) characters");
      expect(await countRows()).toEqual(before);
    });
  }

  it("unknown job id → 404 JSON on snapshot, events, stream and export", async () => {
    const user = new TestUser();
    const jobId = "no-such-job";
    for (const [handler, url] of [
      [getJob, `/api/jobs/${jobId}`],
      [getEvents, `/api/jobs/${jobId}/events`],
      [getStream, `/api/jobs/${jobId}/stream`],
      [getExport, `/api/jobs/${jobId}/export?format=json`],
    ] as const) {
      const res = await user.call(handler, { url, params: { jobId } });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect((await res.json()).error.code).toBe("not_found");
    }
  });

  it("NUL (%00) in a path id or a query value → 400, not a database error", async () => {
    const user = new TestUser();
    const byPath = await user.call(getJob, { url: "/api/jobs/a%00b", params: { jobId: "a\u0000b" } });
    const byQuery = await user.call(listJobs, { url: "/api/jobs?planId=a%00b" });
    for (const res of [byPath, byQuery]) {
      expect(res.status).toBe(400);
      expect((await res.json()).error).toEqual({ code: "bad_request", message: "Text may not contain NUL (U+0000) characters" });
    }
  });

  it("bad query parameters → 400 with field details", async () => {
    const user = new TestUser();
    const res = await user.call(listJobs, { url: "/api/jobs?status=exploded" });
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).error.details)).toEqual(["status"]);
  });
});

describe("ownership (guarantee 8)", () => {
  it("another session's job, plan and conversation read as 404, stream and export included; support sees them", async () => {
    const alice = new TestUser();
    const res = await alice.call(postMessage, { url: "/api/chat/message", body: { message: "Plan a wedding in 3 months", mode: "sync" } });
    const { metadata } = (await res.json()) as SendMessageResponse;
    const jobId = metadata.trackingId!;
    const mallory = new TestUser();
    for (const [handler, url] of [
      [getJob, `/api/jobs/${jobId}`],
      [getEvents, `/api/jobs/${jobId}/events?after=0`],
      [getStream, `/api/jobs/${jobId}/stream`],
      [getExport, `/api/jobs/${jobId}/export?format=json`],
    ] as const) {
      const r = await mallory.call(handler, { url, params: { jobId } });
      expect(r.status).toBe(404);
    }
    expect((await mallory.call(getPlan, { url: `/api/plans/${metadata.planId}`, params: { planId: metadata.planId! } })).status).toBe(404);
    expect((await mallory.call(getConversation, { url: "/api/conversations/x", params: { id: metadata.conversationId } })).status).toBe(404);
    expect((await mallory.call(getActionStatus, { url: "/api/chat/action-status/x", params: { trackingId: jobId } })).status).toBe(404);
    const mine = await (await mallory.call(listJobs, { url: "/api/jobs" })).json();
    expect(mine.jobs).toEqual([]);
    // A forged cookie is a new anonymous session, not Alice.
    const forger = new TestUser();
    forger.cookie = `ps_session=${alice.cookie!.split("=")[1].split(".")[0]}.forged`;
    expect((await forger.call(getJob, { url: `/api/jobs/${jobId}`, params: { jobId } })).status).toBe(404);

    const support = await mallory.call(getExport, {
      url: `/api/jobs/${jobId}/export?format=json`,
      params: { jobId },
      headers: { authorization: "Bearer support-token-for-tests" },
    });
    expect(support.status).toBe(200);
  });
});

describe("export", () => {
  it("JSON, NDJSON and text carry the full log with the job id in the file name", async () => {
    const user = new TestUser();
    const res = await user.call(postMessage, { url: "/api/chat/message", body: { message: "Prepare for a marathon in 12 weeks", mode: "sync" } });
    const { metadata } = (await res.json()) as SendMessageResponse;
    const jobId = metadata.jobs[1].jobId;
    const page = await (await user.call(getEvents, { url: `/api/jobs/${jobId}/events?after=0&limit=1000`, params: { jobId } })).json();
    const json = await user.call(getExport, { url: `/api/jobs/${jobId}/export?format=json`, params: { jobId } });
    expect(json.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="job-${jobId}-\\d{4}-\\d{2}-\\d{2}\\.json"`));
    const exported = await json.json();
    expect(exported.job.id).toBe(jobId);
    expect(exported.events).toEqual(page.events);
    const nd = (await (await user.call(getExport, { url: `/api/jobs/${jobId}/export?format=ndjson`, params: { jobId } })).text()).trim().split("\n");
    expect(nd.length).toBe(page.events.length + 1);
    expect(JSON.parse(nd[1]) as JobEventDto).toEqual(page.events[0]);
    const text = await (await user.call(getExport, { url: `/api/jobs/${jobId}/export?format=text`, params: { jobId } })).text();
    expect(text.trim().split("\n").length).toBe(page.events.length + 1);
  });
});

describe("operations", () => {
  it("GET /api/health answers liveness without the database", async () => {
    const res = await new TestUser().call(getHealth, { url: "/api/health" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("GET /api/metrics reports jobs by type and status in Prometheus text", async () => {
    await new TestUser().call(postMessage, { url: "/api/chat/message", body: { message: "Learn Spanish in 3 months", mode: "sync" } });
    await getDeps().queue.waitUntilSettled(undefined, { timeoutMs: 120_000 });
    const succeeded = await getDeps().db.job.count({ where: { jobType: "plan_decompose", status: "succeeded" } });
    const res = await new TestUser().call(getMetrics, { url: "/api/metrics" });
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    expect(text).toContain(`planstream_jobs{job_type="plan_decompose",status="succeeded"} ${succeeded}`);
    expect(text).toContain("planstream_stream_subscriptions 0");
  });
});
