import "server-only";
// Commands that edit the conversation's plan, read from a chat message before
// any task is looked up: what to do (an Intent) and the task references as
// written. One message may hold several commands ("add X and mark task 2
// done", "把任务1标记为完成，然后删除任务3"); the English and Chinese phrasings
// are in task-operation-phrases-en.ts and task-operation-phrases-zh.ts.
import type { TaskStatus } from "@/lib/shared/plans";
import { clip } from "./text.ts";

/** Where a task goes: next to or under a referenced task, or a place in its list. */
export type Placement =
  | { at: "before" | "after" | "under"; ref: string }
  | { at: "top" | "end" | "top_level" | "up" | "down" }
  | { at: "index"; index: number };

/**
 * One command. `ref`/`refs` are task references as written ("task 3", "the
 * venue task", "第二步"); `refs` may list several ("tasks 2 and 3").
 * decompose: `ref` null means every task, "" that the message named none.
 * add: `placement` null means the end of the top level; `subtask` that the
 * user asked for a subtask (so a parent is needed).
 * execute: `ref` null means the whole plan (execution-phrases.ts).
 */
export type Intent =
  | { op: "add"; title: string; placement: Placement | null; subtask: boolean }
  | { op: "status"; refs: string; status: TaskStatus }
  | { op: "update"; ref: string; title: string | null; description: string | null }
  | { op: "move"; ref: string; placement: Placement }
  | { op: "delete"; refs: string }
  | { op: "decompose"; ref: string | null }
  | { op: "execute"; ref: string | null };

/** What the phrase readers may ask about the plan: whether a reference names one of its tasks (`strict`: by every word). */
export type PhraseContext = { isTask: (ref: string, strict?: boolean) => boolean };

/** Reads one command of one language; undefined when the clause is not a command. */
export type ClauseReader = (clause: string, ctx: PhraseContext) => Intent | undefined;

const EN_STATUS: [RegExp, TaskStatus][] = [
  [/^(?:done|complete|completed|finished|closed|checked off)$/, "done"],
  [/^(?:in[ _-]?progress|started|ongoing|under ?way|doing|active|wip|being worked on)$/, "in_progress"],
  [/^(?:to[ _-]?do|not started|open|pending|undone|not done|incomplete|reopened)$/, "todo"],
  [/^(?:blocked|stuck|on hold|waiting)$/, "blocked"],
  [/^(?:failed|fail|a failure)$/, "failed"],
  [/^(?:skipped|skip|not needed|unnecessary|cancell?ed)$/, "skipped"],
];
/** Regex source matching any English status phrase (see enStatus). */
export const EN_STATUS_WORDS =
  "done|complete|completed|finished|closed|checked off|in[ _-]?progress|started|ongoing|under ?way|doing|active|wip|being worked on|" +
  "to[ _-]?do|not started|open|pending|undone|not done|incomplete|reopened|blocked|stuck|on hold|waiting|failed|fail|a failure|" +
  "skipped|skip|not needed|unnecessary|cancell?ed";

/** The status an English phrase names ("done", "in progress", "on hold"), or undefined. */
export function enStatus(word: string): TaskStatus | undefined {
  const w = word.trim().toLowerCase();
  return EN_STATUS.find(([re]) => re.test(w))?.[1];
}

const ZH_STATUS: [RegExp, TaskStatus][] = [
  [/^(?:已?完成(?:了)?|已?做完(?:了)?|搞定(?:了)?|已?结束|done)$/, "done"],
  [/^(?:进行中|正在进行|在进行|进行|开始|已开始|在做|正在做|处理中|执行中|推进中)$/, "in_progress"],
  [/^(?:待办|待做|未开始|未完成|待处理|没开始|todo)$/, "todo"],
  [/^(?:阻塞|受阻|卡住|被阻塞|阻塞中|暂停|搁置|挂起)$/, "blocked"],
  [/^(?:失败|已失败)$/, "failed"],
  [/^(?:跳过|已跳过|略过|不做|取消|已取消)$/, "skipped"],
];
/** Regex source matching any Chinese status phrase (see zhStatus). */
export const ZH_STATUS_WORDS =
  "已?完成(?:了)?|已?做完(?:了)?|搞定(?:了)?|已?结束|进行中|正在进行|在进行|进行|已开始|开始|在做|正在做|处理中|执行中|推进中|" +
  "待办|待做|未开始|未完成|待处理|没开始|阻塞中|阻塞|受阻|卡住|被阻塞|暂停|搁置|挂起|已失败|失败|已跳过|跳过|略过|不做|已取消|取消";

/** The status a Chinese phrase names ("完成", "进行中", "阻塞"), or undefined. */
export function zhStatus(word: string): TaskStatus | undefined {
  const w = word.trim().replace(/(?:状态|了)$/, "");
  return ZH_STATUS.find(([re]) => re.test(w))?.[1] ?? ZH_STATUS.find(([re]) => re.test(word.trim()))?.[1];
}

const QUOTE_CHARS = `"'“”‘’「」『』《》`;

/**
 * A task title as the user wrote it, cleaned: surrounding quotes, leading
 * ":"/"-" and trailing punctuation removed, the first letter capitalised in
 * English, clipped to 200 characters. "" when nothing is left.
 */
export function cleanTitle(raw: string, zh: boolean): string {
  let t = raw.trim().replace(/^[:：\-–—,，]\s*/u, "");
  t = t.replace(/[\s.!?。！？,，;；:：]+$/u, "").trim();
  const open = QUOTE_CHARS.includes(t[0] ?? "");
  const close = QUOTE_CHARS.includes(t.at(-1) ?? "");
  if (open && close) t = t.slice(1, -1);
  else if (open && !Array.from(t.slice(1)).some((c) => QUOTE_CHARS.includes(c))) t = t.slice(1);
  else if (close && !Array.from(t.slice(0, -1)).some((c) => QUOTE_CHARS.includes(c))) t = t.slice(0, -1);
  t = t.trim().replace(/[\s.!?。！？,，;；:：]+$/u, "").trim();
  if (!zh && t) t = t[0].toUpperCase() + t.slice(1);
  return clip(t, 200);
}

// Where one command ends and the next begins, strongest first. A split is
// only taken when both sides read as commands, so "add tea and coffee" stays one.
const SEPARATORS: RegExp[] = [
  /\s*,?\s+and\s+then\s+/gi,
  /\s*[,;]?\s+then\s+/gi,
  /\s*;\s*/g,
  /(?<=\S)\.\s+/g,
  /\s*,?\s+and\s+(?:also\s+)?/gi,
  /\s*,\s*(?:also\s+)?/g,
  /\s*,?\s+(?:y\s+luego|y\s+después|et\s+puis|et\s+ensuite)\s+/gi,
  /\s*[,;]?\s+(?:luego|después|puis|ensuite)\s+/gi,
  /\s*,?\s+(?:y|et)\s+/gi,
  /\s*、\s*(?:それから|そして|次に)?\s*/g,
  /[，,]?\s*(?:然后|接着|之后再|并且|同时)[，,]?/g,
  /[，,]?\s*(?:再|并|还要|另外)/g,
  /\s*[；;。！!]\s*/g,
  /\s*[，,]\s*/g,
];

const MAX_READS = 1500;
/** Characters of clauses read per message, at most. */
const MAX_READ_CHARS = 60_000;
/** Longer messages are read as one clause. */
const MAX_SPLIT_CHARS = 1000;

/**
 * Reads a message as a sequence of commands, in order: the whole text as one
 * clause, or split at " and then ", " then ", "; ", ", and ", " and ",
 * "，然后", "然后", "并且", "并", "，"… wherever every part reads as a
 * command (splits win over one long clause). `read` reads one clause; at
 * most 1500 clauses (60,000 characters) per message, and only messages of
 * up to 1000 characters are split. Undefined when the message is not
 * (entirely) commands.
 */
export function parseCommands(message: string, read: (clause: string) => Intent | undefined): Intent[] | undefined {
  const memo = new Map<string, Intent[] | null>();
  // Clause reads allowed: keeps pathological messages (hundreds of commas) fast.
  let budget = MAX_READS;
  let chars = MAX_READ_CHARS;
  const parse = (text: string, depth: number): Intent[] | null => {
    const key = text.trim();
    if (!key || budget <= 0 || chars < 0) return null;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: Intent[] | null = null;
    if (depth < 120 && key.length <= MAX_SPLIT_CHARS) {
      for (const sep of SEPARATORS) {
        for (const m of key.matchAll(sep)) {
          if (budget <= 0 || chars < 0) return null;
          const left = key.slice(0, m.index);
          const right = key.slice(m.index + m[0].length);
          if (!left.trim() || !right.trim()) continue;
          const r = parse(right, depth + 1);
          const l = r && parse(left, depth + 1);
          if (r && l) {
            result = [...l, ...r];
            break;
          }
        }
        if (result) break;
      }
    }
    if (!result && budget-- > 0 && (chars -= key.length) >= 0) {
      const one = read(key);
      result = one ? [one] : null;
    }
    memo.set(key, result);
    return result;
  };
  return parse(message, 0) ?? undefined;
}

/**
 * The goal of an explicit request for a NEW plan ("new plan for a trip to
 * Rome" → "a trip to Rome", "start a new plan" → "", "新计划：去成都玩三天",
 * "另外规划一个成都三日游" → "成都三日游"); undefined when the message does not
 * ask for a new plan.
 */
export function newPlanGoal(message: string): string | undefined {
  const text = message.trim();
  const en =
    /^(?:(?:please|ok(?:ay)?|now|also|and|so|hey)[,!\s]+)*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?(?:(?:i(?:'d|\s+would)\s+like|i\s+want|i\s+need|let'?s|let\s+us|we\s+need)\s+(?:to\s+)?)?(?:(?:start|make|create|begin|open|draft|do|build|set\s+up|plan|give\s+me|write|add)\s+)?(?:me\s+|us\s+)?(?:(?:a|an|one\s+more)\s+)?(?:brand[\s-]new|new|another|separate|different|fresh|second)\s+plan\b[\s:,\-–—]*(?:(?:for|to|about|on|with|called|named)\b\s*)?(.*)$/i.exec(
      text,
    );
  if (en) return cleanGoal(en[1]);
  const zh =
    /^(?:请|麻烦你?)?(?:帮我|给我|我想|我要)?(?:再)?(?:新建|创建|做|开|建|制定|来|开始|另做|另开|另建)?(?:一个|一份|个)?(?:新的?|另一个|另外一个|另外的|另一份)(?:计划|规划)[：:，,\s]*(?:是|为|来|吧)?[：:，,\s]*(.*)$/.exec(text) ??
    /^(?:请|麻烦你?)?(?:帮我|给我|我想|我要)?(?:再)?另外(?:再)?(?:规划|计划|安排|制定|做)(?:一下)?(?:一个|一份|个)?(.*)$/.exec(text);
  return zh ? cleanGoal(zh[1]) : undefined;
}

function cleanGoal(goal: string): string {
  return goal.replace(/^[\s:：,，\-–—]+/u, "").replace(/[\s.!?。！？,，]+$/u, "").trim();
}
