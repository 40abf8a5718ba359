import "server-only";
// Which task of the conversation's plan a chat message means ("break down the
// build phase", "第二个任务"): word and character-bigram overlap with the
// titles, then task numbers and ordinals.
import { parseCnNumber } from "./text.ts";

const EN_MATCH_STOP = new Set(
  "the a an and of to for with your my our task step please can you could break down into more detail details subtasks sub tasks split decompose expand it this that one in on up".split(" "),
);

/** A task of the conversation's plan, as the `PlanTasks:` prompt field lists it. */
export type PlanTask = { id: string; title: string };

/** Parses the `PlanTasks:` field (`id|title` entries joined by " ;; "); malformed entries are skipped, undefined gives []. */
export function parsePlanTasks(raw: string | undefined): PlanTask[] {
  if (!raw) return [];
  return raw
    .split(" ;; ")
    .map((entry) => {
      const bar = entry.indexOf("|");
      return bar > 0 ? { id: entry.slice(0, bar).trim(), title: entry.slice(bar + 1).trim() } : undefined;
    })
    .filter((t): t is PlanTask => Boolean(t && t.id && t.title));
}

function enTokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => !EN_MATCH_STOP.has(w))
    .map((w) => (w.length > 3 && w.endsWith("s") ? w.slice(0, -1) : w));
}

function zhBigrams(text: string): string[] {
  const chars = Array.from(text.replace(/[^\p{Script=Han}\p{N}A-Za-z]/gu, ""));
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

const EN_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/**
 * The task `message` refers to: the one sharing the most words (English) or
 * character pairs (Chinese) with its title, else the one it names by number or
 * ordinal ("task 2", "the second task", "第二个任务"); undefined if neither.
 */
export function findTask(message: string, tasks: PlanTask[]): PlanTask | undefined {
  const msgTokens = new Set(enTokens(message));
  const msgBigrams = new Set(zhBigrams(message));
  let best: PlanTask | undefined;
  let bestScore = 0;
  for (const t of tasks) {
    const tokens = enTokens(t.title);
    const tokenHits = tokens.filter((w) => msgTokens.has(w)).length;
    const grams = zhBigrams(t.title).filter((g) => /\p{Script=Han}/u.test(g));
    const gramHits = grams.filter((g) => msgBigrams.has(g)).length;
    const score = tokenHits + gramHits + (message.includes(t.title) ? 100 : 0);
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  if (best) return best;
  // "task 2", "the second task", "第二个任务"
  const num = /\b(?:task|step|item|number|no\.?|#)\s*(\d+)\b/i.exec(message)?.[1];
  const ordinal = EN_ORDINALS.findIndex((w) => new RegExp(`\\b${w}\\b`, "i").test(message));
  const zhOrd = /第([一二三四五六七八九十\d]+)(?:个|项|步)/.exec(message)?.[1];
  const index = num ? Number(num) - 1 : ordinal >= 0 ? ordinal : zhOrd ? (parseCnNumber(zhOrd) ?? 0) - 1 : -1;
  return index >= 0 ? tasks[index] : undefined;
}
