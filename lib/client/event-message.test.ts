// A stored log line in the viewer's language: re-rendered from its message
// key, else the stored text; search marks only on the stored text.
import { describe, expect, it } from "vitest";
import type { JobEventDto } from "@/lib/shared/jobs";
import { logLine } from "@/lib/shared/messages";
import { eventMessage, viewerMessage } from "./event-message";

/** An event as the API returns it: the line logLine built, through JSON. */
function stored(line: { message: string; data: Record<string, unknown> | null }): JobEventDto {
  return JSON.parse(JSON.stringify({ seq: 1, timestamp: "2026-11-21T06:00:00.000Z", level: "info", kind: "log", ...line })) as JobEventDto;
}

describe("eventMessage", () => {
  it("shows a line written in zh-CN in English to an English viewer, and as written to a Chinese one", () => {
    const event = stored(logLine("zh-CN", "decompose.start", { count: 4, plan: "杭州三日游" }));
    expect(event.message).toBe("正在拆解「杭州三日游」的 4 个任务");
    expect(eventMessage(event, "en")).toBe('Decomposing 4 task(s) of "杭州三日游"');
    expect(eventMessage(event, "zh-CN")).toBe("正在拆解「杭州三日游」的 4 个任务");
    expect(eventMessage(event, "fr")).toBe("Décomposition de 4 tâche(s) de « 杭州三日游 »");
    expect(eventMessage(event, "ja")).toBe("「杭州三日游」のタスク4件を分解しています");
  });

  it("keeps the stored text for lines without a key, with an unknown key or with parameters that do not fit", () => {
    expect(eventMessage(stored({ message: "Model: 2 step(s)", data: { taskId: "t1" } }), "zh-CN")).toBe("Model: 2 step(s)");
    expect(eventMessage(stored({ message: "plain", data: null }), "ja")).toBe("plain");
    expect(eventMessage(stored({ message: "from a newer server", data: { msgKey: "future.key", msgParams: {} } }), "en")).toBe("from a newer server");
    expect(eventMessage(stored({ message: "已创建", data: { msgKey: "decompose.added", msgParams: { count: 2 } } }), "en")).toBe("已创建");
    expect(eventMessage(stored({ message: "已创建", data: { msgKey: "decompose.added", msgParams: "oops" } }), "en")).toBe("已创建");
  });
});

describe("viewerMessage", () => {
  const ranges = [{ start: 0, end: 2, current: true }];
  it("drops the search marks when the text shown is a translation", () => {
    const event = stored(logLine("zh-CN", "decompose.done", { count: 3 }));
    expect(viewerMessage(event, "en", ranges)).toEqual({ text: "Created 3 subtasks", ranges: undefined });
    expect(viewerMessage(event, "zh-CN", ranges)).toEqual({ text: "共创建 3 个子任务", ranges });
  });
});
