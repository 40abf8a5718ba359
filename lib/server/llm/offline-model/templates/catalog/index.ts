import "server-only";
// The Japanese, Spanish and French text of the plan templates, looked up by
// the English text the templates are written in (as gettext looks up a
// msgid): steps by English title (or "Title | description" where a title is
// used twice), city day themes by English title. The en/zh text stays in the
// templates themselves; a test walks every template and checks that each
// English step and day has all three translations and every entry is used.
import { ES_DAYS } from "./cities-es.ts";
import { FR_DAYS } from "./cities-fr.ts";
import { JA_DAYS } from "./cities-ja.ts";
import { ES_STEPS_A } from "./es-steps-a.ts";
import { ES_STEPS_B } from "./es-steps-b.ts";
import { FR_STEPS_A } from "./fr-steps-a.ts";
import { FR_STEPS_B } from "./fr-steps-b.ts";
import { JA_STEPS_A } from "./ja-steps-a.ts";
import { JA_STEPS_B } from "./ja-steps-b.ts";

/** The template languages that come from this catalog. */
export type CatalogLanguage = "ja" | "es" | "fr";
export const CATALOG_LANGUAGES: readonly CatalogLanguage[] = ["ja", "es", "fr"];

const STEPS: Record<CatalogLanguage, Record<string, string>> = {
  ja: { ...JA_STEPS_A, ...JA_STEPS_B },
  es: { ...ES_STEPS_A, ...ES_STEPS_B },
  fr: { ...FR_STEPS_A, ...FR_STEPS_B },
};
const DAYS: Record<CatalogLanguage, Record<string, [string, [string, string, string]]>> = { ja: JA_DAYS, es: ES_DAYS, fr: FR_DAYS };

/** What was looked up so far (keys found, English texts without a translation): read by the completeness test. */
export const catalogUse = { steps: new Set<string>(), days: new Set<string>(), missing: new Set<string>() };

/** Every catalog key, per kind and language (for the completeness test). */
export function catalogKeys(language: CatalogLanguage): { steps: string[]; days: string[] } {
  return { steps: Object.keys(STEPS[language]), days: Object.keys(DAYS[language]) };
}

/**
 * A step in `language`: `{title, desc}` from the entry for "title | desc",
 * else for the title alone; undefined (and recorded in `catalogUse.missing`)
 * when the catalog has neither.
 */
export function stepIn(language: CatalogLanguage, title: string, desc: string): { title: string; desc: string } | undefined {
  const full = `${title} | ${desc}`;
  const key = Object.hasOwn(STEPS[language], full) ? full : Object.hasOwn(STEPS[language], title) ? title : undefined;
  if (key === undefined) {
    catalogUse.missing.add(`${language}: ${full}`);
    return undefined;
  }
  catalogUse.steps.add(`${language}: ${key}`);
  const [t, d] = STEPS[language][key].split("|").map((x) => x.trim());
  return { title: t, desc: d ?? "" };
}

/** A city day theme in `language`, by its English title: title and [morning, afternoon, evening]; undefined (recorded) when missing. */
export function dayIn(language: CatalogLanguage, title: string): { title: string; parts: [string, string, string] } | undefined {
  const entry = Object.hasOwn(DAYS[language], title) ? DAYS[language][title] : undefined;
  if (!entry) {
    catalogUse.missing.add(`${language}: day ${title}`);
    return undefined;
  }
  catalogUse.days.add(`${language}: ${title}`);
  return { title: entry[0], parts: entry[1] };
}
