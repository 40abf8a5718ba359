// The one language type of the app: UI dictionaries, the agent's replies and
// job log lines all use it.

/** Every language the UI and the agent speak (BCP 47 tags), English first. */
export const LANGUAGES = ["en", "zh-CN", "ja", "es", "fr"] as const;
/** A language the UI and the agent speak (BCP 47 tag). */
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";
export const isLanguage = (v: unknown): v is Language => (LANGUAGES as readonly unknown[]).includes(v);

/** Each language's name in itself, for the language switch ("日本語", "Français"). */
export const NATIVE_NAMES: Record<Language, string> = {
  en: "English",
  "zh-CN": "中文",
  ja: "日本語",
  es: "Español",
  fr: "Français",
};
