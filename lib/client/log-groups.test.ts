import { describe, expect, it } from "vitest";
import type { EventLevel, JobEventDto } from "@/lib/shared/jobs";
import { buildGroups, buildRows, seqIndex, type LogGroup, type LogRows } from "./log-groups";

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
  const updated = (taskId: string) => at("tasks_updated", { planId: "p", taskIds: [taskId] });
  // As the plan executor writes them: each status change in the commit of its node event,
  // a parent's node around its subtasks' (the parent ends after them).
  const run = () => {
    seq = 0;
    return [
      at("status", { from: "pending", to: "running" }), // 1
      at("workflow_started", { runId: "r" }), // 2
      updated("p"), // 3
      at("node_started", { taskId: "p", title: "Venue" }), // 4
      updated("a"), // 5
      at("node_started", { taskId: "a", title: "Book a venue" }), // 6
      at("tool_call", { taskId: "a", callId: "c1" }), // 7
      at("tool_result", { taskId: "a", callId: "c1" }), // 8
      at("log", { taskId: "a" }, "debug"), // 9
      updated("a"), // 10
      at("node_completed", { taskId: "a" }), // 11
      updated("p"), // 12
      at("node_completed", { taskId: "p" }), // 13
      updated("b"), // 14
      at("node_started", { taskId: "b", title: "Send invitations" }), // 15
      at("tool_call", { taskId: "b", callId: "c2" }, "warn"), // 16
      updated("b"), // 17
      at("node_failed", { taskId: "b" }, "error"), // 18
      at("node_skipped", { taskId: "c" }), // 19
      updated("d"), // 20
      at("node_started", { taskId: "d", title: "Order a cake" }), // 21
    ];
  };
  const manualRun = () => {
    seq = 0;
    return [at("node_started", { taskId: "m", title: "Call grandma" }), at("log", { taskId: "m" }), at("node_completed", { taskId: "m", manual: true })];
  };
  const brief = (groups: LogGroup[]) => groups.map(({ taskId, firstSeq, lastSeq, status, node, depth }) => ({ taskId, firstSeq, lastSeq, status, node, depth }));

  it("a node's group runs from the tasks_updated before its node_started to its end line; a parent's status is its own end, after its subtasks", () => {
    const { groups, groupOf } = buildGroups(run(), true);
    expect(brief(groups)).toEqual([
      { taskId: "p", firstSeq: 3, lastSeq: 4, status: "done", node: "completed", depth: 0 },
      { taskId: "a", firstSeq: 5, lastSeq: 11, status: "done", node: "completed", depth: 1 },
      { taskId: "b", firstSeq: 14, lastSeq: 18, status: "failed", node: "failed", depth: 0 },
      { taskId: "d", firstSeq: 20, lastSeq: 21, status: "running", node: "running", depth: 0 },
    ]);
    // Titled by the node_started line, not the tasks_updated before it.
    expect(groups.map((g) => g.title)).toEqual(["node_started 4", "node_started 6", "node_started 15", "node_started 21"]);
    // The parent's end and a lone skipped node stay lines of their own.
    expect([1, 2, 12, 13, 19].map((s) => groupOf.get(s))).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it("the depth a node_started carries wins over the one inferred from open nodes (a retry resumes mid-tree)", () => {
    seq = 0;
    // A retried attempt: the parent completed earlier (skipped, no node_started), its second subtask starts at depth 1.
    const resumed = [at("workflow_started", { runId: "r" }), at("node_skipped", { taskId: "p", reason: "completed_earlier" }), at("node_started", { taskId: "a2", title: "Pay", depth: 1 }), at("node_completed", { taskId: "a2" })];
    expect(brief(buildGroups(resumed, false).groups).map((g) => [g.taskId, g.depth])).toEqual([["a2", 1]]);
    // Without the field (runs written before it) the depth is inferred: 0 here.
    const legacy = resumed.map((e) => (e.kind === "node_started" ? { ...e, data: { taskId: "a2", title: "Pay" } } : e));
    expect(brief(buildGroups(legacy, false).groups).map((g) => [g.taskId, g.depth])).toEqual([["a2", 0]]);
  });

  it("a node completed as advice only is completed and marked manual", () => {
    const [group] = buildGroups(manualRun(), false).groups;
    expect(group).toMatchObject({ taskId: "m", node: "completed", manual: true, status: "done", firstSeq: 1, lastSeq: 3 });
    expect(buildGroups(run(), false).groups.some((g) => g.manual)).toBe(false);
  });

  it("a parent is running while its subtasks run; a node not ended in a finished job has no node status", () => {
    const events = run().slice(0, 9);
    expect(brief(buildGroups(events, true).groups).map((g) => g.node)).toEqual(["running", "running"]);
    const finished = buildGroups(events, false).groups;
    expect(finished.map((g) => g.node)).toEqual([undefined, undefined]);
    expect(finished.map((g) => g.status)).toEqual(["done", "done"]);
  });

  it("another task's line or a workflow event ends a span; a node alone is still a step; a retried node starts a new group", () => {
    seq = 0;
    const cut = [at("node_started", { taskId: "a" }), at("log", null), at("tool_call", { taskId: "x" }), at("node_started", { taskId: "b" }), at("workflow_failed", { runId: "r" })];
    expect(buildGroups(cut, false).groups.map((x) => [x.firstSeq, x.lastSeq])).toEqual([
      [1, 2],
      [4, 4],
    ]);
    seq = 0;
    const retried = [at("node_started", { taskId: "a", title: "Venue" }), at("log", { taskId: "a" }), at("node_started", { taskId: "a", title: "Venue" }), at("node_completed", { taskId: "a" })];
    retried[2] = { ...retried[2], message: "" };
    expect(buildGroups(retried, true).groups.map((g) => [g.firstSeq, g.lastSeq, g.node, g.title, g.depth])).toEqual([
      [1, 2, undefined, "node_started 1", 0],
      [3, 4, "completed", "Venue", 0],
    ]);
    // A new attempt (workflow_started) starts from the top: nodes its crashed predecessor left open are no ancestors.
    seq = 0;
    const attempts = [at("workflow_started", {}), at("node_started", { taskId: "p" }), at("node_started", { taskId: "a" }), at("workflow_started", {}), at("node_started", { taskId: "b" })];
    expect(buildGroups(attempts, true).groups.map((g) => [g.taskId, g.depth])).toEqual([
      ["p", 0],
      ["a", 1],
      ["b", 0],
    ]);
  });
});
