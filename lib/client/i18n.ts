"use client";
// UI strings in English and Chinese, the language store (localStorage
// `planstream.lang`, default from navigator.language) and `useT()`.
import { createContext, useContext } from "react";
import { createPersistedStore } from "./persisted-store";

export type Lang = "en" | "zh-CN";
export const LANGS: readonly Lang[] = ["en", "zh-CN"];
export const LANG_STORAGE_KEY = "planstream.lang";

const en = {
  "app.name": "Planstream",
  "app.language": "Language",

  "chat.conversations": "Conversations",
  "chat.newConversation": "New chat",
  "chat.noConversations": "No conversations yet",
  "chat.loadConversationsError": "Could not load conversations",
  "chat.loadConversationError": "Could not load this conversation",
  "chat.conversationNotFound": "This conversation does not exist or is not yours",
  "chat.placeholder": "Describe a goal… (Enter to send, Shift+Enter for a new line)",
  "chat.send": "Send",
  "chat.sendFailed": "Message not sent",
  "chat.thinking": "Thinking…",
  "chat.welcomeTitle": "What do you want to plan?",
  "chat.welcomeBody": "Describe a goal. The assistant answers at once, creates a plan and splits it into tasks while you watch the log.",
  "chat.example1": "Plan the launch of a mobile app in 6 weeks",
  "chat.example2": "Organise a two-day team offsite for 20 people",
  "chat.inputLabel": "Message",

  "action.pending": "Pending",
  "action.running": "Running",
  "action.completed": "Completed",
  "action.failed": "Failed",
  "action.rejected": "Rejected",
  "action.cancelled": "Cancelled",

  "jobType.plan_decompose": "Plan decomposition",
  "jobType.plan_execute": "Plan execution",
  "jobType.task_operation": "Task operation",
  "jobType.chat_actions": "Chat actions",

  "jobStatus.pending": "Pending",
  "jobStatus.running": "Running",
  "jobStatus.succeeded": "Succeeded",
  "jobStatus.failed": "Failed",
  "jobStatus.cancelled": "Cancelled",
  "jobStatus.loading": "Loading",
  "jobStatus.missing": "Not found",

  "log.missing": "This job was cleaned up or does not exist",
  "log.offline": "Connection lost: the log is not updating.",
  "log.loadError": "The log could not be loaded",
  "log.retry": "Retry",
  "log.polling": "polling",
  "log.pollingHint": "The live stream is unavailable; the log is refreshed by polling",
  "log.collapse": "Collapse log",
  "log.expand": "Expand log",
  "log.viewDetails": "View details",
  "log.cancel": "Cancel job",
  "log.cancelFailed": "Could not cancel",
  "log.levelFilter": "Filter by level",
  "log.levelAll": "All levels",
  "log.search": "Search the log",
  "log.matches": "{shown} of {total} lines",
  "log.noMatches": "No lines match",
  "jobs.backToChat": "Back to chat",
  "jobs.attempt": "Attempt",
  "jobs.created": "Created",
  "jobs.title": "My jobs",
  "jobs.allTitle": "All jobs (support)",
  "jobs.history": "Job history",
  "jobs.filters": "Job filters",
  "jobs.col.job": "Job",
  "jobs.col.type": "Type",
  "jobs.col.status": "Status",
  "jobs.col.plan": "Plan",
  "jobs.col.created": "Created",
  "jobs.col.duration": "Duration",
  "jobs.col.lines": "Lines",
  "jobs.col.owner": "Owner",
  "jobs.dateRange": "Created between",
  "jobs.searchId": "Job id",
  "jobs.clearFilters": "Clear filters",
  "jobs.filterByPlan": "Show this plan's jobs",
  "jobs.watchRunning": "Watch running ({n})",
  "jobs.refresh": "Refresh",
  "jobs.loadError": "Could not load jobs",
  "jobs.empty": "No jobs yet. Send a message in the chat to start one.",
  "jobs.noMatches": "No jobs match these filters",
  "jobs.pages": "Pages",
  "jobs.pageInfo": "Page {page} · {total} jobs",
  "jobs.prev": "Previous",
  "jobs.next": "Next",
  "jobs.parent": "Parent job",
  "jobs.children": "Child jobs ({n})",
  "jobs.planJobs": "its jobs",
  "jobs.planMissing": "deleted or not visible",
  "support.role": "Support",
  "support.title": "Support sign-in",
  "support.intro": "Enter the support token to see and export every user's jobs. The role lasts 12 hours on this browser.",
  "support.token": "Support token",
  "support.tokenRequired": "Enter the support token",
  "support.wrongToken": "Wrong support token",
  "support.submit": "Sign in",
  "support.signIn": "Support sign-in",
  "support.signOut": "Sign out of support",
  "support.signedIn": "You are signed in as support",
  "support.openJobs": "Open all jobs",
  "support.disabled": "Support sign-in is not enabled on this server (SUPPORT_TOKEN is not set).",
  "log.copyLine": "Copy line {seq}",
  "log.copied": "Line {seq} copied",
  "log.copyFailed": "Could not copy to the clipboard",
  "log.timeMode": "Timestamps",
  "log.timeClock": "Clock",
  "log.timeRelative": "Relative",
  "log.export": "Export",
  "log.exportJson": "JSON",
  "log.exportNdjson": "NDJSON",
  "log.exportText": "Text",
  "log.simulated": "simulated",
  "log.simulatedHint": "The model's narration of its plan: not evidence that anything ran",
  "log.waiting": "Waiting for the first log line…",
  "log.loadEarlier": "Load earlier lines",
  "log.jumpToLatest": "Jump to latest",
  "log.duration": "Duration",
  "log.lines": "Lines",
  "log.warnings": "Warnings",
  "log.errors": "Errors",
  "log.llmCalls": "LLM calls",
  "log.createdTasks": "Created tasks",
  "log.progress": "Progress {done}/{total}",
  "log.error": "The job failed",
  "log.elapsed": "Elapsed time",

  "plan.title": "Plan",
  "plan.tasks": "tasks",
  "plan.refresh": "Refresh",
  "plan.empty": "Tasks will appear here as the plan is built",
  "plan.none": "No plan yet. Describe a goal and the assistant will create one.",
  "plan.loadError": "Could not load the plan",

  "taskStatus.todo": "To do",
  "taskStatus.running": "Running",
  "taskStatus.done": "Done",
  "taskStatus.failed": "Failed",
  "taskStatus.skipped": "Skipped",
} as const;

export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = {
  "app.name": "Planstream",
  "app.language": "语言",

  "chat.conversations": "对话",
  "chat.newConversation": "新对话",
  "chat.noConversations": "还没有对话",
  "chat.loadConversationsError": "无法加载对话列表",
  "chat.loadConversationError": "无法加载该对话",
  "chat.conversationNotFound": "该对话不存在或不属于你",
  "chat.placeholder": "描述一个目标…（Enter 发送，Shift+Enter 换行）",
  "chat.send": "发送",
  "chat.sendFailed": "消息未发送",
  "chat.thinking": "思考中…",
  "chat.welcomeTitle": "想规划点什么？",
  "chat.welcomeBody": "描述一个目标。助手会立即回复，创建计划并拆分为任务，过程实时显示在日志中。",
  "chat.example1": "规划一个移动应用在 6 周内上线",
  "chat.example2": "为 20 人组织一次两天的团队外出活动",
  "chat.inputLabel": "消息",

  "action.pending": "等待中",
  "action.running": "进行中",
  "action.completed": "已完成",
  "action.failed": "失败",
  "action.rejected": "已拒绝",
  "action.cancelled": "已取消",

  "jobType.plan_decompose": "计划拆解",
  "jobType.plan_execute": "计划执行",
  "jobType.task_operation": "任务操作",
  "jobType.chat_actions": "对话动作",

  "jobStatus.pending": "排队中",
  "jobStatus.running": "进行中",
  "jobStatus.succeeded": "成功",
  "jobStatus.failed": "失败",
  "jobStatus.cancelled": "已取消",
  "jobStatus.loading": "加载中",
  "jobStatus.missing": "不存在",

  "log.missing": "该任务记录已被清理或不存在",
  "log.offline": "连接已断开，日志暂停更新。",
  "log.loadError": "无法加载日志",
  "log.retry": "重试",
  "log.polling": "轮询",
  "log.pollingHint": "实时流不可用，日志通过轮询刷新",
  "log.collapse": "收起日志",
  "log.expand": "展开日志",
  "log.viewDetails": "查看详情",
  "log.cancel": "取消任务",
  "log.cancelFailed": "无法取消",
  "log.levelFilter": "按级别筛选",
  "log.levelAll": "全部级别",
  "log.search": "搜索日志",
  "log.matches": "显示 {shown} / {total} 行",
  "log.noMatches": "没有匹配的日志行",
  "jobs.backToChat": "返回聊天",
  "jobs.attempt": "尝试次数",
  "jobs.created": "创建时间",
  "jobs.title": "我的任务",
  "jobs.allTitle": "全部任务（支持）",
  "jobs.history": "任务历史",
  "jobs.filters": "任务筛选",
  "jobs.col.job": "任务",
  "jobs.col.type": "类型",
  "jobs.col.status": "状态",
  "jobs.col.plan": "计划",
  "jobs.col.created": "创建时间",
  "jobs.col.duration": "耗时",
  "jobs.col.lines": "日志行",
  "jobs.col.owner": "所有者",
  "jobs.dateRange": "创建日期范围",
  "jobs.searchId": "任务 ID",
  "jobs.clearFilters": "清除筛选",
  "jobs.filterByPlan": "只看这个计划的任务",
  "jobs.watchRunning": "查看运行中（{n}）",
  "jobs.refresh": "刷新",
  "jobs.loadError": "无法加载任务",
  "jobs.empty": "还没有任务。在聊天里发一条消息就会开始。",
  "jobs.noMatches": "没有符合筛选条件的任务",
  "jobs.pages": "分页",
  "jobs.pageInfo": "第 {page} 页 · 共 {total} 个任务",
  "jobs.prev": "上一页",
  "jobs.next": "下一页",
  "jobs.parent": "父任务",
  "jobs.children": "子任务（{n}）",
  "jobs.planJobs": "该计划的任务",
  "jobs.planMissing": "已删除或不可见",
  "support.role": "支持",
  "support.title": "支持人员登录",
  "support.intro": "输入支持令牌即可查看和导出所有用户的任务。该角色在此浏览器上保持 12 小时。",
  "support.token": "支持令牌",
  "support.tokenRequired": "请输入支持令牌",
  "support.wrongToken": "支持令牌错误",
  "support.submit": "登录",
  "support.signIn": "支持人员登录",
  "support.signOut": "退出支持角色",
  "support.signedIn": "你已以支持人员身份登录",
  "support.openJobs": "打开全部任务",
  "support.disabled": "此服务器未启用支持人员登录（未设置 SUPPORT_TOKEN）。",
  "log.copyLine": "复制第 {seq} 行",
  "log.copied": "已复制第 {seq} 行",
  "log.copyFailed": "无法复制到剪贴板",
  "log.timeMode": "时间戳",
  "log.timeClock": "时钟",
  "log.timeRelative": "相对",
  "log.export": "导出",
  "log.exportJson": "JSON",
  "log.exportNdjson": "NDJSON",
  "log.exportText": "纯文本",
  "log.simulated": "模拟",
  "log.simulatedHint": "模型对计划的叙述，并不代表任何操作已经执行",
  "log.waiting": "等待第一条日志…",
  "log.loadEarlier": "加载更早的日志",
  "log.jumpToLatest": "跳到最新",
  "log.duration": "耗时",
  "log.lines": "日志行",
  "log.warnings": "警告",
  "log.errors": "错误",
  "log.llmCalls": "模型调用",
  "log.createdTasks": "新建任务",
  "log.progress": "进度 {done}/{total}",
  "log.error": "任务失败",
  "log.elapsed": "已用时间",

  "plan.title": "计划",
  "plan.tasks": "个任务",
  "plan.refresh": "刷新",
  "plan.empty": "计划生成时，任务会显示在这里",
  "plan.none": "还没有计划。描述一个目标，助手会为你创建。",
  "plan.loadError": "无法加载计划",

  "taskStatus.todo": "待办",
  "taskStatus.running": "进行中",
  "taskStatus.done": "完成",
  "taskStatus.failed": "失败",
  "taskStatus.skipped": "已跳过",
};

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A translator for `lang`; `{name}` placeholders are replaced from `vars`. */
export function translator(lang: Lang): Translate {
  const dict = DICTIONARIES[lang];
  return (key, vars) => {
    const text = dict[key] ?? en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

const isLang = (v: unknown): v is Lang => v === "en" || v === "zh-CN";

/** The stored choice, else the browser's language (zh* → zh-CN), else English. */
export function detectLang(stored: string | null = null): Lang {
  if (isLang(stored)) return stored;
  if (typeof navigator === "undefined") return "en";
  return navigator.language?.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

/**
 * The UI language: renders "en" on the server and during hydration, then the
 * browser's choice (localStorage `planstream.lang`), without a hydration mismatch.
 */
export const langStore = createPersistedStore<Lang>(LANG_STORAGE_KEY, detectLang, "en");

export type I18n = { lang: Lang; setLang: (lang: Lang) => void; t: Translate };

export const I18nContext = createContext<I18n>({ lang: "en", setLang: () => {}, t: translator("en") });

/** The current UI translator: `t("chat.send")`, `t("log.progress", {done: 1, total: 3})`. */
export function useT(): Translate {
  return useContext(I18nContext).t;
}

/** The current UI language and its setter (persists to localStorage). */
export function useLang(): Pick<I18n, "lang" | "setLang"> {
  const { lang, setLang } = useContext(I18nContext);
  return { lang, setLang };
}
