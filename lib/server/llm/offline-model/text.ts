import "server-only";
// Small string helpers shared by the analysis and the templates: casing,
// clipping to the schemas' length limits, `{var}` templates and Chinese numerals.

/** Upper-cases the first character ("" stays ""). */
export function cap(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** Lower-cases the first letter unless the word looks like an acronym or name ("IELTS", "iOS"). */
export function uncap(text: string): string {
  if (!text || /^[A-Z]{2}|^[A-Z][a-z]+[A-Z]/.test(text)) return text;
  return text[0].toLowerCase() + text.slice(1);
}

/**
 * Trims `text` and, if it is longer than `max` code points, cuts it to fit
 * with a trailing "…" (at a word boundary when one is near the end), so
 * answers stay within the schemas' length limits.
 */
export function clip(text: string, max: number): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return text.trim();
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** Replaces `{name}` with `vars[name]`; unknown names are left as they are. */
export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k] : m));
}

const CN_DIGITS = "零一二三四五六七八九";

function cnNum(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100) return String(n);
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ""}`;
}

/**
 * A count before a measure word in Chinese numerals: 两 rather than 二 ("两周",
 * "两日游"). Numbers outside 0–99 or not integers stay as digits.
 */
export function cnCount(n: number): string {
  return n === 2 ? "两" : cnNum(n);
}

/** Digits ("3", "1.5"), Chinese numerals ("三", "十二", "两") or "半" (0.5) as a number; undefined for anything else. */
export function parseCnNumber(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === "半") return 0.5;
  const digits: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch in digits) current = digits[ch];
    else if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else return undefined;
  }
  return total + current;
}
