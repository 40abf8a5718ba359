// `write_document` and its file names: what is saved (name, media type,
// Markdown with a heading), and names that are safe as a download's name.
import { describe, expect, it } from "vitest";
import { fakeToolContext } from "../fake-tool-context";
import { MAX_BASE_NAME, safeFileName, slugify } from "./file-name";
import { documentMarkdown, writeDocumentTool } from "./write-document";

const SAFE = /^[\p{L}\p{N}_-][\p{L}\p{N}._-]*$/u;

describe("write_document", () => {
  it("saves Markdown with the title as its heading under a name from the title", async () => {
    const { ctx, artifacts } = fakeToolContext();
    const output = await writeDocumentTool.execute({ title: "Venue shortlist", filename: null, content: "- Hall A: 120 guests\n- Hall B: 90 guests" }, ctx);
    expect(output).toEqual({ artifactId: "artifact-1", name: "venue-shortlist.md", bytes: 60 });
    expect(artifacts).toEqual([
      { artifactId: "artifact-1", name: "venue-shortlist.md", mediaType: "text/markdown; charset=utf-8", bytes: 60, content: "# Venue shortlist\n\n- Hall A: 120 guests\n- Hall B: 90 guests\n" },
    ]);
  });

  it("keeps content that already starts with a heading, and counts UTF-8 bytes", async () => {
    const { ctx, artifacts } = fakeToolContext();
    const output = await writeDocumentTool.execute({ title: "Gästeliste", filename: "gäste.md", content: "\n## Gäste\n\nAnna, Jörg\n\n" }, ctx);
    expect(artifacts[0].content).toBe("\n## Gäste\n\nAnna, Jörg\n");
    expect(output).toEqual({ artifactId: "artifact-1", name: "gäste.md", bytes: Buffer.byteLength("\n## Gäste\n\nAnna, Jörg\n") });
    expect(output.bytes).toBe(24);
  });

  it("recognises ATX and setext headings only", () => {
    expect(documentMarkdown("T", "# Own title\ntext")).toBe("# Own title\ntext\n");
    expect(documentMarkdown("T", "Own title\n=========\ntext")).toBe("Own title\n=========\ntext\n");
    expect(documentMarkdown("T", "#hashtag is not a heading")).toBe("# T\n\n#hashtag is not a heading\n");
    expect(documentMarkdown("Two\nlines", "text")).toBe("# Two lines\n\ntext\n");
  });

  it("is a side-effect-free built-in tool with a 5 s timeout", () => {
    expect(writeDocumentTool).toMatchObject({ name: "write_document", sideEffects: false, timeoutMs: 5_000, source: "builtin" });
    expect(writeDocumentTool.inputSchema.safeParse({ title: "x", filename: null, content: "" }).success).toBe(false);
  });
});

describe("safeFileName", () => {
  it("drops folders, path tricks, control characters and header-breaking characters", () => {
    expect(safeFileName("../../etc/passwd", "t", ".md", "document")).toBe("passwd.md");
    expect(safeFileName("..\\..\\boot.ini", "t", ".md", "document")).toBe("boot.ini.md");
    expect(safeFileName('budget"; filename="evil.exe', "t", ".md", "document")).toBe("budget-filename-evil.exe.md");
    expect(safeFileName("line\r\nbreak\u0000\u202Etxt.md", "t", ".md", "document")).toBe("line-break-txt.md");
    expect(safeFileName("...", "Plan B", ".md", "document")).toBe("plan-b.md");
    expect(safeFileName("  ", "???", ".md", "document")).toBe("document.md");
    expect(safeFileName("Report.MD", "t", ".md", "document")).toBe("Report.md");
  });

  it("slugifies titles, keeping other scripts and dropping accents", () => {
    expect(slugify("Café & Crème: Menu v2.1")).toBe("cafe-creme-menu-v2-1");
    expect(slugify("婚礼 计划")).toBe("婚礼-计划");
    expect(safeFileName(null, "Hochzeit in München", ".ics", "calendar")).toBe("hochzeit-in-munchen.ics");
  });

  it("cuts the base name to 80 characters", () => {
    const name = safeFileName(null, "word ".repeat(40), ".md", "document");
    expect(name.length).toBeLessThanOrEqual(MAX_BASE_NAME + 3);
    expect(name).toBe(`${"word-".repeat(16).slice(0, 79)}.md`);
    expect([...safeFileName("日".repeat(100), "t", ".md", "d")].length).toBe(83);
  });

  it.each(["a/b", "x\u0007y", "<script>", "名前 with spaces", "semi;colon,comma", "%2e%2e", ".hidden"])("gives a safe name for %j", (raw) => {
    expect(safeFileName(raw, raw, ".md", "document")).toMatch(SAFE);
    expect(safeFileName(null, raw, ".md", "document")).toMatch(SAFE);
  });
});
