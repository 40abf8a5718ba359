// `calculate`: arithmetic with units on a private, limited mathjs instance.
// The limits follow mathjs's expression-parser security guide
// (docs/expressions/security.md, "more secure eval" example): functions that
// change the instance or parse arbitrary input are replaced after the
// evaluate function has been taken, and functions that allocate arrays of a
// size the expression chooses are disabled so a short input cannot exhaust
// memory.
import "server-only";
import { all, create, type Unit } from "mathjs";
import { calculateInput, type CalculateOutput } from "../schemas.ts";
import { defineTool } from "../types.ts";

/** Currencies known as units. Each is its own base unit: nothing converts between them. */
export const CURRENCY_UNITS = ["USD", "EUR", "GBP", "CNY", "JPY"] as const;

const DISABLED = [
  "import",
  "createUnit",
  "evaluate",
  "parse",
  "compile",
  "simplify",
  "simplifyConstant",
  "simplifyCore",
  "derivative",
  "resolve",
  "rationalize",
  "leafCount",
  "range",
  "ones",
  "zeros",
  "identity",
  "random",
  "randomInt",
  "pickRandom",
  "resize",
  "reshape",
];

const math = create(all);
for (const currency of CURRENCY_UNITS) math.createUnit(currency);
const limitedEvaluate = math.evaluate;
math.import(
  Object.fromEntries(
    DISABLED.map((name) => [
      name,
      () => {
        throw new Error(`Function ${name} is not available in calculate`);
      },
    ]),
  ),
  { override: true },
);

/** mathjs's runtime unit component (its type declarations give the prefix as a string). */
type Component = { power: number; prefix: { name: string; value: number }; unit: { name: string; value: number; dimensions: number[] } };

/**
 * Cancels units that appear above and below the line ("3 days * 8 hours/day"
 * → hours): components with the same size and dimensions (day and days are
 * two mathjs units of one size) are added up by power; returns the remaining
 * unit as a mathjs unit string, "" when everything cancels, or null when
 * nothing cancels.
 */
function cancelledUnits(unit: Unit): string | null {
  const groups = new Map<string, { name: string; power: number }>();
  const components = unit.units as unknown as Component[];
  for (const c of components) {
    const key = `${c.prefix.value * c.unit.value}|${c.unit.dimensions.join(",")}`;
    const group = groups.get(key);
    if (group) group.power += c.power;
    else groups.set(key, { name: c.prefix.name + c.unit.name, power: c.power });
  }
  if (groups.size === components.length) return null;
  const left = [...groups.values()].filter((g) => g.power !== 0);
  const term = (g: { name: string; power: number }) => (Math.abs(g.power) === 1 ? g.name : `${g.name}^${Math.abs(g.power)}`);
  const above = left.filter((g) => g.power > 0).map(term);
  const below = left.filter((g) => g.power < 0).map(term);
  if (above.length === 0 && below.length === 0) return "";
  return `${above.length ? above.join(" ") : "1"}${below.length ? ` / (${below.join(" ")})` : ""}`;
}

/** The value in its simplest units: cancelled units converted, a fully cancelled unit as a plain number. */
function simplest(unit: Unit): Unit | number {
  const target = cancelledUnits(unit);
  if (target === null) return unit;
  if (target === "") return unit.value;
  try {
    return unit.to(target);
  } catch {
    return unit;
  }
}

function format(value: unknown): string {
  return math.format(value, { precision: 14 });
}

/**
 * Evaluates one expression (mathjs syntax, units allowed, several
 * statements separated by ";" give the last one's value).
 * @returns `{expression, result, value, unit}`: `result` formatted to 14
 *   significant digits ("850 EUR"); `value` the number in `unit`, null for
 *   results that are not a real number or quantity (matrices, complex
 *   numbers, text); `unit` null for plain numbers.
 * @throws Error saying what is wrong (syntax, unknown symbol, units that do
 *   not match, division by zero, a disabled function).
 */
export function calculate(expression: string): CalculateOutput {
  let raw: unknown;
  try {
    raw = limitedEvaluate(expression, new Map());
  } catch (error) {
    throw new Error(`Cannot calculate "${expression}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (math.isResultSet(raw)) raw = raw.entries.at(-1);
  if (raw === undefined || typeof raw === "function") {
    throw new Error(`Cannot calculate "${expression}": it defines something but gives no value`);
  }
  const result = math.isUnit(raw) ? simplest(raw) : raw;
  if (typeof result === "number") {
    if (!Number.isFinite(result)) throw new Error(`Cannot calculate "${expression}": the result is not a finite number (division by zero or overflow)`);
    return { expression, result: format(result), value: Number(format(result)), unit: null };
  }
  if (math.isUnit(result)) {
    const unit = result.formatUnits();
    const value = result.toNumber(unit);
    if (!Number.isFinite(value)) throw new Error(`Cannot calculate "${expression}": the result is not a finite number (division by zero or overflow)`);
    return { expression, result: format(result), value: Number(format(value)), unit };
  }
  return { expression, result: format(result), value: null, unit: null };
}

/** Built-in tool `calculate` (input `calculateInput`, output `CalculateOutput`); no side effects. */
export const calculateTool = defineTool({
  name: "calculate",
  description:
    'Evaluates an arithmetic expression exactly (mathjs syntax). Units are allowed and converted: time (minutes, hours, days, weeks), length, mass, … and the currencies USD, EUR, GBP, CNY, JPY (never converted into each other). Examples: "20 * 35 EUR + 150 EUR" → 850 EUR; "3 days * 8 hours/day" → 24 hours; "90 minutes to hours" → 1.5 hours.',
  inputSchema: calculateInput,
  sideEffects: false,
  timeoutMs: 2_000,
  source: "builtin",
  execute: async (input) => calculate(input.expression),
});
