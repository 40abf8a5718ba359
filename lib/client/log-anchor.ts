// Line anchors of a job log: `#L123` (one line) and `#L120-L130` (a range),
// the same shape GitHub uses for source lines and Actions logs.

/** A selected range of log lines by seq, inclusive; `from <= to`. */
export type LineRange = { from: number; to: number };

const HASH = /^#?L(\d{1,9})(?:-L?(\d{1,9}))?$/;

/**
 * Parses a location hash into a line range: `#L123` → `{from: 123, to: 123}`,
 * `#L130-L120` → `{from: 120, to: 130}` (reversed ends are ordered; `#L120-130`
 * is accepted too). Seq 0 and anything else (`""`, `#top`, `#L`, `#Lx`) → null.
 * @example parseLineHash("#L120-L130") // { from: 120, to: 130 }
 */
export function parseLineHash(hash: string): LineRange | null {
  const m = HASH.exec(hash.trim());
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 1 || b < 1) return null;
  return { from: Math.min(a, b), to: Math.max(a, b) };
}

/**
 * The hash of a range: `#L5` for one line, `#L120-L130` for several.
 * @example lineHash({ from: 120, to: 130 }) // "#L120-L130"
 */
export function lineHash(range: LineRange): string {
  return range.from === range.to ? `#L${range.from}` : `#L${range.from}-L${range.to}`;
}

/**
 * The range a click on line number `seq` makes: a plain click selects that
 * line; a shift-click spans from `anchor` (the line last clicked without
 * shift) to `seq`, in either direction. Without an anchor it selects one line.
 * @example rangeForClick(125, true, 120) // { from: 120, to: 125 }
 */
export function rangeForClick(seq: number, shift: boolean, anchor: number | undefined): LineRange {
  if (!shift || anchor === undefined) return { from: seq, to: seq };
  return { from: Math.min(anchor, seq), to: Math.max(anchor, seq) };
}

/** True when `seq` lies in `range` (null = nothing selected). */
export const inRange = (range: LineRange | null, seq: number): boolean => !!range && seq >= range.from && seq <= range.to;
