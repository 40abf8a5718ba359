import "server-only";

/** Longest file name sent, in characters (longer names are cut; most file systems allow 255 bytes). */
const MAX_NAME = 120;

/** RFC 8187 `attr-char` needs these percent-encoded too (encodeURIComponent leaves them). */
const encode = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A `Content-Disposition` header for a download named `name` (RFC 6266 with
 * RFC 8187 `filename*`): control and format characters (CR, LF, bidi
 * overrides) removed, path separators made "_", leading dots dropped (no
 * hidden files, no "..") and the result cut to MAX_NAME characters; then an
 * ASCII `filename="…"` fallback without quotes, backslashes, semicolons or
 * percent signs, and the full UTF-8 name as `filename*=UTF-8''…`.
 * An empty result becomes "download".
 * @example contentDisposition('a"b/c.md') // attachment; filename="a_b_c.md"; filename*=UTF-8''a%22b_c.md
 */
export function contentDisposition(name: string, type: "attachment" | "inline" = "attachment"): string {
  const cleaned =
    [...name.normalize("NFC").replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "").replace(/[/\\]/g, "_").trim().replace(/^\.+/, "")]
      .slice(0, MAX_NAME)
      .join("")
      .trim() || "download";
  const ascii = cleaned.replace(/[^\x20-\x7e]|["\\;%]/g, "_");
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encode(cleaned)}`;
}
