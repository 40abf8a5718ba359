import { describe, expect, it } from "vitest";
import { conversationPageUrl, planDecomposeUrl, planExportUrl, planPageUrl, planStreamUrl, planTasksUrl, planTaskUrl, planUrl } from "./plan-urls";

describe("plan urls", () => {
  it("builds every plan path with its ids encoded", () => {
    expect(planUrl("p 1")).toBe("/api/plans/p%201");
    expect(planTasksUrl("p1")).toBe("/api/plans/p1/tasks");
    expect(planTaskUrl("p1", "t/1")).toBe("/api/plans/p1/tasks/t%2F1");
    expect(planTaskUrl("p1", "t1", 3)).toBe("/api/plans/p1/tasks/t1?version=3");
    expect(planDecomposeUrl("p1", "t1")).toBe("/api/plans/p1/tasks/t1/decompose");
    expect(planExportUrl("p1", "md")).toBe("/api/plans/p1/export?format=md");
    expect(planExportUrl("p1", "json")).toBe("/api/plans/p1/export?format=json");
    expect(planStreamUrl("p1")).toBe("/api/plans/p1/stream");
    expect(planPageUrl("p?1")).toBe("/plans/p%3F1");
    expect(conversationPageUrl("c&1")).toBe("/?c=c%261");
  });
});
