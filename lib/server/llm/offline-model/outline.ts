import "server-only";
// plan_outline: the domain template's phases, filled in for this goal, timed
// against its duration and narrated.
import type { Language } from "@/lib/shared/language";
import type { PlanOutline } from "../schemas.ts";
import { durationAdjective, durationDays, durationText, type Duration } from "./duration.ts";
import { analyzeGoal, type Analysis } from "./goal-analysis.ts";
import { planTitle } from "./plan-title.ts";
import { schedule, SLOT_PREFIX, slotLabel, type Slot } from "./schedule.ts";
import { phasesFor, TEMPLATES } from "./templates/registry.ts";
import { biKey, templateVars, type Phase } from "./templates/template.ts";
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
  const lang = biKey(a.lang);
  // Day-by-day trips already carry their day in the title; everything else gets a time slot.
  const dayByDay = isDayByDayTrip(a);
  const scheduled = a.duration && !dayByDay ? phases.filter((p) => p.weight > 0) : [];
  const slots = a.duration && scheduled.length ? schedule(scheduled.map((p) => p.weight), a.duration) : [];
  return phases.map((phase) => {
    const title = fill(phase.title[lang], vars);
    const slotIndex = scheduled.indexOf(phase);
    const label = slotIndex >= 0 ? slotLabel(slots[slotIndex], a.lang) : "";
    return {
      title: clip(label ? `${label}${a.lang === "zh-CN" ? "：" : ": "}${title}` : title, 200),
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
  const zh = lang === "zh-CN";
  const tasks = buildTasks(a);
  const narration: string[] = [zh ? `明确目标：${clip(goal, 300)}` : `Identified the goal: “${clip(goal, 300)}”.`];
  narration.push(TEMPLATES[a.domain].note(a)[biKey(lang)]);
  const dayByDay = isDayByDayTrip(a);
  const timed = tasks.filter((t) => t.slot);
  if (a.domain === "trip" && a.duration && !dayByDay) {
    const days = durationDays(a.duration);
    narration.push(
      zh
        ? `把${days}天分成${timed.length}段，每段两三天，最后一段包含返程。`
        : `Split the ${days} days into ${timed.length} legs of two or three days, with the journey home in the last one.`,
    );
  } else if (a.domain === "trip" && !a.duration) {
    narration.push(
      zh ? "先订交通和住宿，因为价格和余量变化最快；每日行程随后再排。" : "Bookings come first because prices and availability change fastest; the daily itinerary follows.",
    );
  } else if (a.duration && !dayByDay && timed.length) {
    const span = (t: BuiltTask) => (t.slot ? t.slot.to - t.slot.from + 1 : 0);
    const heaviest = timed.reduce((best, t) => (span(t) > span(best) ? t : best), timed[0]);
    const name = heaviest.title.replace(SLOT_PREFIX, "");
    const unit = timed[0].slot!.unit;
    const deadline = zh ? `从${durationText(a.duration, lang)}的期限倒推排期` : `Working backwards from the ${durationAdjective(a.duration, lang)} deadline`;
    if (timed.every((t) => span(t) === span(timed[0]))) {
      const per: Duration = { value: span(timed[0]), unit };
      narration.push(zh ? `${deadline}，每个阶段大约${durationText(per, lang)}。` : `${deadline}, each phase gets about ${durationText(per, lang)}.`);
    } else {
      narration.push(zh ? `${deadline}，给“${name}”留出最多的时间。` : `${deadline}, “${name}” gets the most time.`);
    }
  } else if (dayByDay) {
    narration.push(zh ? "按区域归类景点，让每天的路线顺路，最后一天留出返程时间。" : "Grouped the sights by area so each day has an easy route, and kept the last day light for the journey home.");
  } else {
    const by =
      /\b(?:by|before|until)\s+((?:the end of\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|next \w+|summer|autumn|fall|winter|spring|Christmas)\b)/i.exec(goal)?.[1] ??
      /((?:\d+|[一二三四五六七八九十]+)月(?:底|份|中旬|初)?)(?:之前|以前|前)/.exec(goal)?.[1];
    narration.push(
      by
        ? zh
          ? `目标是在${by}之前完成，所以按依赖关系排序，并在中途安排检查点。`
          : `The target is ${by}, so the tasks are ordered by dependency with check-ins along the way.`
        : zh
          ? "没有给出期限，所以按依赖关系而不是日期来排序。"
          : "No deadline was given, so the tasks are ordered by dependency rather than by date.",
    );
  }
  narration.push(zh ? `共${tasks.length}个主要任务，每一项都可以继续拆解。` : `Kept it to ${tasks.length} top-level tasks; each can be broken down further.`);
  return {
    title: planTitle(a),
    narration: narration.map((n) => clip(n, 1000)),
    tasks: tasks.map(({ title, description }) => ({ title, description })),
  };
}
