import "server-only";
// English plan-editing commands: "add a task to book restaurants", "add X
// under/before/after <task>", "mark 3.2 as in progress", "task 4 is done",
// "skip step 5", "rename step 3 to Book the venue", "move task 5 to the top",
// "move <task> under <task>", "delete <task>", "break down everything".
import type { TaskStatus } from "@/lib/shared/plans";
import { cleanTitle, enStatus, EN_STATUS_WORDS, type Intent, type PhraseContext, type Placement } from "./task-operation-phrases.ts";
import { isAllRef, isNumberRef } from "./task-references.ts";

const POLITE =
  /^(?:(?:please|pls|ok(?:ay)?|so|now|also|and|hey|hi|great|thanks|cool)[,!\s]+)*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|i(?:'d|\s+would)\s+like\s+(?:you\s+)?to\s+|i\s+want\s+(?:you\s+)?to\s+|let'?s\s+|let\s+us\s+|please\s+|go\s+ahead\s+and\s+)*/i;
const STATUS = `(${EN_STATUS_WORDS})`;
const PLACE_WORDS: [RegExp, "before" | "after" | "under"][] = [
  [/^(?:before|ahead of|in front of|above|prior to)$/i, "before"],
  [/^(?:after|behind|below|following)$/i, "after"],
  [/^(?:under|underneath|beneath|inside|within|into|to|as (?:a )?(?:subtask|sub-task|child|step) (?:of|under|for))$/i, "under"],
];
const PLACE_SOURCE =
  "before|ahead of|in front of|above|prior to|after|behind|below|following|under|underneath|beneath|inside|within|into|to|as (?:a )?(?:subtask|sub-task|child|step) (?:of|under|for)";
/** Placement words whose reference must name a task completely ("to", "into" also start titles: "add a call to confirm"). */
const WEAK_PLACE = /^(?:to|into)$/i;

function placeOf(word: string): "before" | "after" | "under" {
  return PLACE_WORDS.find(([re]) => re.test(word.trim()))?.[1] ?? "under";
}

/** A reference that clearly names a task ("task 3", "the venue step", a quote), so an unknown one is worth a question. */
function looksLikeRef(ref: string): boolean {
  return isNumberRef(ref) || /\b(?:task|step|item|phase|subtask)\b|^["“‘']/i.test(ref.trim());
}

/**
 * Every way to cut `text` at `pattern` (a keyword between two parts), as
 * [left, keyword, right], left to right.
 */
function cuts(text: string, pattern: string): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const m of text.matchAll(new RegExp(`\\s+(${pattern})\\s+`, "gi"))) {
    out.push([text.slice(0, m.index), m[1], text.slice(m.index + m[0].length)]);
  }
  return out;
}

function readDecompose(c: string): Intent | undefined {
  const m =
    /^(?:split|break(?:\s+(?:down|up))?|decompose|expand(?:\s+on)?|detail|flesh\s+out|drill\s+(?:into|down\s+on)|subdivide|go\s+deeper\s+(?:on|into))\s+(.+?)(?:\s+(?:down|up|further|more|again|even\s+more|too|as\s+well|into\s+(?:smaller\s+|more\s+)?(?:steps|subtasks|sub-tasks|pieces|parts|tasks)|in\s+(?:more\s+)?detail))*$/i.exec(c) ??
    /^(?:add|give|write|create)\s+(?:some\s+)?(?:more\s+)?(?:details?|subtasks|sub-tasks|steps)\s+(?:to|for|on)\s+(.+)$/i.exec(c) ??
    /^more\s+details?\s+(?:on|for|about)\s+(.+)$/i.exec(c);
  if (m) return { op: "decompose", ref: isAllRef(m[1]) ? null : m[1] };
  if (/^(?:(?:add|give)\s+(?:some\s+)?more\s+details?|break\s+(?:it|this|that)\s+down(?:\s+further)?|split\s+(?:it|this|that)(?:\s+further)?|more\s+details?)$/i.test(c)) {
    return { op: "decompose", ref: "" };
  }
  return undefined;
}

function readStatus(c: string, ctx: PhraseContext): Intent | undefined {
  const status = (word: string, refs: string): Intent | undefined => {
    const s = enStatus(word);
    return s && refs.trim() ? { op: "status", refs, status: s } : undefined;
  };
  let m =
    new RegExp(`^(?:mark|flag|set|change|switch|update|move|put|turn|make)\\s+(?:the\\s+status\\s+of\\s+)?(.+?)(?:'s\\s+status|\\s+status)?\\s+(?:(?:as|to|into|in|=)\\s+)?${STATUS}$`, "i").exec(c);
  if (m) return status(m[2], m[1]);
  m = /^(?:tick|check|cross)\s+off\s+(.+)$|^(?:tick|check|cross)\s+(.+?)\s+off$/i.exec(c);
  if (m) return status("done", m[1] ?? m[2]);
  const verbs: Record<string, TaskStatus> = { skip: "skipped", block: "blocked", unblock: "todo", reopen: "todo", fail: "failed" };
  m = /^(skip|block|unblock|reopen|fail)\s+(.+)$/i.exec(c);
  if (m) return { op: "status", refs: m[2], status: verbs[m[1].toLowerCase()] };
  // Weak phrasings: only when the reference really is a task of the plan.
  const weak = (refs: string, s: TaskStatus): Intent | undefined => (ctx.isTask(refs) ? { op: "status", refs, status: s } : undefined);
  m = /^(?:complete|finish|close|wrap\s+up|i(?:'ve|\s+have)?\s+(?:just\s+)?(?:finished|completed|done|wrapped\s+up)(?:\s+with)?|done\s+with|finished)\s+(.+)$/i.exec(c);
  if (m) return weak(m[1], "done");
  m = /^(?:start|begin|resume|start\s+working\s+on|i(?:'m|\s+am)\s+(?:now\s+)?(?:working\s+on|doing|on)|i(?:'ve|\s+have)?\s+started(?:\s+on)?)\s+(.+)$/i.exec(c);
  if (m) return weak(m[1], "in_progress");
  m = /^(?:i(?:'m|\s+am)\s+(?:stuck|blocked)\s+on|pause)\s+(.+)$/i.exec(c);
  if (m) return weak(m[1], "blocked");
  m = new RegExp(`^(.+?)\\s+(?:is|are|was|were|has\\s+been|have\\s+been|got|gets)\\s+(?:now\\s+|already\\s+|finally\\s+|all\\s+|actually\\s+)*${STATUS}$`, "i").exec(c);
  if (m) return isNumberRef(m[1]) ? status(m[2], m[1]) : weak(m[1], enStatus(m[2]) ?? "done");
  m = /^(.+?)\s+(done|finished|completed|complete|skipped|blocked)$/i.exec(c);
  if (m) return weak(m[1], enStatus(m[2]) ?? "done");
  return undefined;
}

function readRename(c: string, ctx: PhraseContext): Intent | undefined {
  let m = /^(?:change|set|update|edit|rewrite)\s+(?:the\s+)?(?:description|details|notes?)\s+(?:of|for|on)\s+(.+?)\s+to\s+(.+)$/i.exec(c);
  if (m) return { op: "update", ref: m[1], title: null, description: m[2].trim().replace(/^["“]|["”]$/g, "") };
  m =
    /^(?:change|set|update|edit)\s+(?:the\s+)?(?:title|name)\s+(?:of|for)\s+(.+?)\s+(?:to|as)\s+(.+)$/i.exec(c) ??
    /^(?:change|update|edit)\s+(.+?)(?:'s)?\s+(?:title|name)\s+to\s+(.+)$/i.exec(c);
  if (m) return rename(m[1], m[2]);
  m = /^(rename|retitle|relabel|call|change|update|edit|modify|reword|replace)\s+(.+)$/i.exec(c);
  if (!m) return undefined;
  const verb = m[1].toLowerCase();
  const options = cuts(m[2], verb === "call" ? "to|as" : verb === "replace" ? "with|by" : "to|as|into|with");
  if (options.length === 0) return undefined;
  // The first cut whose left side names a task, else the first cut.
  const [ref, , title] = options.find(([left]) => ctx.isTask(left)) ?? options[0];
  if (!["rename", "retitle", "relabel"].includes(verb) && !ctx.isTask(ref) && !looksLikeRef(ref)) return undefined;
  if (enStatus(title)) return { op: "status", refs: ref, status: enStatus(title)! };
  return rename(ref, title);
}

function rename(ref: string, raw: string): Intent | undefined {
  const title = cleanTitle(raw, false);
  return title ? { op: "update", ref, title, description: null } : undefined;
}

function readMove(c: string, ctx: PhraseContext): Intent | undefined {
  const m = /^(?:move|put|place|shift|drag|reorder|relocate|bring)\s+(.+)$/i.exec(c);
  if (!m) return undefined;
  const body = m[1];
  let e = /^(.+?)\s+(?:(?:up\s+)?to|at)\s+(?:the\s+)?(?:very\s+)?(top|start|beginning|front|first|bottom|end|last)(?:\s+(?:place|position|spot))?(?:\s+of\s+(?:the|its)\s+(?:list|plan|parent|group|section))?$/i.exec(body) ?? /^(.+?)\s+(first|last)$/i.exec(body);
  if (e) return { op: "move", ref: e[1], placement: { at: /top|start|beginning|front|first/i.test(e[2]) ? "top" : "end" } };
  e = /^(.+?)\s+(?:(?:up\s+)?to|at|on|onto|out\s+to)\s+(?:the\s+)?top[\s-]?level$/i.exec(body);
  if (e) return { op: "move", ref: e[1], placement: { at: "top_level" } };
  e = /^(.+?)\s+(up|down)(?:\s+(?:one|a|1|by\s+one))?(?:\s+(?:place|spot|step|position|notch|level))?$/i.exec(body);
  if (e) return { op: "move", ref: e[1], placement: { at: e[2].toLowerCase() === "up" ? "up" : "down" } };
  e = /^(.+?)\s+to\s+(?:position|place|spot|slot|number)\s+(\d+)$/i.exec(body);
  if (e) return { op: "move", ref: e[1], placement: { at: "index", index: Math.max(0, Number(e[2]) - 1) } };
  const options = cuts(body, PLACE_SOURCE).filter(([, word, right]) => !WEAK_PLACE.test(word) || ctx.isTask(right, true));
  if (options.length === 0) return undefined;
  const [ref, word, target] = options.find(([left, , right]) => ctx.isTask(left) && ctx.isTask(right)) ?? options[0];
  return { op: "move", ref, placement: { at: placeOf(word), ref: target } };
}

function readDelete(c: string): Intent | undefined {
  const m = /^(?:delete|remove|drop|erase|scrap|discard|get\s+rid\s+of|take\s+out|trash)\s+(.+?)(?:\s+(?:from|off)\s+(?:the\s+|my\s+|this\s+)?(?:plan|list))?$/i.exec(c);
  return m ? { op: "delete", refs: m[1] } : undefined;
}

function readAdd(c: string, ctx: PhraseContext): Intent | undefined {
  let placement: Placement | null = null;
  let body: string;
  const atEnd = /^at\s+the\s+(top|start|beginning|end|bottom)(?:\s+of\s+(?:the\s+|my\s+)?(?:plan|list))?,?\s+(?:add|insert|create|put)\s+(.+)$/i.exec(c);
  if (atEnd) return readAdd(`add ${atEnd[2]} at the ${atEnd[1]}`, ctx);
  const front = new RegExp(`^(${PLACE_SOURCE})\\s+(.+?),?\\s+(?:add|insert|create|put)\\s+(.+)$`, "i").exec(c);
  if (front) {
    body = front[3];
    placement = { at: placeOf(front[1]), ref: front[2] };
  } else {
    const m = /^(?:add|insert|create|include|append|put\s+in|throw\s+in|plus)\s+(.+)$/i.exec(c) ?? /^new\s+(?=(?:sub-?)?(?:task|step|item))(.+)$/i.exec(c);
    if (!m) return undefined;
    body = m[1];
  }
  const kind = /^(?:(?:a|an|one|another|new|the|extra|additional|separate)\s+)*(?:(sub-?tasks?|child\s+tasks?|sub-?steps?)|tasks?|steps?|items?|to-?dos?|entry|entries)\b\s*(?:(called|named|titled|saying|to|for|:|-|–|—)\s*)?/i.exec(body);
  const subtask = Boolean(kind?.[1]) || /^as\s+(?:a\s+)?(?:subtask|sub-task|child)/i.test(front?.[1] ?? "");
  if (kind) body = body.slice(kind[0].length);
  // "add a subtask to task 3: call the florist"
  const colon = kind?.[2]?.toLowerCase() === "to" ? /^(.+?)\s*[:：]\s*(.+)$/.exec(body) : null;
  if (!placement && colon && ctx.isTask(colon[1])) {
    placement = { at: "under", ref: colon[1] };
    body = colon[2];
  }
  if (!placement) {
    const end = /\s+(?:at|to)\s+the\s+(top|start|beginning|end|bottom)(?:\s+of\s+(?:the\s+|my\s+)?(?:plan|list))?$/i.exec(body);
    const plan = /\s+(?:to|in|into|on)\s+(?:the\s+|my\s+|this\s+|our\s+)?(?:plan|list)$/i.exec(body);
    if (end) {
      placement = { at: /end|bottom/i.test(end[1]) ? "end" : "top" };
      body = body.slice(0, end.index);
    } else if (plan) body = body.slice(0, plan.index);
  }
  if (!placement) {
    const options = cuts(body, PLACE_SOURCE).reverse();
    const found =
      options.find(([left, word, right]) => left.trim() && (WEAK_PLACE.test(word) ? ctx.isTask(right, true) : ctx.isTask(right))) ??
      options.find(([left, word, right]) => left.trim() && !WEAK_PLACE.test(word) && looksLikeRef(right));
    if (found) {
      placement = { at: placeOf(found[1]), ref: found[2] };
      body = found[0];
    }
  }
  const title = cleanTitle(body, false);
  if (!title) return undefined;
  if (subtask && !placement) placement = { at: "under", ref: "" };
  return { op: "add", title, placement, subtask };
}

/**
 * Reads one English clause as a plan-editing command (see the file header for
 * the phrasings), after dropping politeness ("please", "can you") and trailing
 * punctuation. Undefined when it is not one; "complete X", "X is done" and
 * similar weak phrasings only count when X names a task (`ctx.isTask`).
 */
export function readEnglishClause(clause: string, ctx: PhraseContext): Intent | undefined {
  const c = clause
    .trim()
    .replace(POLITE, "")
    .replace(/(?:[\s.!?,]+|\s+please|,?\s+(?:thanks|thank\s+you|thx|ty|cheers)(?:\s+(?:so\s+much|a\s+lot))?)+$/i, "")
    .trim();
  if (!c) return undefined;
  return readDecompose(c) ?? readStatus(c, ctx) ?? readRename(c, ctx) ?? readMove(c, ctx) ?? readDelete(c) ?? readAdd(c, ctx);
}
