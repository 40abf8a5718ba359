// The shape of one server sentence in every language (see ../messages.ts).
import type { Language } from "../language";

/** A sentence in each language, all taking the same parameters: English is required, a missing language falls back to it. */
export type MessageEntry<P> = { en: (p: P) => string } & Partial<Record<Exclude<Language, "en">, (p: P) => string>>;

/**
 * Declares one sentence: `P` (its parameters) is read from the English
 * function, and every other language's function is typed by it.
 * @example msg({ en: (p: { count: number }) => `${p.count} tasks`, ja: (p) => `${p.count}件のタスク` })
 */
export function msg<P = void>(entry: MessageEntry<P>): MessageEntry<P> {
  return entry;
}

/** Quotes a title the way each language does: “x”, 「x」, « x ». */
export const quote: Record<Language, (text: string) => string> = {
  en: (x) => `"${x}"`,
  "zh-CN": (x) => `「${x}」`,
  ja: (x) => `「${x}」`,
  es: (x) => `«${x}»`,
  fr: (x) => `« ${x} »`,
};
