import "server-only";
// chat_reply for a conversation that already has a plan: the message's
// commands (task-operation-phrases*.ts, execution-phrases.ts) become add_task,
// update_task, move_task, set_task_status, delete_task, decompose_task,
// execute_task and execute_plan actions on THAT plan, with task references resolved (task-references.ts) and positions
// computed on the tree as the earlier actions leave it (plan-tree.ts).
import type { Language } from "@/lib/shared/language";
import { PLAN_LIMITS } from "@/lib/shared/plans";
import type { ChatReply, ProposedAction } from "../schemas.ts";
import { CHAT_TEXTS } from "./chat-reply-texts.ts";
import { readExecutionClause } from "./execution-phrases.ts";
import { PlanTree } from "./plan-tree.ts";
import { readEnglishClause } from "./task-operation-phrases-en.ts";
import { readIntlClause } from "./task-operation-phrases-intl.ts";
import { readChineseClause } from "./task-operation-phrases-zh.ts";
import { parseCommands, type Intent, type PhraseContext } from "./task-operation-phrases.ts";
import { editReply, executeReply, noPlanToExecuteReply, notFoundReply, selfMoveReply, whichParentReply, whichToDecomposeReply, type EditSummary } from "./task-operation-replies.ts";
import { findTask, type PlanTask } from "./task-matching.ts";
import { resolveTaskRef, resolveTaskRefs } from "./task-references.ts";
import { clip } from "./text.ts";

const PRONOUN = /^(?:it|this|that|this one|that one|this task|that task|the same(?: task)?|它|这个|那个|这个任务|那个任务|该任务|それ|これ|esa|esta|esa tarea|esta tarea|celle-ci|cette tâche)$/i;
const EMPTY: Omit<ProposedAction, "kind"> = { title: null, goal: null, taskId: null, parentId: null, position: null, description: null, status: null };

/** Thrown inside planEdits when a command cannot be carried out: the reply is the question to ask instead. */
class Question {
  constructor(readonly reply: string) {}
}

/**
 * Reads one clause as a plan command, or undefined: an English or Chinese
 * execute command first (execution-phrases.ts), then Japanese, Spanish or
 * French commands (task-operation-phrases-intl.ts), then the Chinese editing
 * phrasings when it has Han characters (an English clause may still quote a
 * Chinese title), else the English ones only.
 */
function readClause(clause: string, ctx: PhraseContext): Intent | undefined {
  const execute = readExecutionClause(clause, ctx) ?? readIntlClause(clause, ctx);
  if (execute) return execute;
  return /\p{Script=Han}/u.test(clause) ? (readChineseClause(clause, ctx) ?? readEnglishClause(clause, ctx)) : readEnglishClause(clause, ctx);
}

/**
 * A message that asks to execute something while the conversation has no
 * plan ("execute the plan", "add X and run it", "执行计划"): the reply saying
 * there is no plan yet; undefined for any other message.
 */
export function noPlanExecution(message: string, language: Language): ChatReply | undefined {
  const ctx: PhraseContext = { isTask: () => false };
  const intents = parseCommands(message, (clause) => readClause(clause, ctx));
  return intents?.some((i) => i.op === "execute") ? { reply: noPlanToExecuteReply(language), actions: [] } : undefined;
}

/**
 * Answers a message that edits the conversation's plan. `tasks` is the plan
 * (parsePlanTasks, non-empty). Returns undefined when the message is not made
 * of plan-editing commands (small talk, a goal, a question: the caller decides);
 * otherwise a ChatReply whose `actions` do every command in order, each action
 * with all fields (null when they do not apply; add_task has description ""),
 * execute commands last (once the edits are made: one execute_plan, which
 * covers every task, or one execute_task per task named, taskId only),
 * and whose reply says what will happen — or, when a task reference matches
 * nothing (or a move would put a task inside itself), a question and no actions.
 */
export function planEdits(args: { message: string; language: Language; tasks: PlanTask[] }): ChatReply | undefined {
  const { language: lang, tasks } = args;
  const tree = new PlanTree(tasks);
  const live = () => tasks.filter((t) => tree.has(t.id));
  const ctx: PhraseContext = { isTask: (ref, strict) => Boolean(resolveTaskRef(ref, live(), strict)) };
  const intents = parseCommands(args.message, (clause) => readClause(clause, ctx));
  if (!intents) return undefined;

  const actions: ProposedAction[] = [];
  const edits: EditSummary[] = [];
  // Execution runs after every edit of the message, whatever the order it was said in.
  const executes: { action: ProposedAction; edit: EditSummary }[] = [];
  const execute = (t: PlanTask | null) => {
    if (executes.some((e) => e.action.kind === "execute_plan" || e.action.taskId === (t?.id ?? null))) return;
    if (t === null) executes.splice(0, executes.length);
    const subtasks = t ? tasks.filter((c) => c.parentId === t.id && tree.has(c.id)).length : 0;
    executes.push({ action: { ...EMPTY, kind: t ? "execute_task" : "execute_plan", taskId: t?.id ?? null }, edit: { kind: "execute", task: t ? name(t) : null, subtasks } });
  };
  // "it" / "它" in a later command: the task the previous command named.
  let last: PlanTask | undefined;
  const pronoun = (ref: string) => (PRONOUN.test(ref.trim()) && last && tree.has(last.id) ? last : undefined);
  const find = (ref: string): PlanTask => {
    const t = pronoun(ref) ?? resolveTaskRef(ref, live());
    if (!t) throw new Question(notFoundReply(ref, tasks, lang));
    return (last = t);
  };
  const findAll = (refs: string): PlanTask[] => {
    const it = pronoun(refs);
    const found = it ? [it] : resolveTaskRefs(refs, live());
    if (!found) throw new Question(notFoundReply(refs, tasks, lang));
    last = found.at(-1);
    return found;
  };
  // Titles as the earlier commands leave them (a rename shows up in later replies).
  const names = new Map<string, string>();
  const name = (t: PlanTask) => names.get(t.id) ?? t.title;
  let added = 0;
  try {
    for (const intent of intents.slice(0, PLAN_LIMITS.maxOperations)) {
      switch (intent.op) {
        case "add": {
          const p = intent.placement;
          let parentId: string | null = null;
          let position: number | null = null;
          let anchor: PlanTask | undefined;
          if (p?.at === "under" && !p.ref) throw new Question(whichParentReply(intent.title, tasks, lang));
          if (p?.at === "under" || p?.at === "before" || p?.at === "after") {
            anchor = find(p.ref);
            parentId = p.at === "under" ? anchor.id : tree.parentOf(anchor.id);
            position = p.at === "under" ? null : tree.indexOf(anchor.id) + (p.at === "after" ? 1 : 0);
          } else if (p?.at === "top") position = 0;
          else if (p?.at === "index") position = p.index;
          const id = `new:${added++}`;
          tree.insert(id, parentId, position);
          actions.push({ ...EMPTY, kind: "add_task", title: intent.title, description: "", parentId, position });
          const where = !p || p.at === "end" || p.at === "top_level" || p.at === "up" || p.at === "down" ? "end" : p.at;
          edits.push({ kind: "add", title: intent.title, where, anchor: anchor && name(anchor) });
          break;
        }
        case "status":
          for (const t of findAll(intent.refs)) {
            actions.push({ ...EMPTY, kind: "set_task_status", taskId: t.id, status: intent.status });
            edits.push({ kind: "status", task: name(t), status: intent.status });
          }
          break;
        case "update": {
          const t = find(intent.ref);
          const description = intent.description === null ? null : clip(intent.description, PLAN_LIMITS.maxDescriptionChars);
          actions.push({ ...EMPTY, kind: "update_task", taskId: t.id, title: intent.title, description });
          edits.push(intent.title ? { kind: "rename", task: name(t), title: intent.title } : { kind: "describe", task: name(t) });
          if (intent.title) names.set(t.id, intent.title);
          break;
        }
        case "move": {
          const t = find(intent.ref);
          const p = intent.placement;
          let parentId = tree.parentOf(t.id);
          let position: number | null = null;
          let anchor: PlanTask | undefined;
          if (p.at === "before" || p.at === "after" || p.at === "under") {
            anchor = find(p.ref);
            if (tree.isWithin(anchor.id, t.id)) throw new Question(selfMoveReply(name(t), lang));
            tree.detach(t.id);
            parentId = p.at === "under" ? anchor.id : tree.parentOf(anchor.id);
            position = p.at === "under" ? null : tree.indexOf(anchor.id) + (p.at === "after" ? 1 : 0);
          } else {
            const index = tree.indexOf(t.id);
            tree.detach(t.id);
            if (p.at === "top_level") parentId = null;
            const count = tree.childCount(parentId);
            if (p.at === "top") position = 0;
            else if (p.at === "up") position = Math.max(0, index - 1);
            else if (p.at === "down") position = Math.min(index + 1, count);
            else if (p.at === "index") position = Math.min(p.index, count);
          }
          tree.insert(t.id, parentId, position);
          actions.push({ ...EMPTY, kind: "move_task", taskId: t.id, parentId, position });
          edits.push({ kind: "move", task: name(t), where: p.at, anchor: anchor && name(anchor), index: p.at === "index" ? (position ?? 0) : undefined });
          break;
        }
        case "delete":
          for (const t of findAll(intent.refs)) {
            const withSubtasks = tasks.some((c) => c.parentId === t.id && tree.has(c.id));
            tree.remove(t.id);
            actions.push({ ...EMPTY, kind: "delete_task", taskId: t.id });
            edits.push({ kind: "delete", task: name(t), withSubtasks });
          }
          break;
        case "decompose": {
          if (intent.ref === "") throw new Question(whichToDecomposeReply(tasks, lang));
          if (intent.ref === null) {
            actions.push({ ...EMPTY, kind: "decompose_task", title: "", goal: "" });
            edits.push({ kind: "decompose", task: null });
            break;
          }
          // A loose reference ("灵隐寺那天") may still name a task by the older whole-text matching.
          const t = pronoun(intent.ref) ?? resolveTaskRef(intent.ref, live()) ?? findTask(intent.ref, live());
          if (!t) throw new Question(whichToDecomposeReply(tasks, lang));
          last = t;
          actions.push({ ...EMPTY, kind: "decompose_task", title: clip(name(t), 200), goal: "", taskId: t.id });
          edits.push({ kind: "decompose", task: name(t) });
          break;
        }
        case "execute": {
          // "run it" after a command that named a task runs that task; with none named, the plan.
          if (intent.ref === null || (PRONOUN.test(intent.ref.trim()) && !pronoun(intent.ref))) execute(null);
          else for (const t of findAll(intent.ref)) execute(t);
          break;
        }
      }
    }
  } catch (error) {
    if (error instanceof Question) return { reply: error.reply, actions: [] };
    throw error;
  }
  actions.push(...executes.map((e) => e.action));
  edits.push(...executes.map((e) => e.edit));
  const only = edits.length === 1 ? edits[0] : undefined;
  const top = tasks.filter((t) => t.parentId === null);
  const reply = only?.kind === "execute" ? executeReply(only, top.length, top[0]?.title, lang) : (singleDecomposeReply(edits, lang) ?? editReply(edits, lang));
  return { reply, actions };
}

/** The reply for a lone breakdown request, worded as before plan editing existed. */
function singleDecomposeReply(edits: EditSummary[], lang: Language): string | undefined {
  if (edits.length !== 1 || edits[0].kind !== "decompose") return undefined;
  const task = edits[0].task;
  return task === null ? CHAT_TEXTS[lang].decomposeAll : CHAT_TEXTS[lang].decomposeTask(task);
}
