// The ja/es/fr catalog of the plan templates: every English step and city day
// of every template (all domains, kinds and trip shapes) has a translation in
// each language, every catalog entry is used, and the translations keep the
// template variables.
import { describe, expect, it } from "vitest";
import { LANGUAGES, type Language } from "@/lib/shared/language";
import { DOMAINS } from "../../domain-detection.ts";
import { analyzeGoal } from "../../goal-analysis.ts";
import { fallbackSteps } from "../../subtask-rules.ts";
import { GENERIC_DAYS, PLACE_DAYS } from "../cities.ts";
import { TEMPLATES } from "../registry.ts";
import type { Step } from "../template.ts";
import { CATALOG_LANGUAGES, catalogKeys, catalogUse } from "./index.ts";

/** Goals that reach every branch of the templates (trip lengths, kinds); steps are built for each. */
const GOALS = [
  "Plan a trip to Hangzhou",
  "A day trip to Beijing",
  "3-day trip to Tokyo",
  "A 2-week trip to Paris",
  "Launch a mobile app in 6 weeks",
  "Launch our website",
];
/** Task titles that hit each fallback rule (booking, research, testing, writing, buying, contacting, design) and the generic steps. */
const FALLBACK_TITLES = ["Book the boat", "Research suppliers", "Test the oven", "Write the speech", "Buy paint", "Invite the neighbours", "Design the logo", "Water the plants"];

/** Every step the templates build for goals analysed in `languages` (day-by-day trip titles are built in the analysis' language). */
function walk(languages: readonly Language[] = LANGUAGES): Step[] {
  const steps: Step[] = [];
  for (const lang of languages) {
    for (const domain of DOMAINS) {
      const template = TEMPLATES[domain];
      for (const goal of GOALS) {
        for (const kind of template.kinds ?? [""]) {
          const a = { ...analyzeGoal(goal, lang, domain), kind };
          for (const phase of [...template.phases(a), ...(template.reusablePhases?.(a) ?? [])]) steps.push(phase, ...phase.subtasks);
        }
      }
    }
  }
  for (const title of FALLBACK_TITLES) steps.push(...fallbackSteps(title));
  return steps;
}

const VARS = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));

describe("template catalog (ja, es, fr)", () => {
  const steps = walk();

  it("translates every English step and city day of every template", () => {
    expect([...catalogUse.missing]).toEqual([]);
    expect(steps.length).toBeGreaterThan(300);
    for (const s of steps) {
      for (const l of CATALOG_LANGUAGES) {
        expect(s.title[l], `${l}: ${s.title.en}`).toBeTruthy();
        expect(s.desc[l], `${l}: ${s.desc.en}`).toBeTruthy();
      }
    }
  });

  it("uses every catalog entry (no entry left behind by a changed English text)", () => {
    for (const l of CATALOG_LANGUAGES) {
      const { steps: stepKeys, days } = catalogKeys(l);
      expect(stepKeys.filter((k) => !catalogUse.steps.has(`${l}: ${k}`)), l).toEqual([]);
      expect(days.filter((k) => !catalogUse.days.has(`${l}: ${k}`)), l).toEqual([]);
    }
  });

  it("keeps the template variables: {s} as {s} or {de_s}, {g} {t} {d} {guests} as they are", () => {
    for (const s of steps) {
      for (const l of CATALOG_LANGUAGES) {
        for (const [en, text] of [[s.title.en, s.title[l]], [s.desc.en, s.desc[l]]]) {
          const want = VARS(en);
          const got = VARS(text);
          for (const v of ["g", "t", "d", "guests"]) expect(got.has(v), `${l} «${text}» for «${en}»`).toBe(want.has(v));
          const subject = want.has("s") || want.has("the_s");
          expect(got.has("s") || got.has("de_s"), `${l} «${text}» for «${en}»`).toBe(subject);
          expect([...got].every((v) => ["s", "de_s", "g", "t", "d", "guests"].includes(v)), `${l} «${text}»`).toBe(true);
        }
      }
    }
  });

  it("has a real translation: titles differ from the English (a few shared words aside) and Japanese ones are Japanese", () => {
    const english = walk(["en"]);
    for (const l of CATALOG_LANGUAGES) {
      const same = english.filter((s) => s.title[l] === s.title.en && !/^\p{Lu}\p{Ll}+$/u.test(s.title.en) && !s.title.en.includes(":"));
      expect(same.map((s) => s.title.en), l).toEqual([]);
    }
    for (const s of english) if (!s.title.en.includes(":")) expect(s.title.ja, s.title.en).toMatch(/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u);
  });

  it("has every city day in every language with three parts", () => {
    for (const theme of [...Object.values(PLACE_DAYS).flat(), ...GENERIC_DAYS]) {
      for (const l of CATALOG_LANGUAGES) {
        expect(theme.title[l]).not.toBe(l === "ja" ? theme.title.en : "");
        expect(theme.parts[l]).toHaveLength(3);
        expect(theme.parts[l].every((p) => p.length > 3)).toBe(true);
      }
    }
  });
});
