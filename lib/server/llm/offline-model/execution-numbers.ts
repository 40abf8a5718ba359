import "server-only";
// The numbers a task's budget is built from, read from the goal and the task:
// the currency ("$", "€", "euros", "元", "yen"), money amounts ("$500",
// "35 EUR per person", "预算5000元", "每人200元"), head counts ("20 guests",
// "二十位客人") and nights or days ("3 nights", "a 4-day trip", "三晚").
import type { Language } from "@/lib/shared/language";
import { ES_FR_NUMBERS, extractDuration } from "./duration.ts";
import { parseCnNumber } from "./text.ts";

/** The currency units the calculate tool defines. */
export const CURRENCIES = ["USD", "EUR", "GBP", "CNY", "JPY"] as const;
export type Currency = (typeof CURRENCIES)[number];

/** One money amount in the text; `perPerson` when it is a price per head ("per person", "each", "每人"). */
export type Amount = { value: number; perPerson: boolean };

/** Everything numeric a budget can use; counts are undefined when the text gives none. */
export type BudgetNumbers = { currency: Currency; amounts: Amount[]; guests?: number; nights?: number; days?: number };

const CURRENCY_WORDS: [RegExp, Currency][] = [
  [/€|\beur\b|\beuros?\b/i, "EUR"],
  [/£|\bgbp\b|\bpounds?(?:\s+sterling)?\b|\bquid\b/i, "GBP"],
  [/円|\bjpy\b|\byen(?:es)?\b|日元/i, "JPY"],
  [/[¥￥]|\bcny\b|\brmb\b|\byuan\b|元|块钱|人民币/i, "CNY"],
  [/\$|\busd\b|\bdollars?\b|\bbucks\b|美元/i, "USD"],
];

/** The currency where the text names none: yuan in Chinese, yen in Japanese, euros in Spanish and French, dollars in English. */
const DEFAULT_CURRENCY: Record<Language, Currency> = { en: "USD", "zh-CN": "CNY", ja: "JPY", es: "EUR", fr: "EUR" };

/** The currency the text names by symbol or word (first in the list €, £, ¥/円 for yen, ¥/元 for yuan, $); else the language's (DEFAULT_CURRENCY). */
export function detectCurrency(text: string, lang: Language): Currency {
  let best: { currency: Currency; index: number } | undefined;
  for (const [re, currency] of CURRENCY_WORDS) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.index)) best = { currency, index: m.index };
  }
  // "¥" alone is yen in Japanese.
  if (best?.currency === "CNY" && lang === "ja" && !/元|人民币|\byuan\b|\bcny\b|\brmb\b/i.test(text)) return "JPY";
  return best?.currency ?? DEFAULT_CURRENCY[lang];
}

const PER_PERSON_AFTER =
  /^\s*(?:[a-z]{3}\b\s*)?(?:euros?|dollars?|pounds?|yuan|yen|bucks|元|块|円|€|\$)?\s*(?:per\s+(?:person|head|guest|attendee|participant|pax)|each|a\s+head|a\s+person|pp\b|\/\s*(?:person|head|guest|persona|personne)|por\s+(?:persona|cabeza|invitado)|cada\s+uno|par\s+(?:personne|t[êe]te|invit[ée])|chacun)/i;
const PER_PERSON_BEFORE = /(?:每人|人均|每位|每个人|每位客人|一人あたり|1人あたり|一人|1人)\s*$/;

function num(raw: string, scale?: string): number {
  // "1.500" and "1 500" are thousands in Spanish and French.
  const base = Number(/^\d{1,3}(?:[.\s]\d{3})+$/.test(raw) ? raw.replace(/[.\s]/g, "") : raw.replace(/,/g, ""));
  const k = scale?.toLowerCase();
  return base * (k === "k" || k === "千" ? 1000 : k === "m" ? 1_000_000 : k === "万" ? 10_000 : 1);
}

/**
 * Money amounts in order of appearance: "$1,500", "€35", "£40k", "500 EUR",
 * "300 dollars", "¥8000", "5000元", "2万元", "预算5000" (a bare number after
 * 预算/budget of). Each is marked per person when "per person", "each", "a
 * head", "pp" follows or 每人/人均 precedes it.
 */
export function findAmounts(text: string): Amount[] {
  const found: { index: number; end: number; value: number }[] = [];
  const patterns = [
    /[$€£¥￥]\s*(\d[\d,]*(?:\.\d+)?)\s*(k|m)?\b/gi,
    /(\d[\d,]*(?:\.\d+)?)\s*(k|m)?\s*(?:usd|eur|gbp|cny|jpy|rmb|euros?|dollars?|pounds|yuan|yen|bucks)\b/gi,
    /(\d[\d,]*(?:\.\d+)?)\s*(万|千)?\s*(?:元|块|人民币|円|日元|美元|欧元|英镑)/g,
    /(\d{1,3}(?:[.\s]\d{3})+|\d[\d,]*(?:\.\d+)?)\s*(k)?\s*[€$£](?![\d])/gi,
    /(?:预算|予算|budget\s+of|budget:?|presupuesto(?:\s+de)?|budget\s+de)\s*(?:为|是|约|大约|of|は)?\s*(\d[\d,]*(?:\.\d+)?)\s*(万|千|k)?(?![\d.,]|\s*(?:guests|people|人|位|天|晚|nights|days|personas|personnes|noches|nuits|días|jours))/gi,
  ];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const index = m.index;
      if (found.some((f) => index < f.end && f.index < index + m[0].length)) continue;
      const value = num(m[1], m[2]);
      if (value > 0 && Number.isFinite(value)) found.push({ index, end: index + m[0].length, value });
    }
  }
  return found
    .sort((a, b) => a.index - b.index)
    .map((f) => ({ value: f.value, perPerson: PER_PERSON_AFTER.test(text.slice(f.end)) || PER_PERSON_BEFORE.test(text.slice(0, f.index)) }));
}

/** The head count: "20 guests", "for 12 people", "50 attendees", "20人", "二十位客人". Undefined when none (or over 100,000). */
export function findGuests(text: string): number | undefined {
  const en = /\b(\d[\d,]*)\s+(?:guests|people|persons|attendees|participants|friends|kids|children|colleagues|employees|invitees|pax|family members)\b/i.exec(text);
  const zh = /(\d+|[一二两三四五六七八九十百]+)\s*(?:位|个|名)?(?:客人|宾客|嘉宾|来宾|朋友|同事|同学|参会者|参与者|小朋友|人)/.exec(text);
  const intl = new RegExp(
    `(?<![\\p{L}])(\\d+|${Object.keys(ES_FR_NUMBERS).join("|")})\\s+(?:personas|invitados|asistentes|participantes|amigos|niños|personnes|invités|participants|amis|enfants|collègues)(?![\\p{L}])`,
    "iu",
  ).exec(text);
  const n = en
    ? Number(en[1].replace(/,/g, ""))
    : zh
      ? parseCnNumber(zh[1])
      : intl
        ? /^\d/.test(intl[1])
          ? Number(intl[1])
          : ES_FR_NUMBERS[intl[1].toLowerCase()]
        : undefined;
  return n !== undefined && n > 0 && n <= 100_000 ? n : undefined;
}

/** Nights and days of a stay: "3 nights" (4 days), "a 4-day trip" (3 nights), "三晚", "五天"; both undefined when the text gives neither. */
export function findStay(text: string): { nights?: number; days?: number } {
  const nights =
    /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+nights?\b/i.exec(text) ??
    /(\d+|[一二两三四五六七八九十]+)\s*(?:个)?(?:晚|夜|泊)/.exec(text) ??
    new RegExp(`(?<![\\p{L}])(\\d+|${Object.keys(ES_FR_NUMBERS).join("|")})\\s+(?:noches?|nuits?)(?![\\p{L}])`, "iu").exec(text);
  const words: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
  if (nights) {
    const n = words[nights[1].toLowerCase()] ?? ES_FR_NUMBERS[nights[1].toLowerCase()] ?? parseCnNumber(nights[1]);
    if (n && n > 0 && n <= 365) return { nights: n, days: n + 1 };
  }
  const d = extractDuration(text);
  if (!d) return {};
  const days = d.value * { day: 1, week: 7, month: 30, year: 365 }[d.unit];
  return days > 0 && days <= 365 ? { days, nights: Math.max(1, days - 1) } : {};
}

/** All budget numbers of `text` (the goal, task title and description together) in `lang`. */
export function budgetNumbers(text: string, lang: Language): BudgetNumbers {
  return { currency: detectCurrency(text, lang), amounts: findAmounts(text), guests: findGuests(text), ...findStay(text) };
}

/** Rough value of one US dollar in each currency, for scaling default prices. */
const PER_USD: Record<Currency, number> = { USD: 1, EUR: 0.9, GBP: 0.8, CNY: 7, JPY: 150 };

/** A default price given in US dollars, converted to `currency` and rounded to a round figure (2 significant digits, 5s below 100). */
export function defaultPrice(usd: number, currency: Currency): number {
  const v = usd * PER_USD[currency];
  if (v < 100) return Math.max(5, Math.round(v / 5) * 5);
  const magnitude = 10 ** (Math.floor(Math.log10(v)) - 1);
  return Math.round(v / magnitude) * magnitude;
}

/** A number as it appears in an expression: integers plain, decimals with at most 2 places. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}
