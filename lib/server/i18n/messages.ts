import "server-only";
import type { Language } from "@/lib/shared/language";

/**
 * Every sentence the server writes for a person (job log lines, action
 * names), in each language, in one table. Keys name the place; each entry
 * takes its parameters as one object.
 */
const messages = {
  "chat_actions.processing": {
    en: (p: { count: number }) => `Processing ${p.count} action(s) for this message`,
    "zh-CN": (p: { count: number }) => `正在处理本条消息的 ${p.count} 个操作`,
  },
  "chat_actions.plan_exists": {
    en: (p: { count: number }) => `create_plan: the plan already has ${p.count} top-level tasks; nothing to add`,
    "zh-CN": (p: { count: number }) => `create_plan：计划已有 ${p.count} 个顶层任务，无需再添加`,
  },
  "chat_actions.drafting": {
    en: (p: { title: string }) => `create_plan: drafting "${p.title}"`,
    "zh-CN": (p: { title: string }) => `create_plan：正在起草「${p.title}」`,
  },
  "chat_actions.created": {
    en: (p: { count: number }) => `Created ${p.count} top-level tasks`,
    "zh-CN": (p: { count: number }) => `已创建 ${p.count} 个顶层任务`,
  },
  "chat_actions.dispatched": {
    en: (p: { kind: string; jobId: string; jobType: string }) => `${p.kind} continues in job ${p.jobId} (${p.jobType})`,
    "zh-CN": (p: { kind: string; jobId: string; jobType: string }) => `${p.kind} 在任务 ${p.jobId}（${p.jobType}）中继续`,
  },
  "decompose.nothing": {
    en: () => "Nothing to decompose: every top-level task already has subtasks",
    "zh-CN": () => "无需拆解：每个顶层任务都已有子任务",
  },
  "decompose.start": {
    en: (p: { count: number; plan: string }) => `Decomposing ${p.count} task(s) of "${p.plan}"`,
    "zh-CN": (p: { count: number; plan: string }) => `正在拆解「${p.plan}」的 ${p.count} 个任务`,
  },
  "decompose.task": {
    en: (p: { n: number; total: number; title: string }) => `Task ${p.n}/${p.total}: ${p.title}`,
    "zh-CN": (p: { n: number; total: number; title: string }) => `任务 ${p.n}/${p.total}：${p.title}`,
  },
  "decompose.added": {
    en: (p: { count: number; title: string }) => `Added ${p.count} subtasks to "${p.title}"`,
    "zh-CN": (p: { count: number; title: string }) => `已为「${p.title}」添加 ${p.count} 个子任务`,
  },
  "decompose.deeper": {
    en: (p: { title: string; count: number }) => `"${p.title}" already has subtasks; splitting ${p.count} of them further`,
    "zh-CN": (p: { title: string; count: number }) => `「${p.title}」已有子任务，继续拆解其中 ${p.count} 个`,
  },
  "decompose.already_done": {
    en: (p: { title: string }) => `"${p.title}" was split by an earlier attempt of this job; not again`,
    "zh-CN": (p: { title: string }) => `「${p.title}」已在本任务的上一次尝试中拆解，不再重复`,
  },
  "decompose.too_deep": {
    en: (p: { title: string; depth: number }) => `"${p.title}" is already ${p.depth} levels deep; not split further`,
    "zh-CN": (p: { title: string; depth: number }) => `「${p.title}」已有 ${p.depth} 层，不再拆解`,
  },
  "decompose.task_gone": {
    en: (p: { title: string }) => `"${p.title}" was deleted meanwhile; its subtasks were not written`,
    "zh-CN": (p: { title: string }) => `「${p.title}」已被删除，未写入其子任务`,
  },
  "decompose.plan_full": {
    en: (p: { max: number }) => `The plan reached its limit of ${p.max} tasks; some subtasks were not added`,
    "zh-CN": (p: { max: number }) => `计划已达到 ${p.max} 个任务的上限，部分子任务未添加`,
  },
  "decompose.done": {
    en: (p: { count: number }) => `Created ${p.count} subtasks`,
    "zh-CN": (p: { count: number }) => `共创建 ${p.count} 个子任务`,
  },
  "execute.start": {
    en: (p: { count: number; plan: string }) => `Executing ${p.count} task(s) of “${p.plan}”`,
    "zh-CN": (p: { count: number; plan: string }) => `开始执行「${p.plan}」的 ${p.count} 个任务`,
  },
  "execute.node_started": {
    en: (p: { n: number; total: number; title: string }) => `(${p.n}/${p.total}) ${p.title}`,
    "zh-CN": (p: { n: number; total: number; title: string }) => `（${p.n}/${p.total}）${p.title}`,
  },
  "execute.node_completed": {
    en: (p: { title: string }) => `Done: ${p.title}`,
    "zh-CN": (p: { title: string }) => `已完成：${p.title}`,
  },
  "execute.node_manual": {
    en: (p: { title: string }) => `For you: ${p.title} (no tool could do it; see the suggestion)`,
    "zh-CN": (p: { title: string }) => `需要你来做：${p.title}（没有工具能完成，见建议）`,
  },
  "execute.node_open": {
    en: (p: { title: string; why: string }) => `Still open: ${p.title} (${p.why})`,
    "zh-CN": (p: { title: string; why: string }) => `尚未完成：${p.title}（${p.why}）`,
  },
  "execute.subtasks_manual": {
    en: (p: { open: number; count: number }) => `${p.open} of ${p.count} subtask(s) need a person`,
    "zh-CN": (p: { open: number; count: number }) => `${p.count} 个子任务中有 ${p.open} 个需要人来完成`,
  },
  "execute.node_failed": {
    en: (p: { title: string; error: string }) => `Failed: ${p.title}: ${p.error}`,
    "zh-CN": (p: { title: string; error: string }) => `失败：${p.title}：${p.error}`,
  },
  "execute.skipped_earlier": {
    en: (p: { title: string }) => `Skipped: ${p.title} (completed by an earlier attempt of this run)`,
    "zh-CN": (p: { title: string }) => `跳过：${p.title}（本次运行的上一次尝试已完成）`,
  },
  "execute.skipped_done": {
    en: (p: { title: string }) => `Skipped: ${p.title} (already done)`,
    "zh-CN": (p: { title: string }) => `跳过：${p.title}（已完成）`,
  },
  "execute.skipped_stopped": {
    en: (p: { title: string }) => `Not run: ${p.title} (the run stopped)`,
    "zh-CN": (p: { title: string }) => `未执行：${p.title}（运行已停止）`,
  },
  "execute.subtasks_done": {
    en: (p: { count: number }) => `All ${p.count} subtask(s) done`,
    "zh-CN": (p: { count: number }) => `${p.count} 个子任务全部完成`,
  },
  "execute.calendar": {
    en: (p: { count: number }) => `Making the calendar of ${p.count} scheduled task(s)`,
    "zh-CN": (p: { count: number }) => `正在为 ${p.count} 个已排期任务生成日历`,
  },
  "execute.complete": {
    en: (p: { done: number; manual: number; skipped: number; calls: number }) =>
      `Run complete: ${p.done} task(s) done, ${p.manual} left for a person, ${p.skipped} skipped, ${p.calls} tool call(s)`,
    "zh-CN": (p: { done: number; manual: number; skipped: number; calls: number }) =>
      `运行完成：完成 ${p.done} 个任务，${p.manual} 个需要人来完成，跳过 ${p.skipped} 个，工具调用 ${p.calls} 次`,
  },
  "execute.failed": {
    en: (p: { error: string }) => `Run failed: ${p.error}`,
    "zh-CN": (p: { error: string }) => `运行失败：${p.error}`,
  },
  "execute.restored": {
    en: (p: { count: number }) => `Stopped: ${p.count} unfinished task(s) set back to their status before the run`,
    "zh-CN": (p: { count: number }) => `已停止：${p.count} 个未完成的任务恢复为运行前的状态`,
  },
  "execute.interrupted_call": {
    en: () => "Interrupted: the server stopped during this call",
    "zh-CN": () => "已中断：调用期间服务器停止",
  },
  "action.create_plan": {
    en: (p: { title: string }) => `Create plan “${p.title}”`,
    "zh-CN": (p: { title: string }) => `创建计划「${p.title}」`,
  },
  "action.decompose_task": {
    en: (p: { title: string }) => `Decompose “${p.title}”`,
    "zh-CN": (p: { title: string }) => `拆解任务「${p.title}」`,
  },
  "action.decompose_all": {
    en: () => "Decompose the top-level tasks",
    "zh-CN": () => "拆解所有顶层任务",
  },
  "action.add_task": {
    en: (p: { title: string }) => `Add “${p.title}”`,
    "zh-CN": (p: { title: string }) => `添加任务「${p.title}」`,
  },
  "action.update_task": {
    en: (p: { title: string }) => `Change “${p.title}”`,
    "zh-CN": (p: { title: string }) => `修改任务「${p.title}」`,
  },
  "action.rename_task": {
    en: (p: { title: string; to: string }) => `Rename “${p.title}” to “${p.to}”`,
    "zh-CN": (p: { title: string; to: string }) => `将「${p.title}」改名为「${p.to}」`,
  },
  "action.execute_plan": {
    en: (p: { title: string }) => `Execute “${p.title}”`,
    "zh-CN": (p: { title: string }) => `执行计划「${p.title}」`,
  },
  "action.execute_task": {
    en: (p: { title: string }) => `Execute task “${p.title}”`,
    "zh-CN": (p: { title: string }) => `执行任务「${p.title}」`,
  },
  "action.move_task": {
    en: (p: { title: string }) => `Move “${p.title}”`,
    "zh-CN": (p: { title: string }) => `移动任务「${p.title}」`,
  },
  "action.set_task_status": {
    en: (p: { title: string; status: string }) => `Mark “${p.title}” as ${p.status}`,
    "zh-CN": (p: { title: string; status: string }) => `将「${p.title}」标记为${p.status}`,
  },
  "action.delete_task": {
    en: (p: { title: string }) => `Delete “${p.title}”`,
    "zh-CN": (p: { title: string }) => `删除任务「${p.title}」`,
  },
  "ops.start": {
    en: (p: { count: number; plan: string }) => `Applying ${p.count} change(s) to "${p.plan}"`,
    "zh-CN": (p: { count: number; plan: string }) => `正在对「${p.plan}」应用 ${p.count} 项修改`,
  },
  "ops.add": {
    en: (p: { title: string; parent: string }) => `Added "${p.title}" ${p.parent ? `under "${p.parent}"` : "at the top level"}`,
    "zh-CN": (p: { title: string; parent: string }) => `已添加「${p.title}」${p.parent ? `到「${p.parent}」下` : "到顶层"}`,
  },
  "ops.rename": {
    en: (p: { from: string; to: string }) => `Renamed "${p.from}" to "${p.to}"`,
    "zh-CN": (p: { from: string; to: string }) => `已将「${p.from}」改名为「${p.to}」`,
  },
  "ops.describe": {
    en: (p: { title: string }) => `Changed the description of "${p.title}"`,
    "zh-CN": (p: { title: string }) => `已修改「${p.title}」的描述`,
  },
  "ops.status": {
    en: (p: { title: string; from: string; to: string }) => `Marked "${p.title}" as ${p.to} (was ${p.from})`,
    "zh-CN": (p: { title: string; from: string; to: string }) => `已将「${p.title}」标记为${p.to}（原为${p.from}）`,
  },
  "ops.move": {
    en: (p: { title: string; parent: string; position: number }) => `Moved "${p.title}" ${p.parent ? `under "${p.parent}"` : "to the top level"}, position ${p.position}`,
    "zh-CN": (p: { title: string; parent: string; position: number }) => `已将「${p.title}」移到${p.parent ? `「${p.parent}」下` : "顶层"}第 ${p.position} 位`,
  },
  "ops.delete": {
    en: (p: { title: string; count: number }) => `Deleted "${p.title}"${p.count > 1 ? ` and its ${p.count - 1} subtask(s)` : ""}`,
    "zh-CN": (p: { title: string; count: number }) => `已删除「${p.title}」${p.count > 1 ? `及其 ${p.count - 1} 个子任务` : ""}`,
  },
  "ops.stale": {
    en: (p: { reason: string }) => `Nothing was changed: ${p.reason}. Ask again to apply your change to the plan as it is now.`,
    "zh-CN": (p: { reason: string }) => `未做任何修改：${p.reason}。请重新提出，以便基于计划的最新状态修改。`,
  },
  "status.todo": { en: () => "to do", "zh-CN": () => "待办" },
  "status.in_progress": { en: () => "in progress", "zh-CN": () => "进行中" },
  "status.done": { en: () => "done", "zh-CN": () => "已完成" },
  "status.failed": { en: () => "failed", "zh-CN": () => "失败" },
  "status.blocked": { en: () => "blocked", "zh-CN": () => "受阻" },
  "status.skipped": { en: () => "skipped", "zh-CN": () => "已跳过" },
  // ---- chat: resuming a cancelled or failed decomposition (issue 10) ----
  "action.resume_decompose": {
    en: (p: { title: string }) => `Resume splitting "${p.title}"`,
    "zh-CN": (p: { title: string }) => `继续拆解「${p.title}」`,
  },
  "action.resume_decompose_all": {
    en: () => "Resume splitting the plan's tasks",
    "zh-CN": () => "继续拆解计划中的任务",
  },
  "decompose.resuming": {
    en: (p: { jobId: string; count: number }) => `Resuming job ${p.jobId}: ${p.count} task(s) it already split are skipped`,
    "zh-CN": (p: { jobId: string; count: number }) => `继续任务 ${p.jobId}：跳过它已拆解的 ${p.count} 个任务`,
  },
} satisfies Record<string, Record<Language, (params: never) => string>>;

export type MessageKey = keyof typeof messages;
type ParamsOf<K extends MessageKey> = Parameters<(typeof messages)[K]["en"]>[0];

/**
 * The sentence `key` in `language`, filled with `params`.
 * @example t("zh-CN", "decompose.done", { count: 3 }) // "共创建 3 个子任务"
 */
export function t<K extends MessageKey>(language: Language, key: K, ...params: ParamsOf<K> extends undefined ? [] : [ParamsOf<K>]): string {
  const render = messages[key][language] as (p: ParamsOf<K> | undefined) => string;
  return render(params[0]);
}
