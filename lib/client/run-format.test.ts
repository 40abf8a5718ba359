import { describe, expect, it } from "vitest";
import { buildRunView, type RunCounts } from "@/lib/shared/runs";
import { formatBytes, formatJson, isRunLive, lastExecutionKind, runOutcome, summarizeInput, uniqueArtifacts, viewCounts } from "./run-format";

describe("runOutcome", () => {
  it("is green 'succeeded' only when the run succeeded; a succeeded job without success is 'unsuccessful'", () => {
    expect(runOutcome({ status: "succeeded", success: true })).toBe("succeeded");
    expect(runOutcome({ status: "succeeded", success: false })).toBe("unsuccessful");
    expect(runOutcome({ status: "failed", success: false })).toBe("failed");
    expect(runOutcome({ status: "cancelled", success: false })).toBe("cancelled");
    expect(runOutcome({ status: "running", success: false })).toBe("running");
    expect(runOutcome({ status: "pending", success: false })).toBe("pending");
    expect([isRunLive({ status: "pending" }), isRunLive({ status: "running" }), isRunLive({ status: "failed" })]).toEqual([true, true, false]);
  });
});

describe("viewCounts", () => {
  it("counts steps by status (a manual completion apart from done) and every tool call from the folded events", () => {
    const ev = (seq: number, kind: string, data: object) => ({ seq, timestamp: `2026-11-21T06:00:0${seq}.000Z`, kind: kind as never, data: data as never });
    const view = buildRunView([
      ev(1, "node_started", { taskId: "a", title: "A" }),
      ev(2, "tool_call", { callId: "c1", tool: "t", input: {}, taskId: "a" }),
      ev(3, "node_completed", { taskId: "a", result: "ok", artifacts: [] }),
      ev(31, "node_started", { taskId: "m", title: "M" }),
      ev(32, "node_completed", { taskId: "m", result: "do it by hand", artifacts: [], manual: true }),
      ev(4, "node_started", { taskId: "b", title: "B" }),
      ev(5, "node_failed", { taskId: "b", error: "x" }),
      ev(6, "node_skipped", { taskId: "c", title: "C", reason: "stopped" }),
      ev(7, "tool_call", { callId: "c2", tool: "calendar", input: {}, taskId: null }),
    ]);
    const known: RunCounts = { tasksTotal: 6, tasksDone: 0, tasksManual: 0, tasksFailed: 0, tasksSkipped: 0, toolCalls: 0 };
    expect(viewCounts(view, known)).toEqual({ tasksTotal: 6, tasksDone: 1, tasksManual: 1, tasksFailed: 1, tasksSkipped: 1, toolCalls: 2 });
    expect(viewCounts(view, { ...known, tasksTotal: 0 }).tasksTotal).toBe(4);
  });
});

describe("formatting", () => {
  it("formatBytes", () => {
    expect([0, 999, 1000, 1540, 12_345, 2_300_000, 5e9, Number.NaN].map(formatBytes)).toEqual(["0 B", "999 B", "1.0 kB", "1.5 kB", "12 kB", "2.3 MB", "5.0 GB", "0 B"]);
  });
  it("formatJson indents, keeps strings, cuts long text and survives cycles", () => {
    expect(formatJson({ a: 1, b: [true] })).toEqual({ text: '{\n  "a": 1,\n  "b": [\n    true\n  ]\n}', cut: false });
    expect(formatJson("plain text")).toEqual({ text: "plain text", cut: false });
    expect(formatJson("x".repeat(12), 10)).toEqual({ text: `${"x".repeat(10)}…`, cut: true });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatJson(cyclic)).toEqual({ text: "[object Object]", cut: false });
    expect(formatJson(undefined)).toEqual({ text: "undefined", cut: false });
  });
  it("summarizeInput writes fields as key=value in one short line", () => {
    expect(summarizeInput({ query: "venues in Lyon", limit: 5, tags: ["a", "b"], opts: { x: 1 }, none: null })).toBe('query="venues in Lyon" limit=5 tags=[2] opts={…} none=null');
    expect(summarizeInput({ text: "y".repeat(100) }, 20)).toBe(`text="${"y".repeat(13)}…`);
    expect(summarizeInput("raw")).toBe("raw");
    expect(summarizeInput(null)).toBe("");
    expect(summarizeInput([1, 2])).toBe("[2]");
  });
  it("uniqueArtifacts drops repeats by id", () => {
    const a = { artifactId: "1", name: "a.md", mediaType: "text/markdown", bytes: 1 };
    const b = { artifactId: "2", name: "b.ics", mediaType: "text/calendar", bytes: 2 };
    expect(uniqueArtifacts([a, b, { ...a }])).toEqual([a, b]);
  });
});

describe("lastExecutionKind", () => {
  it("is the last workflow_* or node_* kind, ignoring the lines after it", () => {
    const k = (...kinds: string[]) => kinds.map((kind) => ({ kind: kind as never }));
    expect(lastExecutionKind(k("workflow_started", "node_started", "node_completed", "workflow_complete", "tasks_updated", "status"))).toBe("workflow_complete");
    expect(lastExecutionKind(k("workflow_started", "node_failed", "log", "status"))).toBe("node_failed");
    expect(lastExecutionKind(k("log", "status"))).toBeNull();
  });
});
