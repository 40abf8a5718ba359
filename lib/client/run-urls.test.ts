import { describe, expect, it } from "vitest";
import { approvalUrl, artifactUrl, planExecuteUrl, planRunsUrl, runUrl } from "./run-urls";

describe("run urls", () => {
  it("build the runs routes with encoded ids", () => {
    expect(planExecuteUrl("p 1")).toBe("/api/plans/p%201/execute");
    expect(planRunsUrl("p1")).toBe("/api/plans/p1/runs");
    expect(runUrl("r/1")).toBe("/api/runs/r%2F1");
    expect(artifactUrl("r1", "a#1")).toBe("/api/runs/r1/artifacts/a%231");
    expect(approvalUrl("r1", "c1")).toBe("/api/runs/r1/approvals/c1");
  });
});
