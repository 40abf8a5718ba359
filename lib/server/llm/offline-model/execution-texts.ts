import "server-only";
// What the offline model says while executing a plan, in each language:
// the sentences about tool results (tool-summaries.ts) and the honest
// answers when no tool ran (execute-task.ts).
import type { Language } from "@/lib/shared/language";

/** Execution sentences of one language; tool names and values arrive as they are. */
export type ExecutionTexts = {
  /** Between sentences ("" in Chinese and Japanese). */
  join: string;
  /** A list of tool names ("calculate and schedule", "calculate、schedule"). */
  list: (tools: string[]) => string;
  resultLabel: string;
  calculated: (label: string, result: string, expression: string, legend: string | undefined) => string;
  /** calculate's output when it has no result field. */
  rawResult: (tool: string, shown: string) => string;
  /** Any other tool's output. */
  returned: (tool: string, shown: string) => string;
  dateText: (text: string) => string;
  deadlineForward: (date: string, weekday: string, amount: number, target: string | undefined) => string;
  deadlineBack: (date: string, weekday: string, amount: number, from: string, fromText: boolean) => string;
  wrote: (title: string, name: string | undefined) => string;
  calendar: (title: string, events: number, name: string | undefined) => string;
  denied: (tool: string, reason: string | undefined) => string;
  failed: (tool: string, error: string) => string;
  missingNote: (tools: string[]) => string;
  thisTask: string;
  noTool: (task: string, tools: string[], next: string) => string;
  byHand: (task: string, next: string) => string;
  nothingScheduled: string;
  noCalendarTool: (count: number) => string;
  calendarTitle: string;
};

const s = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const EXECUTION_TEXTS: Record<Language, ExecutionTexts> = {
  en: {
    join: " ",
    list: (t) => t.join(" and "),
    resultLabel: "Result",
    calculated: (l, r, e, legend) => `${l}: ${r} (${e})${legend ? ` — ${legend}` : ""}.`,
    rawResult: (tool, x) => `${tool} returned ${x}.`,
    returned: (tool, x) => `${tool} returned: ${x}.`,
    dateText: (t) => `Date calculation: ${t}.`,
    deadlineForward: (d, wd, n, target) => `Deadline: ${d} (${wd}), ${n} business days from today${target ? `, since counting back from ${target} would land before today` : ""}.`,
    deadlineBack: (d, wd, n, from, fromText) =>
      `Deadline: ${d} (${wd}), ${n} business days before ${fromText ? `the target date ${from}` : `${from} (30 days from today, as the goal names no date)`}.`,
    wrote: (t, name) => `Wrote “${t}”${name ? ` (${name})` : ""}.`,
    calendar: (t, n, name) => `Made the calendar “${t}” with ${n} event${s(n, "", "s")}${name ? ` (${name})` : ""}.`,
    denied: (tool, reason) => `${tool} was not run: ${reason ?? "the call was not approved"}.`,
    failed: (tool, e) => `${tool} failed: ${e}.`,
    missingNote: (t) => ` ${t.join(" and ")} ${t.length === 1 ? "is" : "are"} not available, so that part was not done.`,
    thisTask: "this task",
    noTool: (task, t, next) =>
      `No tool available: “${task}” needs ${t.join(" and ")}, which ${t.length === 1 ? "is" : "are"} not offered here, so nothing was done. Suggestion: ${next || "do it by hand and mark the task done"}.`,
    byHand: (task, next) => `No tool needed: “${task}” is done by hand, so no tool was used. Suggestion: ${next || "set aside time for it and mark the task done when finished"}.`,
    nothingScheduled: "Nothing was scheduled, so no calendar was made.",
    noCalendarTool: (n) => `The create_calendar tool is not offered, so no calendar was made for the ${n} scheduled task${s(n, "", "s")}.`,
    calendarTitle: "Plan",
  },
  "zh-CN": {
    join: "",
    list: (t) => t.join("、"),
    resultLabel: "结果",
    calculated: (l, r, e, legend) => `${l}：${r}（${e}）${legend ? `，即${legend}` : ""}。`,
    rawResult: (tool, x) => `${tool} 返回：${x}。`,
    returned: (tool, x) => `${tool}返回：${x}。`,
    dateText: (t) => `日期计算结果：${t}。`,
    deadlineForward: (d, wd, n, target) => `截止日期：${d}（${wd}），即从今天起${n}个工作日${target ? `；从${target}倒推会早于今天` : ""}。`,
    deadlineBack: (d, wd, n, from, fromText) => `截止日期：${d}（${wd}），即${fromText ? `目标日期${from}` : `${from}（今天起30天，目标里没有写日期）`}之前${n}个工作日。`,
    wrote: (t, name) => `已写好“${t}”${name ? `（${name}）` : ""}。`,
    calendar: (t, n, name) => `已生成日历“${t}”，共${n}个日程${name ? `（${name}）` : ""}。`,
    denied: (tool, reason) => `${tool}未执行：${reason ?? "调用未获批准"}。`,
    failed: (tool, e) => `${tool}失败：${e}。`,
    missingNote: (t) => `${t.join("、")}不可用，这部分没有做。`,
    thisTask: "这个任务",
    noTool: (task, t, next) => `没有可用的工具：“${task}”需要${t.join("、")}，但本次没有提供，所以什么也没有做。建议：${next || "手动完成后把任务标记为完成"}。`,
    byHand: (task, next) => `无需工具：“${task}”需要亲自完成，没有调用任何工具。建议：${next || "安排时间完成它，完成后把任务标记为完成"}。`,
    nothingScheduled: "没有安排任何日期，所以没有生成日历。",
    noCalendarTool: (n) => `没有可用的create_calendar工具，所以没有为${n}个已安排的任务生成日历。`,
    calendarTitle: "计划",
  },
  ja: {
    join: "",
    list: (t) => t.join("、"),
    resultLabel: "結果",
    calculated: (l, r, e, legend) => `${l}：${r}（${e}）${legend ? `、内訳は${legend}` : ""}。`,
    rawResult: (tool, x) => `${tool}の結果：${x}。`,
    returned: (tool, x) => `${tool}の結果：${x}。`,
    dateText: (t) => `日付の計算結果：${t}。`,
    deadlineForward: (d, wd, n, target) => `期限：${d}（${wd}）、今日から${n}営業日後${target ? `（${target}から逆算すると今日より前になるため）` : ""}。`,
    deadlineBack: (d, wd, n, from, fromText) => `期限：${d}（${wd}）、${fromText ? `目標日${from}` : `${from}（目標に日付がないため今日から30日後）`}の${n}営業日前。`,
    wrote: (t, name) => `「${t}」を作成しました${name ? `（${name}）` : ""}。`,
    calendar: (t, n, name) => `カレンダー「${t}」を予定${n}件で作成しました${name ? `（${name}）` : ""}。`,
    denied: (tool, reason) => `${tool}は実行されませんでした：${reason ?? "呼び出しが承認されませんでした"}。`,
    failed: (tool, e) => `${tool}は失敗しました：${e}。`,
    missingNote: (t) => `${t.join("、")}は利用できないため、その部分は行っていません。`,
    thisTask: "このタスク",
    noTool: (task, t, next) => `使えるツールがありません：「${task}」には${t.join("、")}が必要ですが、今回は提供されていないため、何も行っていません。提案：${next || "手作業で行い、終わったらタスクを完了にしてください"}。`,
    byHand: (task, next) => `ツールは不要です：「${task}」は手作業で行うため、ツールは使っていません。提案：${next || "時間を確保して行い、終わったらタスクを完了にしてください"}。`,
    nothingScheduled: "日付の決まったタスクがないため、カレンダーは作成しませんでした。",
    noCalendarTool: (n) => `create_calendarツールが提供されていないため、予定のある${n}件のタスクのカレンダーは作成しませんでした。`,
    calendarTitle: "計画",
  },
  es: {
    join: " ",
    list: (t) => t.join(" y "),
    resultLabel: "Resultado",
    calculated: (l, r, e, legend) => `${l}: ${r} (${e})${legend ? ` — ${legend}` : ""}.`,
    rawResult: (tool, x) => `${tool} devolvió ${x}.`,
    returned: (tool, x) => `${tool} devolvió: ${x}.`,
    dateText: (t) => `Cálculo de fecha: ${t}.`,
    deadlineForward: (d, wd, n, target) => `Fecha límite: ${d} (${wd}), ${n} días hábiles desde hoy${target ? `, porque contar hacia atrás desde ${target} caería antes de hoy` : ""}.`,
    deadlineBack: (d, wd, n, from, fromText) =>
      `Fecha límite: ${d} (${wd}), ${n} días hábiles antes de ${fromText ? `la fecha objetivo ${from}` : `${from} (30 días desde hoy, porque el objetivo no indica fecha)`}.`,
    wrote: (t, name) => `Escribí «${t}»${name ? ` (${name})` : ""}.`,
    calendar: (t, n, name) => `Creé el calendario «${t}» con ${n} evento${s(n, "", "s")}${name ? ` (${name})` : ""}.`,
    denied: (tool, reason) => `${tool} no se ejecutó: ${reason ?? "la llamada no se aprobó"}.`,
    failed: (tool, e) => `${tool} falló: ${e}.`,
    missingNote: (t) => ` ${t.join(" y ")} no ${t.length === 1 ? "está disponible" : "están disponibles"}, así que esa parte no se hizo.`,
    thisTask: "esta tarea",
    noTool: (task, t, next) =>
      `No hay herramienta disponible: «${task}» necesita ${t.join(" y ")}, que no se ${t.length === 1 ? "ofrece" : "ofrecen"} aquí, así que no se hizo nada. Sugerencia: ${next || "hazlo a mano y marca la tarea como hecha"}.`,
    byHand: (task, next) => `No hace falta herramienta: «${task}» se hace a mano, así que no se usó ninguna. Sugerencia: ${next || "resérvale tiempo y marca la tarea como hecha al terminar"}.`,
    nothingScheduled: "No había nada programado, así que no se creó ningún calendario.",
    noCalendarTool: (n) => `La herramienta create_calendar no está disponible, así que no se creó el calendario de ${n} tarea${s(n, "", "s")} programada${s(n, "", "s")}.`,
    calendarTitle: "Plan",
  },
  fr: {
    join: " ",
    list: (t) => t.join(" et "),
    resultLabel: "Résultat",
    calculated: (l, r, e, legend) => `${l} : ${r} (${e})${legend ? ` — ${legend}` : ""}.`,
    rawResult: (tool, x) => `${tool} a renvoyé ${x}.`,
    returned: (tool, x) => `${tool} a renvoyé : ${x}.`,
    dateText: (t) => `Calcul de date : ${t}.`,
    deadlineForward: (d, wd, n, target) =>
      `Échéance : ${d} (${wd}), ${n} jours ouvrés à partir d'aujourd'hui${target ? `, car compter à rebours depuis le ${target} tomberait avant aujourd'hui` : ""}.`,
    deadlineBack: (d, wd, n, from, fromText) =>
      `Échéance : ${d} (${wd}), ${n} jours ouvrés avant ${fromText ? `la date cible du ${from}` : `le ${from} (30 jours à partir d'aujourd'hui, l'objectif ne donnant pas de date)`}.`,
    wrote: (t, name) => `J'ai rédigé « ${t} »${name ? ` (${name})` : ""}.`,
    calendar: (t, n, name) => `J'ai créé le calendrier « ${t} » avec ${n} événement${s(n, "", "s")}${name ? ` (${name})` : ""}.`,
    denied: (tool, reason) => `${tool} n'a pas été exécuté : ${reason ?? "l'appel n'a pas été approuvé"}.`,
    failed: (tool, e) => `${tool} a échoué : ${e}.`,
    missingNote: (t) => ` ${t.join(" et ")} ${t.length === 1 ? "n'est pas disponible" : "ne sont pas disponibles"}, donc cette partie n'a pas été faite.`,
    thisTask: "cette tâche",
    noTool: (task, t, next) =>
      `Aucun outil disponible : « ${task} » a besoin de ${t.join(" et ")}, qui ${t.length === 1 ? "n'est pas proposé" : "ne sont pas proposés"} ici, donc rien n'a été fait. Suggestion : ${next || "faites-le à la main et marquez la tâche comme terminée"}.`,
    byHand: (task, next) => `Aucun outil nécessaire : « ${task} » se fait à la main, donc aucun outil n'a été utilisé. Suggestion : ${next || "prévoyez du temps et marquez la tâche comme terminée une fois finie"}.`,
    nothingScheduled: "Rien n'était planifié, donc aucun calendrier n'a été créé.",
    noCalendarTool: (n) => `L'outil create_calendar n'est pas proposé, donc aucun calendrier n'a été créé pour ${n} tâche${s(n, "", "s")} planifiée${s(n, "", "s")}.`,
    calendarTitle: "Plan",
  },
};
