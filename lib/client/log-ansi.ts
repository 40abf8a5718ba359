// ANSI colour codes in log messages: parsed into styled segments with anser
// (the parser behind several terminal-output viewers), stripped with strip-ansi
// for search and text, and split at search matches for highlighting.
import Anser from "anser";
import stripAnsiCodes from "strip-ansi";

/** The 8 ANSI colour names anser reports as classes (plus their `bright-` forms). */
const NAMED = new Set(["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]);

/**
 * One run of text with one style. `fg`/`bg` are an ANSI colour name
 * ("red", "bright-green") styled by CSS classes (so light and dark themes pick
 * readable shades), `fgRgb`/`bgRgb` an "r, g, b" triple for 256-colour and
 * true-colour codes; `bold`, `italic`, `underline`, `dim` from SGR decorations.
 */
export type AnsiSegment = {
  text: string;
  fg?: string;
  bg?: string;
  fgRgb?: string;
  bgRgb?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  dim?: boolean;
};

/** True when `text` holds an escape character (the cheap check before parsing). */
export const hasAnsi = (text: string): boolean => text.includes("\u001b") || text.includes("\u009b");

/** `text` without ANSI escape sequences (strip-ansi). */
export const stripAnsi = (text: string): string => (hasAnsi(text) ? stripAnsiCodes(text) : text);

const NAMES_16 = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"];

/** xterm's 256-colour palette entry `n` (16–255) as "r, g, b"; 0–15 are the named colours. */
export function paletteRgb(n: number): string {
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `${v}, ${v}, ${v}`;
  }
  const i = n - 16;
  const level = (c: number) => (c === 0 ? 0 : 55 + c * 40);
  return `${level(Math.floor(i / 36))}, ${level(Math.floor(i / 6) % 6)}, ${level(i % 6)}`;
}

/** anser's class for a colour ("ansi-red", "ansi-palette-208", "ansi-truecolor") → a name or an RGB triple. */
function colour(cls: string | null | undefined, truecolor: string | null | undefined): { name?: string; rgb?: string } {
  if (!cls) return {};
  if (cls === "ansi-truecolor") return truecolor ? { rgb: truecolor } : {};
  const palette = /^ansi-palette-(\d+)$/.exec(cls);
  if (palette) {
    const n = Number(palette[1]);
    if (n < 16) return { name: `${n >= 8 ? "bright-" : ""}${NAMES_16[n % 8]}` };
    return n <= 255 ? { rgb: paletteRgb(n) } : {};
  }
  const name = cls.replace(/^ansi-/, "");
  return NAMED.has(name.replace(/^bright-/, "")) ? { name } : {};
}

/**
 * Splits `text` into styled segments; the segments' texts joined equal
 * `stripAnsi(text)` (non-SGR sequences such as cursor moves are dropped).
 * Plain text is one unstyled segment.
 * @example ansiSegments("a \u001b[31mred\u001b[0m b") // [{text:"a "}, {text:"red", fg:"red"}, {text:" b"}]
 */
export function ansiSegments(text: string): AnsiSegment[] {
  if (!hasAnsi(text)) return text ? [{ text }] : [];
  // use_classes: colour names instead of anser's fixed dark-terminal RGB values.
  const entries = Anser.ansiToJson(text, { json: true, use_classes: true, remove_empty: true });
  const segments: AnsiSegment[] = [];
  for (const e of entries) {
    if (!e.content) continue;
    const fg = colour(e.fg, e.fg_truecolor);
    const bg = colour(e.bg, e.bg_truecolor);
    const decorations = new Set(e.decorations ?? []);
    const segment: AnsiSegment = { text: e.content };
    if (fg.name) segment.fg = fg.name;
    if (fg.rgb) segment.fgRgb = fg.rgb;
    if (bg.name) segment.bg = bg.name;
    if (bg.rgb) segment.bgRgb = bg.rgb;
    if (decorations.has("bold")) segment.bold = true;
    if (decorations.has("italic")) segment.italic = true;
    if (decorations.has("underline")) segment.underline = true;
    if (decorations.has("dim")) segment.dim = true;
    segments.push(segment);
  }
  return segments;
}

/** A search hit inside one line's plain text: `[start, end)` and whether it is the current match. */
export type MarkRange = { start: number; end: number; current: boolean };

/** A segment cut at match boundaries: `mark` = inside a match ("current" for the current one). */
export type MarkedSegment = AnsiSegment & { mark?: "match" | "current" };

/**
 * Cuts styled segments at the boundaries of `ranges` (offsets into the
 * joined plain text, sorted, not overlapping), so a match that spans two
 * colours is highlighted across both and the colours stay.
 * @example markSegments([{text:"hello"}], [{start:1,end:3,current:true}]) // "h", "el"(current), "lo"
 */
export function markSegments(segments: AnsiSegment[], ranges: MarkRange[]): MarkedSegment[] {
  if (ranges.length === 0) return segments;
  const out: MarkedSegment[] = [];
  let offset = 0;
  let r = 0;
  for (const segment of segments) {
    const end = offset + segment.text.length;
    let at = offset;
    while (at < end) {
      while (r < ranges.length && ranges[r].end <= at) r++;
      const range = ranges[r];
      if (!range || range.start >= end) {
        out.push({ ...segment, text: segment.text.slice(at - offset) });
        at = end;
      } else if (range.start > at) {
        out.push({ ...segment, text: segment.text.slice(at - offset, range.start - offset) });
        at = range.start;
      } else {
        const stop = Math.min(end, range.end);
        out.push({ ...segment, text: segment.text.slice(at - offset, stop - offset), mark: range.current ? "current" : "match" });
        at = stop;
      }
    }
    offset = end;
  }
  return out;
}
