// The server's sentence table: every entry in all five languages, each
// rendering every parameter; English fallback; log lines with their key; and
// re-rendering a stored line in another language.
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "./language";
import { isMessageKey, logLine, MESSAGE_KEYS, renderEntry, renderMessage, statusWord, t, type MessageKey, type MessageParams } from "./messages";
import { msg } from "./messages/define";

/** Parameters for every sentence (a compile error when a key is missing). */
const SAMPLES: { [K in MessageKey]: MessageParams<K> } = {
  "chat_actions.processing": { count: 7 },
  "chat_actions.plan_exists": { count: 7 },
  "chat_actions.drafting": { title: "Zeta" },
  "chat_actions.created": { count: 7 },
  "chat_actions.dispatched": { kind: "decompose_task", jobId: "job-42", jobType: "plan_decompose" },
  "action.create_plan": { title: "Zeta" },
  "action.decompose_task": { title: "Zeta" },
  "action.decompose_all": undefined,
  "action.add_task": { title: "Zeta" },
  "action.update_task": { title: "Zeta" },
  "action.rename_task": { title: "Zeta", to: "Omega" },
  "action.execute_plan": { title: "Zeta" },
  "action.execute_task": { title: "Zeta" },
  "action.move_task": { title: "Zeta" },
  "action.set_task_status": { title: "Zeta", status: "done" },
  "action.delete_task": { title: "Zeta" },
  "action.resume_decompose": { title: "Zeta" },
  "action.resume_decompose_all": undefined,
  "status.todo": undefined,
  "status.in_progress": undefined,
  "status.done": undefined,
  "status.failed": undefined,
  "status.blocked": undefined,
  "status.skipped": undefined,
  "decompose.nothing": undefined,
  "decompose.start": { count: 7, plan: "Omega" },
  "decompose.task": { n: 3, total: 7, title: "Zeta" },
  "decompose.added": { count: 7, title: "Zeta" },
  "decompose.deeper": { title: "Zeta", count: 7 },
  "decompose.already_done": { title: "Zeta" },
  "decompose.too_deep": { title: "Zeta", depth: 5 },
  "decompose.task_gone": { title: "Zeta" },
  "decompose.plan_full": { max: 500 },
  "decompose.done": { count: 7 },
  "decompose.resuming": { jobId: "job-42", count: 7 },
  "ops.start": { count: 7, plan: "Omega" },
  "ops.add": { title: "Zeta", parent: "Omega" },
  "ops.rename": { from: "Zeta", to: "Omega" },
  "ops.describe": { title: "Zeta" },
  "ops.status": { title: "Zeta", from: "todo", to: "in_progress" },
  "ops.move": { title: "Zeta", parent: "Omega", position: 3 },
  "ops.delete": { title: "Zeta", count: 7 },
  "ops.stale": { reason: "version 4 is newer" },
  "execute.start": { count: 7, plan: "Omega" },
  "execute.node_started": { n: 3, total: 7, title: "Zeta" },
  "execute.node_completed": { title: "Zeta" },
  "execute.node_manual": { title: "Zeta" },
  "execute.node_open": { title: "Zeta", why: "needs a person" },
  "execute.subtasks_manual": { open: 3, count: 7 },
  "execute.node_failed": { title: "Zeta", error: "boom" },
  "execute.skipped_earlier": { title: "Zeta" },
  "execute.skipped_done": { title: "Zeta" },
  "execute.skipped_stopped": { title: "Zeta" },
  "execute.subtasks_done": { count: 7 },
  "execute.calendar": { count: 7 },
  "execute.complete": { done: 3, manual: 2, skipped: 1, calls: 9 },
  "execute.failed": { error: "boom" },
  "execute.restored": { count: 7 },
  "execute.interrupted_call": undefined,
};

/** The values a sentence must show: its string and number parameters (status codes are shown as words). */
function shown(key: MessageKey): string[] {
  if (key === "ops.delete") return ["Zeta", "6"]; // "and its 6 subtasks": the count includes the task itself
  const p = (SAMPLES[key] ?? {}) as Record<string, unknown>;
  return Object.entries(p)
    .filter(([name]) => !["from", "to", "status"].includes(name) || key === "action.rename_task" || key === "ops.rename")
    .map(([, v]) => String(v));
}

describe("the sentence table", () => {
  it("has every entry in all five languages, each showing every parameter", () => {
    expect(MESSAGE_KEYS.length).toBe(Object.keys(SAMPLES).length);
    for (const key of MESSAGE_KEYS) {
      const texts = LANGUAGES.map((l) => renderMessage(l, key, SAMPLES[key]));
      for (const [i, text] of texts.entries()) {
        expect(text, `${key} in ${LANGUAGES[i]}`).toBeTruthy();
        for (const value of shown(key)) expect(text, `${key} in ${LANGUAGES[i]}`).toContain(value);
      }
      // Each language has its own sentence (only bare titles and the status words may coincide).
      if (!key.startsWith("execute.node_started")) expect(new Set(texts).size, key).toBeGreaterThanOrEqual(4);
    }
  });

  it("puts status codes into words in each language", () => {
    expect(t("en", "ops.status", { title: "A", from: "todo", to: "done" })).toBe('Marked "A" as done (was to do)');
    expect(t("fr", "ops.status", { title: "A", from: "todo", to: "in_progress" })).toBe("« A » marquée comme en cours (avant : à faire)");
    expect(t("ja", "ops.status", { title: "A", from: "blocked", to: "done" })).toBe("「A」を完了にしました（変更前：ブロック中）");
    expect(statusWord("es", "skipped")).toBe("omitida");
    // An already translated word stays as it is (action names pass translated statuses).
    expect(statusWord("zh-CN", "已完成")).toBe("已完成");
  });

  it("renders each language's own sentence", () => {
    expect(t("en", "decompose.done", { count: 3 })).toBe("Created 3 subtasks");
    expect(t("zh-CN", "decompose.done", { count: 3 })).toBe("共创建 3 个子任务");
    expect(t("ja", "decompose.done", { count: 3 })).toBe("サブタスクを3件作成しました");
    expect(t("es", "decompose.done", { count: 3 })).toBe("Se crearon 3 subtareas");
    expect(t("fr", "decompose.done", { count: 3 })).toBe("3 sous-tâches créées");
    expect(t("fr", "decompose.nothing")).toBe("Rien à décomposer : chaque tâche principale a déjà des sous-tâches");
  });

  it("falls back to English for a language an entry lacks", () => {
    const entry = msg({ en: (p: { n: number }) => `${p.n} apples`, "zh-CN": (p) => `${p.n} 个苹果` });
    expect(renderEntry(entry, "zh-CN", { n: 2 })).toBe("2 个苹果");
    expect(renderEntry(entry, "ja", { n: 2 })).toBe("2 apples");
    expect(renderEntry(entry, "fr", { n: 2 })).toBe("2 apples");
  });
});

describe("logLine and renderMessage", () => {
  it("stores the key and parameters beside the data, and the text in the writer's language", () => {
    expect(logLine("zh-CN", "decompose.added", { count: 3, title: "订酒店" }, { parentId: "t1" })).toEqual({
      message: "已为「订酒店」添加 3 个子任务",
      data: { parentId: "t1", msgKey: "decompose.added", msgParams: { count: 3, title: "订酒店" } },
    });
    expect(logLine("en", "decompose.nothing", undefined)).toEqual({
      message: "Nothing to decompose: every top-level task already has subtasks",
      data: { msgKey: "decompose.nothing", msgParams: {} },
    });
  });

  it("re-renders a stored line in another language from its JSON", () => {
    const stored = JSON.parse(JSON.stringify(logLine("zh-CN", "execute.complete", { done: 3, manual: 1, skipped: 0, calls: 4 }))) as { data: { msgKey: string; msgParams: unknown } };
    expect(renderMessage("en", stored.data.msgKey, stored.data.msgParams)).toBe("Run complete: 3 task(s) done, 1 left for a person, 0 skipped, 4 tool call(s)");
    expect(renderMessage("es", stored.data.msgKey, stored.data.msgParams)).toBe("Ejecución completa: 3 tarea(s) hechas, 1 para una persona, 0 omitida(s), 4 llamada(s) a herramientas");
  });

  it("gives undefined for unknown keys and parameters that do not fit", () => {
    expect(isMessageKey("decompose.done")).toBe(true);
    expect(isMessageKey("toString")).toBe(false);
    expect(renderMessage("en", "no.such.key", {})).toBeUndefined();
    expect(renderMessage("en", "toString", {})).toBeUndefined();
    expect(renderMessage("en", "decompose.added", ["x"])).toBeUndefined();
    expect(renderMessage("en", "decompose.added", "x")).toBeUndefined();
    expect(renderMessage("en", "decompose.added", { count: 2 })).toBeUndefined();
  });
});
