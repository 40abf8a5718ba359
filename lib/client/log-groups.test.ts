import { describe, expect, it } from "vitest";
import type { EventLevel, JobEventDto } from "@/lib/shared/jobs";
import { buildGroups, buildRows, seqIndex, type LogRows } from "./log-groups";

const list = (r: LogRows) => Array.from({ length: r.count }, (_, i) => r.at(i)).map((row) => (row.type === "group" ? `G${row.group.firstSeq}` : row.event.seq));

const ev = (seq: number, taskId: unknown, level: EventLevel = "info", second = seq): JobEventDto => ({
  seq,
  timestamp: new Date(Date.UTC(2026, 10, 21, 6, 0, second)).toISOString(),
  level,
  kind: "log",
  message: `m${seq}`,
  data: taskId === undefined ? null : { taskId },
});

describe("buildGroups", () => {
  const events = [ev(1, undefined), ev(2, "a"), ev(3, "a", "warn", 5), ev(4, "b"), ev(5, "c"), ev(6, "c", "error"), ev(7, ""), ev(8, "a"), ev(9, "a", "info", 20)];

  it("groups runs of 2+ lines with the same non-empty taskId; title, duration and status", () => {
    const { groups, groupOf } = buildGroups(events, false);
    expect(groups).toEqual([
      { id: "g2", taskId: "a", firstSeq: 2, lastSeq: 3, count: 2, title: "m2", durationMs: 3000, status: "warning" },
      { id: "g5", taskId: "c", firstSeq: 5, lastSeq: 6, count: 2, title: "m5", durationMs: 1000, status: "failed" },
      { id: "g8", taskId: "a", firstSeq: 8, lastSeq: 9, count: 2, title: "m8", durationMs: 12000, status: "done" },
    ]);
    expect([...groupOf.keys()]).toEqual([2, 3, 5, 6, 8, 9]);
  });
  it("the last group of a running job is running; not when a line follows it", () => {
    expect(buildGroups(events, true).groups.at(-1)!.status).toBe("running");
    expect(buildGroups([...events, ev(10, undefined)], true).groups.at(-1)!.status).toBe("done");
  });
});

describe("buildRows", () => {
  const events = [ev(1, undefined), ev(2, "a"), ev(3, "a"), ev(4, undefined)];
  const { groupOf } = buildGroups(events, false);

  it("puts a header before a group's lines; folded groups hide their lines", () => {
    const open = buildRows(events, groupOf, () => false);
    expect(list(open)).toEqual([1, "G2", 2, 3, 4]);
    expect([1, 2, 3, 4].map(open.indexOf)).toEqual([0, 2, 3, 4]);
    const folded = buildRows(events, groupOf, () => true);
    expect(list(folded)).toEqual([1, "G2", 4]);
    expect([1, 2, 4].map(folded.indexOf)).toEqual([0, undefined, 2]);
  });
  it("a filtered view keeps the header before the first shown line of the group", () => {
    expect(list(buildRows([events[0], events[2]], groupOf, () => false))).toEqual([1, "G2", 3]);
  });
  it("without groups the rows are the events, found by binary search", () => {
    const plain = [ev(3, undefined), ev(5, undefined), ev(9, undefined)];
    const rows = buildRows(plain, new Map(), () => false);
    expect(list(rows)).toEqual([3, 5, 9]);
    expect([3, 5, 9, 4, 10].map(rows.indexOf)).toEqual([0, 1, 2, undefined, undefined]);
    expect(seqIndex([], 1)).toBeUndefined();
  });
});

describe("buildGroups: plan execution nodes", () => {
  let seq = 0;
  const at = (kind: JobEventDto["kind"], data: Record<string, unknown> | null, level: EventLevel = "info"): JobEventDto => {
    seq += 1;
    return { seq, timestamp: new Date(Date.UTC(2026, 10, 21, 6, 0, seq)).toISOString(), level, kind, message: `${kind} ${seq}`, data };
  };
  const run = () => {
    seq = 0;
    return [
      at("workflow_started", { runId: "r" }),
      at("node_started", { taskId: "a", title: "Book a venue" }),
      at("tasks_updated", { planId: "p", taskIds: ["a"] }),
      at("tool_call", { taskId: "a", callId: "c1" }),
      at("log", null),
      at("tool_result", { taskId: "a", callId: "c1" }),
      at("node_completed", { taskId: "a" }),
      at("tasks_updated", { planId: "p", taskIds: ["a"] }),
      at("node_started", { taskId: "b", title: "Send invitations" }),
      at("tool_call", { taskId: "b", callId: "c2" }, "warn"),
      at("node_failed", { taskId: "b" }, "error"),
      at("node_skipped", { taskId: "c" }),
      at("node_started", { taskId: "d", title: "Order a cake" }),
      at("tasks_updated", { planId: "p", taskIds: ["d"] }),
    ];
  };

  it("a node_started opens its task's group up to its end event, lines without a task inside; the node's outcome is the status", () => {
    const { groups, groupOf } = buildGroups(run(), true);
    expect(groups.map(({ id, taskId, firstSeq, lastSeq, count, status, node }) => ({ id, taskId, firstSeq, lastSeq, count, status, node }))).toEqual([
      { id: "g2", taskId: "a", firstSeq: 2, lastSeq: 7, count: 6, status: "done", node: "completed" },
      { id: "g9", taskId: "b", firstSeq: 9, lastSeq: 11, count: 3, status: "failed", node: "failed" },
      { id: "g13", taskId: "d", firstSeq: 13, lastSeq: 14, count: 2, status: "running", node: "running" },
    ]);
    // The tasks_updated after a node's end and the lone skipped node stay flat lines.
    expect([1, 8, 12].map((s) => groupOf.get(s))).toEqual([undefined, undefined, undefined]);
    expect(groups[0].title).toBe("node_started 2");
  });

  it("a node not ended in a finished job has no node status (its lines' levels decide); another task's line or a workflow event ends a span", () => {
    const events = run();
    const { groups } = buildGroups(events, false);
    expect(groups.at(-1)).toMatchObject({ taskId: "d", status: "done" });
    expect(groups.at(-1)!.node).toBeUndefined();
    seq = 0;
    const cut = [at("node_started", { taskId: "a" }), at("log", null), at("tool_call", { taskId: "x" }), at("node_started", { taskId: "b" }), at("workflow_failed", { runId: "r" })];
    const g = buildGroups(cut, false).groups;
    expect(g.map((x) => [x.firstSeq, x.lastSeq])).toEqual([[1, 2]]);
  });

  it("a retried node (node_started again) starts a new group; the title falls back to data.title", () => {
    seq = 0;
    const events = [at("node_started", { taskId: "a", title: "Venue" }), at("log", { taskId: "a" }), at("node_started", { taskId: "a", title: "Venue" }), at("node_completed", { taskId: "a" })];
    events[2] = { ...events[2], message: "" };
    const { groups } = buildGroups(events, false);
    expect(groups.map((g) => [g.firstSeq, g.lastSeq, g.node, g.title])).toEqual([
      [1, 2, undefined, "node_started 1"],
      [3, 4, "completed", "Venue"],
    ]);
  });
});
