import "server-only";
// How long the goal says it takes ("in 6 weeks", "三天"), and how to say it back.
import type { Language } from "@/lib/shared/language";
import { parseCnNumber } from "./text.ts";

/** A calendar unit; months count as 30 days and years as 365 where days are needed. */
export type Unit = "day" | "week" | "month" | "year";
export type Duration = { value: number; unit: Unit };

const EN_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, couple: 2, few: 3,
};

/**
 * The first duration mentioned in `text`: "6 weeks", "a 3-day trip", "two
 * months", "三天", "两周", "一个月", "七日游", "weekend", "周末". Fractions become
 * whole smaller units ("half a month" → 2 weeks). Undefined when there is none
 * or it is not in (0, 100] units.
 */
export function extractDuration(text: string): Duration | undefined {
  const en = /\b(\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple of|few)[\s-]+(day|week|month|year)s?\b/i.exec(
    text,
  );
  let found: Duration | undefined;
  if (en) {
    const word = en[1].toLowerCase().replace(/ of$/, "");
    const value = /^\d/.test(word) ? Number(word) : EN_NUMBERS[word];
    found = { value, unit: en[2].toLowerCase() as Unit };
  } else {
    const zh = /(?<!第)(\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+|半)\s*(天|日游|个星期|星期|个礼拜|礼拜|周|个月|年)/.exec(text);
    if (zh) {
      const value = parseCnNumber(zh[1]);
      const unit: Unit = /天|日/.test(zh[2]) ? "day" : /周|星期|礼拜/.test(zh[2]) ? "week" : zh[2] === "年" ? "year" : "month";
      if (value !== undefined) found = { value, unit };
    } else if (/\bfortnight\b/i.test(text)) found = { value: 2, unit: "week" };
    else if (/\bweekend\b|周末/i.test(text)) found = { value: 2, unit: "day" };
    else if (/\bday[- ]trip\b|一日游/i.test(text)) found = { value: 1, unit: "day" };
  }
  if (!found || !(found.value > 0) || found.value > 100) return undefined;
  if (!Number.isInteger(found.value)) {
    // Half units become whole smaller units: half a month → 2 weeks, 1.5 weeks → 11 days.
    if (found.unit === "year") found = { value: Math.round(found.value * 12), unit: "month" };
    else if (found.unit === "month") found = { value: Math.max(1, Math.round(found.value * 4)), unit: "week" };
    else if (found.unit === "week") found = { value: Math.round(found.value * 7), unit: "day" };
    else found = { value: Math.max(1, Math.round(found.value)), unit: "day" };
  }
  return found;
}

/** Chinese names of the units, after a number ("3周", "第2个月"). */
export const ZH_UNITS: Record<Unit, string> = { day: "天", week: "周", month: "个月", year: "年" };

/** "6 weeks", "1 day"; "6周", "3天". */
export function durationText(d: Duration, lang: Language): string {
  if (lang === "zh-CN") return `${d.value}${ZH_UNITS[d.unit]}`;
  return `${d.value} ${d.unit}${d.value === 1 ? "" : "s"}`;
}

/** Before a noun: "6-week" (deadline, trip); Chinese as durationText. */
export function durationAdjective(d: Duration, lang: Language): string {
  return lang === "zh-CN" ? durationText(d, lang) : `${d.value}-${d.unit}`;
}

/** The duration in days (a month is 30 days, a year 365). */
export function durationDays(d: Duration): number {
  return d.value * { day: 1, week: 7, month: 30, year: 365 }[d.unit];
}
