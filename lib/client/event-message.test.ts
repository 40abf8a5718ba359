// A stored log line in the viewer's language: re-rendered from its message
// key, else the stored text; search runs over (and marks) the text shown.
import { describe, expect, it } from "vitest";
import type { JobEventDto } from "@/lib/shared/jobs";
import { logLine } from "@/lib/shared/messages";
import { eventMessage, viewerMessage } from "./event-message";
import { compileSearch, findMatches } from "./log-search";

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
  it("keeps the search marks on the translated text (the search runs over what is shown)", () => {
    const event = stored(logLine("zh-CN", "decompose.done", { count: 3 }));
    expect(viewerMessage(event, "en", ranges)).toEqual({ text: "Created 3 subtasks", ranges });
    expect(viewerMessage(event, "zh-CN", ranges)).toEqual({ text: "共创建 3 个子任务", ranges });
  });
  it("search finds a line by its translation and marks the translated words", () => {
    const event = { ...stored(logLine("zh-CN", "decompose.done", { count: 3 })), seq: 7, timestamp: "2026-12-04T00:00:00.000Z", level: "info" as const, kind: "log" as const };
    const re = compileSearch("3 subtasks", { regex: false, caseSensitive: false }).re;
    expect(findMatches([event], re, "en").matches).toEqual([{ seq: 7, start: 8, end: 18 }]);
    expect(findMatches([event], re, "zh-CN").matches).toEqual([]);
    expect(findMatches([event], compileSearch("子任务", { regex: false, caseSensitive: false }).re, "zh-CN").matches).toEqual([{ seq: 7, start: 7, end: 10 }]);
  });
});
