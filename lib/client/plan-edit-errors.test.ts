import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { translator } from "./i18n";
import { conflictTask, planEditErrorText } from "./plan-edit-errors";

const current = { id: "t1", planId: "p1", parentId: null, position: 0, title: "Book the venue", description: "", status: "done", version: 4 };

describe("planEditErrorText", () => {
  it("names why an edit failed, in both UI languages", () => {
    const en = translator("en");
    const zh = translator("zh-CN");
    const conflict = new ApiError(409, "conflict", "The task changed since you read it (now version 4)", { task: current });
    expect(conflictTask(conflict)).toEqual(current);
    expect(planEditErrorText(conflict, en)).toBe("Someone else changed this task; it now reads “Book the venue” (Done). Nothing was saved.");
    expect(planEditErrorText(conflict, zh)).toBe("其他人修改了这个任务；它现在是“Book the venue”（完成）。未保存任何更改。");
    expect(planEditErrorText(new ApiError(409, "conflict", "x"), en)).toBe("Someone else changed this task. Nothing was saved.");
    const rejected = new ApiError(400, "rejected", "Tasks nest at most 5 levels deep");
    expect(conflictTask(rejected)).toBeUndefined();
    expect(planEditErrorText(rejected, en)).toBe("Not saved: Tasks nest at most 5 levels deep");
    expect(planEditErrorText(rejected, zh)).toBe("未保存：Tasks nest at most 5 levels deep");
    expect(planEditErrorText(new ApiError(403, "forbidden", "x"), en)).toBe("Only the plan's owner can change it (support may only read it).");
    expect(planEditErrorText(new ApiError(404, "not_found", "x"), en)).toBe("This task or plan no longer exists.");
    expect(planEditErrorText(new ApiError(0, "network", "Network error: the server could not be reached"), en)).toBe(
      "Could not save: Network error: the server could not be reached",
    );
  });
});
