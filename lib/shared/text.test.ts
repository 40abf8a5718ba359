import { describe, expect, it } from "vitest";
import { clipWords, stripMarkdown } from "./text";

describe("clipWords", () => {
  it("keeps text that fits, trimmed and with whitespace collapsed", () => {
    expect(clipWords("  Plan a  trip ", 20)).toBe("Plan a trip");
  });
  it("cuts on the last word boundary with an ellipsis", () => {
    expect(clipWords("Move the company intranet to a remote host", 34)).toBe("Move the company intranet to a…");
  });
  it("does not leave trailing punctuation before the ellipsis", () => {
    expect(clipWords("Budget, venue, guests and music", 17)).toBe("Budget, venue…");
  });
  it("cuts between code points when there is no boundary near the end", () => {
    expect(clipWords("准备一次为期两周的日本旅行计划", 8)).toBe("准备一次为期两…");
    expect(clipWords("Supercalifragilisticexpialidocious", 10)).toBe("Supercali…");
  });
  it("never splits a surrogate pair", () => {
    expect(clipWords("😀😀😀😀😀😀", 4)).toBe("😀😀😀…");
  });
});

describe("stripMarkdown", () => {
  it("removes heading, emphasis, code and link syntax", () => {
    expect(stripMarkdown("## **Plan** a _trip_ to [Kyoto](https://example.com) with `code`")).toBe("Plan a trip to Kyoto with code");
  });
  it("removes list, numbered and quote markers, nested ones too", () => {
    expect(stripMarkdown("- Item")).toBe("Item");
    expect(stripMarkdown("> 2. Quoted step")).toBe("Quoted step");
    expect(stripMarkdown("# Title\nsecond line")).toBe("Title second line");
  });
});
