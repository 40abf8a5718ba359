import "server-only";
// chat_reply: a short reply plus the actions the app should take — edit the
// conversation's plan (task-operations.ts), plan a new goal, or nothing for
// small talk, questions about the app and anything unclear.
import type { Language } from "@/lib/shared/language";
import type { ChatReply } from "../schemas.ts";
import { detectDomain } from "./domain-detection.ts";
import { durationText } from "./duration.ts";
import { analyzeGoal } from "./goal-analysis.ts";
import { planTitle } from "./plan-title.ts";
import { hash, pick } from "./seeded-random.ts";
import { isFiller, isGibberish } from "./gibberish.ts";
import { findTask, parsePlanTasks } from "./task-matching.ts";
import { whichToDecomposeReply } from "./task-operation-replies.ts";
import { newPlanGoal } from "./task-operation-phrases.ts";
import { noPlanExecution, planEdits } from "./task-operations.ts";
import { chatToolQuestion } from "./chat-questions.ts";
import { clip } from "./text.ts";
import {
  CHAT_TEXTS,
  ES_FR_SMALL_TALK,
  INTL_ALL_WORDS,
  INTL_APP_QUESTION,
  INTL_BYE,
  INTL_DECOMPOSE_WORDS,
  INTL_GOAL_WORDS,
  INTL_INTENT_WORDS,
  INTL_OK,
  INTL_THANKS,
  JA_SMALL_TALK,
} from "./chat-reply-texts.ts";

const EN_SMALL_TALK = new Set(
  (
    "hi hello hey heya hiya yo there good morning afternoon evening night thanks thank you thx ty so much a lot " +
    "ok okay cool great nice awesome perfect bye goodbye see later cheers sure yes yeah yep no nope lol how are doing " +
    "whats up what's sup fine well again welcome got it"
  ).split(" "),
);
const ZH_SMALL_TALK = /^(?:你好|您好|嗨|哈喽|哈啰|喂|早上好|早安|上午好|中午好|下午好|晚上好|晚安|谢谢|多谢|谢啦|感谢|好的|好吧|好|嗯|嗯嗯|行|可以|没问题|收到|再见|拜拜|回头见|在吗|你好吗|最近怎么样|不客气|哈哈|呵呵|你|您|啦|呀|了|哦|啊|呢|吧|朋友|朋友们|大家|大家好|各位|老师|亲|小助手|助手|机器人)+$/;
/**
 * Words that state an intention ("I want", "we need", "help me", "how to", "for
 * my …"): a message of ordinary words that names no goal verb or domain is a
 * goal only with one of them ("the quick brown fox jumps" is not).
 */
const INTENT_WORDS =
  /\b(i|i'm|im|we|we're|my|our|me|us|want|wanna|need|needs|would like|help|should|have to|has to|must|going to|gonna|how to|for|to|by|in \d+|within)\b|我|我们|想|要|需要|帮|希望|打算|如何|怎么|怎样|给/i;
const APP_QUESTION =
  /\b(what can you do|what do you do|who are you|what are you|how (?:does|do) (?:this|it|you) work|how do i use|how to use (?:this|you)|what is planstream|help me understand)\b|你是谁|你能做什么|你会什么|你可以做什么|怎么用|如何使用|能干什么|有什么功能|怎么使用/i;
const GOAL_WORDS =
  /\b(plan|planning|organi[sz]e|prepare|launch|learn|build|write|start|create|make|host|run|train|move|moving|relocate|renovate|finish|complete|study|improve|lose|travel|visit|ship|release|develop|design|set up|get|pass|save|trip|party|wedding)\b|规划|计划|准备|安排|组织|学习|学会|举办|筹备|上线|发布|开发|写|搬家|减肥|旅行|旅游|备考|完成|打造|搭建|装修|整理|打扫|想去|去.{1,6}玩/i;
const DECOMPOSE_WORDS =
  /\b(break(?:ing)?\b.{0,40}\bdown|breakdown|decompose|split|subtasks?|sub-tasks?|more detail|in detail|detail|expand|flesh out|drill into|smaller steps)\b|细化|拆解|拆分|分解|展开|详细|具体一点|再细/i;

const NO_FIELDS = { taskId: null, parentId: null, position: null, description: null, status: null } as const;

/**
 * Answers chat_reply, matching chatReplySchema: a reply in `language` and the
 * actions to take, every field present (null when it does not apply).
 * - An explicit request for a new plan ("new plan for …", "新计划：…"): create_plan
 *   + decompose_task for its goal (a question when it names none).
 * - With `planTasks` (the `PlanTasks:` field, `id|number|status|title` or
 *   `id|title` entries): commands that edit THAT plan become add_task,
 *   update_task, move_task, set_task_status, delete_task and decompose_task
 *   actions, and "execute the plan" / "run task 3" / "执行计划" execute_plan /
 *   execute_task actions, last (planEdits), or a question when a task cannot be found; a goal-like
 *   message asks whether to add it or start a new plan.
 * - Without a plan, a goal: create_plan (titled as plan_outline will title it)
 *   followed by decompose_task; a request to execute: no actions, a reply
 *   saying there is no plan yet.
 * A plain question one read-only tool answers (arithmetic, dates, "what is
 * left?", "write the plan up as a document"): no actions, a reply naming the
 * lookup (the streamed chat answers it with the tool).
 * Small talk (a lone greeting), app questions, keyboard mash, filler text
 * ("lorem ipsum", "水电费水电费") and messages that name neither a goal nor an
 * intention: no actions, a question back (which goal to plan).
 * Deterministic; never throws.
 */
export function chatReply(args: { message: string; language: Language; planTasks?: string }): ChatReply {
  const message = args.message.trim();
  const lang = args.language;
  const say = CHAT_TEXTS[lang];
  const seed = hash(message.toLowerCase());
  const tasks = parsePlanTasks(args.planTasks);

  // An explicit request for a new plan, with or without a current one.
  const newGoal = newPlanGoal(message);
  if (newGoal !== undefined) {
    if (newGoal) return planGoal(newGoal, lang);
    return { reply: say.newPlanWhich, actions: [] };
  }

  // A question one read-only tool answers (the streamed chat answers it; nothing to change).
  const question = chatToolQuestion(message);
  if (question) return { reply: toolQuestionReply(question.tool, tasks.length > 0, lang), actions: [] };

  // "Execute the plan" with no plan to execute.
  if (tasks.length === 0) {
    const none = noPlanExecution(message, lang);
    if (none) return none;
  }

  if (tasks.length > 0) {
    // Commands that edit or execute the conversation's plan.
    const edits = planEdits({ message, language: lang, tasks });
    if (edits) return edits;
    // Any other request to break something down.
    if (DECOMPOSE_WORDS.test(message) || INTL_DECOMPOSE_WORDS.test(message)) {
      const all = /\b(all|every|each|everything|whole plan)\b|所有|全部|每个|每一个|整个/i.test(message) || INTL_ALL_WORDS.test(message);
      const task = all ? undefined : findTask(message, tasks);
      if (all || task) {
        return {
          reply: task ? say.decomposeTask(task.title) : say.decomposeAll,
          actions: [{ kind: "decompose_task", title: task ? clip(task.title, 200) : "", goal: "", ...NO_FIELDS, taskId: task?.id ?? null }],
        };
      }
      return { reply: whichToDecomposeReply(tasks, lang), actions: [] };
    }
  }

  // Small talk.
  const words = message.toLowerCase().replace(/[^\p{L}\p{N}\s']/gu, " ").split(/\s+/).filter(Boolean);
  const zhCompact = message.replace(/[\s\p{P}~～]+/gu, "");
  const isSmallTalk =
    message.length === 0 ||
    (words.length > 0 && words.length <= 8 && words.every((w) => EN_SMALL_TALK.has(w) || ES_FR_SMALL_TALK.has(w))) ||
    (zhCompact.length > 0 && (ZH_SMALL_TALK.test(zhCompact) || JA_SMALL_TALK.test(zhCompact)));
  if (isSmallTalk) return { reply: smallTalkReply(message, lang, seed), actions: [] };

  // Questions about the app.
  if (APP_QUESTION.test(message) || INTL_APP_QUESTION.test(message)) return { reply: say.appIntro, actions: [] };

  // Keyboard mash, random letters and filler text are not goals.
  if (isGibberish(message) || isFiller(message)) return { reply: say.gibberish, actions: [] };

  // A goal: anything substantial enough, or with a planning verb or a recognisable domain.
  // Japanese counts its kana too: a goal there is mostly kana and kanji without spaces.
  const cjkCount = (message.match(/[\u3040-\u30ff\u4e00-\u9fff]/g) ?? []).length;
  const looksLikeGoal = GOAL_WORDS.test(message) || INTL_GOAL_WORDS.test(message) || detectDomain(message) !== "generic";
  const substantial = cjkCount > 0 ? cjkCount >= 4 || (looksLikeGoal && cjkCount >= 2) : words.length >= 3 || (looksLikeGoal && words.length >= 2);
  const isQuestionOnly = /[?？]\s*$/.test(message) && !looksLikeGoal;
  const intent = INTENT_WORDS.test(message) || INTL_INTENT_WORDS.test(message);
  const isGoal = substantial && !isQuestionOnly && (looksLikeGoal || (intent && (words.length >= 4 || cjkCount >= 5)));
  if (tasks.length > 0) return { reply: isGoal ? addOrNewPlanReply(message, lang) : editHelpReply(tasks[0].title, lang), actions: [] };
  if (isGoal) return planGoal(message, lang);

  return { reply: say.moreDetail, actions: [] };
}

/** The reply to a tool question when no tool runs (POST /api/chat/message): what would answer it. */
function toolQuestionReply(tool: string, hasPlan: boolean, lang: Language): string {
  const zh = lang === "zh-CN";
  switch (tool) {
    case "calculate":
      return zh ? "我来算一下。" : "Let me work that out.";
    case "schedule":
      return zh ? "我来算一下日期。" : "Let me work out the date.";
    case "write_design_document":
      if (!hasPlan) return zh ? "还没有可以整理成文档的计划。先告诉我一个目标吧。" : "There is no plan to write up yet. Tell me a goal first.";
      return zh ? "好的，我来把计划整理成设计文档。" : "Sure — I'll write the plan up as a design document.";
    default:
      return zh ? "我来看一下计划。" : "Let me look at the plan.";
  }
}

/** create_plan (titled as plan_outline will title it) + decompose_task for `goal`, with a reply naming the plan. */
function planGoal(goal: string, lang: Language): ChatReply {
  const say = CHAT_TEXTS[lang];
  const a = analyzeGoal(goal, lang);
  const title = planTitle(a);
  let reply = pick(say.planned, hash(goal.toLowerCase()))(title);
  if (a.duration) reply += say.within(durationText(a.duration, lang));
  return {
    reply,
    actions: [
      { kind: "create_plan", title, goal: clip(goal, 4000), ...NO_FIELDS },
      { kind: "decompose_task", title: "", goal: "", ...NO_FIELDS },
    ],
  };
}

/** A goal-like message while a plan exists: ask whether it belongs in this plan or a new one. */
function addOrNewPlanReply(message: string, lang: Language): string {
  const text = clip(message.replace(/[\s.!?。！？]+$/u, ""), 80);
  return CHAT_TEXTS[lang].addOrNew(text);
}

/** An unclear message while a plan exists: what can be asked, with one of its tasks as the example. */
function editHelpReply(example: string, lang: Language): string {
  return CHAT_TEXTS[lang].editHelp(clip(example, 80));
}

function smallTalkReply(message: string, lang: Language, seed: number): string {
  const m = message.toLowerCase();
  const say = CHAT_TEXTS[lang];
  if (/thank|thx|\bty\b|谢|感谢/.test(m) || INTL_THANKS.test(m)) return pick(say.thanks, seed);
  if (/\bbye\b|goodbye|see you|later|再见|拜拜|回头见|晚安/.test(m) || INTL_BYE.test(m)) return say.bye;
  if (/^(ok|okay|cool|great|nice|awesome|perfect|sure|yes|yeah|yep|got it)\b|好的|收到|没问题|可以|嗯|行/.test(m) || INTL_OK.test(m)) return say.ok;
  return pick(say.hello, seed);
}
