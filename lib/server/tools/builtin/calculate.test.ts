// `calculate` on the real (limited) mathjs instance: currency and time units,
// unit cancellation, exact errors, and the disabled functions.
import { describe, expect, it } from "vitest";
import { calculateInput } from "../schemas";
import { fakeToolContext } from "../fake-tool-context";
import { calculate, calculateTool } from "./calculate";

describe("calculate", () => {
  it("adds currency amounts in one currency", () => {
    expect(calculate("20 * 35 EUR + 150 EUR")).toEqual({ expression: "20 * 35 EUR + 150 EUR", result: "850 EUR", value: 850, unit: "EUR" });
    expect(calculate("12 * 45 EUR + 300 EUR")).toMatchObject({ result: "840 EUR", value: 840, unit: "EUR" });
    expect(calculate("100 USD / 3")).toMatchObject({ result: "33.333333333333 USD", value: 33.333333333333, unit: "USD" });
  });

  it("cancels units above and below the line", () => {
    expect(calculate("3 days * 8 hours/day")).toEqual({ expression: "3 days * 8 hours/day", result: "24 hours", value: 24, unit: "hours" });
    expect(calculate("2 EUR * 3 hours / hours")).toMatchObject({ result: "6 EUR", value: 6, unit: "EUR" });
    expect(calculate("3 days / (2 day)")).toMatchObject({ result: "1.5", value: 1.5, unit: null });
  });

  it("converts and keeps mathjs's own units", () => {
    expect(calculate("90 minutes to hours")).toMatchObject({ result: "1.5 hours", value: 1.5, unit: "hours" });
    expect(calculate("2 weeks to days")).toMatchObject({ result: "14 days", value: 14, unit: "days" });
    expect(calculate("5 km + 300 m")).toMatchObject({ result: "5.3 km", value: 5.3, unit: "km" });
    expect(calculate("120 km / (2 hours)")).toMatchObject({ result: "60 km / hours", value: 60, unit: "km / hours" });
  });

  it("gives plain numbers without a unit, rounded to 14 digits", () => {
    expect(calculate("0.1 + 0.2")).toEqual({ expression: "0.1 + 0.2", result: "0.3", value: 0.3, unit: null });
    expect(calculate("(2 + 3) * 4; 7 * 6")).toMatchObject({ result: "42", value: 42, unit: null });
    expect(calculate("a = 3; a * 2 EUR")).toMatchObject({ result: "6 EUR", value: 6, unit: "EUR" });
  });

  it("gives non-numeric results as text without a value", () => {
    expect(calculate("[1, 2] * 2")).toEqual({ expression: "[1, 2] * 2", result: "[2, 4]", value: null, unit: null });
    expect(calculate("sqrt(-4)")).toEqual({ expression: "sqrt(-4)", result: "2i", value: null, unit: null });
  });

  it("never converts between currencies", () => {
    expect(() => calculate("5 EUR + 3 USD")).toThrow('Cannot calculate "5 EUR + 3 USD": Units do not match');
    expect(() => calculate("5 EUR to USD")).toThrow("Units do not match");
  });

  it("says what is wrong with a bad expression", () => {
    expect(() => calculate("2 +")).toThrow('Cannot calculate "2 +": Unexpected end of expression (char 4)');
    expect(() => calculate("budget * 2")).toThrow('Cannot calculate "budget * 2": Undefined symbol budget');
    expect(() => calculate("10 / 0")).toThrow("the result is not a finite number (division by zero or overflow)");
    expect(() => calculate("f(x) = x^2")).toThrow("it defines something but gives no value");
  });

  it("disables functions that change the instance, parse input or allocate at will", () => {
    expect(() => calculate('import({x: 1}, {override: true})')).toThrow("Function import is not available in calculate");
    expect(() => calculate('createUnit("XBT")')).toThrow("Function createUnit is not available in calculate");
    expect(() => calculate('evaluate("1 + 1")')).toThrow("Function evaluate is not available in calculate");
    expect(() => calculate('parse("1 + 1")')).toThrow("Function parse is not available in calculate");
    expect(() => calculate('simplify("x + x")')).toThrow("Function simplify is not available in calculate");
    expect(() => calculate('derivative("x^2", "x")')).toThrow("Function derivative is not available in calculate");
    expect(() => calculate("ones(100000, 100000)")).toThrow("Function ones is not available in calculate");
    expect(() => calculate("1:1e9")).toThrow("Function range is not available in calculate");
    // The instance is unchanged after an attempt: the currencies still do not convert.
    expect(() => calculate("1 EUR + 1 USD")).toThrow("Units do not match");
  });

  it("is a side-effect-free built-in tool with a 2 s timeout", async () => {
    expect(calculateTool).toMatchObject({ name: "calculate", sideEffects: false, timeoutMs: 2_000, source: "builtin" });
    expect(calculateInput.safeParse({ expression: "" }).success).toBe(false);
    const { ctx, artifacts } = fakeToolContext();
    await expect(calculateTool.execute({ expression: "8 hours * 5" }, ctx)).resolves.toMatchObject({ result: "40 hours", value: 40, unit: "hours" });
    expect(artifacts).toEqual([]);
  });
});
