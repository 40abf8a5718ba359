import "server-only";
// Chinese plan-editing commands: "添加任务：订餐厅", "在<任务>下面/之前/之后添加<X>",
// "把场地任务标记为完成", "第二个任务已完成", "跳过任务5", "把第三步改名为<X>",
// "把<任务>改成<X>", "把<任务>移到<任务>之前/之后/下面", "删除<任务>",
// "把第三个任务删掉", "把<任务>再拆分一下", "细化<任务>".
import type { TaskStatus } from "@/lib/shared/plans";
import { cleanTitle, zhStatus, ZH_STATUS_WORDS, type Intent, type PhraseContext, type Placement } from "./task-operation-phrases.ts";
import { isAllRef, isNumberRef } from "./task-references.ts";
import { parseCnNumber } from "./text.ts";

const POLITE = /^(?:好的?|那么?|嗯+|请你?|麻烦你?|帮我|帮忙|能不能|能否|可不可以|可以|你|再|也|还有|另外|并且|然后|接着|同时|我想|我要)+/;
const TRAILING = /(?:吧|吗|呢|啊|呀|哦|好吗|可以吗|行吗|好不好|谢谢|一下)*[\s。！？!?.，,~～]*$/;
const BA = "(?:把|将)";
const STATUS = `(${ZH_STATUS_WORDS})`;
const DECOMPOSE = "(?:细化|拆分|拆解|分解|展开|细分|拆开|拆)";
const MOVE = "(?:移动到|移到|挪到|放到|调到|移至|拖到|调整到|放在|挪至|排到|提到|移去|挪去|移|挪)";
const ADD = "(?:添加|新增|增加|加上|加入|插入|补充|再加|放|加|添)";
const REL = "(之前|前面|前边|前头|之后|后面|后边|后头|下面|下方|之下|底下|里面|前|后|下|里|中)";
const TOP = "(?:最前面|最前|最上面|最顶上|顶部|开头|第一位|第一个|最开始)";
const END = "(?:最后面|最后一位|最后一个|最后|最下面|最底下|底部|末尾|最末)";

function relation(word: string): "before" | "after" | "under" {
  if (/前/.test(word)) return "before";
  if (/后/.test(word)) return "after";
  return "under";
}

/** A reference that clearly names a task ("任务3", "第二步", "“预订场地”"), so an unknown one is worth a question. */
function looksLikeRef(ref: string): boolean {
  return isNumberRef(ref) || /任务|步骤|那一步|这一步|^[“"‘「]/.test(ref);
}

function title(raw: string): string {
  const t = raw
    .trim()
    .replace(/^(?:一个|一项|一条|一步|一些|个(?![人体性]))?(?:新的?)?(?:子任务|任务|步骤|事项|待办)?(?:叫做?|名为|是)?[：:，,\s]*/u, "")
    .replace(/的(?:任务|步骤|事项)$/u, "");
  return cleanTitle(t, true);
}

function readDecompose(c: string): Intent | undefined {
  const m =
    new RegExp(`^${BA}(.+?)(?:再|进一步|更|继续|也|重新)*${DECOMPOSE}(?:成|为)?(?:更(?:小|具体|细|详细)的?)?(?:子任务|步骤|小任务|几步)?$`).exec(c) ??
    new RegExp(`^(?:再|继续|进一步|重新)*${DECOMPOSE}(?:一下)?(.+)$`).exec(c) ??
    /^(?:给|为)(.+?)(?:添加|加|补充|增加)(?:更多的?)?(?:子任务|细节|步骤)$/.exec(c) ??
    new RegExp(`^(所有任务|全部任务|每个任务|所有|全部)(?:都)?(?:再)?${DECOMPOSE}$`).exec(c);
  if (m) return { op: "decompose", ref: isAllRef(m[1]) ? null : m[1] };
  if (new RegExp(`^(?:再|更|继续)?(?:${DECOMPOSE}|细)(?:一点|一些)?$`).test(c)) return { op: "decompose", ref: "" };
  return undefined;
}

function readStatus(c: string, ctx: PhraseContext): Intent | undefined {
  const status = (word: string, refs: string): Intent | undefined => {
    const s = zhStatus(word);
    return s && refs.trim() ? { op: "status", refs, status: s } : undefined;
  };
  const weak = (refs: string, s: TaskStatus): Intent | undefined => (isNumberRef(refs) || ctx.isTask(refs) ? { op: "status", refs, status: s } : undefined);
  let m =
    new RegExp(`^${BA}(.+?)(?:的状态)?(?:标记|设置|设定|设|改|标|置|调整|更新|变|切换|修改)(?:为|成|到)${STATUS}(?:状态)?$`).exec(c) ??
    new RegExp(`^(?:标记|设置|设)(.+?)(?:为|成)${STATUS}(?:状态)?$`).exec(c);
  if (m) return status(m[2], m[1]);
  m = /^(?:跳过|略过|先跳过|不做)(.+)$/.exec(c);
  if (m) return { op: "status", refs: m[1], status: "skipped" };
  m = new RegExp(`^(.+?)(?:已经|已)(?:被)?${STATUS}(?:状态)?$`).exec(c);
  if (m) return status(m[2], m[1]);
  m = /^(.+?)(?:被)?(完成|做完|搞定|弄完|结束|失败|卡住|阻塞|跳过|开始)了$/.exec(c) ?? new RegExp(`^(.+?)(?:的状态)?(?:是|为)${STATUS}$`).exec(c);
  if (m) return weak(m[1], zhStatus(m[2]) ?? "done");
  m = /^(?:我)?(?:已经)?(?:完成|做完|搞定|弄完)了(.+)$|^(?:完成|做完)(.+)$/.exec(c);
  if (m) return weak(m[1] ?? m[2], "done");
  m = /^(?:我)?(?:开始|着手|开始做|正在做|在做)(?:了)?(.+)$/.exec(c);
  if (m) return weak(m[1], "in_progress");
  m = /^(.+?)(?:正在进行|进行中|在做)$/.exec(c);
  return m ? weak(m[1], "in_progress") : undefined;
}

function readRename(c: string): Intent | undefined {
  let m = new RegExp(`^${BA}(.+?)的(?:描述|说明|备注|详情)(?:改为|改成|设为|写成|更新为|换成)(.+)$`).exec(c);
  if (m) return { op: "update", ref: m[1], title: null, description: m[2].trim() };
  m =
    new RegExp(`^${BA}(.+?)(?:的(?:标题|名字|名称))?(?:改名为|改名成|改名叫|重命名为|重命名成|更名为|命名为|改叫|改为|改成|换成|修改为|更改为)(.+)$`).exec(c) ??
    /^(?:重命名|改名)(.+?)(?:为|成|叫)(.+)$/.exec(c) ??
    /^(.+?)(?:改名为|改名成|重命名为|更名为|改名叫)(.+)$/.exec(c);
  if (!m) return undefined;
  const s = zhStatus(m[2]);
  if (s) return { op: "status", refs: m[1], status: s };
  const t = cleanTitle(m[2], true);
  return t ? { op: "update", ref: m[1], title: t, description: null } : undefined;
}

function readMove(c: string, ctx: PhraseContext): Intent | undefined {
  let m = new RegExp(`^${BA}(.+?)${MOVE}${TOP}(?:去)?$`).exec(c);
  if (m) return { op: "move", ref: m[1], placement: { at: "top" } };
  m = new RegExp(`^${BA}(.+?)${MOVE}${END}(?:去)?$`).exec(c);
  if (m) return { op: "move", ref: m[1], placement: { at: "end" } };
  m = new RegExp(`^${BA}(.+?)${MOVE}(?:顶层|最外层|第一层|一级|顶级)(?:任务)?(?:去)?$`).exec(c);
  if (m) return { op: "move", ref: m[1], placement: { at: "top_level" } };
  m = new RegExp(`^${BA}(.+?)(?:往|向)?(上移|下移|往上挪|往下挪|往上移|往下移)(?:一位|一格|一个位置)?$`).exec(c);
  if (m) return { op: "move", ref: m[1], placement: { at: m[2].includes("上") ? "up" : "down" } };
  m = new RegExp(`^${BA}(.+?)${MOVE}第?(\\d+|[一二两三四五六七八九十]+)(?:位|个位置)$`).exec(c);
  if (m) return { op: "move", ref: m[1], placement: { at: "index", index: Math.max(0, (parseCnNumber(m[2]) ?? 1) - 1) } };
  m = new RegExp(`^${BA}(.+?)${MOVE}(.+?)(?:的)?${REL}(?:去)?(?:作为|当作|成为)?(?:它的|其)?(?:子任务)?$`).exec(c);
  if (m) return { op: "move", ref: m[1], placement: { at: relation(m[3]), ref: m[2] } };
  m = new RegExp(`^${BA}(.+?)${MOVE}(.+?)(?:去)?$`).exec(c);
  if (m && ctx.isTask(m[2], true)) return { op: "move", ref: m[1], placement: { at: "under", ref: m[2] } };
  return undefined;
}

function readDelete(c: string): Intent | undefined {
  const m = new RegExp(`^${BA}(.+?)(?:给)?(?:删掉|删除|删了|删去|去掉|去除|移除|拿掉|删)(?:掉)?$`).exec(c) ?? /^(?:删除|删掉|删去|去掉|移除|拿掉|删)(?:掉)?(.+)$/.exec(c);
  if (m) return { op: "delete", refs: m[1] };
  const n = /^(.+?)(?:不要了|不需要了|可以删掉了)$/.exec(c);
  return n && isNumberRef(n[1]) ? { op: "delete", refs: n[1] } : undefined;
}

function readAdd(c: string, ctx: PhraseContext): Intent | undefined {
  let placement: Placement | null = null;
  let body: string | undefined;
  let subtask = false;
  let m = new RegExp(`^在(?:计划|列表|清单)?(?:的)?(${TOP}|${END})(?:再)?${ADD}(.+)$`).exec(c);
  if (m) {
    placement = { at: new RegExp(`^${TOP}$`).test(m[1]) ? "top" : "end" };
    body = m[2];
  }
  m = body ? null : /^(?:给|为|在)(.+?)(?:添加|新增|增加|加上|加入|加|添)(?:一个|一项|一条|个|条|项)?(?:子任务|子项|小任务|子步骤)(.+)$/.exec(c);
  if (m) {
    placement = { at: "under", ref: m[1] };
    body = m[2];
    subtask = true;
  }
  m = body ? null : new RegExp(`^(?:在|往)(.+?)(?:的)?${REL}(?:再)?${ADD}(.+)$`).exec(c);
  if (m) {
    if (/^(?:计划|列表|清单|这个计划)$/.test(m[1])) placement = null;
    else placement = { at: relation(m[2]), ref: m[1] };
    body = m[3];
  }
  m = body ? null : new RegExp(`^${ADD}(.+?)(?:到|在)(.+?)(?:的)?${REL}$`).exec(c);
  if (m && (ctx.isTask(m[2]) || looksLikeRef(m[2]))) {
    placement = { at: relation(m[3]), ref: m[2] };
    body = m[1];
  }
  m = body ? null : /^(?:添加|新增|增加|加上|加入|插入|补充)(.+)$/.exec(c) ?? /^(?:再加|加|添)(?=一个|一项|一条|个|条|项|上|任务|步骤|子任务|[：:“"])(.+)$/.exec(c) ?? /^新(?:任务|步骤)[：:]\s*(.+)$/.exec(c);
  if (m) {
    body = m[1];
    const into = /^(.+?)(?:到|进)(.+?)(?:里|中|下面|下)?$/.exec(body);
    if (into && /^(?:计划|列表|清单|这个计划)$/.test(into[2])) body = into[1];
    else if (into && ctx.isTask(into[2], true)) {
      placement = { at: "under", ref: into[2] };
      body = into[1];
    }
    subtask = /^(?:一个|一项|一条|个)?(?:子任务|子项|子步骤)/.test(body);
  }
  if (body === undefined) return undefined;
  const t = title(body);
  if (!t) return undefined;
  if (subtask && !placement) placement = { at: "under", ref: "" };
  return { op: "add", title: t, placement, subtask };
}

/**
 * Reads one Chinese clause as a plan-editing command (see the file header for
 * the phrasings), after dropping politeness ("请", "帮我") and trailing
 * particles ("吧", "一下"). Undefined when it is not one; weak phrasings such
 * as "完成X" or "X完成了" only count when X names a task (`ctx.isTask`).
 */
export function readChineseClause(clause: string, ctx: PhraseContext): Intent | undefined {
  const c = clause.trim().replace(POLITE, "").replace(TRAILING, "").trim();
  if (!c) return undefined;
  return readDecompose(c) ?? readStatus(c, ctx) ?? readRename(c) ?? readMove(c, ctx) ?? readDelete(c) ?? readAdd(c, ctx);
}
