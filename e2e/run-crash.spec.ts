// A run survives a crash: `next start` is killed with SIGKILL mid-run and
// started again on the same database. The run's job is recovered after its
// lease, the retried attempt skips the tasks the run already completed
// (results are keyed by run and task), so no completed task's tools run
// again; the calls the crash cut short get a tool_result saying so; and the
// run ends honestly (success only with workflow_complete last).
import { expect, test } from "@playwright/test";
import { OwnServer } from "./own-server";
import { readStream } from "./sse-read";

const own = new OwnServer(3233, { LLM_OFFLINE_LATENCY_MS: "400", JOB_LEASE_MS: "1500" });
test.afterAll(() => own.kill());

type Event = { seq: number; kind: string; data: Record<string, unknown> | null };

async function allEvents(cookie: string, jobId: string): Promise<Event[]> {
  const out: Event[] = [];
  for (let after = 0; ; ) {
    const page = await (await fetch(`${own.base}/api/jobs/${jobId}/events?after=${after}&limit=1000`, { headers: { cookie } })).json();
    out.push(...page.events);
    if (!page.hasMore) return out;
    after = page.lastSeq;
  }
}

test("SIGKILL mid-run: the run continues after restart and each completed task's tools ran once", async () => {
  test.setTimeout(150_000);
  await own.start();
  const post = await fetch(`${own.base}/api/chat/message`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message: "Plan a birthday party for 20 guests on 2027-03-20", mode: "sync" }),
  });
  expect(post.status).toBe(200);
  const cookie = post.headers.get("set-cookie")!.split(";")[0];
  const { metadata } = await post.json();
  const exec = await fetch(`${own.base}/api/plans/${metadata.planId}/execute`, { method: "POST", headers: { cookie } });
  expect(exec.status).toBe(202);
  const { runId, jobId } = await exec.json();

  // Wait until two tasks completed, then crash.
  const live = await fetch(`${own.base}/api/jobs/${jobId}/stream`, { headers: { cookie } });
  const seen = await readStream(live, (m) => m.filter((x) => x.event === "node_completed").length >= 2);
  own.kill();
  const completedBefore = new Set(seen.filter((m) => m.event === "node_completed").map((m) => JSON.parse(m.data).event.data.taskId as string));
  expect(completedBefore.size).toBe(2);
  const lastBefore = Number(seen.at(-1)!.id);
  await own.start();

  const resumed = await fetch(`${own.base}/api/jobs/${jobId}/stream`, { headers: { cookie, "last-event-id": String(lastBefore) } });
  const rest = await readStream(resumed, (m) => m.at(-1)?.event === "end");
  expect(rest.at(-1)?.event).toBe("end");
  const events = await allEvents(cookie, jobId);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));

  // No task completed before the crash ran a tool again, and none completed twice.
  const after = events.filter((e) => e.seq > lastBefore);
  const rerun = after.filter((e) => e.kind === "tool_call" && completedBefore.has(e.data!.taskId as string));
  expect(rerun).toEqual([]);
  const completions = events.filter((e) => e.kind === "node_completed").map((e) => e.data!.taskId as string);
  expect(completions.length).toBe(new Set(completions).size);
  for (const id of completedBefore) {
    expect(after.filter((e) => e.kind === "node_skipped" && e.data!.taskId === id).map((e) => e.data!.reason)).toEqual(["completed_earlier"]);
  }
  // Every tool_call has exactly one tool_result (the crash's open calls are closed as interrupted).
  const calls = events.filter((e) => e.kind === "tool_call").map((e) => e.data!.callId as string).sort();
  const results = events.filter((e) => e.kind === "tool_result").map((e) => e.data!.callId as string).sort();
  expect(results).toEqual(calls);

  // The run ended honestly: success exactly when the job succeeded with workflow_complete last.
  const run = await (await fetch(`${own.base}/api/runs/${runId}`, { headers: { cookie } })).json();
  const lastExec = events.filter((e) => /^(workflow|node)_/.test(e.kind)).at(-1)!.kind;
  expect(run.run.success).toBe(run.run.status === "succeeded" && lastExec === "workflow_complete");
  expect(run.run.status).toBe("succeeded");
  expect(run.run.success).toBe(true);
  const statuses = events.filter((e) => e.kind === "status").map((e) => (e.data as { to: string }).to);
  expect(statuses).toEqual(["running", "pending", "running", "succeeded"]);
});
