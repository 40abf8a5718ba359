import "server-only";
// Which of the app's languages a message is written in, by a language
// detector (eld: n-gram scores, pure JavaScript, no network) restricted to
// the five languages the app speaks. Scripts are consulted only where the
// detector cannot decide: kana-free Han text (which eld often calls Japanese)
// and text too short to score.
import { eld } from "eld/medium";
import type { Language } from "@/lib/shared/language";

/** eld's ISO 639-1 codes for the app's languages. */
const BY_CODE: Record<string, Language> = { en: "en", zh: "zh-CN", ja: "ja", es: "es", fr: "fr" };

// An instance of its own, so the subset does not leak to other users of eld.
const detector = eld.newInstance();
detector.setLanguageSubset(Object.keys(BY_CODE));

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/** What the detector says about `text`: its language among the five (undefined when none) and whether it is sure. */
export function detectorGuess(text: string): { language: Language | undefined; reliable: boolean } {
  const r = detector.detect(text);
  return { language: BY_CODE[r.language], reliable: r.isReliable() };
}

/**
 * The language `text` is written in, one of the app's five, else `fallback`
 * (the UI language; English by default).
 * 1. eld (medium database, subset en/zh/ja/es/fr) names a language and is
 *    sure: that language. Japanese needs kana: Han-only text, which eld often
 *    scores as Japanese ("杭州三日游"), is Chinese unless the UI is Japanese.
 * 2. Otherwise the text is too short or ambiguous ("ok", "merci", "学吉他"):
 *    the fallback when the text could be written in it (Latin letters for
 *    en/es/fr, Han or kana for ja, Han for zh-CN), else Japanese for kana,
 *    Chinese for Han, else the fallback.
 * The language must fit the text's script in step 1 too (a Latin command
 * quoting a Chinese title is not Chinese). Deterministic; never throws.
 * @example detectLanguageOf("東京で3日間の旅行を計画して") // "ja"
 * @example detectLanguageOf("ok", "fr") // "fr"
 */
export function detectLanguageOf(text: string, fallback: Language = "en"): Language {
  const kana = KANA.test(text);
  const han = HAN.test(text);
  const fits = (l: Language) => (l === "ja" ? kana || han : l === "zh-CN" ? han && !kana : LATIN.test(text));
  const guess = detectorGuess(text);
  let language = guess.language;
  if (language === "ja" && !kana) language = fallback === "ja" ? "ja" : "zh-CN";
  if (language && guess.reliable && fits(language)) return language;
  if (fits(fallback)) return fallback;
  if (kana) return "ja";
  if (han) return "zh-CN";
  return fallback;
}
