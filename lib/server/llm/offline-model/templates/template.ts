import "server-only";
// The shapes every domain template is written in. Templates hold both
// languages side by side ("Title | description || 标题 | 描述") so a plan's
// English and Chinese versions can never drift apart, and use `{s}`-style
// variables that templateVars fills in for the goal at hand.
import type { Language } from "@/lib/shared/language";
import type { Analysis } from "../goal-analysis.ts";
import { clip, uncap } from "../text.ts";

/** One text in both output languages. */
export type Bi = { en: string; zh: string };
/** A task or subtask: title and one-sentence description. */
export type Step = { title: Bi; desc: Bi };
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
  note: (a: Analysis) => Bi;
};

/** The key of a `Bi` text for an output language. */
export function biKey(lang: Language): keyof Bi {
  return lang === "zh-CN" ? "zh" : "en";
}

/** A step from its "Title | description || 标题 | 描述" spec (both languages are required). */
export function st(spec: string): Step {
  const [en, zh] = spec.split("||").map((s) => s.trim());
  const [enT, enD] = en.split("|").map((s) => s.trim());
  const [zhT, zhD] = zh.split("|").map((s) => s.trim());
  return { title: { en: enT, zh: zhT }, desc: { en: enD, zh: zhD } };
}

/** A phase from its weight, its "Title | description || 标题 | 描述" spec and its subtasks' specs. */
export function ph(weight: number, spec: string, subtasks: string[]): Phase {
  return { ...st(spec), weight, subtasks: subtasks.map(st) };
}

/**
 * The variables templates may use, in the analysis' language: `{s}` the
 * subject, `{the_s}` the subject with an article where English needs one, `{g}`
 * the goal without polite prefixes (at most 60 code points), `{guests}` " for
 * about 80 people" / "（约80人）" or "".
 */
export function templateVars(a: Analysis): Record<string, string> {
  const zh = a.lang === "zh-CN";
  const g = clip(zh ? a.short : uncap(a.short), 60);
  return {
    s: a.subject,
    the_s: zh ? a.subject : theSubject(a),
    g,
    guests: a.guests ? (zh ? `（约${a.guests}人）` : ` for about ${a.guests} people`) : "",
  };
}

/** "the IELTS exam", "Spanish", "the guitar"; verb phrases become "this skill". */
export function theSubject(a: Analysis): string {
  if (a.subjectIsVerb) return "this skill";
  const s = a.subject;
  if (/^(the|a|an|my|our|your)\b/i.test(s)) return s;
  const last = s.split(/\s+/).at(-1) ?? s;
  return /^[a-z]/.test(last) ? `the ${s}` : s;
}
