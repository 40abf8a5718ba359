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
