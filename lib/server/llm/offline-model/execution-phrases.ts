import "server-only";
// Chat commands that carry a plan out with tools: "execute the plan", "run the
// plan", "carry out the plan", "go ahead and do it", "start executing",
// "执行计划", "开始执行", "运行这个计划" (the whole plan), and "execute task 3",
// "run 'Book the venue'", "do the budget task", "执行第三个任务",
// "执行「预订场地」" (one task and its subtasks).
import type { Intent, PhraseContext } from "./task-operation-phrases.ts";
import { isAllRef, isNumberRef } from "./task-references.ts";

const EN_POLITE =
  /^(?:(?:please|pls|ok(?:ay)?|so|now|also|and|hey|great|cool|alright|right|then|yes|yeah|sure|perfect)[,!\s]+)*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|i(?:'d|\s+would)\s+like\s+(?:you\s+)?to\s+|i\s+want\s+(?:you\s+)?to\s+|let'?s\s+|let\s+us\s+|please\s+|go\s+ahead\s+and\s+|now\s+)*/i;
const EN_TRAILING = /(?:[\s.!?,]+|\s+please|\s+now|\s+for\s+me|\s+right\s+away|,?\s+(?:thanks|thank\s+you|thx|ty))+$/i;
const EN_VERB = "(?:execute|run|carry\\s+out|perform|do|complete\\s+with\\s+tools|kick\\s+off|start\\s+(?:executing|running|on)|begin\\s+(?:executing|running))";
const EN_PLAN =
  /^(?:(?:execute|run|carry\s+out|perform|kick\s+off|launch|action|start|begin|start\s+(?:executing|running)|begin\s+(?:executing|running)|do)\s+(?:the|this|my|our|that)?\s*(?:whole\s+|entire\s+|full\s+)?plan|(?:start|begin)\s+(?:the\s+)?(?:execution|executing|running)(?:\s+of\s+(?:the|this)\s+plan)?|go\s+ahead|execute|make\s+it\s+happen|get\s+(?:it\s+)?(?:done|started))$/i;
/** "do it", "run it", "carry it out": the task named just before, else the plan (task-operations.ts decides). */
const EN_IT = /^(?:do|run|execute|perform|carry\s+out|start\s+(?:executing|running))\s+(it|this|that)$|^carry\s+(it|this|that)\s+out$/i;

const ZH_POLITE = /^(?:好的?|那么?|嗯+|请你?|麻烦你?|帮我|帮忙|能不能|能否|可不可以|可以|你|现在|马上|立即|立刻|那就|就|再|然后|接着|我想|我要)+/;
const ZH_TRAILING = /(?:吧|吗|呢|啊|呀|哦|好吗|可以吗|行吗|谢谢|一下|了|起来|看看)*[\s。！？!?.，,~～]*$/;
const ZH_VERB = "(?:开始执行|开始运行|执行|运行|实施|落实)";
const ZH_PLAN = /^(?:开始|着手)?(?:执行|运行|实施|落实|跑)(?:一下)?(?:这个|这份|整个|该|我的|我们的|当前的?)?(?:计划|规划|方案)?$|^(?:开始|动手|开干|开工)$/;

/** An execute command for a task reference, when the reference names a task or clearly means one ("task 9", a quote). */
function forTask(ref: string, ctx: PhraseContext): Intent | undefined {
  const r = ref.trim();
  if (!r) return undefined;
  if (isAllRef(r)) return { op: "execute", ref: null };
  if (/^(?:it|this|that|this one|that one|它|这个|那个)$/i.test(r)) return { op: "execute", ref: r };
  if (ctx.isTask(r) || isNumberRef(r) || /^["“‘'「『《]/.test(r) || /\b(?:tasks?|steps?)\b|任务|步骤/i.test(r)) return { op: "execute", ref: r };
  return undefined;
}

/**
 * Reads one clause as a command to execute the plan (`ref` null) or one task
 * (`ref` as written, or "it" for the task named before), English or Chinese,
 * after politeness ("please", "go ahead and", "请", "帮我") and trailing words
 * ("now", "吧", "一下"). A task phrasing only counts when its reference names
 * a task of the plan, a task number, or a quoted title, so "run a marathon"
 * stays a goal. Undefined when the clause is no execute command.
 */
export function readExecutionClause(clause: string, ctx: PhraseContext): Intent | undefined {
  const raw = clause.trim();
  if (/\p{Script=Han}/u.test(raw)) {
    const c = raw.replace(ZH_POLITE, "").replace(ZH_TRAILING, "").trim();
    if (ZH_PLAN.test(c)) return { op: "execute", ref: null };
    // Only the 执行/运行 family: "完成任务3" marks a task done (task-operation-phrases-zh.ts).
    const m = new RegExp(`^(?:把|将)(.+?)(?:给)?${ZH_VERB}$`).exec(c) ?? new RegExp(`^${ZH_VERB}(?:一下)?(.+)$`).exec(c);
    if (m) return forTask(m[1], ctx);
    if (!/[A-Za-z]/.test(raw)) return undefined;
  }
  const c = raw.replace(EN_POLITE, "").replace(EN_TRAILING, "").trim();
  if (!c) return undefined;
  if (EN_PLAN.test(c)) return { op: "execute", ref: null };
  const it = EN_IT.exec(c);
  if (it) return { op: "execute", ref: it[1] ?? it[2] };
  const m = new RegExp(`^${EN_VERB}\\s+(.+?)(?:\\s+(?:with|using)\\s+(?:the\\s+)?tools)?$`, "i").exec(c);
  return m ? forTask(m[1], ctx) : undefined;
}
