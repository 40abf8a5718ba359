import { describe, expect, it } from "vitest";
import { formatLogTime, readTimeMode, zoneLabel } from "./log-time";

const join = (t: { main: string; ms: string; suffix: string }) => t.main + t.ms + t.suffix;

describe("formatLogTime", () => {
  it("UTC ends with Z", () => {
    expect(formatLogTime("2026-11-21T06:07:08.009Z", "utc")).toEqual({ main: "06:07:08", ms: ".009", suffix: "Z" });
  });
  it("local uses the browser's zone", () => {
    const d = new Date("2026-11-21T06:07:08.009Z");
    const p = (n: number) => String(n).padStart(2, "0");
    expect(join(formatLogTime(d.toISOString(), "local"))).toBe(`${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.009`);
  });
  it("relative counts from the origin, never below zero, with hours past an hour", () => {
    const origin = "2026-11-21T06:00:00.000Z";
    expect(join(formatLogTime("2026-11-21T06:02:03.045Z", "relative", origin))).toBe("+2:03.045");
    expect(join(formatLogTime("2026-11-21T07:02:03.045Z", "relative", origin))).toBe("+1:02:03.045");
    expect(join(formatLogTime("2026-11-21T05:59:00.000Z", "relative", origin))).toBe("+0:00.000");
    expect(join(formatLogTime("2026-11-21T06:00:01.000Z", "relative"))).toBe("+0:00.000");
  });
  it("an invalid date gives dashes", () => {
    expect(join(formatLogTime("nope", "utc"))).toBe("--:--:--.---Z");
  });
});

describe("zoneLabel / readTimeMode", () => {
  it("formats offsets", () => {
    expect(zoneLabel(new Date(), 0)).toBe("UTC");
    expect(zoneLabel(new Date(), 480)).toBe("UTC+08:00");
    expect(zoneLabel(new Date(), -330)).toBe("UTC−05:30");
  });
  it("reads stored modes, the old 'clock' as local", () => {
    expect(["utc", "relative", "clock", "local", null, "x"].map(readTimeMode)).toEqual(["utc", "relative", "local", "local", "local", "local"]);
  });
});
