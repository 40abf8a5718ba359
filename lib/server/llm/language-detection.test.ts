// Reply-language detection with the real eld detector (no mocks): whole
// messages in each language, short and ambiguous ones falling back to the UI
// language, and the Han-only guard against eld's zh/ja confusion.
import { describe, expect, it } from "vitest";
import { replyLanguage } from "../chat/send-message.ts";
import { detectLanguage } from "./prompts.ts";
import { detectorGuess } from "./language-detection.ts";

describe("detectLanguage: messages in the five languages", () => {
  it.each([
    ["東京で3日間の旅行を計画して", "ja"],
    ["6週間でモバイルアプリをリリースする", "ja"],
    ["計画を実行して", "ja"],
    ["タスク2を完了にして", "ja"],
    ["帮我规划一次为期三天的杭州旅行", "zh-CN"],
    ["把第一个任务标记为完成", "zh-CN"],
    ["六周内上线一款手机App", "zh-CN"],
    ["Organise un voyage à Lyon pour quatre personnes", "fr"],
    ["Exécute le plan", "fr"],
    ["Ajoute une tâche : réserver le restaurant", "fr"],
    ["Organiza un viaje de tres días a Sevilla", "es"],
    ["Ejecuta el plan", "es"],
    ["Marca la tarea 2 como hecha", "es"],
    ["Plan the launch of a mobile app in 6 weeks", "en"],
    ["execute the plan", "en"],
    ["Learn Spanish", "en"],
  ] as const)("%j → %s, whatever the UI language", (text, want) => {
    for (const ui of ["en", "zh-CN", "ja", "es", "fr"] as const) expect(detectLanguage(text, ui)).toBe(want);
  });

  it("reads Japanese with kanji and kana as Japanese although Chinese shares the kanji", () => {
    expect(detectLanguage("京都旅行を計画したい")).toBe("ja");
    expect(detectLanguage("日本語を勉強する計画")).toBe("ja");
  });
});

describe("detectLanguage: short or ambiguous text", () => {
  it.each([
    ["ok", "fr", "fr"],
    ["ok", "ja", "ja"],
    ["ok", "en", "en"],
    ["hola", "es", "es"],
    ["hola", "en", "en"],
    ["merci", "es", "es"],
    ["hmm", "zh-CN", "zh-CN"],
  ] as const)("%j with the UI in %s → %s (the UI language)", (text, ui, want) => {
    expect(detectLanguage(text, ui)).toBe(want);
  });

  it("falls back to English without a UI language", () => {
    expect(detectLanguage("ok")).toBe("en");
    expect(detectLanguage("")).toBe("en");
  });

  it("reads short Han text the detector cannot score as Chinese unless the UI is Japanese", () => {
    expect(detectorGuess("学吉他").reliable).toBe(false);
    expect(detectLanguage("学吉他", "en")).toBe("zh-CN");
    expect(detectLanguage("谢谢！", "fr")).toBe("zh-CN");
    expect(detectLanguage("谢谢", "ja")).toBe("ja");
  });

  it("reads kana-free Han text that eld scores as Japanese as Chinese (the detector's own answer is ja)", () => {
    expect(detectorGuess("杭州三日游").language).toBe("ja");
    expect(detectLanguage("杭州三日游", "en")).toBe("zh-CN");
    expect(detectLanguage("杭州三日游", "ja")).toBe("ja");
  });

  it("reads kana alone as Japanese even with a Latin UI", () => {
    expect(detectLanguage("はい", "en")).toBe("ja");
    expect(detectLanguage("ありがとう", "fr")).toBe("ja");
  });
});

describe("replyLanguage (send-message)", () => {
  it("follows the message first, then the UI language, then English", () => {
    expect(replyLanguage("Organiza un viaje de tres días a Sevilla", "en")).toBe("es");
    expect(replyLanguage("東京で3日間の旅行を計画して", "fr")).toBe("ja");
    expect(replyLanguage("Plan a 3-day trip to Hangzhou", "zh-CN")).toBe("en");
    expect(replyLanguage("ok", "es")).toBe("es");
    expect(replyLanguage("ok")).toBe("en");
  });
});
