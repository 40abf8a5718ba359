import "server-only";
// The arithmetic behind a budget task: a calculate expression ("20 * 35 EUR +
// 180 EUR") built from the numbers of the goal and task when there are some,
// else from round default prices for the goal's domain, plus the words that
// explain it ("20 guests at 35 EUR each, plus 180 EUR for the venue and
// decorations"); the words in each language are in budget-texts.ts.
import type { Language } from "@/lib/shared/language";
import { detectDomain } from "./domain-detection.ts";
import { extractDuration } from "./duration.ts";
import { BUDGET_TEXTS, type DefaultDomain, type Terms } from "./budget-texts.ts";
import { budgetNumbers, defaultPrice, formatNumber } from "./execution-numbers.ts";

/**
 * A calculate call for a budget task. `label` names the result ("Budget",
 * "Per guest"), `legend` explains the terms; both in the task's language.
 */
export type BudgetPlan = { expression: string; label: string; legend: string };

/** Default quantities and prices (in US dollars) per domain: `units × rate + fixed`. */
const DEFAULTS: Record<DefaultDomain, Terms> = {
  software: { units: 6, rate: 2000, fixed: 500 },
  learning: { units: 3, rate: 100, fixed: 200 },
  fitness: { units: 3, rate: 50, fixed: 150 },
  moving: { units: 8, rate: 120, fixed: 300 },
  writing: { units: 10, rate: 50, fixed: 200 },
  generic: { units: 5, rate: 100, fixed: 100 },
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
  const say = BUDGET_TEXTS[lang];
  const text = `${goal}\n${task}`;
  const n = budgetNumbers(text, lang);
  const c = n.currency;
  const domain = detectDomain(goal) === "generic" ? detectDomain(text) : detectDomain(goal);
  const perPerson = n.amounts.find((a) => a.perPerson);
  const totals = n.amounts.filter((a) => !a.perPerson).map((a) => a.value);
  const label = say.budget;

  if (perPerson || (domain === "event" && totals.length === 0) || (n.guests !== undefined && totals.length === 0 && domain !== "trip")) {
    const guests = n.guests ?? 20;
    const price = perPerson?.value ?? defaultPrice(40, c);
    const fixed = defaultPrice(200, c);
    return {
      expression: `${guests} * ${formatNumber(price)} ${c} + ${fixed} ${c}`,
      label,
      legend: say.guests(guests, formatNumber(price), fixed, c),
    };
  }
  if (totals.length === 1 && (n.guests !== undefined || n.days !== undefined)) {
    const byGuest = n.guests !== undefined;
    const count = n.guests ?? n.days!;
    const total = formatNumber(totals[0]);
    return {
      expression: `${total} ${c} / ${count}`,
      label: byGuest ? say.perGuest : say.perDay,
      legend: say.shared(total, count, byGuest, c),
    };
  }
  if (totals.length > 1) {
    return {
      expression: totals.map((v) => `${formatNumber(v)} ${c}`).join(" + "),
      label: say.total,
      legend: say.added(totals.length),
    };
  }
  if (totals.length === 1) {
    const total = formatNumber(totals[0]);
    return {
      expression: `${total} ${c} * 0.9`,
      label: say.available,
      legend: say.reserve(total, c),
    };
  }
  if (domain === "trip") {
    const nights = n.nights ?? 3;
    const days = n.days ?? nights + 1;
    const [lodging, daily, transport] = [defaultPrice(120, c), defaultPrice(60, c), defaultPrice(300, c)];
    return {
      expression: `${nights} * ${lodging} ${c} + ${days} * ${daily} ${c} + ${transport} ${c}`,
      label,
      legend: say.trip(nights, lodging, days, daily, transport, c),
    };
  }
  const key = domain as DefaultDomain;
  const base = DEFAULTS[key];
  const terms: Terms = { units: timeUnits(goal, key) ?? base.units, rate: defaultPrice(base.rate, c), fixed: defaultPrice(base.fixed, c) };
  return {
    expression: `${terms.units} * ${terms.rate} ${c} + ${terms.fixed} ${c}`,
    label,
    legend: say.defaults[key](terms, c),
  };
}

/** The goal's duration in the unit a domain's default counts (weeks of development, months of courses or gym), when it gives one. */
function timeUnits(goal: string, key: DefaultDomain): number | undefined {
  const d = extractDuration(goal);
  if (!d) return undefined;
  const days = d.value * { day: 1, week: 7, month: 30, year: 365 }[d.unit];
  if (key === "software") return Math.min(104, Math.max(1, Math.round(days / 7)));
  if (key === "learning" || key === "fitness") return Math.min(36, Math.max(1, Math.round(days / 30)));
  return undefined;
}
