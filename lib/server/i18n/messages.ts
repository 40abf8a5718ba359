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
  "decompose.done": {
    en: (p: { count: number }) => `Created ${p.count} subtasks`,
    "zh-CN": (p: { count: number }) => `共创建 ${p.count} 个子任务`,
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
