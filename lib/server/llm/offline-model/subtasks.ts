import "server-only";
// subtasks: reuse the template's steps when the task is one of ours, otherwise
// decompose the task from its own title (subtask-rules.ts).
import type { Language } from "@/lib/shared/language";
import type { Subtasks } from "../schemas.ts";
import { DOMAINS } from "./domain-detection.ts";
import { analyzeGoal } from "./goal-analysis.ts";
import { buildTasks } from "./outline.ts";
import { SLOT_PREFIX } from "./schedule.ts";
import { fallbackSteps, itineraryDaySteps } from "./subtask-rules.ts";
import { TEMPLATES } from "./templates/registry.ts";
import { templateVars, textKey, type Step } from "./templates/template.ts";
import { clip, fill, uncap } from "./text.ts";

/** The narration of subtasks, and the default of the main step's description, per language. */
const SAY: Record<Language, { breaking: (task: string) => string; listed: (n: number) => string; serves: (goal: string) => string; work: string }> = {
  en: {
    breaking: (t) => `Breaking down “${t}”.`,
    listed: (n) => `Listed ${n} concrete steps in the order they unblock each other.`,
    serves: (g) => `Each step serves the goal: “${g}”.`,
    work: "Work through it in a few focused blocks and check progress after each one.",
  },
  "zh-CN": {
    breaking: (t) => `拆解“${t}”。`,
    listed: (n) => `列出${n}个具体步骤，按先后依赖排序。`,
    serves: (g) => `每一步都服务于目标：${g}`,
    work: "分成几个专注时段完成这一步，每段结束时检查进度。",
  },
  ja: {
    breaking: (t) => `「${t}」を分解します。`,
    listed: (n) => `具体的な手順を${n}つ、依存関係の順に並べました。`,
    serves: (g) => `どの手順も目標「${g}」のためのものです。`,
    work: "集中できる時間を何回かに分けて進め、そのたびに進み具合を確認します。",
  },
  es: {
    breaking: (t) => `Desglosando «${t}».`,
    listed: (n) => `Enumeré ${n} pasos concretos en el orden en que se desbloquean.`,
    serves: (g) => `Cada paso sirve al objetivo: «${g}».`,
    work: "Avanza en unos pocos bloques de concentración y revisa el progreso tras cada uno.",
  },
  fr: {
    breaking: (t) => `Décomposition de « ${t} ».`,
    listed: (n) => `${n} étapes concrètes, dans l'ordre où elles se débloquent.`,
    serves: (g) => `Chaque étape sert l'objectif : « ${g} ».`,
    work: "Avancez en quelques plages de concentration et faites le point après chacune.",
  },
};

/** A title without its time slot, case, spaces and punctuation, so "Week 3: Build the core features" matches "build the core features". */
function normalizeTitle(title: string): string {
  return title
    .replace(SLOT_PREFIX, "")
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, "");
}

/**
 * Answers subtasks: 2–6 ordered subtasks of `task` and 1–3 narration steps, in
 * `language`, matching subtasksSchema. `goal` (may be "") is the plan's goal and
 * `description` (may be "") the task's own description. A task of the goal's
 * outline (with or without its time slot) gets its template's steps; a task
 * title from any template is recognised even if the goal changed; any other
 * task is decomposed from its title. Deterministic; never throws.
 */
export function subtasks(args: { goal: string; task: string; description: string; language: Language }): Subtasks {
  const { goal, task, description, language: lang } = args;
  const key = normalizeTitle(task);
  const langKey = textKey(lang);

  let steps: Step[] | undefined;
  let vars: Record<string, string> = {};
  // 1. The task came from the outline for this very goal: regenerate it and reuse the phase's subtasks.
  if (goal) {
    const a = analyzeGoal(goal, lang);
    const match = buildTasks(a).find((t) => normalizeTitle(t.title) === key);
    if (match) {
      steps = match.phase.subtasks;
      vars = templateVars(a);
    }
  }
  // 2. A task title from any domain's template (the goal may have changed or been reworded).
  if (!steps) {
    const base = goal || task;
    for (const domain of DOMAINS) {
      const template = TEMPLATES[domain];
      for (const kind of template.kinds ?? [""]) {
        const a = { ...analyzeGoal(base, lang, domain), kind };
        const phases = (template.reusablePhases ?? template.phases)(a);
        const v = templateVars(a);
        const hit = phases.find((p) => normalizeTitle(fill(p.title[langKey], v)) === key);
        if (hit) {
          steps = hit.subtasks;
          vars = v;
          break;
        }
      }
      if (steps) break;
    }
  }
  // 3. Otherwise decompose the title itself (subtask-rules.ts), whose steps quote the task as `{t}` and `{d}`.
  const shortTask = clip(task.replace(SLOT_PREFIX, ""), 60);
  const taskVars = {
    t: lang === "en" ? uncap(shortTask) : shortTask,
    d: description ? clip(description, 300) : SAY[lang].work,
  };
  steps ??= itineraryDaySteps(task, description);
  if (!steps) {
    steps = fallbackSteps(task);
    vars = taskVars;
  }

  const list = steps.slice(0, 6).map((s) => ({
    title: clip(fill(s.title[langKey], { ...taskVars, ...vars }), 200),
    description: clip(fill(s.desc[langKey], { ...taskVars, ...vars }), 2000),
  }));
  const say = SAY[lang];
  const narration = [say.breaking(shortTask), say.listed(list.length)];
  if (goal) narration.push(say.serves(clip(goal, 200)));
  return { narration, subtasks: list };
}
