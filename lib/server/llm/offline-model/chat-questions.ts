import "server-only";
// Plain questions a chat message asks that one read-only tool answers: "how
// much is 12 * 35 EUR?" (calculate), "what date is 10 business days before
// 2027-03-20?" (schedule), "what tasks are left?" / "find tasks about venue"
// (find_tasks), "show me the plan" (get_plan) and "write the plan up as a
// document" (write_design_document). Pattern-based and deterministic, in
// English and Chinese; anything else is not a tool question.
import type { FindTasksInput, WriteDesignDocumentInput } from "@/lib/server/chat/agent-tool-schemas";
import { OPEN_STATUSES } from "@/lib/server/chat/agent-tool-schemas";
import type { CalculateInput, ScheduleInput } from "@/lib/server/tools/schemas";

/** The one tool call that answers a message. */
export type ChatToolQuestion =
  | { tool: "calculate"; input: CalculateInput }
  | { tool: "schedule"; input: ScheduleInput }
  | { tool: "find_tasks"; input: FindTasksInput }
  | { tool: "get_plan"; input: Record<string, never> }
  | { tool: "write_design_document"; input: WriteDesignDocumentInput };

const DESIGN_DOCUMENT =
  /\bdesign\s+doc(?:ument)?\b|\bwrite\b.{0,30}\b(?:plan|it)\b.{0,20}\bup\b|\b(?:as|into)\s+an?\s+(?:markdown\s+)?document\b|\bdocument\s+the\s+plan\b|设计文档|写成文档|整理成文档|生成文档|写成一份文档/i;
const CALC_CUE = /\bhow\s+much\b|\bwhat(?:'s|\s+is|\s+are)\b|\bcalculate\b|\bcompute\b|\bwork\s+out\b|多少|计算|算一下|等于/i;
const NUMBER = String.raw`(?:[$€£¥]\s*)?\d+(?:[.,]\d+)?(?:\s*(?:EUR|USD|GBP|CNY|JPY|RMB|euros?|dollars?|yuan|元)\b)?`;
const OPERATOR = String.raw`\s*(?:[-+*/×÷]|\bx\b|\btimes\b|\bplus\b|\bminus\b|\bdivided\s+by\b|\bmultiplied\s+by\b|乘以?|加上?|减去?|除以)\s*`;
const EXPRESSION = new RegExp(`${NUMBER}(?:${OPERATOR}${NUMBER})+`, "i");
const DATE = String.raw`(\d{4}-\d{2}-\d{2})`;
const OFFSET_EN = new RegExp(String.raw`(\d{1,4})\s*(business|working|calendar)?\s*(days?|weeks?|months?)\s+(before|prior\s+to|after|from)\s+${DATE}`, "i");
const OFFSET_ZH = new RegExp(String.raw`${DATE}\s*(之前|以前|前|之后|以后|后)\s*(?:的)?\s*(\d{1,4})\s*个?\s*(工作日|天|周|星期|个月|月)`);
const BETWEEN = new RegExp(String.raw`between\s+${DATE}\s+and\s+${DATE}|从?${DATE}\s*(?:到|至)\s*${DATE}`, "i");
const TASKS_LEFT =
  /\b(?:what|which)\b.{0,30}\btasks?\b.{0,30}\b(?:left|remaining|open|to\s+do|todo|not\s+(?:yet\s+)?done|pending|outstanding|unfinished)\b|\btasks?\s+(?:are\s+)?(?:left|remaining|still\s+open)\b|\bwhat(?:'s|\s+is)\s+left\b|剩下|还有哪些任务|哪些任务还没|未完成的任务|没完成的任务|还剩/i;
const FIND_TASKS = /\b(?:find|search(?:\s+for)?|look\s+up|which)\s+(?:the\s+)?tasks?\s+(?:about|on|for|mentioning|with|that\s+mention)\s+["“']?(.{2,80}?)["”']?\s*[?.!]?$|(?:找|查找|搜索)(?:一下)?(?:关于|有关)?\s*[“"]?(.{1,40}?)[”"]?\s*的任务/i;
const SHOW_PLAN = /\b(?:show|list|what(?:'s|\s+is)\s+in|summari[sz]e|give\s+me)\b.{0,20}\b(?:the\s+)?(?:plan|tasks)\b|计划里有什么|列出(?:所有)?任务|看看计划|显示计划/i;

const CURRENCY: Record<string, string> = { $: "USD", "€": "EUR", "£": "GBP", "¥": "CNY", euro: "EUR", euros: "EUR", dollar: "USD", dollars: "USD", yuan: "CNY", 元: "CNY", rmb: "CNY" };
const OPERATORS: [RegExp, string][] = [
  [/\bdivided\s+by\b|÷|除以/gi, "/"],
  [/\bmultiplied\s+by\b|\btimes\b|\bx\b|×|乘以?/gi, "*"],
  [/\bplus\b|加上?/gi, "+"],
  [/\bminus\b|减去?/gi, "-"],
];

/** "12 × €35" → "12 * 35 EUR": operators as mathjs reads them, currency symbols and words as unit names after the number. */
function toExpression(raw: string): string {
  let e = raw;
  for (const [re, op] of OPERATORS) e = e.replace(re, ` ${op} `);
  e = e.replace(/([$€£¥])\s*(\d+(?:[.,]\d+)?)/g, (_, sym: string, n: string) => `${n} ${CURRENCY[sym]}`);
  e = e.replace(/(\d)\s*(euros?|dollars?|yuan|元|rmb)\b/gi, (_, d: string, w: string) => `${d} ${CURRENCY[w.toLowerCase()] ?? w.toUpperCase()}`);
  e = e.replace(/(\d),(\d{3})\b/g, "$1$2").replace(/(\d),(\d)/g, "$1.$2");
  return e.replace(/\s+/g, " ").trim();
}

function scheduleUnit(word: string, kind: string | undefined): ScheduleInput["unit"] {
  if (/^(?:business|working)$/i.test(kind ?? "") || word === "工作日") return "business_days";
  if (/^week|^周|^星期/i.test(word)) return "weeks";
  if (/^month|月/i.test(word)) return "months";
  return "days";
}

/**
 * The tool call that answers `message`, or null. A plan question needs a
 * plan only to be answered, not to be asked: without one the tool says so.
 */
export function chatToolQuestion(message: string): ChatToolQuestion | null {
  const m = message.trim();
  if (DESIGN_DOCUMENT.test(m)) return { tool: "write_design_document", input: { title: null } };
  const between = BETWEEN.exec(m);
  if (between) {
    const [from, until] = between[1] ? [between[1], between[2]] : [between[3], between[4]];
    return { tool: "schedule", input: { operation: "between", date: from, amount: null, unit: null, until } };
  }
  const en = OFFSET_EN.exec(m);
  if (en) {
    const back = /^(?:before|prior)/i.test(en[4]);
    return { tool: "schedule", input: { operation: back ? "subtract" : "add", date: en[5], amount: Number(en[1]), unit: scheduleUnit(en[3], en[2]), until: null } };
  }
  const zh = OFFSET_ZH.exec(m);
  if (zh) {
    const back = /前/.test(zh[2]);
    return { tool: "schedule", input: { operation: back ? "subtract" : "add", date: zh[1], amount: Number(zh[3]), unit: scheduleUnit(zh[4], undefined), until: null } };
  }
  const expression = EXPRESSION.exec(m);
  if (expression && CALC_CUE.test(m)) return { tool: "calculate", input: { expression: toExpression(expression[0]) } };
  const find = FIND_TASKS.exec(m);
  if (find) return { tool: "find_tasks", input: { query: (find[1] ?? find[2]).trim(), statuses: null } };
  if (TASKS_LEFT.test(m)) return { tool: "find_tasks", input: { query: null, statuses: OPEN_STATUSES } };
  if (SHOW_PLAN.test(m)) return { tool: "get_plan", input: {} };
  return null;
}
