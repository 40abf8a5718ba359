import "server-only";

/**
 * Picks a log line in the job's language (the user's: DESIGN.md "UI languages").
 * @example say(lang, `Created ${n} tasks`, `已创建 ${n} 个任务`)
 */
export function say(language: "en" | "zh-CN", en: string, zh: string): string {
  return language === "zh-CN" ? zh : en;
}
