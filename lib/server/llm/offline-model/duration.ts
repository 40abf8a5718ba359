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
/** Spanish and French number words up to twelve (and fifteen), for durations and head counts. */
export const ES_FR_NUMBERS: Record<string, number> = {
  un: 1, una: 1, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12, quince: 15,
  une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12, quinze: 15,
  medio: 0.5, media: 0.5,
};
const ES_FR_NUMBER = Object.keys(ES_FR_NUMBERS).join("|");
const ES_DURATION = new RegExp(`(?<![\\p{L}])(\\d+(?:[.,]\\d+)?|${ES_FR_NUMBER})\\s+(d[ií]as?|semanas?|mes(?:es)?|años?)(?![\\p{L}])`, "iu");
const FR_DURATION = new RegExp(`(?<![\\p{L}])(\\d+(?:[.,]\\d+)?|${ES_FR_NUMBER})\\s+(jours?|semaines?|mois|ans?|années?)(?![\\p{L}])`, "iu");
const JA_DURATION = /(?<![月第\d])(\d+|[一二三四五六七八九十]+)\s*(日間|日|週間|か月|ヶ月|カ月|ヵ月|箇月|年間)/;

/**
 * The first duration mentioned in `text`: "6 weeks", "a 3-day trip", "two
 * months", "三天", "两周", "一个月", "七日游", "3日間", "tres días", "6 semaines",
 * "weekend", "周末", "fin de semana". Fractions become
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
    } else {
      found = extractOtherDuration(text);
      if (found) return normalize(found);
      if (/\bfortnight\b|\bquincena\b/i.test(text)) found = { value: 2, unit: "week" };
      else if (/\bweekend\b|周末|週末|fin de semana|week-?end/i.test(text)) found = { value: 2, unit: "day" };
      else if (/\bday[- ]trip\b|一日游|日帰り|excursión de un día|excursion d'une journée/i.test(text)) found = { value: 1, unit: "day" };
    }
  }
  return normalize(found);
}

/** Undefined outside (0, 100] units; half units become whole smaller units. */
function normalize(found: Duration | undefined): Duration | undefined {
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

/** A duration in Japanese ("3日間", "6週間"), Spanish ("tres días") or French ("6 semaines"), else undefined. */
function extractOtherDuration(text: string): Duration | undefined {
  const ja = JA_DURATION.exec(text);
  if (ja) {
    const value = parseCnNumber(ja[1]);
    const unit: Unit = ja[2].startsWith("日") ? "day" : ja[2].startsWith("週") ? "week" : ja[2].startsWith("年") ? "year" : "month";
    return value === undefined ? undefined : { value, unit };
  }
  const m = ES_DURATION.exec(text) ?? FR_DURATION.exec(text);
  if (!m) return undefined;
  const word = m[1].toLowerCase();
  const value = /^\d/.test(word) ? Number(word.replace(",", ".")) : ES_FR_NUMBERS[word];
  const u = m[2].toLowerCase();
  const unit: Unit = /^(d[ií]a|jour)/.test(u) ? "day" : /^sem/.test(u) ? "week" : /^(mes|mois)/.test(u) ? "month" : "year";
  return { value, unit };
}

/** Chinese names of the units, after a number ("3周", "第2个月"). */
export const ZH_UNITS: Record<Unit, string> = { day: "天", week: "周", month: "个月", year: "年" };

/** Japanese names of the units, after a number ("3日間", "6週間"). */
export const JA_UNITS: Record<Unit, string> = { day: "日間", week: "週間", month: "か月", year: "年" };
const ES_UNITS: Record<Unit, [string, string]> = { day: ["día", "días"], week: ["semana", "semanas"], month: ["mes", "meses"], year: ["año", "años"] };
const FR_UNITS: Record<Unit, [string, string]> = { day: ["jour", "jours"], week: ["semaine", "semaines"], month: ["mois", "mois"], year: ["an", "ans"] };

/** "6 weeks", "1 day"; "6周", "3天"; "6週間"; "6 semanas"; "6 semaines". */
export function durationText(d: Duration, lang: Language): string {
  switch (lang) {
    case "zh-CN":
      return `${d.value}${ZH_UNITS[d.unit]}`;
    case "ja":
      return `${d.value}${JA_UNITS[d.unit]}`;
    case "es":
      return `${d.value} ${ES_UNITS[d.unit][d.value === 1 ? 0 : 1]}`;
    case "fr":
      return `${d.value} ${FR_UNITS[d.unit][d.value === 1 ? 0 : 1]}`;
    default:
      return `${d.value} ${d.unit}${d.value === 1 ? "" : "s"}`;
  }
}

/** Before a noun: "6-week" (deadline, trip); other languages as durationText. */
export function durationAdjective(d: Duration, lang: Language): string {
  return lang === "en" ? `${d.value}-${d.unit}` : durationText(d, lang);
}

/** The duration in days (a month is 30 days, a year 365). */
export function durationDays(d: Duration): number {
  return d.value * { day: 1, week: 7, month: 30, year: 365 }[d.unit];
}
