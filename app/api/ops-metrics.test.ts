// GET /api/metrics with prom-client: after a chat message (its jobs run), a
// log-burst job, polls of a job that has not started, a failing job and three
// streams (fresh, Last-Event-ID, ?after=), the scrape shows exactly what was
// done — request counts per route pattern, chat acknowledgement, LLM calls and
// tokens by purpose (equal to what the message and the jobs recorded), queue
// waits and durations per job type, events ingested, stream opens by cursor,
// pending polls, failures by reason — plus Node's default metrics. With a
// METRICS_TOKEN the endpoint wants `Authorization: Bearer <token>`.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { POST as postLogBurst } from "@/app/api/diagnostics/log-burst/route";
import { GET as getEvents } from "@/app/api/jobs/[jobId]/events/route";
import { GET as getJob } from "@/app/api/jobs/[jobId]/route";
import { GET as getStream } from "@/app/api/jobs/[jobId]/stream/route";
import { GET as getMetrics } from "@/app/api/metrics/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getApp, getDeps } from "@/lib/server/deps";
import type { SendMessageResponse } from "@/lib/shared/chat";
import { emptyStats, type JobStats } from "@/lib/shared/jobs";
import { TestUser } from "@/test/http";
import { readSse } from "@/test/sse";

const TOKEN = "metrics-token-for-tests-0123456789";
process.env.METRICS_TOKEN = TOKEN;
process.env.DIAGNOSTICS_ENABLED = "1";

const user = new TestUser();
const scrape = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => user.call(getMetrics, { url: "/api/metrics", headers });

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

beforeAll(() => startServer());
afterAll(() => stopServer());

describe("GET /api/metrics with METRICS_TOKEN", () => {
  it("answers 401 with the error shape and WWW-Authenticate without the token or with a wrong one", async () => {
    for (const headers of [{}, { authorization: "Bearer wrong-token" }, { authorization: TOKEN }] as Record<string, string>[]) {
      const res = await scrape(headers);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "Metrics need Authorization: Bearer <METRICS_TOKEN>" } });
    }
  });
});

describe("what the scrape counts", () => {
  it("counts requests, chat, jobs, streams, polls and model calls exactly as they happened", async () => {
    const deps = getDeps();
    // A chat message; its tracking job writes the plan (plan_outline) and its decompose job the subtasks.
    const chat = await user.call(postMessage, { url: "/api/chat/message", body: { message: "Learn Spanish in 3 months", mode: "sync" } });
    expect(chat.status).toBe(200);
    const { metadata } = (await chat.json()) as SendMessageResponse;
    // A log burst that runs to its end.
    const burst = await user.call(postLogBurst, { url: "/api/diagnostics/log-burst", body: { lines: 25, ratePerSec: 0 } });
    const burstId = ((await burst.json()) as { job: { id: string } }).job.id;
    await deps.queue.waitUntilSettled(undefined, { timeoutMs: 60_000 });

    // Polls of a job that has not started: the runner is stopped meanwhile.
    await getApp().runner.stop();
    const waiting = await user.call(postLogBurst, { url: "/api/diagnostics/log-burst", body: { lines: 3, ratePerSec: 0 } });
    const waitingId = ((await waiting.json()) as { job: { id: string } }).job.id;
    for (let i = 0; i < 2; i++) expect((await user.call(getJob, { url: `/api/jobs/${waitingId}`, params: { jobId: waitingId } })).status).toBe(200);
    expect((await user.call(getEvents, { url: `/api/jobs/${waitingId}/events?after=0`, params: { jobId: waitingId } })).status).toBe(200);
    // A job whose payload no longer validates fails at once, not retried.
    await deps.db.user.create({ data: { id: "metrics-test-owner" } });
    const broken = await deps.db.job.create({ data: { id: randomUUID(), jobType: "log_burst", ownerId: "metrics-test-owner", params: { lines: -1 }, stats: emptyStats() } });
    getApp().runner.start();
    await deps.queue.waitUntilSettled(undefined, { timeoutMs: 60_000 });
    expect((await deps.store.find(broken.id))!.status).toBe("failed");

    // Three streams of the finished burst: fresh, resumed by Last-Event-ID, resumed by ?after=.
    const burstLastSeq = (await deps.store.find(burstId))!.lastSeq;
    expect(burstLastSeq).toBe(27); // started, 25 lines, succeeded
    const fresh = await readSse(await user.call(getStream, { url: `/api/jobs/${burstId}/stream`, params: { jobId: burstId } }));
    expect(fresh.messages.filter((m) => m.event !== "end")).toHaveLength(27);
    await readSse(await user.call(getStream, { url: `/api/jobs/${burstId}/stream`, params: { jobId: burstId }, headers: { "last-event-id": "10" } }));
    await readSse(await user.call(getStream, { url: `/api/jobs/${burstId}/stream?after=20`, params: { jobId: burstId } }));

    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    const m = (series: string) => sample(text, series);

    // Requests by route pattern (never a raw id), method and status class.
    expect(m('planstream_http_request_duration_seconds_count{method="POST",route="/api/chat/message",status_class="2xx"}')).toBe(1);
    expect(m('planstream_http_request_duration_seconds_count{method="POST",route="/api/diagnostics/log-burst",status_class="2xx"}')).toBe(2);
    expect(m('planstream_http_request_duration_seconds_count{method="GET",route="/api/jobs/[jobId]",status_class="2xx"}')).toBe(2);
    expect(m('planstream_http_request_duration_seconds_count{method="GET",route="/api/jobs/[jobId]/stream",status_class="2xx"}')).toBe(3);
    expect(m('planstream_http_request_duration_seconds_count{method="GET",route="/api/metrics",status_class="4xx"}')).toBe(3);
    expect(text).not.toContain(burstId);
    // Chat acknowledgement and the phase-one call.
    expect(m('planstream_chat_ack_seconds_count{route="message"}')).toBe(1);
    expect(m('planstream_chat_phase_one_llm_calls_total{route="message"}')).toBe(1);

    // Model calls and tokens: the message's own call is `chat`; the jobs' (plan_outline, subtasks) are `decompose`.
    const jobs = await deps.db.job.findMany({ where: { id: { in: metadata.jobs.map((j) => j.jobId) } } });
    const jobStats = jobs.map((j) => j.stats as JobStats);
    const sum = (k: "llmCalls" | "inputTokens" | "outputTokens") => jobStats.reduce((n, s) => n + s[k], 0);
    expect(sum("llmCalls")).toBeGreaterThan(1);
    expect(m('planstream_llm_calls_total{purpose="chat",result="ok"}')).toBe(1);
    expect(m('planstream_llm_tokens_total{purpose="chat",direction="input"}')).toBe(metadata.usage!.inputTokens);
    expect(m('planstream_llm_tokens_total{purpose="chat",direction="output"}')).toBe(metadata.usage!.outputTokens);
    expect(m('planstream_llm_calls_total{purpose="decompose",result="ok"}')).toBe(sum("llmCalls"));
    expect(m('planstream_llm_tokens_total{purpose="decompose",direction="input"}')).toBe(sum("inputTokens"));
    expect(m('planstream_llm_tokens_total{purpose="decompose",direction="output"}')).toBe(sum("outputTokens"));

    // The job engine: one claim and one attempt per job, events as stored, the failure by reason.
    expect(m('planstream_job_queue_wait_seconds_count{job_type="chat_actions"}')).toBe(1);
    expect(m('planstream_job_queue_wait_seconds_count{job_type="plan_decompose"}')).toBe(1);
    expect(m('planstream_job_queue_wait_seconds_count{job_type="log_burst"}')).toBe(3);
    expect(m('planstream_job_duration_seconds_count{job_type="log_burst",outcome="succeeded"}')).toBe(2);
    expect(m('planstream_job_duration_seconds_count{job_type="log_burst",outcome="failed"}')).toBe(1);
    expect(m('planstream_jobs_finished_total{job_type="log_burst",status="succeeded"}')).toBe(2);
    expect(m('planstream_jobs_finished_total{job_type="log_burst",status="failed"}')).toBe(1);
    expect(m('planstream_job_failures_total{job_type="log_burst",reason="non_retryable"}')).toBe(1);
    expect(m('planstream_jobs_finished_total{job_type="plan_decompose",status="succeeded"}')).toBe(1);
    const bursts = await deps.db.job.findMany({ where: { jobType: "log_burst" }, select: { lastSeq: true } });
    expect(m('planstream_job_events_ingested_total{job_type="log_burst"}')).toBe(bursts.reduce((n, j) => n + j.lastSeq, 0));
    const decomposeJob = jobs.find((j) => j.jobType === "plan_decompose")!;
    expect(m('planstream_job_events_ingested_total{job_type="plan_decompose"}')).toBe(decomposeJob.lastSeq);
    expect(text).not.toContain("planstream_job_retries_total{");
    // Polls of the job before it started, stream opens by cursor, none left open.
    expect(m('planstream_job_pending_polls_total{endpoint="snapshot"}')).toBe(2);
    expect(m('planstream_job_pending_polls_total{endpoint="events"}')).toBe(1);
    expect(m('planstream_sse_stream_opens_total{route="/api/jobs/[jobId]/stream",cursor="none"}')).toBe(1);
    expect(m('planstream_sse_stream_opens_total{route="/api/jobs/[jobId]/stream",cursor="last_event_id"}')).toBe(1);
    expect(m('planstream_sse_stream_opens_total{route="/api/jobs/[jobId]/stream",cursor="after"}')).toBe(1);
    await expect.poll(async () => sample(await (await scrape()).text(), 'planstream_sse_open_streams{route="/api/jobs/[jobId]/stream"}')).toBe(0);
    // Read at scrape: jobs by type and status, and Node's default metrics.
    expect(m('planstream_jobs{job_type="log_burst",status="succeeded"}')).toBe(2);
    expect(m("planstream_stream_subscriptions")).toBe(0);
    expect(text).toMatch(/^# TYPE process_cpu_user_seconds_total counter$/m);
    expect(text).toMatch(/^# TYPE nodejs_heap_size_used_bytes gauge$/m);
  });
});
