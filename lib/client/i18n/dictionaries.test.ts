// Every UI dictionary has every key of the English one (the compile-time
// Record<MessageKey, string> types say so too), no stray keys, a real
// translation, and the same `{name}` placeholders.
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "@/lib/shared/language";
import { DICTIONARIES, languageOfTag, translator } from "../i18n";
import { en, type MessageKey } from "./en";

const KEYS = Object.keys(en).sort() as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Strings that are the same in every language (names, formats, acronyms). */
const UNIVERSAL = new Set<MessageKey>(["app.name", "log.exportJson", "log.exportNdjson", "planPage.exportMd", "planPage.exportJson", "chatX.charCount", "jobs.detailTitle"]);

describe("UI dictionaries", () => {
  it.each(LANGUAGES)("%s has exactly the English keys, each non-empty with the same placeholders", (lang) => {
    const dict = DICTIONARIES[lang];
    expect(Object.keys(dict).sort()).toEqual(KEYS);
    for (const key of KEYS) {
      expect(dict[key].trim(), key).not.toBe("");
      expect(placeholders(dict[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it.each(["ja", "es", "fr"] as const)("%s is translated: most strings differ from English", (lang) => {
    const same = KEYS.filter((k) => !UNIVERSAL.has(k) && DICTIONARIES[lang][k] === en[k]);
    // A few words are spelled the same in English (Plan, Type, Pages, Support…).
    expect(same.length, same.join(", ")).toBeLessThanOrEqual(12);
  });

  it("translates with placeholders in each language", () => {
    expect(translator("ja")("log.progress", { done: 1, total: 3 })).toBe("進捗 1/3");
    expect(translator("es")("plan.progressLabel", { done: 2, total: 5 })).toBe("2 de 5 tareas terminadas");
    expect(translator("fr")("planEdit.deleteTitle", { title: "Réserver" })).toBe("Supprimer « Réserver » ?");
  });

  it("maps browser language tags to the five languages", () => {
    expect(["zh-TW", "zh", "ja-JP", "es-MX", "fr-CA", "en-GB", "de-DE", undefined].map(languageOfTag)).toEqual(["zh-CN", "zh-CN", "ja", "es", "fr", "en", undefined, undefined]);
  });
});
