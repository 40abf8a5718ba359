import { describe, expect, it } from "vitest";
import { textExportHeader, textExportLine } from "./job-export";

describe("text export lines", () => {
  it("say UTC and strip ANSI colour codes", () => {
    expect(textExportHeader({ id: "j1", jobType: "plan_decompose", status: "succeeded", createdAt: "2026-11-21T06:00:00.000Z" })).toBe(
      "Job j1 (plan_decompose) status=succeeded created=2026-11-21T06:00:00.000Z · times in UTC",
    );
    expect(
      textExportLine({ seq: 3, timestamp: "2026-11-21T06:00:01.500Z", level: "warn", kind: "log", message: "build \u001b[1;31mfailed\u001b[0m", data: { i: 3 } }),
    ).toBe('2026-11-21T06:00:01.500Z #3 WARN  [log] build failed {"i":3}');
  });
});
