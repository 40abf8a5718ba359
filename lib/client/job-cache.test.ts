import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { emptyStats, type JobDto, type JobListPage, type JobSnapshot, type StreamFrame } from "@/lib/shared/jobs";
import { applyJobUpdate, jobPatchFromFrames, jobSnapshotKey, markJobMissing, syncJobSnapshots, updateJob } from "./job-cache";

const row = (over: Partial<JobDto> = {}): JobDto => ({
  id: "j1",
  jobType: "plan_decompose",
  status: "running",
  ownerId: "u1",
  planId: null,
  taskId: null,
  parentJobId: null,
  params: {},
  result: null,
  error: null,
  stats: emptyStats(),
  attempt: 1,
  lastSeq: 10,
  createdAt: "2026-01-01T00:00:00.000Z",
  startedAt: "2026-01-01T00:00:01.000Z",
  finishedAt: null,
  ...over,
});

const frame = (seq: number, status: JobDto["status"], to?: JobDto["status"]): StreamFrame => ({
  job_id: "j1",
  seq,
  status,
  stats: { ...emptyStats(), events: seq },
  event: {
    timestamp: `2026-01-01T00:00:${String(seq).padStart(2, "0")}.000Z`,
    level: "info",
    kind: to ? "status" : "log",
    message: to ? `→ ${to}` : "line",
    data: to ? { to } : null,
  },
});

describe("the job cache", () => {
  it("a run of frames patches status, stats, lastSeq and the finish time", () => {
    const patch = jobPatchFromFrames([frame(11, "running"), frame(12, "succeeded", "succeeded")]);
    expect(patch).toEqual({ status: "succeeded", lastSeq: 12, stats: { ...emptyStats(), events: 12 }, finishedAt: "2026-01-01T00:00:12.000Z" });
    const job = row();
    expect(applyJobUpdate(job, patch)).toMatchObject({ status: "succeeded", lastSeq: 12, startedAt: job.startedAt, finishedAt: patch.finishedAt });
  });

  it("never goes back: older patches and rows leave the job as it is (same object)", () => {
    const job = row({ lastSeq: 20 });
    expect(applyJobUpdate(job, { status: "running", lastSeq: 19 })).toBe(job);
    expect(applyJobUpdate(job, row({ lastSeq: 3, status: "pending" }))).toBe(job);
    expect(applyJobUpdate(job, { status: "running", lastSeq: 20 })).toBe(job);
    const fresher = row({ lastSeq: 21, status: "failed" });
    expect(applyJobUpdate(job, fresher)).toBe(fresher);
  });

  it("writes into the snapshot, patches list rows only when the status changes, and leaves uncached jobs alone", () => {
    const client = new QueryClient();
    const snapshot: JobSnapshot = { job: row(), events: [], firstSeq: 1, lastSeq: 10, hasEarlier: false };
    const list: JobListPage = { jobs: [row(), row({ id: "j2" })], nextCursor: null, total: 2 };
    client.setQueryData(jobSnapshotKey("j1"), snapshot);
    client.setQueryData(["jobs", "list", {}], list);

    updateJob(client, "j1", { status: "running", lastSeq: 11, stats: { ...emptyStats(), events: 11 } });
    expect(client.getQueryData<JobSnapshot>(jobSnapshotKey("j1"))!.job.lastSeq).toBe(11);
    expect(client.getQueryData<JobSnapshot>(jobSnapshotKey("j1"))!.events).toBe(snapshot.events);
    expect(client.getQueryData<JobListPage>(["jobs", "list", {}])).toBe(list); // same status: untouched

    updateJob(client, "j1", { status: "cancelled", lastSeq: 12 });
    const rows = client.getQueryData<JobListPage>(["jobs", "list", {}])!.jobs;
    expect(rows.map((j) => [j.id, j.status, j.lastSeq])).toEqual([["j1", "cancelled", 12], ["j2", "running", 10]]);

    updateJob(client, "j9", { status: "failed", lastSeq: 1 });
    expect(client.getQueryData(jobSnapshotKey("j9"))).toBeUndefined();

    syncJobSnapshots(client, [row({ lastSeq: 13, status: "cancelled", finishedAt: "2026-01-01T00:00:13.000Z" })]);
    expect(client.getQueryData<JobSnapshot>(jobSnapshotKey("j1"))!.job).toMatchObject({ lastSeq: 13, finishedAt: "2026-01-01T00:00:13.000Z" });
  });

  it("markJobMissing turns the snapshot query into a 404 error and keeps its data", () => {
    const client = new QueryClient();
    client.setQueryData(jobSnapshotKey("j1"), { job: row(), events: [], firstSeq: 1, lastSeq: 10, hasEarlier: false });
    markJobMissing(client, "j1");
    const state = client.getQueryState(jobSnapshotKey("j1"))!;
    expect(state.status).toBe("error");
    expect(state.error).toMatchObject({ status: 404 });
    expect(state.data).toEqual({ job: row(), events: [], firstSeq: 1, lastSeq: 10, hasEarlier: false });
  });
});
