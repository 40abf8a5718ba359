import { describe, expect, it } from "vitest";
import { inRange, lineHash, parseLineHash, rangeForClick } from "./log-anchor";

describe("parseLineHash", () => {
  it("reads one line and ranges, ordering reversed ends", () => {
    expect(parseLineHash("#L123")).toEqual({ from: 123, to: 123 });
    expect(parseLineHash("#L120-L130")).toEqual({ from: 120, to: 130 });
    expect(parseLineHash("#L130-L120")).toEqual({ from: 120, to: 130 });
    expect(parseLineHash("#L120-130")).toEqual({ from: 120, to: 130 });
    expect(parseLineHash("L7")).toEqual({ from: 7, to: 7 });
  });
  it("rejects anything else", () => {
    for (const hash of ["", "#", "#L", "#Lx", "#L0", "#L1-L0", "#top", "#L12a", "#l12", "#L1-", "#L1234567890"]) expect(parseLineHash(hash)).toBeNull();
  });
});

describe("lineHash / rangeForClick / inRange", () => {
  it("formats one line and ranges", () => {
    expect(lineHash({ from: 5, to: 5 })).toBe("#L5");
    expect(lineHash({ from: 120, to: 130 })).toBe("#L120-L130");
  });
  it("a plain click selects one line, a shift-click spans from the anchor either way", () => {
    expect(rangeForClick(125, false, 120)).toEqual({ from: 125, to: 125 });
    expect(rangeForClick(125, true, 120)).toEqual({ from: 120, to: 125 });
    expect(rangeForClick(110, true, 120)).toEqual({ from: 110, to: 120 });
    expect(rangeForClick(110, true, undefined)).toEqual({ from: 110, to: 110 });
  });
  it("inRange is inclusive", () => {
    expect([119, 120, 125, 130, 131].map((s) => inRange({ from: 120, to: 130 }, s))).toEqual([false, true, true, true, false]);
    expect(inRange(null, 1)).toBe(false);
  });
});
