// `schedule`: calendar-date arithmetic with date-fns. Dates are calendar
// dates (YYYY-MM-DD) held as local midnights only while date-fns works on
// them and always read back with local getters, so the machine's time zone
// and its daylight-saving jumps never move a date.
import "server-only";
import {
  addBusinessDays,
  addDays,
  addMonths,
  addWeeks,
  differenceInBusinessDays,
  differenceInCalendarDays,
  format,
  isValid,
  parse,
} from "date-fns";
import { scheduleInput, type ScheduleInput, type ScheduleOutput } from "../schemas.ts";
import { defineTool } from "../types.ts";

type Unit = NonNullable<ScheduleInput["unit"]>;

const UNIT_WORDS: Record<Unit, [string, string]> = {
  days: ["day", "days"],
  business_days: ["business day", "business days"],
  weeks: ["week", "weeks"],
  months: ["month", "months"],
};

/** A YYYY-MM-DD calendar date as a local midnight. @throws Error when the date does not exist (2027-02-30). */
function toDate(value: string, field: string): Date {
  const date = parse(value, "yyyy-MM-dd", new Date(2000, 0, 1));
  if (!isValid(date) || format(date, "yyyy-MM-dd") !== value) throw new Error(`${field} ${value} is not a calendar date (YYYY-MM-DD)`);
  return date;
}

const iso = (date: Date) => format(date, "yyyy-MM-dd");
const weekday = (date: Date) => format(date, "EEEE");

function shift(date: Date, amount: number, unit: Unit): Date {
  switch (unit) {
    case "days":
      return addDays(date, amount);
    case "business_days":
      return addBusinessDays(date, amount);
    case "weeks":
      return addWeeks(date, amount);
    case "months":
      // date-fns clamps to the month's last day: 2027-01-31 + 1 month = 2027-02-28.
      return addMonths(date, amount);
  }
}

/**
 * Date arithmetic on calendar dates (docs: schemas.ts `scheduleInput`).
 * - add / subtract: `date` ± `amount` `unit` → `{date, weekday}`. Business
 *   days skip Saturdays and Sundays (no public holidays); months keep the day
 *   of month, clamped to the month's end.
 * - between: `days` = calendar days from `date` to `until` (negative when
 *   `until` is earlier); `businessDays` = Monday–Friday dates from the earlier
 *   date (included) to the later one (excluded), with the same sign.
 * `text` is one readable sentence, e.g. "10 business days before 2027-03-20
 * is 2027-03-08 (Monday)".
 * @throws Error when add/subtract lacks `amount` or `unit`, between lacks
 *   `until`, or a date does not exist.
 */
export function schedule(input: ScheduleInput): ScheduleOutput {
  const start = toDate(input.date, "date");
  if (input.operation === "between") {
    if (input.until === null) throw new Error('operation "between" needs "until" (a YYYY-MM-DD date)');
    const until = toDate(input.until, "until");
    const days = differenceInCalendarDays(until, start);
    const sign = days < 0 ? -1 : 1;
    // differenceInBusinessDays counts [earlier, later) only when called later-first.
    const businessDays = sign * differenceInBusinessDays(sign < 0 ? start : until, sign < 0 ? until : start);
    const text = `From ${input.date} (${weekday(start)}) to ${input.until} (${weekday(until)}): ${count(days, "days")}, ${count(businessDays, "business_days")}`;
    return { operation: "between", date: null, weekday: null, days, businessDays: businessDays === 0 ? 0 : businessDays, text };
  }
  if (input.amount === null || input.unit === null) {
    throw new Error(`operation "${input.operation}" needs "amount" (a whole number) and "unit" (days, business_days, weeks or months)`);
  }
  const signed = input.operation === "add" ? input.amount : -input.amount;
  const result = shift(start, signed, input.unit);
  const direction = input.operation === "add" ? "after" : "before";
  const text = `${count(input.amount, input.unit)} ${direction} ${input.date} is ${iso(result)} (${weekday(result)})`;
  return { operation: input.operation, date: iso(result), weekday: weekday(result), days: null, businessDays: null, text };
}

function count(amount: number, unit: Unit): string {
  const [one, many] = UNIT_WORDS[unit];
  return `${amount} ${Math.abs(amount) === 1 ? one : many}`;
}

/** Built-in tool `schedule` (input `scheduleInput`, output `ScheduleOutput`); no side effects. */
export const scheduleTool = defineTool({
  name: "schedule",
  description:
    'Date arithmetic on calendar dates (YYYY-MM-DD). operation "add"/"subtract": date ± amount unit (days, business_days = Monday–Friday, weeks, months), e.g. a deadline 10 business days before an event. operation "between": calendar days and business days from date to until. Fields that do not apply are null.',
  inputSchema: scheduleInput,
  sideEffects: false,
  timeoutMs: 2_000,
  source: "builtin",
  execute: async (input) => schedule(input),
});
