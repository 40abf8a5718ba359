// File names for artifacts that tools save. The name reaches a download's
// Content-Disposition header and a person's disk, so it keeps only letters
// (any script), digits, ".", "_" and "-": no path separators, no control or
// format characters, no quotes, semicolons or spaces, no leading dot.
import "server-only";

/** Longest base name (without the extension), in characters. */
export const MAX_BASE_NAME = 80;

/** Keeps letters, digits, ".", "_", "-"; every other run of characters becomes one "-"; trims dots and dashes at the ends. */
function clean(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}._-]+/gu, "-")
    .replace(/-{2,}/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/^[.-]+|[.-]+$/g, "");
}

/** A title as a slug: accents dropped ("Café" → "cafe"), lower case, words joined by "-"; other scripts kept ("婚礼计划"). */
export function slugify(title: string): string {
  const plain = title.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  return clean(plain.replace(/[._]+/g, "-"));
}

/**
 * The file name for an artifact: `requested` cleaned (its extension
 * `extension` stripped, a folder part dropped: "../notes/plan.md" → "plan")
 * or, when that is null or cleans to nothing, the slug of `title`; then cut
 * to MAX_BASE_NAME characters and `extension` (".md") appended. Falls back
 * to `fallback` when both clean to nothing.
 * @example safeFileName("Budget: v2 (final)?", "Budget", ".md", "document") // "Budget-v2-final.md"
 */
export function safeFileName(requested: string | null, title: string, extension: string, fallback: string): string {
  const lastSegment = requested?.split(/[/\\]/).at(-1) ?? "";
  const withoutExtension = lastSegment.toLowerCase().endsWith(extension) ? lastSegment.slice(0, -extension.length) : lastSegment;
  let base = clean(withoutExtension);
  if (!base) base = slugify(title);
  if (!base) base = fallback;
  base = [...base].slice(0, MAX_BASE_NAME).join("").replace(/[.-]+$/, "");
  return `${base}${extension}`;
}
