// `write_document`: a Markdown document saved as an artifact of the task.
import "server-only";
import { writeDocumentInput, type WriteDocumentInput, type WriteDocumentOutput } from "../schemas.ts";
import { defineTool, type ToolContext } from "../types.ts";
import { safeFileName } from "./file-name.ts";

/** Media type of the saved document. */
export const MARKDOWN_MEDIA_TYPE = "text/markdown; charset=utf-8";

/** True when the first non-blank line is a Markdown heading (ATX "# …", or a setext underline on the next line). */
function startsWithHeading(content: string): boolean {
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== "");
  if (first < 0) return false;
  if (/^ {0,3}#{1,6}(\s|$)/.test(lines[first])) return true;
  return /^ {0,3}(=+|-+)\s*$/.test(lines[first + 1] ?? "");
}

/**
 * The document's Markdown: `content` as given when it starts with a heading,
 * else "# {title}" and a blank line before it; always ending in one newline.
 */
export function documentMarkdown(title: string, content: string): string {
  const body = content.replace(/\s+$/, "");
  const text = startsWithHeading(body) ? body : `# ${title.replace(/\s+/g, " ").trim()}\n\n${body.replace(/^\s*\n/, "")}`;
  return `${text}\n`;
}

/**
 * Saves the document through `ctx.saveArtifact` as `{name}.md`
 * (`text/markdown; charset=utf-8`); the name comes from `filename` or the
 * title (see safeFileName: no path, at most 80 characters before ".md").
 * @returns `{artifactId, name, bytes}` (bytes of UTF-8).
 */
export async function writeDocument(input: WriteDocumentInput, ctx: ToolContext): Promise<WriteDocumentOutput> {
  const name = safeFileName(input.filename, input.title, ".md", "document");
  const ref = await ctx.saveArtifact({ name, mediaType: MARKDOWN_MEDIA_TYPE, content: documentMarkdown(input.title, input.content) });
  return { artifactId: ref.artifactId, name: ref.name, bytes: ref.bytes };
}

/**
 * Built-in tool `write_document` (input `writeDocumentInput`, output
 * `WriteDocumentOutput`). No side effects in the approval sense: it only
 * writes the run's own artifact.
 */
export const writeDocumentTool = defineTool({
  name: "write_document",
  description:
    "Saves a Markdown document (a checklist, a brief, a budget table, a guest list, …) as a file of the current task that the person can open and download. filename without folder or extension (null = from the title). The content is complete Markdown; a top-level heading with the title is added when it has none.",
  inputSchema: writeDocumentInput,
  sideEffects: false,
  timeoutMs: 5_000,
  source: "builtin",
  execute: writeDocument,
});
