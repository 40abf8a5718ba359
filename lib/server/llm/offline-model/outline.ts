import "server-only";
// plan_outline: the domain template's phases, filled in for this goal, timed
// against its duration and narrated.
import type { Language } from "@/lib/shared/language";
import type { PlanOutline } from "../schemas.ts";
import { durationAdjective, durationDays, durationText, type Duration } from "./duration.ts";
import { analyzeGoal, type Analysis } from "./goal-analysis.ts";
import { planTitle } from "./plan-title.ts";
import { namedDeadline, OUTLINE_NARRATION } from "./outline-narration.ts";
import { schedule, SLOT_PREFIX, slotLabel, slotSeparator, type Slot } from "./schedule.ts";
import { phasesFor, TEMPLATES } from "./templates/registry.ts";
import { templateVars, textKey, type Phase } from "./templates/template.ts";
import { isDayByDayTrip } from "./templates/trip.ts";
import { clip, fill } from "./text.ts";

/** A top-level task as it goes into the outline, with the phase it came from (for its subtasks). */
export type BuiltTask = { title: string; description: string; phase: Phase; slot?: Slot };

/**
 * The outline's tasks for an analysed goal: at most 8 phases of its domain's
 * template, with the variables filled in and, for a goal with a duration, a
 * time-slot prefix ("Weeks 2–3: …"). Titles are clipped to 200 code points and
 * descriptions to 2000, the schema's limits.
 */
export function buildTasks(a: Analysis): BuiltTask[] {
  const vars = templateVars(a);
  const phases = phasesFor(a).slice(0, 8);
  const lang = textKey(a.lang);
  // Day-by-day trips already carry their day in the title; everything else gets a time slot.
  const dayByDay = isDayByDayTrip(a);
  const scheduled = a.duration && !dayByDay ? phases.filter((p) => p.weight > 0) : [];
  const slots = a.duration && scheduled.length ? schedule(scheduled.map((p) => p.weight), a.duration) : [];
  return phases.map((phase) => {
    const title = fill(phase.title[lang], vars);
    const slotIndex = scheduled.indexOf(phase);
    const label = slotIndex >= 0 ? slotLabel(slots[slotIndex], a.lang) : "";
    return {
      title: clip(label ? `${label}${slotSeparator(a.lang)}${title}` : title, 200),
      description: clip(fill(phase.desc[lang], vars), 2000),
      phase,
      slot: slotIndex >= 0 ? slots[slotIndex] : undefined,
    };
  });
}

/**
 * Answers plan_outline: a title, 2–4 narration steps and 3–8 ordered tasks for
 * `goal`, all in `lang`, matching planOutlineSchema. Deterministic; never throws
 * (an empty goal gets a generic plan).
 */
export function planOutline(goal: string, lang: Language): PlanOutline {
  const a = analyzeGoal(goal, lang);
  const say = OUTLINE_NARRATION[lang];
  const tasks = buildTasks(a);
  const narration: string[] = [say.goal(clip(goal, 300))];
  narration.push(TEMPLATES[a.domain].note(a)[textKey(lang)]);
  const dayByDay = isDayByDayTrip(a);
  const timed = tasks.filter((t) => t.slot);
  if (a.domain === "trip" && a.duration && !dayByDay) {
    narration.push(say.tripLegs(durationDays(a.duration), timed.length));
  } else if (a.domain === "trip" && !a.duration) {
    narration.push(say.tripBookings);
  } else if (a.duration && !dayByDay && timed.length) {
    const span = (t: BuiltTask) => (t.slot ? t.slot.to - t.slot.from + 1 : 0);
    const heaviest = timed.reduce((best, t) => (span(t) > span(best) ? t : best), timed[0]);
    const name = heaviest.title.replace(SLOT_PREFIX, "");
    const unit = timed[0].slot!.unit;
    const deadline = say.deadline(lang === "en" ? durationAdjective(a.duration, lang) : durationText(a.duration, lang));
    if (timed.every((t) => span(t) === span(timed[0]))) {
      const per: Duration = { value: span(timed[0]), unit };
      narration.push(say.evenPhases(deadline, durationText(per, lang)));
    } else {
      narration.push(say.heaviest(deadline, name));
    }
  } else if (dayByDay) {
    narration.push(say.dayByDay);
  } else {
    const by = namedDeadline(goal);
    narration.push(by ? say.target(by) : say.noDeadline);
  }
  narration.push(say.count(tasks.length));
  return {
    title: planTitle(a),
    narration: narration.map((n) => clip(n, 1000)),
    tasks: tasks.map(({ title, description }) => ({ title, description })),
  };
}
