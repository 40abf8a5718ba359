import "server-only";
// What a task reference in a command means: "task 3", "3.2", "#3", "step 5",
// "the third task", "the last step", "第三个任务", "第3步", "任务3", "タスク3",
// "3番目のタスク", "la tarea 3", "la tercera tarea", "la tâche 3", "la
// dernière tâche", a quoted title, or loose title words ("the venue task", "场地任务").
import { findTaskByNumber, findTaskByTitle, type PlanTask } from "./task-matching.ts";
import { parseCnNumber } from "./text.ts";

const EN_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
const ES_ORDINALS = ["primera", "segunda", "tercera", "cuarta", "quinta", "sexta", "séptima", "octava", "novena", "décima"];
const FR_ORDINALS = ["première", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième", "neuvième", "dixième"];
const QUOTES = /^["'“”‘’「」『』《》]+|["'“”‘’「」『』《》]+$/g;

const EN_NUMBER = /^(?:(?:sub-?)?tasks?|steps?|items?|nr\.?|no\.?|number|#)?\s*(?:number\s*|no\.?\s*|#\s*)?(\d+(?:\.\d+)*)(?:\s*(?:task|step|item))?$/;
const EN_ORDINAL = /^(?:(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|(\d+)(?:st|nd|rd|th))(?:\s+(?:top-level\s+)?(?:task|step|item|one|phase))?$/;
const EN_LAST = /^(?:very\s+)?(?:last|final|bottom)(?:\s+(?:top-level\s+)?(?:task|step|item|one|phase))?$/;
const ZH_NUMBER = /^(?:第|(?:子)?任务|步骤)\s*([一二两三四五六七八九十百]+|\d+(?:\.\d+)*)\s*(?:个|项|条|件|号|步)?\s*(?:子任务|任务|步骤|步|项|事项|事)?$/;
const ZH_DIGITS = /^(\d+(?:\.\d+)*)\s*(?:号)?\s*(?:子任务|任务|步骤|步|项)?$/;
const ZH_LAST = /^最后(?:一个|一项|一步|一条)?(?:任务|步骤|步|项)?$/;
// Spanish, French and Japanese: "tarea 3", "paso 2", "tâche 3", "étape 2", "タスク3", "3番目のタスク", "la tercera tarea", "la dernière tâche".
const INTL_NUMBER = /^(?:(?:sub)?tareas?|pasos?|(?:sous-)?t[âa]ches?|[ée]tapes?|n[úu]mero|num[ée]ro|(?:サブ)?タスク|ステップ|項目)\s*(?:n[º°o]\.?\s*)?(\d+(?:\.\d+)*)(?:\s*(?:番|つ目))?$/;
const JA_ORDINAL = /^(\d+|[一二三四五六七八九十]+)(?:番目|つ目)(?:の)?(?:タスク|ステップ|項目)?$/;
const INTL_ORDINAL = new RegExp(`^(${[...ES_ORDINALS, ...FR_ORDINALS].join("|")})(?:\\s+(?:tarea|paso|t[âa]che|[ée]tape))?$`);
const INTL_ORDINAL_BEFORE = /^(?:tarea|paso|t[âa]che|[ée]tape)\s+(\S+)$/;
const INTL_LAST = /^(?:[úu]ltim[ao](?:\s+(?:tarea|paso))?|(?:tarea|paso)\s+[úu]ltim[ao]|derni[èe]re?(?:\s+(?:t[âa]che|[ée]tape))?|最後(?:の)?(?:タスク|ステップ)?)$/;
const ALL = /^(?:all|everything|every\s?thing|all\s+(?:the\s+|of\s+the\s+)?(?:top-level\s+)?(?:tasks|steps)|every\s+(?:single\s+)?(?:task|step)|each\s+(?:task|step)|(?:the\s+)?(?:whole|entire)\s+plan|(?:it|them)\s+all|all\s+of\s+(?:it|them))$|^(?:所有|全部|每个|每一个|整个)(?:的)?(?:任务|步骤|计划)?(?:都)?$|^(?:todo|todas(?:\s+las\s+tareas)?|todo\s+el\s+plan|cada\s+tarea|tout|toutes(?:\s+les\s+t[âa]ches)?|tout\s+le\s+plan|chaque\s+t[âa]che|すべて(?:の)?(?:タスク)?|全部(?:の)?(?:タスク)?|全て(?:の)?(?:タスク)?|全タスク|計画全体)$/i;
const LIST_SEPARATOR = /\s*(?:,\s*and\s+|,|，|、|\band\b|\by\b|\bet\b|&|和|与|及|と)\s*/i;

/** The reference without quotes, articles and surrounding spaces ("the “Venue” task" → "“Venue” task"). */
function cleanRef(ref: string): string {
  return ref
    .trim()
    .replace(/^(?:the|a|an|my|our|that|this|its|el|la|los|las|le|les|mi|ma|mon)\s+|^l['’]/i, "")
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
  const intl = INTL_NUMBER.exec(r) ?? JA_ORDINAL.exec(r);
  if (intl) {
    const n = /^\d/.test(intl[1]) ? intl[1] : parseCnNumber(intl[1]);
    return n === undefined ? undefined : String(n);
  }
  const intlOrd = INTL_ORDINAL.exec(r)?.[1] ?? INTL_ORDINAL_BEFORE.exec(r)?.[1];
  if (intlOrd) {
    const i = Math.max(ES_ORDINALS.indexOf(intlOrd), FR_ORDINALS.indexOf(intlOrd));
    if (i >= 0) return String(i + 1);
  }
  if (EN_LAST.test(r) || ZH_LAST.test(r) || INTL_LAST.test(r)) {
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
