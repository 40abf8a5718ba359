import { describe, expect, it } from "vitest";
import { EVENT_LEVELS, type EventKind, type EventLevel, type JobEventDto } from "@/lib/shared/jobs";
import { compileSearch, filterEvents, findMatches, KIND_GROUPS, kindGroup, stepMatch, type KindGroup } from "./log-search";

const ev = (seq: number, message: string, level: EventLevel = "info", kind: EventKind = "log"): JobEventDto => ({
  seq,
  timestamp: new Date(Date.UTC(2026, 10, 21, 6, 0, seq)).toISOString(),
  level,
  kind,
  message,
  data: null,
});

describe("kindGroup / filterEvents", () => {
  it("groups kinds", () => {
    expect(
      ["planning_step", "tool_call", "tool_result", "approval_requested", "node_started", "workflow_failed", "log", "status", "progress", "tasks_updated"].map(kindGroup),
    ).toEqual(["planning", "tool", "tool", "tool", "execution", "execution", "other", "other", "other", "other"]);
  });
  it("keeps the events whose level and kind group are both ticked", () => {
    const events = [ev(1, "a"), ev(2, "b", "warn"), ev(3, "c", "error", "node_failed"), ev(4, "d", "info", "planning_step")];
    const all = { levels: new Set(EVENT_LEVELS), kinds: new Set(KIND_GROUPS) };
    expect(filterEvents(events, all)).toBe(events);
    expect(filterEvents(events, { ...all, levels: new Set<EventLevel>(["warn", "error"]) }).map((e) => e.seq)).toEqual([2, 3]);
    expect(filterEvents(events, { ...all, kinds: new Set<KindGroup>(["planning", "execution"]) }).map((e) => e.seq)).toEqual([3, 4]);
    expect(filterEvents(events, { levels: new Set<EventLevel>(["info"]), kinds: new Set<KindGroup>(["other"]) }).map((e) => e.seq)).toEqual([1]);
  });
});

describe("compileSearch / findMatches", () => {
  const events = [ev(1, "Line one"), ev(2, "line \u001b[31mTWO\u001b[0m line"), ev(3, "three")];

  it("plain text matches literally, case-insensitive by default, over the text without ANSI codes", () => {
    const { re } = compileSearch("line", { regex: false, caseSensitive: false });
    expect(findMatches(events, re).matches).toEqual([
      { seq: 1, start: 0, end: 4 },
      { seq: 2, start: 0, end: 4 },
      { seq: 2, start: 9, end: 13 },
    ]);
    // "[31m" is not in the searched text.
    expect(findMatches(events, compileSearch("31m", { regex: false, caseSensitive: false }).re).matches).toEqual([]);
    expect(findMatches(events, compileSearch("e t", { regex: false, caseSensitive: false }).re).matches).toEqual([{ seq: 2, start: 3, end: 6 }]);
  });
  it("the case toggle matches case", () => {
    expect(findMatches(events, compileSearch("Line", { regex: false, caseSensitive: true }).re).matches).toEqual([{ seq: 1, start: 0, end: 4 }]);
  });
  it("regex mode; an invalid pattern reports an error instead of throwing; dots are literal without it", () => {
    expect(findMatches(events, compileSearch("t(wo|hree)", { regex: true, caseSensitive: false }).re).matches).toEqual([
      { seq: 2, start: 5, end: 8 },
      { seq: 3, start: 0, end: 5 },
    ]);
    const bad = compileSearch("a(", { regex: true, caseSensitive: false });
    expect(bad.re).toBeNull();
    expect(bad.error).toMatch(/Invalid regular expression/);
    expect(findMatches(events, compileSearch("l.ne", { regex: false, caseSensitive: false }).re).matches).toEqual([]);
    expect(compileSearch("", { regex: true, caseSensitive: false })).toEqual({ re: null });
  });
  it("skips empty matches and caps the count", () => {
    expect(findMatches([ev(1, "aab")], compileSearch("a*", { regex: true, caseSensitive: false }).re).matches).toEqual([{ seq: 1, start: 0, end: 2 }]);
    const many = findMatches([ev(1, "xxxxx")], compileSearch("x", { regex: false, caseSensitive: false }).re, undefined, 3);
    expect(many).toEqual({ matches: [{ seq: 1, start: 0, end: 1 }, { seq: 1, start: 1, end: 2 }, { seq: 1, start: 2, end: 3 }], capped: true });
  });
  it("stepMatch wraps both ways", () => {
    expect([stepMatch(0, 3, 1), stepMatch(2, 3, 1), stepMatch(0, 3, -1), stepMatch(0, 0, 1)]).toEqual([1, 0, 2, 0]);
  });
});
