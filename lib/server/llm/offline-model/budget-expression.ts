import "server-only";
// The arithmetic behind a budget task: a calculate expression ("20 * 35 EUR +
// 180 EUR") built from the numbers of the goal and task when there are some,
// else from round default prices for the goal's domain, plus the words that
// explain it ("20 guests at 35 EUR each, plus 180 EUR for the venue and
// decorations").
import type { Language } from "@/lib/shared/language";
import { detectDomain, type Domain } from "./domain-detection.ts";
import { extractDuration } from "./duration.ts";
import { budgetNumbers, defaultPrice, formatNumber, type Currency } from "./execution-numbers.ts";

/**
 * A calculate call for a budget task. `label` names the result ("Budget",
 * "Per guest"), `legend` explains the terms; both in the task's language.
 */
export type BudgetPlan = { expression: string; label: string; legend: string };

type Terms = { units: number; rate: number; fixed: number };

/** Default quantities and prices (in US dollars) per domain: `units × rate + fixed`. */
const DEFAULTS: Record<Exclude<Domain, "event" | "trip">, Terms> = {
  software: { units: 6, rate: 2000, fixed: 500 },
  learning: { units: 3, rate: 100, fixed: 200 },
  fitness: { units: 3, rate: 50, fixed: 150 },
  moving: { units: 8, rate: 120, fixed: 300 },
  writing: { units: 10, rate: 50, fixed: 200 },
  generic: { units: 5, rate: 100, fixed: 100 },
};

const EN_LEGEND: Record<keyof typeof DEFAULTS, (t: Terms, c: Currency) => string> = {
  software: (t, c) => `${t.units} weeks of development at ${t.rate} ${c} a week, plus ${t.fixed} ${c} for tools and hosting`,
  learning: (t, c) => `${t.units} months of courses at ${t.rate} ${c} a month, plus ${t.fixed} ${c} for books and the exam fee`,
  fitness: (t, c) => `${t.units} months of gym or classes at ${t.rate} ${c} a month, plus ${t.fixed} ${c} for gear`,
  moving: (t, c) => `${t.units} hours of movers at ${t.rate} ${c} an hour, plus ${t.fixed} ${c} for boxes and supplies`,
  writing: (t, c) => `${t.units} hours of editing at ${t.rate} ${c} an hour, plus ${t.fixed} ${c} for design and printing`,
  generic: (t, c) => `${t.units} items at about ${t.rate} ${c} each, plus ${t.fixed} ${c} in reserve`,
};
const ZH_LEGEND: Record<keyof typeof DEFAULTS, (t: Terms, c: Currency) => string> = {
  software: (t, c) => `${t.units}周开发，每周${t.rate} ${c}，另加${t.fixed} ${c}工具与服务器费用`,
  learning: (t, c) => `${t.units}个月课程，每月${t.rate} ${c}，另加${t.fixed} ${c}教材与考试费`,
  fitness: (t, c) => `${t.units}个月健身或课程，每月${t.rate} ${c}，另加${t.fixed} ${c}装备费`,
  moving: (t, c) => `搬家工人${t.units}小时，每小时${t.rate} ${c}，另加${t.fixed} ${c}纸箱与耗材`,
  writing: (t, c) => `${t.units}小时编辑，每小时${t.rate} ${c}，另加${t.fixed} ${c}设计与印刷费`,
  generic: (t, c) => `${t.units}项开支，每项约${t.rate} ${c}，另留${t.fixed} ${c}备用金`,
};

/**
 * The budget calculation for a task of `goal` (`task` = its title and
 * description), in `lang`. With a price per person: `guests * price + fixed`;
 * with a total budget and a head count (or days): the share per guest (or
 * day), `total / count`; with several amounts: their sum; with one amount:
 * what is left after a 10% reserve, `total * 0.9`. Without amounts: events
 * `guests * perGuest + fixed`, trips `nights * lodging + days * daily +
 * transport`, other domains `units * rate + fixed` with round default prices
 * (see DEFAULTS) in the text's currency (USD unless a symbol or word says
 * otherwise; CNY in Chinese). Deterministic.
 */
export function budgetPlan(goal: string, task: string, lang: Language): BudgetPlan {
  const zh = lang === "zh-CN";
  const text = `${goal}\n${task}`;
  const n = budgetNumbers(text, lang);
  const c = n.currency;
  const domain = detectDomain(goal) === "generic" ? detectDomain(text) : detectDomain(goal);
  const perPerson = n.amounts.find((a) => a.perPerson);
  const totals = n.amounts.filter((a) => !a.perPerson).map((a) => a.value);
  const label = zh ? "预算" : "Budget";

  if (perPerson || (domain === "event" && totals.length === 0) || (n.guests !== undefined && totals.length === 0 && domain !== "trip")) {
    const guests = n.guests ?? 20;
    const price = perPerson?.value ?? defaultPrice(40, c);
    const fixed = defaultPrice(200, c);
    return {
      expression: `${guests} * ${formatNumber(price)} ${c} + ${fixed} ${c}`,
      label,
      legend: zh
        ? `${guests}位客人，每人${formatNumber(price)} ${c}，另加${fixed} ${c}场地与布置费用`
        : `${guests} guests at ${formatNumber(price)} ${c} each, plus ${fixed} ${c} for the venue and decorations`,
    };
  }
  if (totals.length === 1 && (n.guests !== undefined || n.days !== undefined)) {
    const byGuest = n.guests !== undefined;
    const count = n.guests ?? n.days!;
    const total = formatNumber(totals[0]);
    return {
      expression: `${total} ${c} / ${count}`,
      label: zh ? (byGuest ? "每位客人" : "每天") : byGuest ? "Per guest" : "Per day",
      legend: zh ? `总预算${total} ${c}，分摊到${count}${byGuest ? "位客人" : "天"}` : `a total of ${total} ${c} shared over ${count} ${byGuest ? "guests" : "days"}`,
    };
  }
  if (totals.length > 1) {
    return {
      expression: totals.map((v) => `${formatNumber(v)} ${c}`).join(" + "),
      label: zh ? "合计" : "Total",
      legend: zh ? `${totals.length}笔已知金额相加` : `the ${totals.length} amounts given, added up`,
    };
  }
  if (totals.length === 1) {
    const total = formatNumber(totals[0]);
    return {
      expression: `${total} ${c} * 0.9`,
      label: zh ? "可支配金额" : "Available to spend",
      legend: zh ? `总预算${total} ${c}，留出10%备用金` : `${total} ${c} less a 10% reserve`,
    };
  }
  if (domain === "trip") {
    const nights = n.nights ?? 3;
    const days = n.days ?? nights + 1;
    const [lodging, daily, transport] = [defaultPrice(120, c), defaultPrice(60, c), defaultPrice(300, c)];
    return {
      expression: `${nights} * ${lodging} ${c} + ${days} * ${daily} ${c} + ${transport} ${c}`,
      label,
      legend: zh
        ? `住宿${nights}晚，每晚${lodging} ${c}；${days}天餐饮与门票，每天${daily} ${c}；交通${transport} ${c}`
        : `${nights} nights at ${lodging} ${c}, ${days} days of food and tickets at ${daily} ${c}, and ${transport} ${c} for transport`,
    };
  }
  const key = domain as keyof typeof DEFAULTS;
  const base = DEFAULTS[key];
  const terms: Terms = { units: timeUnits(goal, key) ?? base.units, rate: defaultPrice(base.rate, c), fixed: defaultPrice(base.fixed, c) };
  return {
    expression: `${terms.units} * ${terms.rate} ${c} + ${terms.fixed} ${c}`,
    label,
    legend: (zh ? ZH_LEGEND : EN_LEGEND)[key](terms, c),
  };
}

/** The goal's duration in the unit a domain's default counts (weeks of development, months of courses or gym), when it gives one. */
function timeUnits(goal: string, key: keyof typeof DEFAULTS): number | undefined {
  const d = extractDuration(goal);
  if (!d) return undefined;
  const days = d.value * { day: 1, week: 7, month: 30, year: 365 }[d.unit];
  if (key === "software") return Math.min(104, Math.max(1, Math.round(days / 7)));
  if (key === "learning" || key === "fitness") return Math.min(36, Math.max(1, Math.round(days / 30)));
  return undefined;
}
