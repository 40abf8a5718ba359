import "server-only";
// Scheduling: "Weeks 1–2: …" prefixes from the goal's duration and the phase
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

/** "Week 1", "Weeks 2–3"; "第1周", "第2–3周". */
export function slotLabel(s: Slot, lang: Language): string {
  const range = s.from === s.to ? `${s.from}` : `${s.from}–${s.to}`;
  if (lang === "zh-CN") return `第${range}${ZH_UNITS[s.unit]}`;
  const name = { day: "Day", week: "Week", month: "Month", year: "Year" }[s.unit];
  return `${name}${s.from === s.to ? "" : "s"} ${range}`;
}

/** A slotLabel prefix with its colon, English or Chinese, to strip from a task title. */
export const SLOT_PREFIX = /^(?:(?:days?|weeks?|months?|years?)\s+\d+(?:\s*[–-]\s*\d+)?\s*[:：]\s*|第\d+(?:\s*[–-]\s*\d+)?(?:天|周|个月|年)\s*[:：]\s*)/i;
