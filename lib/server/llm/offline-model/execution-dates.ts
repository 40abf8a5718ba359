import "server-only";
// Dates for executing tasks: the target date a goal names ("2027-03-20",
// "March 20", "20 March", "3月20日", "in 3 weeks", "next month"), and the
// business-day arithmetic the offline model needs to decide between counting
// back from that date and counting forward from today. All dates are
// YYYY-MM-DD strings read as UTC calendar days.
import type { Language } from "@/lib/shared/language";
import { parseCnNumber } from "./text.ts";

const DAY_MS = 86_400_000;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const EN_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const EN_WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ZH_WEEKDAYS = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
const WEEKDAYS: Record<Language, string[]> = {
  en: EN_WEEKDAYS,
  "zh-CN": ZH_WEEKDAYS,
  ja: ["日曜日", "月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日"],
  es: ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
  fr: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
};
const ES_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
const FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** Where a target date came from: the goal's text, or the default of today + 30 days. */
export type TargetDate = { date: string; fromText: boolean };

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return Boolean(m) && toIso(new Date(Date.UTC(Number(m![1]), Number(m![2]) - 1, Number(m![3])))) === text;
}

function toIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function parse(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** `iso` plus `days` calendar days (negative goes back). */
export function addDays(iso: string, days: number): string {
  return toIso(new Date(parse(iso).getTime() + days * DAY_MS));
}

/** `iso` plus `months` calendar months, the day clamped to the month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const d = parse(iso);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d.getUTCDate(), last));
  return toIso(first);
}

/** `iso` moved by `amount` business days (Monday–Friday), forward for a positive amount, back for a negative one. */
export function addBusinessDays(iso: string, amount: number): string {
  let d = parse(iso);
  const step = amount < 0 ? -1 : 1;
  for (let left = Math.abs(amount); left > 0; ) {
    d = new Date(d.getTime() + step * DAY_MS);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return toIso(d);
}

/** The weekday of `iso`: "Monday", "星期一", "月曜日", "lunes", "lundi". */
export function weekdayName(iso: string, lang: Language): string {
  return WEEKDAYS[lang][parse(iso).getUTCDay()];
}

/** Today's UTC date as YYYY-MM-DD (used only when a prompt has no `Today:` field). */
export function utcToday(): string {
  return toIso(new Date());
}

/** The first date on or after `today` with this month (1–12) and day, or in `year` when given; undefined for impossible dates. */
function monthDay(month: number, day: number, year: number | undefined, today: string): string | undefined {
  const y = year ?? Number(today.slice(0, 4));
  const iso = `${String(y).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (!isIsoDate(iso)) return year === undefined && month === 2 && day === 29 ? monthDay(2, 29, y + 1, today) : undefined;
  if (year === undefined && iso < today) return monthDay(month, day, y + 1, today);
  return iso;
}

/**
 * The first date `text` names, resolved against `today` (YYYY-MM-DD): an ISO
 * date; "March 20", "Mar 20th, 2027", "20 March" (the next such day on or
 * after today when no year is given); "3月20日", "2027年3月20号"; "in 3
 * weeks", "in ten days", "in 2 months", "3周后", "两个月以后"; "tomorrow",
 * "next week", "next month", "明天", "下周", "下个月". Undefined when none.
 */
export function findDate(text: string, today: string): string | undefined {
  const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(text)?.[1];
  if (iso && isIsoDate(iso)) return iso;
  const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
  const md = new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, "i").exec(text);
  if (md) {
    const d = monthDay(monthIndex(md[1]), Number(md[2]), md[3] ? Number(md[3]) : undefined, today);
    if (d) return d;
  }
  const dm = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b\\.?(?:,?\\s+(\\d{4})\\b)?`, "i").exec(text);
  if (dm) {
    const d = monthDay(monthIndex(dm[2]), Number(dm[1]), dm[3] ? Number(dm[3]) : undefined, today);
    if (d) return d;
  }
  const zh = /(?:(\d{4})年)?(\d{1,2}|[一二三四五六七八九十]+)月(\d{1,2}|[一二三四五六七八九十]+)[日号]/.exec(text);
  if (zh) {
    const d = monthDay(parseCnNumber(zh[2]) ?? 0, parseCnNumber(zh[3]) ?? 0, zh[1] ? Number(zh[1]) : undefined, today);
    if (d) return d;
  }
  const intl = intlMonthDay(text, today);
  if (intl) return intl;
  const rel = /\bin\s+(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(day|week|month)s?\b/i.exec(text);
  if (rel) {
    const n = /^\d/.test(rel[1]) ? Number(rel[1]) : EN_NUMBERS[rel[1].toLowerCase()];
    return shift(today, n, rel[2].toLowerCase());
  }
  const zhRel = /(\d+|[一二两三四五六七八九十]+)\s*(天|周|个星期|星期|个礼拜|个月)(?:后|以后|之后)/.exec(text);
  if (zhRel) return shift(today, parseCnNumber(zhRel[1]) ?? 0, /天/.test(zhRel[2]) ? "day" : /月/.test(zhRel[2]) ? "month" : "week");
  const intlRel =
    /(?<![\p{L}])(?:en|dentro de|dans)\s+(\d+)\s+(d[ií]as?|jours?|semanas?|semaines?|mes(?:es)?|mois)(?![\p{L}])/iu.exec(text) ??
    /(\d+)\s*(日|週間|か月|ヶ月)(?:後|以内)/.exec(text);
  if (intlRel) {
    const u = intlRel[2].toLowerCase();
    return shift(today, Number(intlRel[1]), /^(?:d|j|日)/.test(u) ? "day" : /^(?:sem|週)/.test(u) ? "week" : "month");
  }
  if (/\btomorrow\b|明天|明日|(?<![\p{L}])(?:mañana|demain)(?![\p{L}])/iu.test(text)) return addDays(today, 1);
  if (/\bnext\s+week\b|下周|下个星期|下星期|来週|(?:la\s+)?pr[óo]xima\s+semana|semana\s+que\s+viene|semaine\s+prochaine/i.test(text)) return addDays(today, 7);
  if (/\bnext\s+month\b|下个月|下月|来月|(?:el\s+)?pr[óo]ximo\s+mes|mes\s+que\s+viene|mois\s+prochain/i.test(text)) return addMonths(today, 1);
  return undefined;
}

/** "20 de marzo (de 2027)", "le 20 mars 2027": the next such day on or after today, or in the year given. */
function intlMonthDay(text: string, today: string): string | undefined {
  const es = new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})\\s+de\\s+(${ES_MONTHS.join("|")})(?:\\s+(?:de|del)\\s+(\\d{4}))?`, "iu").exec(text);
  if (es) return monthDay(ES_MONTHS.indexOf(es[2].toLowerCase()) + 1, Number(es[1]), es[3] ? Number(es[3]) : undefined, today);
  const fr = new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})(?:er)?\\s+(${FR_MONTHS.join("|")})(?:\\s+(\\d{4}))?`, "iu").exec(text);
  if (fr) return monthDay(FR_MONTHS.indexOf(fr[2].toLowerCase()) + 1, Number(fr[1]), fr[3] ? Number(fr[3]) : undefined, today);
  return undefined;
}

function shift(today: string, n: number, unit: string): string | undefined {
  if (!(n > 0) || n > 3650) return undefined;
  if (unit === "month") return addMonths(today, n);
  return addDays(today, unit === "week" ? n * 7 : n);
}

/** The target date for date arithmetic: the first date in `texts` (in order), else `today` + 30 days. */
export function targetDate(texts: string[], today: string): TargetDate {
  for (const t of texts) {
    const date = t ? findDate(t, today) : undefined;
    if (date) return { date, fromText: true };
  }
  return { date: addDays(today, 30), fromText: false };
}
