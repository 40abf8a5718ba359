import { describe, expect, it } from "vitest";
import type { JobEventDto } from "@/lib/shared/jobs";
import { NO_TOOL_CALLS, pairToolCalls, runFilesOf } from "./tool-pairs";

let seq = 0;
const at = (kind: JobEventDto["kind"], data: Record<string, unknown> | null): JobEventDto => {
  seq += 1;
  return { seq, timestamp: new Date(Date.UTC(2026, 10, 21, 6, 0, seq)).toISOString(), level: "info", kind, message: kind, data };
};

describe("pairToolCalls", () => {
  it("pairs call and result by callId with their seqs; a call without result is running; failed calls keep the error", () => {
    seq = 0;
    const md = { artifactId: "a1", name: "venue.md", mediaType: "text/markdown", bytes: 120 };
    const events = [
      at("node_started", { runId: "r1", taskId: "t1", title: "Venue" }),
      at("tool_call", { runId: "r1", callId: "c1", tool: "web_search", input: { query: "venues" }, taskId: "t1" }),
      at("tool_call", { runId: "r1", callId: "c2", tool: "fetch_url", input: { url: "https://x.test" }, taskId: "t1" }),
      at("tool_result", { runId: "r1", callId: "c1", tool: "web_search", taskId: "t1", durationMs: 42, output: { hits: 3 }, artifacts: [md] }),
      at("tool_result", { runId: "r1", callId: "c2", tool: "fetch_url", taskId: "t1", durationMs: 7, error: "not allowed" }),
      at("tool_call", { runId: "r1", callId: "c3", tool: "calendar", input: {}, taskId: null }),
      at("log", { callId: 5 }),
    ];
    const index = pairToolCalls(events);
    expect([...index.keys()]).toEqual(["c1", "c2", "c3"]);
    expect(index.get("c1")).toEqual({
      callId: "c1",
      tool: "web_search",
      input: { query: "venues" },
      status: "succeeded",
      output: { hits: 3 },
      durationMs: 42,
      truncated: undefined,
      artifacts: [md],
      seq: 2,
      runId: "r1",
      callSeq: 2,
      resultSeq: 4,
    });
    expect(index.get("c2")).toMatchObject({ status: "failed", error: "not allowed", durationMs: 7, callSeq: 3, resultSeq: 5 });
    expect(index.get("c3")).toMatchObject({ status: "running", callSeq: 6, runId: "r1" });
    expect(index.get("c3")!.resultSeq).toBeUndefined();
  });

  it("folds approvals in: pending while undecided, denied calls stay denied; seqs of the approval lines", () => {
    seq = 0;
    const events = [
      at("approval_requested", { runId: "r1", callId: "c1", tool: "send_mail", input: { to: "a" }, taskId: "t1", expiresAt: "2026-11-21T07:00:00.000Z" }),
      at("approval_requested", { runId: "r1", callId: "c2", tool: "send_mail", input: { to: "b" }, taskId: "t1", expiresAt: "2026-11-21T07:00:00.000Z" }),
      at("approval_decided", { runId: "r1", callId: "c2", tool: "send_mail", approved: false, by: "u1" }),
    ];
    const index = pairToolCalls(events);
    expect(index.get("c1")).toMatchObject({ status: "awaiting_approval", approval: { status: "pending" }, requestSeq: 1 });
    expect(index.get("c1")!.callSeq).toBeUndefined();
    expect(index.get("c2")).toMatchObject({ status: "denied", approval: { status: "denied", by: "u1" }, requestSeq: 2, decidedSeq: 3 });
  });

  it("a log without tool events gives the one shared empty index", () => {
    seq = 0;
    expect(pairToolCalls([at("log", null), at("planning_step", { simulated: true })])).toBe(NO_TOOL_CALLS);
  });
});

describe("runFilesOf", () => {
  it("lists the files of the steps and tool results once each, with the run id", () => {
    seq = 0;
    const md = { artifactId: "a1", name: "venue.md", mediaType: "text/markdown", bytes: 120 };
    const ics = { artifactId: "a2", name: "plan.ics", mediaType: "text/calendar", bytes: 300 };
    const events = [
      at("status", { from: "pending", to: "running" }),
      at("node_started", { runId: "r1", taskId: "t1", title: "Venue" }),
      at("tool_result", { runId: "r1", callId: "c1", tool: "write_document", taskId: "t1", durationMs: 3, output: {}, artifacts: [md] }),
      at("node_completed", { runId: "r1", taskId: "t1", result: "ok", artifacts: [md] }),
      at("tool_result", { runId: "r1", callId: "c2", tool: "calendar", taskId: null, durationMs: 3, output: {}, artifacts: [ics] }),
    ];
    expect(runFilesOf(events)).toEqual({ runId: "r1", artifacts: [md, ics] });
    expect(runFilesOf(events.slice(0, 2))).toBeUndefined();
    expect(runFilesOf([at("log", null)])).toBeUndefined();
  });
});
