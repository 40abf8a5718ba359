import "server-only";
// Scheduling: "Weeks 1–2: …" (第1–2周, 1–2週目, Semanas 1–2, Semaines 1–2) prefixes from the goal's duration and the phase
// weights, so a timed goal gets a timeline and not just an ordered list.
import type { Language } from "@/lib/shared/language";
import { ZH_UNITS, type Duration, type Unit } from "./duration.ts";

/** A time range of the plan, 1-based and inclusive: weeks 2–3 is `{ from: 2, to: 3, unit: "week" }`. */
export type Slot = { from: number; to: number; unit: Unit };

/**
 * Splits the duration `d` among phases in proportion to their `weights`, one
 * slot per weight, in order. Slots don't overlap when there are at least as
 * many units as phases; a coarse unit is refined first when there are too few
 * (2 months for 6 phases → 8 weeks). With more phases than days, neighbouring
 * phases share a day.
 */
export function schedule(weights: number[], d: Duration): Slot[] {
  const n = weights.length;
  let unit = d.unit;
  let total = d.value;
  // Too few units for the phases: use a finer unit.
  while (total < n && unit !== "day") {
    if (unit === "year") [unit, total] = ["month", total * 12];
    else if (unit === "month") [unit, total] = ["week", total * 4];
    else [unit, total] = ["day", total * 7];
  }
  const sum = weights.reduce((s, w) => s + w, 0) || 1;
  const slots: Slot[] = [];
  let cum = 0;
  let prevEnd = 0;
  weights.forEach((w, i) => {
    const startCum = cum;
    cum += w / sum;
    if (total >= n) {
      const end = Math.min(Math.max(Math.round(cum * total), prevEnd + 1), total - (n - 1 - i));
      slots.push({ from: prevEnd + 1, to: end, unit });
      prevEnd = end;
    } else {
      const from = Math.min(total, Math.floor(startCum * total) + 1);
      slots.push({ from, to: Math.max(from, Math.ceil(cum * total)), unit });
    }
  });
  return slots;
}

const SLOT_NAMES: Record<"en" | "es" | "fr", Record<Unit, [string, string]>> = {
  en: { day: ["Day", "Days"], week: ["Week", "Weeks"], month: ["Month", "Months"], year: ["Year", "Years"] },
  es: { day: ["Día", "Días"], week: ["Semana", "Semanas"], month: ["Mes", "Meses"], year: ["Año", "Años"] },
  fr: { day: ["Jour", "Jours"], week: ["Semaine", "Semaines"], month: ["Mois", "Mois"], year: ["Année", "Années"] },
};
const JA_SLOT_UNITS: Record<Unit, string> = { day: "日", week: "週", month: "か月", year: "年" };

/** "Week 1", "Weeks 2–3"; "第1周", "第2–3周"; "1週目", "2–3週目"; "Semana 1", "Semanas 2–3"; "Semaine 1", "Semaines 2–3". */
export function slotLabel(s: Slot, lang: Language): string {
  const range = s.from === s.to ? `${s.from}` : `${s.from}–${s.to}`;
  if (lang === "zh-CN") return `第${range}${ZH_UNITS[s.unit]}`;
  if (lang === "ja") return `${range}${JA_SLOT_UNITS[s.unit]}目`;
  const name = SLOT_NAMES[lang][s.unit][s.from === s.to ? 0 : 1];
  return `${name} ${range}`;
}

/** What follows a slot label before the title: "：" in Chinese and Japanese, " : " in French, ": " otherwise. */
export function slotSeparator(lang: Language): string {
  return lang === "zh-CN" || lang === "ja" ? "：" : lang === "fr" ? " : " : ": ";
}

/** A slotLabel prefix with its colon, in any of the five languages, to strip from a task title. */
export const SLOT_PREFIX =
  /^(?:(?:days?|weeks?|months?|years?|d[ií]as?|semanas?|mes(?:es)?|años?|jours?|semaines?|mois|ann[ée]es?)\s+\d+(?:\s*[–-]\s*\d+)?\s*[:：]\s*|第\d+(?:\s*[–-]\s*\d+)?(?:天|周|个月|年)\s*[:：]\s*|\d+(?:\s*[–-]\s*\d+)?(?:日|週|か月|年)目\s*[:：]\s*)/i;
