import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { translator } from "./i18n";
import { approvalErrorText, executeErrorText } from "./run-errors";

const t = translator("en");

describe("run error texts", () => {
  it("name the reason of a failed execute", () => {
    expect(executeErrorText(new ApiError(400, "validation", "taskId: unknown task"), t)).toBe("Not started: taskId: unknown task");
    expect(executeErrorText(new ApiError(403, "forbidden", "no"), t)).toBe("Only the plan's owner can execute it (support may only read it).");
    expect(executeErrorText(new ApiError(404, "not_found", "no"), t)).toBe("This plan or task no longer exists.");
    expect(executeErrorText(new ApiError(0, "network", "Network error"), t)).toBe("Could not start the run: Network error");
  });
  it("name the reason of a failed approval decision", () => {
    expect(approvalErrorText(new ApiError(409, "conflict", "decided"), t)).toBe("Already decided or expired.");
    expect(approvalErrorText(new ApiError(403, "forbidden", "no"), t)).toBe("Only the run's owner can decide.");
    expect(approvalErrorText(new ApiError(404, "not_found", "no"), t)).toBe("This run or call no longer exists.");
    expect(approvalErrorText(new Error("boom"), t)).toBe("Could not send the decision: boom");
    expect(translator("zh-CN")("run.approvalConflict")).not.toBe("Already decided or expired.");
  });
});
