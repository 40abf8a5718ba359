import { describe, expect, it } from "vitest";
import { ansiSegments, markSegments, paletteRgb, stripAnsi } from "./log-ansi";

const ESC = "\u001b";

describe("ansiSegments", () => {
  it("splits colours and decorations; the texts join to the stripped message", () => {
    const text = `build ${ESC}[1;31mfailed${ESC}[0m in ${ESC}[92m3 s${ESC}[0m`;
    expect(ansiSegments(text)).toEqual([
      { text: "build " },
      { text: "failed", fg: "red", bold: true },
      { text: " in " },
      { text: "3 s", fg: "bright-green" },
    ]);
    expect(stripAnsi(text)).toBe("build failed in 3 s");
  });
  it("maps 256-colour and true-colour codes to RGB, and palette 0–15 to names", () => {
    expect(ansiSegments(`${ESC}[38;5;208mo${ESC}[0m${ESC}[38;2;1;2;3mt${ESC}[0m${ESC}[38;5;9mr${ESC}[0m${ESC}[44mb${ESC}[0m`)).toEqual([
      { text: "o", fgRgb: "255, 135, 0" },
      { text: "t", fgRgb: "1, 2, 3" },
      { text: "r", fg: "bright-red" },
      { text: "b", bg: "blue" },
    ]);
    expect(paletteRgb(232)).toBe("8, 8, 8");
    expect(paletteRgb(16)).toBe("0, 0, 0");
  });
  it("leaves plain text as one segment and drops non-colour sequences", () => {
    expect(ansiSegments("plain")).toEqual([{ text: "plain" }]);
    expect(ansiSegments("")).toEqual([]);
    expect(stripAnsi(`a${ESC}[2Kb${ESC}[1Ac`)).toBe("abc");
  });
});

describe("markSegments", () => {
  it("cuts at match boundaries across colours, marking the current match", () => {
    const segments = [{ text: "ab" }, { text: "cd", fg: "red" }, { text: "ef" }];
    expect(
      markSegments(segments, [
        { start: 1, end: 3, current: false },
        { start: 4, end: 6, current: true },
      ]),
    ).toEqual([
      { text: "a" },
      { text: "b", mark: "match" },
      { text: "c", fg: "red", mark: "match" },
      { text: "d", fg: "red" },
      { text: "ef", mark: "current" },
    ]);
  });
  it("returns the segments unchanged without ranges", () => {
    const segments = [{ text: "x" }];
    expect(markSegments(segments, [])).toBe(segments);
  });
});
