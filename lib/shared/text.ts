// Display text helpers shared by the server and the browser: titles cut on word
// boundaries (issue 10: "/jobs cut '…intranet to a r'") and Markdown stripped
// from text that becomes a title.

/**
 * `text` trimmed and, when longer than `max` code points, cut to at most
 * `max` code points ending in "…". The cut falls on the last word boundary
 * (space or punctuation) in the final 40 % of the allowed length; text
 * without one there (Chinese, one long word) is cut between code points.
 * `max` < 2 is treated as 2. Never splits a surrogate pair.
 */
export function clipWords(text: string, max: number): string {
  const limit = Math.max(2, Math.floor(max));
  const chars = Array.from(text.trim().replace(/\s+/g, " "));
  if (chars.length <= limit) return chars.join("");
  const head = chars.slice(0, limit - 1);
  let cut = -1;
  for (let i = head.length; i > Math.floor(limit * 0.6); i--) {
    // A boundary: the next character starts a new word (space or punctuation before it).
    if (i === head.length ? chars[i] === " " : /[\s,;:.!?，。；：！？、)\]」』]/.test(head[i - 1] ?? "") || head[i] === " ") {
      cut = i;
      break;
    }
  }
  const kept = (cut > 0 ? head.slice(0, cut) : head).join("").replace(/[\s,;:.，。；：、-]+$/, "");
  return `${kept}…`;
}

/**
 * Plain text of a Markdown title line: headings, emphasis, inline code, links
 * (their text kept), images (their alt kept), list and quote markers removed,
 * whitespace collapsed. Not a Markdown parser: for one-line titles only.
 */
export function stripMarkdown(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(?:(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)\s*)+/gm, "")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(\*|_)(.+?)\1/g, "$2")
    .replace(/~~(.+?)~~/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}
