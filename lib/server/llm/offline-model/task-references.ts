import "server-only";
// What a task reference in a command means: "task 3", "3.2", "#3", "step 5",
// "the third task", "the last step", "第三个任务", "第3步", "任务3", a quoted
// title, or loose title words ("the venue task", "场地任务").
import { findTaskByNumber, findTaskByTitle, type PlanTask } from "./task-matching.ts";
import { parseCnNumber } from "./text.ts";

const EN_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
const QUOTES = /^["'“”‘’「」『』《》]+|["'“”‘’「」『』《》]+$/g;

const EN_NUMBER = /^(?:(?:sub-?)?tasks?|steps?|items?|nr\.?|no\.?|number|#)?\s*(?:number\s*|no\.?\s*|#\s*)?(\d+(?:\.\d+)*)(?:\s*(?:task|step|item))?$/;
const EN_ORDINAL = /^(?:(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|(\d+)(?:st|nd|rd|th))(?:\s+(?:top-level\s+)?(?:task|step|item|one|phase))?$/;
const EN_LAST = /^(?:very\s+)?(?:last|final|bottom)(?:\s+(?:top-level\s+)?(?:task|step|item|one|phase))?$/;
const ZH_NUMBER = /^(?:第|(?:子)?任务|步骤)\s*([一二两三四五六七八九十百]+|\d+(?:\.\d+)*)\s*(?:个|项|条|件|号|步)?\s*(?:子任务|任务|步骤|步|项|事项|事)?$/;
const ZH_DIGITS = /^(\d+(?:\.\d+)*)\s*(?:号)?\s*(?:子任务|任务|步骤|步|项)?$/;
const ZH_LAST = /^最后(?:一个|一项|一步|一条)?(?:任务|步骤|步|项)?$/;
const ALL = /^(?:all|everything|every\s?thing|all\s+(?:the\s+|of\s+the\s+)?(?:top-level\s+)?(?:tasks|steps)|every\s+(?:single\s+)?(?:task|step)|each\s+(?:task|step)|(?:the\s+)?(?:whole|entire)\s+plan|(?:it|them)\s+all|all\s+of\s+(?:it|them))$|^(?:所有|全部|每个|每一个|整个)(?:的)?(?:任务|步骤|计划)?(?:都)?$/i;
const LIST_SEPARATOR = /\s*(?:,\s*and\s+|,|，|、|\band\b|&|和|与|及)\s*/i;

/** The reference without quotes, articles and surrounding spaces ("the “Venue” task" → "“Venue” task"). */
function cleanRef(ref: string): string {
  return ref
    .trim()
    .replace(/^(?:the|a|an|my|our|that|this|its)\s+/i, "")
    .replace(/[\s.,!?;:。，！？；：]+$/u, "")
    .trim();
}

/** True for "everything", "all tasks", "the whole plan", "所有任务", "全部"… */
export function isAllRef(ref: string): boolean {
  return ALL.test(cleanRef(ref));
}

/** The outline number a reference names ("task 3" → "3", "3.2", "the third task" → "3", "第三步" → "3"), "last" for the last top-level task, else undefined. */
export function numberOfRef(ref: string, tasks: PlanTask[]): string | undefined {
  const r = cleanRef(ref).toLowerCase();
  const en = EN_NUMBER.exec(r);
  if (en) return en[1];
  const ord = EN_ORDINAL.exec(r);
  if (ord) return String(ord[1] ? EN_ORDINALS.indexOf(ord[1]) + 1 : Number(ord[2]));
  const zh = ZH_NUMBER.exec(r) ?? ZH_DIGITS.exec(r);
  if (zh) {
    const n = /^\d/.test(zh[1]) ? zh[1] : parseCnNumber(zh[1]);
    return n === undefined ? undefined : String(n);
  }
  if (EN_LAST.test(r) || ZH_LAST.test(r)) {
    const top = tasks.filter((t) => t.parentId === null);
    return top.at(-1)?.number ?? "0";
  }
  return undefined;
}

/** Whether `ref` is a reference by number or ordinal (so it must not fall back to title words). */
export function isNumberRef(ref: string): boolean {
  return numberOfRef(ref, []) !== undefined;
}

/**
 * The task `ref` means: by outline number or ordinal first (a bare number is a
 * top-level task, "3.2" a nested one; a number the plan lacks gives
 * undefined), else by title, loosely (see findTaskByTitle; `strict` requires
 * every word of the reference to occur in the title). Undefined when nothing fits.
 */
export function resolveTaskRef(ref: string, tasks: PlanTask[], strict = false): PlanTask | undefined {
  const number = numberOfRef(ref, tasks);
  if (number !== undefined) return findTaskByNumber(number, tasks);
  const text = cleanRef(ref).replace(QUOTES, "").trim();
  if (!text || /^(?:it|this|that|them|one|这个|那个|它)$/i.test(text)) return undefined;
  return findTaskByTitle(text, tasks, strict);
}

/**
 * Like resolveTaskRef, but also reads a list ("tasks 2 and 3", "任务1、任务2"):
 * every part must resolve. Returns the distinct tasks in the order named, or
 * undefined when the reference (or any part of a list) matches nothing.
 */
export function resolveTaskRefs(ref: string, tasks: PlanTask[]): PlanTask[] | undefined {
  const single = resolveTaskRef(ref, tasks);
  if (single) return [single];
  const parts = ref.split(LIST_SEPARATOR).filter((p) => p.trim());
  if (parts.length < 2) return undefined;
  // "tasks 2 and 3" → "tasks 2", "3": a bare number is a task number too.
  const found = parts.map((p) => resolveTaskRef(p, tasks));
  if (found.some((t) => !t)) return undefined;
  return [...new Set(found as PlanTask[])];
}
