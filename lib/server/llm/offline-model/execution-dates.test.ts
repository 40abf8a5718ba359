// The dates and numbers the offline planner reads from goals before calling
// schedule and calculate, checked against date-fns for the business days.
import { format, parseISO, subBusinessDays, addBusinessDays as fnsAddBusinessDays } from "date-fns";
import { describe, expect, it } from "vitest";
import { budgetNumbers, findAmounts } from "./execution-numbers.ts";
import { addBusinessDays, addMonths, findDate, targetDate, weekdayName } from "./execution-dates.ts";

const TODAY = "2027-03-01";

describe("findDate", () => {
  it.each([
    ["Party on 2027-03-20", "2027-03-20"],
    ["Party on March 20", "2027-03-20"],
    ["Party on Mar 20th, 2028", "2028-03-20"],
    ["Party on 20 March", "2027-03-20"],
    ["Party on the 3rd of May", "2027-05-03"],
    ["Party on January 5", "2028-01-05"],
    ["3月20日办生日聚会", "2027-03-20"],
    ["2028年5月1号出发", "2028-05-01"],
    ["in 3 weeks", "2027-03-22"],
    ["in ten days", "2027-03-11"],
    ["in 2 months", "2027-05-01"],
    ["两周后出发", "2027-03-15"],
    ["next week", "2027-03-08"],
    ["next month", "2027-04-01"],
    ["下个月搬家", "2027-04-01"],
    ["明天", "2027-03-02"],
  ])("%j → %s", (text, date) => {
    expect(findDate(text, TODAY)).toBe(date);
  });

  it.each(["Run 3 marathons", "February 30", "Plan a party", "2027-02-30"])("%j names no date", (text) => {
    expect(findDate(text, TODAY)).toBeUndefined();
  });

  it("defaults to today + 30 days", () => {
    expect(targetDate(["Plan a party", ""], TODAY)).toEqual({ date: "2027-03-31", fromText: false });
    expect(targetDate(["Plan a party", "by April 2"], TODAY)).toEqual({ date: "2027-04-02", fromText: true });
  });
});

describe("business days and months", () => {
  it.each([
    ["2027-03-20", 15],
    ["2027-03-31", 15],
    ["2027-05-01", 20],
    ["2027-03-22", 2],
    ["2027-03-08", 1],
  ])("%s minus %i business days matches date-fns", (date, n) => {
    expect(addBusinessDays(date, -n)).toBe(format(subBusinessDays(parseISO(date), n), "yyyy-MM-dd"));
    expect(addBusinessDays(date, n)).toBe(format(fnsAddBusinessDays(parseISO(date), n), "yyyy-MM-dd"));
  });

  it("clamps months and names weekdays", () => {
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(weekdayName("2027-03-01", "en")).toBe("Monday");
    expect(weekdayName("2027-03-20", "zh-CN")).toBe("星期六");
  });
});

describe("budget numbers", () => {
  it.each([
    ["$1,500 for flights and €35 each", [{ value: 1500, perPerson: false }, { value: 35, perPerson: true }]],
    ["500 EUR total, 40 euros per person", [{ value: 500, perPerson: false }, { value: 40, perPerson: true }]],
    ["预算5000元，每人200元", [{ value: 5000, perPerson: false }, { value: 200, perPerson: true }]],
    ["2万元装修", [{ value: 20000, perPerson: false }]],
    ["budget of 800 for 20 guests", [{ value: 800, perPerson: false }]],
  ])("%j → %j", (text, amounts) => {
    expect(findAmounts(text)).toEqual(amounts);
  });

  it("reads currency, guests and stay", () => {
    expect(budgetNumbers("Dinner for 12 people in London, £40 a head", "en")).toEqual({ currency: "GBP", amounts: [{ value: 40, perPerson: true }], guests: 12 });
    expect(budgetNumbers("Tokyo trip, 4 nights, 100000 yen", "en")).toEqual({ currency: "JPY", amounts: [{ value: 100000, perPerson: false }], nights: 4, days: 5 });
    expect(budgetNumbers("杭州三日游，二十位客人", "zh-CN")).toEqual({ currency: "CNY", amounts: [], guests: 20, nights: 2, days: 3 });
    expect(budgetNumbers("Plan a party", "en")).toEqual({ currency: "USD", amounts: [] });
  });
});
