// The default job tab of a chat reply: running work first, then pending work,
// then the tracking job while it runs, then the longest finished job.
import { describe, expect, it } from "vitest";
import type { JobSnapshot } from "@/lib/shared/jobs";
import { defaultJobTab, tabFacts, type TabFacts } from "./default-job-tab";

const jobs = [
  { jobId: "track", jobType: "chat_actions" as const },
  { jobId: "ops", jobType: "task_operation" as const },
  { jobId: "split", jobType: "plan_decompose" as const },
];
const f = (status: TabFacts["status"], ms = 0, lastSeq = 0): TabFacts => ({ status, ms, lastSeq });

describe("defaultJobTab", () => {
  it.each([
    ["nothing known yet: the newest job that is not the tracking job", [undefined, undefined, undefined], "split"],
    ["the decomposition while it runs, not the running tracking job", [f("running"), f("succeeded", 10, 3), f("running")], "split"],
    ["a pending decomposition over the running tracking job", [f("running"), f("pending"), f("pending")], "split"],
    ["the tracking job's status known first: the decomposition, not yet known, counts as pending", [f("running"), undefined, undefined], "split"],
    ["running work over pending work", [f("succeeded", 500, 4), f("running"), f("pending")], "ops"],
    ["the tracking job while it is the only one running and nothing waits", [f("running"), f("succeeded", 10, 2), f("cancelled", 20, 5)], "track"],
    ["all finished: the longest run", [f("succeeded", 500, 4), f("succeeded", 300, 9), f("succeeded", 5500, 54)], "split"],
    ["all finished, equal run times: the most log lines", [f("succeeded", 0, 4), f("succeeded", 0, 9), f("failed", 0, 2)], "ops"],
  ] as const)("%s", (_, facts, expected) => {
    expect(defaultJobTab(jobs, [...facts])).toBe(expected);
  });

  it("a message with only the tracking job", () => {
    expect(defaultJobTab(jobs.slice(0, 1), [undefined])).toBe("track");
  });
});

describe("tabFacts", () => {
  const snapshot = (job: Partial<JobSnapshot["job"]>) => ({ job: { status: "running", lastSeq: 7, startedAt: "2026-01-01T00:00:00.000Z", finishedAt: null, ...job } }) as JobSnapshot;
  it("counts only the status while a job runs (no re-render per log line)", () => {
    expect(tabFacts(snapshot({}))).toEqual({ status: "running", lastSeq: 0, ms: 0 });
  });
  it("a finished job's run time (ms) and log length", () => {
    expect(tabFacts(snapshot({ status: "succeeded", finishedAt: "2026-01-01T00:00:05.500Z" }))).toEqual({ status: "succeeded", lastSeq: 7, ms: 5500 });
  });
});
