// The one language type of the app: UI dictionaries, the agent's replies and
// job log lines all use it.

export const LANGUAGES = ["en", "zh-CN"] as const;
/** A language the UI and the agent speak (BCP 47 tag). */
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";
export const isLanguage = (v: unknown): v is Language => (LANGUAGES as readonly unknown[]).includes(v);
