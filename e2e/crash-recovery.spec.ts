// Guarantee 4 against the real server: `next start` is killed with SIGKILL
// mid-job and started again on the same database. The job is recovered (its
// lease expires; it is retried or failed with a reason), a client resuming
// with its Last-Event-ID gets exactly the rest of the log and `end`, and no
// job is left pending or running. Uses the production build made for the e2e run.
import { expect, test } from "@playwright/test";
import { OwnServer } from "./own-server";
import { readStream } from "./sse-read";

const own = new OwnServer(3231, { LLM_OFFLINE_LATENCY_MS: "300", JOB_LEASE_MS: "1500" });
const BASE = own.base;
const startServer = () => own.start();
const killServer = () => own.kill();

test.afterAll(() => killServer());


test("a server killed mid-job recovers the job; resuming by Last-Event-ID gives the rest and end", async () => {
  test.setTimeout(90_000);
  await startServer();
  const post = await fetch(`${BASE}/api/chat/message`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message: "Plan the launch of a mobile app in 6 weeks" }),
  });
  expect(post.status).toBe(202);
  const cookie = post.headers.get("set-cookie")!.split(";")[0];
  const { metadata } = await post.json();
  const jobId: string = metadata.jobs[1].jobId; // plan_decompose: several model calls long

  // Follow until the decomposition is under way (a model call done), then kill the server.
  const live = await fetch(`${BASE}/api/jobs/${jobId}/stream`, { headers: { cookie } });
  const before = await readStream(live, (m) => m.some((x) => x.event === "tasks_updated"));
  const lastSeen = Number(before.at(-1)!.id);
  expect(lastSeen).toBeGreaterThan(1);
  killServer();

  await startServer();
  const resumed = await fetch(`${BASE}/api/jobs/${jobId}/stream`, { headers: { cookie, "last-event-id": String(lastSeen) } });
  const after = await readStream(resumed, (m) => m.at(-1)?.event === "end");
  const end = JSON.parse(after.at(-1)!.data);
  expect(after.at(-1)!.event).toBe("end");
  expect(["succeeded", "failed"]).toContain(end.status);

  // No gap and no duplicate across the crash: seqs continue from lastSeen + 1 up to lastSeq.
  const seqs = after.filter((m) => m.event !== "end").map((m) => Number(m.id));
  expect(seqs).toEqual(Array.from({ length: end.lastSeq - lastSeen }, (_, i) => lastSeen + i + 1));
  // The recovery is in the log: the interrupted attempt's status event names the reason.
  const statuses = after.filter((m) => m.event === "status").map((m) => JSON.parse(m.data).event.data);
  expect(statuses[0]).toMatchObject({ from: "running", error: "interrupted" });
  expect(statuses.at(-1)!.to).toBe(end.status);

  for (const status of ["pending", "running"]) {
    const open = await (await fetch(`${BASE}/api/jobs?status=${status}`, { headers: { cookie } })).json();
    expect(open.jobs).toEqual([]);
  }
  killServer();
});
