import "server-only";
// The short replies that go with plan edits: what will be done, in the
// message's language, or a question when a task could not be found (English
// and Chinese here, Japanese, Spanish and French in task-operation-replies-intl.ts).
import type { Language } from "@/lib/shared/language";
import type { TaskStatus } from "@/lib/shared/plans";
import type { PlanTask } from "./task-matching.ts";
import { INTL_EDIT_TEXTS, intlEditReply } from "./task-operation-replies-intl.ts";
import { clip } from "./text.ts";

/** One edit as the reply describes it; task names are titles. */
export type EditSummary =
  | { kind: "add"; title: string; where: "end" | "top" | "index" | "before" | "after" | "under"; anchor?: string }
  | { kind: "status"; task: string; status: TaskStatus }
  | { kind: "rename"; task: string; title: string }
  | { kind: "describe"; task: string }
  | { kind: "move"; task: string; where: "before" | "after" | "under" | "top" | "end" | "top_level" | "up" | "down" | "index"; anchor?: string; index?: number }
  | { kind: "delete"; task: string; withSubtasks: boolean }
  | { kind: "decompose"; task: string | null }
  | { kind: "execute"; task: string | null; subtasks: number };

const EN_STATUS: Record<TaskStatus, string> = { todo: "to do", in_progress: "in progress", done: "done", failed: "failed", blocked: "blocked", skipped: "skipped" };
const ZH_STATUS: Record<TaskStatus, string> = { todo: "待办", in_progress: "进行中", done: "已完成", failed: "失败", blocked: "受阻", skipped: "已跳过" };

const q = (text: string, zh: boolean) => (zh ? `“${clip(text, 60)}”` : `“${clip(text, 80)}”`);

function english(s: EditSummary): string {
  switch (s.kind) {
    case "add": {
      const where = { end: "", top: " at the top", index: "", before: " before ", after: " after ", under: " under " }[s.where];
      return `add ${q(s.title, false)}${where}${s.anchor ? q(s.anchor, false) : ""}`;
    }
    case "status":
      return `mark ${q(s.task, false)} as ${EN_STATUS[s.status]}`;
    case "rename":
      return `rename ${q(s.task, false)} to ${q(s.title, false)}`;
    case "describe":
      return `update the description of ${q(s.task, false)}`;
    case "move": {
      const where = {
        before: " before ",
        after: " after ",
        under: " under ",
        top: " to the top",
        end: " to the end",
        top_level: " to the top level",
        up: " up one place",
        down: " down one place",
        index: ` to position ${(s.index ?? 0) + 1}`,
      }[s.where];
      return `move ${q(s.task, false)}${where}${s.anchor ? q(s.anchor, false) : ""}`;
    }
    case "delete":
      return `delete ${q(s.task, false)}${s.withSubtasks ? " and its subtasks" : ""}`;
    case "decompose":
      return s.task ? `break ${q(s.task, false)} down into subtasks` : "break every top-level task into subtasks";
    case "execute":
      return s.task ? `execute ${q(s.task, false)}${s.subtasks ? " and its subtasks" : ""}` : "execute the plan";
  }
}

function chinese(s: EditSummary): string {
  switch (s.kind) {
    case "add":
      if (s.where === "top") return `在最前面添加${q(s.title, true)}`;
      if (!s.anchor) return `添加${q(s.title, true)}`;
      return `在${q(s.anchor, true)}${{ before: "之前", after: "之后", under: "下面" }[s.where as "before"]}添加${q(s.title, true)}`;
    case "status":
      return `把${q(s.task, true)}标记为${ZH_STATUS[s.status]}`;
    case "rename":
      return `把${q(s.task, true)}改名为${q(s.title, true)}`;
    case "describe":
      return `更新${q(s.task, true)}的描述`;
    case "move": {
      const where = {
        before: "之前",
        after: "之后",
        under: "下面",
        top: "最前面",
        end: "最后",
        top_level: "顶层",
        up: "上移一位",
        down: "下移一位",
        index: `第${(s.index ?? 0) + 1}位`,
      }[s.where];
      if (s.where === "up" || s.where === "down") return `把${q(s.task, true)}${where}`;
      return `把${q(s.task, true)}移到${s.anchor ? q(s.anchor, true) : ""}${where}`;
    }
    case "delete":
      return `删除${q(s.task, true)}${s.withSubtasks ? "及其子任务" : ""}`;
    case "decompose":
      return s.task ? `把${q(s.task, true)}拆解成子任务` : "把每个主要任务都拆解成子任务";
    case "execute":
      return s.task ? `执行${q(s.task, true)}${s.subtasks ? "及其子任务" : ""}` : "执行整个计划";
  }
}

/** "Sure — I'll add “X” under “Y”, then mark “Z” as done." / "好的，我会……，然后……。" for the edits, in order (at most 4000 characters). */
export function editReply(edits: EditSummary[], language: Language): string {
  if (language === "ja" || language === "es" || language === "fr") return intlEditReply(edits, language);
  if (language === "zh-CN") return clip(`好的，我会${edits.map(chinese).join("，然后")}。`, 4000);
  return clip(`Sure — I'll ${edits.map(english).join(", then ")}.`, 4000);
}

/**
 * The reply to a lone execute command: the whole plan ("Executing the plan
 * now: 5 tasks in order, starting with “Book the venue”.", `count` top-level
 * tasks, `first` the first one's title) or one task (with its subtasks).
 */
export function executeReply(s: Extract<EditSummary, { kind: "execute" }>, count: number, first: string | undefined, language: Language): string {
  if (language === "ja" || language === "es" || language === "fr") {
    return s.task ? INTL_EDIT_TEXTS[language].executeTask(s.task, s.subtasks) : INTL_EDIT_TEXTS[language].executePlan(count, first);
  }
  const zh = language === "zh-CN";
  if (s.task) {
    const with_ = s.subtasks ? (zh ? `及其${s.subtasks}个子任务` : `, with its ${s.subtasks} subtask${s.subtasks === 1 ? "" : "s"}`) : "";
    return zh ? `现在开始执行${q(s.task, true)}${with_}，会用工具完成能完成的部分。` : `Executing ${q(s.task, false)} now${with_}, using tools where they help.`;
  }
  const start = first ? (zh ? `，从${q(first, true)}开始` : `, starting with ${q(first, false)}`) : "";
  return zh
    ? `现在开始执行计划：按顺序执行${count}个任务${start}，会用工具完成能完成的部分。`
    : `Executing the plan now: ${count} task${count === 1 ? "" : "s"} in order${start}, using tools where they help.`;
}

/** The reply to an execute command in a conversation without a plan. */
export function noPlanToExecuteReply(language: Language): string {
  if (language === "ja" || language === "es" || language === "fr") return INTL_EDIT_TEXTS[language].noPlan;
  return language === "zh-CN"
    ? "这个对话还没有计划，没有可以执行的内容。先告诉我一个目标，比如“规划一次三天的杭州旅行”，我做好计划后就可以执行。"
    : "There's no plan to execute yet. Tell me a goal first — for example, “plan a 3-day trip to Hangzhou” — and once the plan is ready I can execute it.";
}

/** The task to suggest in a question: the first top-level one. */
function example(tasks: PlanTask[]): PlanTask | undefined {
  return tasks.find((t) => t.parentId === null) ?? tasks[0];
}

/** A question for a reference that names no task of the plan, suggesting one that exists. */
export function notFoundReply(ref: string, tasks: PlanTask[], language: Language): string {
  const ex = example(tasks);
  const shown = clip(ref.trim(), 80);
  if (language === "ja" || language === "es" || language === "fr") return INTL_EDIT_TEXTS[language].notFound(shown, ex?.number ?? "1", ex?.title ?? "");
  if (language === "zh-CN") {
    return `计划里没有找到“${shown}”。你指的是哪个任务？可以用编号或标题，比如“任务${ex?.number ?? 1}”或“${ex?.title ?? ""}”。`;
  }
  return `I couldn't find “${shown}” in this plan. Which task do you mean? You can use its number or title, for example “task ${ex?.number ?? 1}” or “${ex?.title ?? ""}”.`;
}

/** The question when a breakdown request names no task (the same wording as before plan editing existed). */
export function whichToDecomposeReply(tasks: PlanTask[], language: Language): string {
  const title = example(tasks)?.title ?? "";
  if (language === "ja" || language === "es" || language === "fr") return INTL_EDIT_TEXTS[language].whichToDecompose(title);
  return language === "zh-CN" ? `你想细化哪一个任务？比如可以说“把‘${title}’拆解一下”。` : `Which task should I break down? For example, say “break down ${title}”.`;
}

/** The question when a subtask names no parent. */
export function whichParentReply(title: string, tasks: PlanTask[], language: Language): string {
  const parent = example(tasks)?.title ?? "";
  if (language === "ja" || language === "es" || language === "fr") return INTL_EDIT_TEXTS[language].whichParent(title, parent);
  return language === "zh-CN"
    ? `要把“${clip(title, 60)}”加到哪个任务下面？比如可以说“在‘${parent}’下面添加${clip(title, 60)}”。`
    : `Which task should “${clip(title, 80)}” go under? For example, say “add ${clip(title, 80)} under ${parent}”.`;
}

/** The answer to moving a task next to or under itself (or its own subtasks). */
export function selfMoveReply(task: string, language: Language): string {
  if (language === "ja" || language === "es" || language === "fr") return INTL_EDIT_TEXTS[language].selfMove(task);
  return language === "zh-CN"
    ? `不能把“${clip(task, 60)}”移到它自己或它的子任务旁边或下面。你想把它移到哪里？`
    : `I can't move “${clip(task, 80)}” next to or under itself or its own subtasks. Where should it go instead?`;
}
