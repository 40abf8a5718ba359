import "server-only";
// The conversation's plan as the `PlanTasks:` prompt field lists it, and which
// of its tasks a piece of text means: by outline number, or by title with
// word overlap (English, with plural/"-ing" folding) and character overlap
// (Chinese). Whole references ("task 3", "第三步", "the venue task") are
// resolved in task-references.ts.
import { TASK_STATUSES, type TaskStatus } from "@/lib/shared/plans";
import { parseCnNumber } from "./text.ts";

/**
 * A task of the conversation's plan. `number` is its outline number ("3",
 * "3.2"), `parentId` its parent's id (null at the top level) and `index` its
 * 0-based place among its siblings; `status` is null when the prompt gave none.
 */
export type PlanTask = { id: string; number: string; status: TaskStatus | null; title: string; parentId: string | null; index: number };

const OUTLINE_NUMBER = /^\d+(?:\.\d+)*$/;

/**
 * Parses the `PlanTasks:` field: `id|number|status|title` entries joined by
 * " ;; " in tree order, or the older `id|title` form (read as top-level tasks
 * numbered 1, 2, …). A title may itself contain "|". Parents come from the
 * outline numbers ("3.2" is under "3"), indexes from the order. Malformed
 * entries are skipped; undefined or "" gives [].
 */
export function parsePlanTasks(raw: string | undefined): PlanTask[] {
  if (!raw) return [];
  const out: PlanTask[] = [];
  const byNumber = new Map<string, PlanTask>();
  const siblingCount = new Map<string | null, number>();
  for (const entry of raw.split(" ;; ")) {
    const parts = entry.split("|").map((p) => p.trim());
    if (parts.length < 2 || !parts[0]) continue;
    const full = parts.length >= 4 && OUTLINE_NUMBER.test(parts[1]);
    const title = (full ? parts.slice(3) : parts.slice(1)).join("|").trim();
    if (!title) continue;
    const number = full ? parts[1] : String((siblingCount.get(null) ?? 0) + 1);
    const status = full && (TASK_STATUSES as readonly string[]).includes(parts[2]) ? (parts[2] as TaskStatus) : null;
    const parentNumber = number.includes(".") ? number.slice(0, number.lastIndexOf(".")) : undefined;
    const parentId = parentNumber ? (byNumber.get(parentNumber)?.id ?? null) : null;
    const index = siblingCount.get(parentId) ?? 0;
    siblingCount.set(parentId, index + 1);
    const task: PlanTask = { id: parts[0], number, status, title, parentId, index };
    out.push(task);
    byNumber.set(number, task);
  }
  return out;
}

/** The task with outline number `number` ("3", "3.2"; leading zeros ignored), or undefined. */
export function findTaskByNumber(number: string, tasks: PlanTask[]): PlanTask | undefined {
  const canonical = number.split(".").map((n) => String(Number(n))).join(".");
  return tasks.find((t) => t.number === canonical);
}

const EN_MATCH_STOP = new Set(
  (
    "the a an and of to for with your my our task tasks step steps item items please can you could break down into more detail details " +
    "subtasks subtask sub split decompose expand it this that one ones in on up phase part stage thing bit section about " +
    "whole entire called named titled plan " +
    // Spanish and French articles, prepositions and task words.
    "el la los las un una unos unas de del al y e o a en para por con sin sobre tarea tareas paso pasos subtarea subtareas " +
    "le les des du une et ou au aux dans pour par avec sans sur tâche tâches étape étapes sous-tâche sous-tâches"
  ).split(" "),
);
/** Chinese filler removed from a reference before comparing characters. */
const ZH_REF_STOP = /子任务|任务|步骤|事项|这个|那个|这一步|那一步|一下|这项|那项|[的个把将那这项步]/g;

/** Folds plurals and common endings so "venues"/"venue" and "booking"/"book" match. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 4 && /(?:ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** Latin-script words (English, Spanish, French; accents kept) without stop words, stemmed. */
function enTokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{Script=Latin}0-9]+/gu) ?? []).filter((w) => !EN_MATCH_STOP.has(w)).map(stem);
}

function hanChars(text: string): string[] {
  return Array.from(text.replace(/[^\p{Script=Han}]/gu, ""));
}

function bigrams(chars: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Lower case without spaces, punctuation or quotes: "Book the venue!" → "bookthevenue". */
export function compactText(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "");
}

/** How well `ref` names `title`: 0 when it does not; higher is better. */
function titleScore(ref: string, title: string, requireAll: boolean): number {
  const refCompact = compactText(ref);
  const titleCompact = compactText(title);
  if (!refCompact || !titleCompact) return 0;
  if (refCompact === titleCompact) return 1000;
  let score = 0;
  if (refCompact.length >= 2 && titleCompact.includes(refCompact)) score += 100;
  const refTokens = [...new Set(enTokens(ref))];
  const titleTokens = new Set(enTokens(title));
  const hits = refTokens.filter((w) => titleTokens.has(w)).length;
  // A shared number alone ("2" in "tasks 2 and 3" and "Week 2: …") is no match.
  const wordHits = refTokens.filter((w) => titleTokens.has(w) && !/^\d+$/.test(w)).length;
  const refHan = [...new Set(hanChars(ref.replace(ZH_REF_STOP, "")))];
  const titleHan = new Set(hanChars(title));
  const charHits = refHan.filter((c) => titleHan.has(c)).length;
  const titleGrams = new Set(bigrams(hanChars(title)));
  const gramHits = new Set(bigrams(hanChars(ref.replace(ZH_REF_STOP, ""))).filter((g) => titleGrams.has(g))).size;
  const enOk = refTokens.length > 0 && wordHits > 0 && (requireAll ? hits === refTokens.length : hits * 2 >= refTokens.length);
  const zhOk =
    refHan.length > 0 &&
    charHits > 0 &&
    (requireAll ? charHits === refHan.length : charHits * 2 >= refHan.length) &&
    (gramHits > 0 || refHan.length === 1);
  if (!enOk && !zhOk && score === 0) return 0;
  // Ties go to the title the reference covers best.
  const coverage = (hits + charHits) / Math.max(1, titleTokens.size + titleHan.size);
  return score + (enOk ? hits * 10 : 0) + (zhOk ? charHits * 4 + gramHits * 6 : 0) + coverage;
}

/**
 * The task whose title `ref` names loosely: exact or contained text, else
 * most shared words / Chinese characters ("the venue task" → "Book the
 * venue", "场地任务" → "预订场地"). At least half of the reference's words
 * must occur in the title (`requireAll`: every one). Earlier tasks win ties.
 * Undefined when none qualifies.
 */
export function findTaskByTitle(ref: string, tasks: PlanTask[], requireAll = false): PlanTask | undefined {
  let best: PlanTask | undefined;
  let bestScore = 0;
  for (const t of tasks) {
    const score = titleScore(ref, t.title, requireAll);
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

function legacyTokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !EN_MATCH_STOP.has(w)).map(stem);
}

const EN_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/**
 * The task a whole free-form message refers to ("can you break down the build
 * phase?"): the one sharing the most words (English) or character pairs
 * (Chinese) with its title, else the one it names by outline number or
 * ordinal ("task 2", "3.2", "the second task", "第二个任务"); undefined if neither.
 */
export function findTask(message: string, tasks: PlanTask[]): PlanTask | undefined {
  const msgTokens = new Set(legacyTokens(message));
  const msgBigrams = new Set(bigrams(Array.from(message.replace(/[^\p{Script=Han}\p{N}A-Za-z]/gu, ""))));
  let best: PlanTask | undefined;
  let bestScore = 0;
  for (const t of tasks) {
    const tokenHits = legacyTokens(t.title).filter((w) => msgTokens.has(w) && !/^\d+$/.test(w)).length;
    const gramHits = bigrams(hanChars(t.title)).filter((g) => msgBigrams.has(g)).length;
    const score = tokenHits + gramHits + (message.includes(t.title) ? 100 : 0);
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  if (best) return best;
  const num =
    /(?:\b(?:task|step|item|number|no\.?|tarea|paso|t[âa]che|[ée]tape)\s*|#\s*|任务\s*|タスク\s*|第\s*)(\d+(?:\.\d+)*)/i.exec(message)?.[1] ??
    /(\d+)(?:番目|つ目)/.exec(message)?.[1] ??
    /(?:^|\s)(\d+\.\d+)\b/.exec(message)?.[1];
  if (num) return findTaskByNumber(num, tasks);
  const ordinal = EN_ORDINALS.findIndex((w) => new RegExp(`\\b${w}\\b`, "i").test(message));
  if (ordinal >= 0) return findTaskByNumber(String(ordinal + 1), tasks);
  const zhOrd = /第([一二两三四五六七八九十]+)(?:个|项|步|条)/.exec(message)?.[1];
  return zhOrd ? findTaskByNumber(String(parseCnNumber(zhOrd)), tasks) : undefined;
}
