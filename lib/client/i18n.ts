"use client";
// UI strings: the translator over the per-language dictionaries (./i18n/*.ts),
// the language store (localStorage `planstream.lang`, default from
// navigator.language) and the hooks `useT()` / `useLang()`.
import { createContext, useContext } from "react";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "@/lib/shared/language";
import { en, type MessageKey } from "./i18n/en";
import { es } from "./i18n/es";
import { fr } from "./i18n/fr";
import { ja } from "./i18n/ja";
import { zhCN } from "./i18n/zh-cn";
import { createPersistedStore } from "./persisted-store";

export type { MessageKey } from "./i18n/en";

/** localStorage key of the chosen UI language. */
export const LANG_STORAGE_KEY = "planstream.lang";

/** Every language's UI strings (each a Record over all English keys: a missing key is a compile error). */
export const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, "zh-CN": zhCN, ja, es, fr };

/** Translates a key, filling `{name}` placeholders from `vars`. */
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * A translator for `lang`: the language's string, else the English one, else
 * the key itself; `{name}` placeholders are replaced from `vars` (unknown
 * names are left as written).
 * @example translator("zh-CN")("log.progress", { done: 1, total: 3 }) // "进度 1/3"
 */
export function translator(lang: Language): Translate {
  const dict = DICTIONARIES[lang];
  return (key, vars) => {
    const text = dict[key] ?? en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

/** The language of a browser tag: zh* → zh-CN, ja* → ja, es* → es, fr* → fr, en* → en; undefined for any other. */
export function languageOfTag(tag: string | undefined): Language | undefined {
  const primary = tag?.toLowerCase().split(/[-_]/)[0];
  return primary === "zh" ? "zh-CN" : primary && isLanguage(primary) ? primary : undefined;
}

/** The stored choice, else the browser's first supported language (navigator.languages), else English. */
export function detectLang(stored: string | null = null): Language {
  if (isLanguage(stored)) return stored;
  if (typeof navigator === "undefined") return DEFAULT_LANGUAGE;
  const tags = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of tags) {
    const language = languageOfTag(tag);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}

/**
 * The UI language: renders "en" on the server and during hydration, then the
 * browser's choice (localStorage `planstream.lang`), without a hydration mismatch.
 */
export const langStore = createPersistedStore<Language>(LANG_STORAGE_KEY, detectLang, DEFAULT_LANGUAGE);

/** What the language context provides: the language, its setter (persists) and the translator. */
export type I18n = { lang: Language; setLang: (lang: Language) => void; t: Translate };

/** The UI language context, provided by `Providers` (English outside it). */
export const I18nContext = createContext<I18n>({ lang: DEFAULT_LANGUAGE, setLang: () => {}, t: translator(DEFAULT_LANGUAGE) });

/** The current UI translator: `t("chat.send")`, `t("log.progress", {done: 1, total: 3})`. */
export function useT(): Translate {
  return useContext(I18nContext).t;
}

/** The current UI language and its setter (persists to localStorage). @returns `{lang, setLang}`. */
export function useLang(): Pick<I18n, "lang" | "setLang"> {
  const { lang, setLang } = useContext(I18nContext);
  return { lang, setLang };
}
