import { describe, expect, it } from "vitest";
import { buildTaskTree, type TaskDto, type TaskNode, type TaskStatus } from "@/lib/shared/plans";
import {
  canPlace,
  computeDrop,
  insertTask,
  keyboardMove,
  locateTask,
  moveTask,
  patchTask,
  planProgress,
  removeTask,
  subtreeProgress,
} from "./plan-tree";

/** A tree from `[id, parentId, status?]` rows (positions in row order per parent). */
function tree(rows: [string, string | null, TaskStatus?][]): TaskNode[] {
  const next = new Map<string | null, number>();
  const tasks: TaskDto[] = rows.map(([id, parentId, status = "todo"]) => {
    const position = next.get(parentId) ?? 0;
    next.set(parentId, position + 1);
    return { id, planId: "p", parentId, position, title: id.toUpperCase(), description: "", status, version: 1 };
  });
  return buildTaskTree(tasks);
}

/** `id(child,child)` outline of a tree, checking parentId and positions on the way. */
function outline(tasks: TaskNode[], parentId: string | null = null): string {
  return tasks
    .map((t, i) => {
      expect(t.parentId, `${t.id}.parentId`).toBe(parentId);
      expect(t.position, `${t.id}.position`).toBe(i);
      return t.children.length ? `${t.id}(${outline(t.children, t.id)})` : t.id;
    })
    .join(",");
}

// a(a1,a2), b(b1), c
const sample = () =>
  tree([
    ["a", null],
    ["a1", "a", "done"],
    ["a2", "a", "skipped"],
    ["b", null, "done"],
    ["b1", "b"],
    ["c", null],
  ]);

describe("plan tree edits", () => {
  it("locates, patches, removes, inserts and moves without touching the input", () => {
    const t = sample();
    const before = JSON.stringify(t);
    expect(locateTask(t, "a2")).toMatchObject({ parent: { id: "a" }, index: 1, depth: 1 });
    expect(locateTask(t, "zz")).toBeUndefined();
    expect(patchTask(t, "b1", { title: "Renamed" })[1].children[0].title).toBe("Renamed");
    expect(outline(removeTask(t, "a"))).toBe("b(b1),c");
    expect(outline(removeTask(t, "a1"))).toBe("a(a2),b(b1),c");
    const fresh: TaskNode = { ...t[2], id: "n", parentId: "b", children: [] };
    expect(outline(insertTask(t, fresh, 0))).toBe("a(a1,a2),b(n,b1),c");
    expect(outline(insertTask(t, fresh, null))).toBe("a(a1,a2),b(b1,n),c");
    expect(outline(moveTask(t, "a1", { parentId: "c", position: 0 }))).toBe("a(a2),b(b1),c(a1)");
    expect(outline(moveTask(t, "a", { parentId: null, position: 2 }))).toBe("b(b1),c,a(a1,a2)");
    expect(outline(moveTask(t, "c", { parentId: "a", position: 1 }))).toBe("a(a1,c,a2),b(b1)");
    // Under itself, its own subtree or an unknown task: left as it is (the server refuses it).
    expect(moveTask(t, "a", { parentId: "a1", position: 0 })).toBe(t);
    expect(moveTask(t, "a", { parentId: "a", position: 0 })).toBe(t);
    expect(moveTask(t, "a", { parentId: "zz", position: 0 })).toBe(t);
    expect(JSON.stringify(t)).toBe(before);
  });

  it("counts done and skipped as finished, per subtree and for the plan", () => {
    const t = sample();
    const p = subtreeProgress(t);
    expect(p.get("a")).toEqual({ done: 2, total: 2 });
    expect(p.get("b")).toEqual({ done: 0, total: 1 });
    expect(p.get("c")).toEqual({ done: 0, total: 0 });
    expect(planProgress(t)).toEqual({ done: 3, total: 6 });
  });

  it("turns antd drop info into the server's parentId and position", () => {
    const t = sample();
    // Onto a collapsed node: its last child; onto an expanded one: its first.
    expect(computeDrop(t, { dragId: "c", dropId: "b", dropToGap: false, relative: 0, dropExpanded: false })).toEqual({ parentId: "b", position: 1 });
    expect(computeDrop(t, { dragId: "c", dropId: "b", dropToGap: false, relative: 0, dropExpanded: true })).toEqual({ parentId: "b", position: 0 });
    // Onto its own parent, collapsed: last child, counted without itself.
    expect(computeDrop(t, { dragId: "a1", dropId: "a", dropToGap: false, relative: 0, dropExpanded: false })).toEqual({ parentId: "a", position: 1 });
    // Gaps: before/after a node, with the dragged task's own slot left out.
    expect(computeDrop(t, { dragId: "a", dropId: "c", dropToGap: true, relative: 1, dropExpanded: false })).toEqual({ parentId: null, position: 2 });
    expect(computeDrop(t, { dragId: "c", dropId: "a", dropToGap: true, relative: -1, dropExpanded: false })).toEqual({ parentId: null, position: 0 });
    expect(computeDrop(t, { dragId: "b1", dropId: "a1", dropToGap: true, relative: 1, dropExpanded: false })).toEqual({ parentId: "a", position: 1 });
    // Where it already is: nothing to do.
    expect(computeDrop(t, { dragId: "a", dropId: "b", dropToGap: true, relative: -1, dropExpanded: false })).toBeNull();
    expect(computeDrop(t, { dragId: "a2", dropId: "a1", dropToGap: true, relative: 1, dropExpanded: false })).toBeNull();
  });

  it("moves with the keyboard among siblings, in and out", () => {
    const t = sample();
    expect(keyboardMove(t, "a", "up")).toBeNull();
    expect(keyboardMove(t, "a", "down")).toEqual({ parentId: null, position: 1 });
    expect(keyboardMove(t, "c", "down")).toBeNull();
    expect(keyboardMove(t, "a2", "up")).toEqual({ parentId: "a", position: 0 });
    expect(keyboardMove(t, "c", "indent")).toEqual({ parentId: "b", position: 1 });
    expect(keyboardMove(t, "a", "indent")).toBeNull();
    expect(keyboardMove(t, "a1", "outdent")).toEqual({ parentId: null, position: 1 });
    expect(keyboardMove(t, "b1", "outdent")).toEqual({ parentId: null, position: 2 });
    expect(keyboardMove(t, "a", "outdent")).toBeNull();
    expect(outline(moveTask(t, "a1", keyboardMove(t, "a1", "outdent")!))).toBe("a(a2),a1,b(b1),c");
  });

  it("refuses a place inside its own subtree or deeper than five levels", () => {
    const deep = tree([
      ["l1", null],
      ["l2", "l1"],
      ["l3", "l2"],
      ["l4", "l3"],
      ["l5", "l4"],
      ["x", null],
      ["y", "x"],
    ]);
    expect(canPlace(deep, "l1", "l3")).toBe(false);
    expect(canPlace(deep, "x", "l3")).toBe(true); // x at level 4, y at 5
    expect(canPlace(deep, "x", "l4")).toBe(false); // y would be at level 6
    expect(canPlace(deep, "y", "l4")).toBe(true);
    expect(canPlace(deep, "l2", null)).toBe(true);
  });
});
