import "server-only";
// The shapes every domain template is written in. Templates hold English and
// Chinese side by side ("Title | description || 标题 | 描述"); Japanese,
// Spanish and French come from the catalog (./catalog, looked up by the
// English text), so every Step carries all five. `{s}`-style variables are
// filled in by templateVars for the goal at hand.
import type { Language } from "@/lib/shared/language";
import type { Analysis } from "../goal-analysis.ts";
import { clip, uncap } from "../text.ts";
import { CATALOG_LANGUAGES, stepIn } from "./catalog/index.ts";

/** The key of a template text per output language ("zh" is zh-CN). */
export type TextKey = "en" | "zh" | "ja" | "es" | "fr";
/** One text in every output language. */
export type Texts = Record<TextKey, string>;
/** A task or subtask: title and one-sentence description. */
export type Step = { title: Texts; desc: Texts };
/**
 * A top-level task of a plan. `weight` is its relative share of the goal's
 * duration (0: not scheduled, for steps that carry their own timing).
 */
export type Phase = Step & { weight: number; subtasks: Step[] };

/** One domain's plan template (see registry.ts for the list). */
export type DomainTemplate = {
  /** Sub-kinds the phases vary by (`Analysis.kind`); omitted when they don't vary. */
  kinds?: string[];
  /** The plan's phases for this goal, in order (3 to 8). */
  phases: (a: Analysis) => Phase[];
  /**
   * Phases whose titles don't depend on the goal, for recognising a task of
   * this domain when the goal has changed; defaults to `phases`.
   */
  reusablePhases?: (a: Analysis) => Phase[];
  /** The outline's narration step explaining how this domain is planned. */
  note: (a: Analysis) => Texts;
};

/** The key of a template text for an output language. */
export function textKey(lang: Language): TextKey {
  return lang === "zh-CN" ? "zh" : lang;
}

/**
 * A step from its "Title | description || 标题 | 描述" spec (both languages
 * are required), with its ja/es/fr text from the catalog (English where the
 * catalog lacks it; the catalog test fails then).
 */
export function st(spec: string): Step {
  const [en, zh] = spec.split("||").map((s) => s.trim());
  const [enT, enD] = en.split("|").map((s) => s.trim());
  const [zhT, zhD] = zh.split("|").map((s) => s.trim());
  const title = { en: enT, zh: zhT } as Texts;
  const desc = { en: enD, zh: zhD } as Texts;
  for (const l of CATALOG_LANGUAGES) {
    const t = stepIn(l, enT, enD);
    title[l] = t?.title ?? enT;
    desc[l] = t?.desc ?? enD;
  }
  return { title, desc };
}

/** A phase from its weight, its "Title | description || 标题 | 描述" spec and its subtasks' specs. */
export function ph(weight: number, spec: string, subtasks: string[]): Phase {
  return { ...st(spec), weight, subtasks: subtasks.map(st) };
}

/**
 * The variables templates may use, in the analysis' language: `{s}` the
 * subject (in Spanish and French with its article: "la boda", "l'application"),
 * `{the_s}` the subject with an article where English needs one, `{de_s}` "de"
 * + the subject ("del producto", "du mariage", "de l'examen"; the subject
 * elsewhere), `{g}` the goal without polite prefixes (at most 60 code points),
 * `{guests}` " for about 80 people" / "（约80人）" / " para unas 80 personas" or "".
 */
export function templateVars(a: Analysis): Record<string, string> {
  const cjk = a.lang === "zh-CN" || a.lang === "ja";
  const g = clip(cjk ? a.short : uncap(a.short), 60);
  const guests: Record<Language, string> = {
    en: ` for about ${a.guests} people`,
    "zh-CN": `（约${a.guests}人）`,
    ja: `（約${a.guests}人）`,
    es: ` para unas ${a.guests} personas`,
    fr: ` pour environ ${a.guests} personnes`,
  };
  // A verb phrase ("tocar la guitarra") reads badly after "dominar"/"maîtriser": the templates say "this skill" instead, as in English.
  const s = a.subjectIsVerb && (a.lang === "es" || a.lang === "fr") ? { es: "esta habilidad", fr: "cette compétence" }[a.lang] : a.subject;
  return {
    s,
    the_s: a.lang === "en" ? theSubject(a) : s,
    de_s: deSubject(s, a.lang),
    g,
    guests: a.guests ? guests[a.lang] : "",
  };
}

/** "de" + a Spanish or French noun phrase, contracted: del, du, des, d'; the phrase itself in other languages. */
export function deSubject(subject: string, lang: Language): string {
  if (lang === "es") return /^el\s/i.test(subject) ? `del ${subject.slice(3)}` : `de ${subject}`;
  if (lang === "fr") {
    if (/^le\s/i.test(subject)) return `du ${subject.slice(3)}`;
    if (/^les\s/i.test(subject)) return `des ${subject.slice(4)}`;
    if (/^(?:la\s|l['’])/i.test(subject)) return `de ${subject}`;
    return /^[aeiouyàâéèêëîïôûh]/i.test(subject) ? `d'${subject}` : `de ${subject}`;
  }
  return subject;
}

/** "the IELTS exam", "Spanish", "the guitar"; verb phrases become "this skill". */
export function theSubject(a: Analysis): string {
  if (a.subjectIsVerb) return "this skill";
  const s = a.subject;
  if (/^(the|a|an|my|our|your)\b/i.test(s)) return s;
  const last = s.split(/\s+/).at(-1) ?? s;
  return /^[a-z]/.test(last) ? `the ${s}` : s;
}
