// `schedule` with real date-fns: add/subtract in each unit, between, the
// sentence, invalid combinations, and time zones with daylight-saving jumps
// at midnight (the dates must not move).
import { afterEach, describe, expect, it } from "vitest";
import type { ScheduleInput } from "../schemas";
import { fakeToolContext } from "../fake-tool-context";
import { schedule, scheduleTool } from "./schedule";

const input = (partial: Partial<ScheduleInput> & Pick<ScheduleInput, "operation" | "date">): ScheduleInput => ({ amount: null, unit: null, until: null, ...partial });
const originalTz = process.env.TZ;

afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe("schedule", () => {
  it("counts business days back from an event on a Saturday", () => {
    expect(schedule(input({ operation: "subtract", date: "2027-03-20", amount: 10, unit: "business_days" }))).toEqual({
      operation: "subtract",
      date: "2027-03-08",
      weekday: "Monday",
      days: null,
      businessDays: null,
      text: "10 business days before 2027-03-20 is 2027-03-08 (Monday)",
    });
  });

  it("adds days, business days, weeks and months", () => {
    expect(schedule(input({ operation: "add", date: "2027-03-01", amount: 10, unit: "days" }))).toMatchObject({ date: "2027-03-11", weekday: "Thursday", text: "10 days after 2027-03-01 is 2027-03-11 (Thursday)" });
    expect(schedule(input({ operation: "add", date: "2027-03-19", amount: 1, unit: "business_days" }))).toMatchObject({ date: "2027-03-22", weekday: "Monday", text: "1 business day after 2027-03-19 is 2027-03-22 (Monday)" });
    expect(schedule(input({ operation: "add", date: "2027-12-20", amount: 3, unit: "weeks" }))).toMatchObject({ date: "2028-01-10", weekday: "Monday" });
    expect(schedule(input({ operation: "add", date: "2027-01-31", amount: 1, unit: "months" }))).toMatchObject({ date: "2027-02-28", text: "1 month after 2027-01-31 is 2027-02-28 (Sunday)" });
    expect(schedule(input({ operation: "subtract", date: "2028-03-31", amount: 1, unit: "months" }))).toMatchObject({ date: "2028-02-29", weekday: "Tuesday" });
    expect(schedule(input({ operation: "add", date: "2027-03-20", amount: 0, unit: "days" }))).toMatchObject({ date: "2027-03-20", weekday: "Saturday" });
  });

  it("measures days and business days between two dates, in both directions", () => {
    expect(schedule(input({ operation: "between", date: "2027-03-01", until: "2027-03-20" }))).toEqual({
      operation: "between",
      date: null,
      weekday: null,
      days: 19,
      businessDays: 15,
      text: "From 2027-03-01 (Monday) to 2027-03-20 (Saturday): 19 days, 15 business days",
    });
    expect(schedule(input({ operation: "between", date: "2027-03-20", until: "2027-03-01" }))).toMatchObject({ days: -19, businessDays: -15 });
    expect(schedule(input({ operation: "between", date: "2027-03-20", until: "2027-03-22" }))).toMatchObject({ days: 2, businessDays: 0 });
    expect(schedule(input({ operation: "between", date: "2027-03-22", until: "2027-03-20" }))).toMatchObject({ days: -2, businessDays: 0 });
    expect(schedule(input({ operation: "between", date: "2027-06-01", until: "2027-06-01" }))).toMatchObject({ days: 0, businessDays: 0, text: "From 2027-06-01 (Tuesday) to 2027-06-01 (Tuesday): 0 days, 0 business days" });
  });

  it("refuses invalid combinations and dates that do not exist", () => {
    expect(() => schedule(input({ operation: "add", date: "2027-03-01", unit: "days" }))).toThrow('operation "add" needs "amount" (a whole number) and "unit" (days, business_days, weeks or months)');
    expect(() => schedule(input({ operation: "subtract", date: "2027-03-01", amount: 3 }))).toThrow('operation "subtract" needs "amount"');
    expect(() => schedule(input({ operation: "between", date: "2027-03-01" }))).toThrow('operation "between" needs "until" (a YYYY-MM-DD date)');
    expect(() => schedule(input({ operation: "add", date: "2027-02-30", amount: 1, unit: "days" }))).toThrow("date 2027-02-30 is not a calendar date (YYYY-MM-DD)");
    expect(() => schedule(input({ operation: "between", date: "2027-02-01", until: "2027-13-01" }))).toThrow("until 2027-13-01 is not a calendar date");
  });

  it.each(["America/Santiago", "Europe/Berlin", "Pacific/Auckland", "UTC"])("keeps calendar dates across daylight-saving jumps (TZ=%s)", (tz) => {
    process.env.TZ = tz;
    // Santiago starts summer time at midnight on 2027-09-05; Berlin on 2027-03-28; Auckland ends it on 2027-04-04.
    expect(schedule(input({ operation: "add", date: "2027-09-04", amount: 1, unit: "days" }))).toMatchObject({ date: "2027-09-05", weekday: "Sunday" });
    expect(schedule(input({ operation: "add", date: "2027-09-05", amount: 1, unit: "days" }))).toMatchObject({ date: "2027-09-06", weekday: "Monday" });
    expect(schedule(input({ operation: "subtract", date: "2027-04-05", amount: 2, unit: "business_days" }))).toMatchObject({ date: "2027-04-01", weekday: "Thursday" });
    expect(schedule(input({ operation: "between", date: "2027-03-27", until: "2027-03-29" }))).toMatchObject({ days: 2, businessDays: 0 });
    expect(schedule(input({ operation: "between", date: "2027-09-01", until: "2027-09-10" }))).toMatchObject({ days: 9, businessDays: 7 });
  });

  it("is a side-effect-free built-in tool with a 2 s timeout", async () => {
    expect(scheduleTool).toMatchObject({ name: "schedule", sideEffects: false, timeoutMs: 2_000, source: "builtin" });
    expect(scheduleTool.inputSchema.safeParse(input({ operation: "add", date: "20.03.2027", amount: 1, unit: "days" })).success).toBe(false);
    const { ctx } = fakeToolContext();
    await expect(scheduleTool.execute(input({ operation: "add", date: "2027-03-01", amount: 2, unit: "weeks" }), ctx)).resolves.toMatchObject({ date: "2027-03-15" });
  });
});
