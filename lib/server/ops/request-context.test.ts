// The request context's pure parts: route patterns from Next's params (never a
// raw id in a label) and which incoming X-Request-Id values are kept.
import { describe, expect, it } from "vitest";
import { requestIdOf, routePattern } from "./request-context";

describe("routePattern", () => {
  it("replaces each param's segment by [name], in order, also when two params share a value", () => {
    expect(routePattern("/api/jobs/abc-1/stream", { jobId: "abc-1" })).toBe("/api/jobs/[jobId]/stream");
    expect(routePattern("/api/plans/x/tasks/x/decompose", { planId: "x", taskId: "x" })).toBe("/api/plans/[planId]/tasks/[taskId]/decompose");
    expect(routePattern("/api/runs/r%20one/approvals/c1", { runId: "r one", callId: "c1" })).toBe("/api/runs/[runId]/approvals/[callId]");
    expect(routePattern("/api/jobs", {})).toBe("/api/jobs");
  });
});

describe("requestIdOf", () => {
  const withId = (id?: string) => new Request("http://localhost/", { headers: id === undefined ? {} : { "x-request-id": id } });
  it("keeps 1–128 characters of A-Za-z0-9._:- and replaces anything else with a UUID", () => {
    expect(requestIdOf(withId("req-abc.123:x_y"))).toBe("req-abc.123:x_y");
    expect(requestIdOf(withId("a".repeat(128)))).toBe("a".repeat(128));
    for (const bad of [undefined, "", "a".repeat(129), "two words", '{"x":1}', "é"]) expect(requestIdOf(withId(bad))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
