// Server sentences of the chat: what the chat_actions job logs, the names of
// proposed actions, and the task statuses in words.
import type { Language } from "../language";
import { TASK_STATUSES, type TaskStatus } from "../plans";
import { msg, quote } from "./define";

/** Task statuses in words, per language ("in progress", "进行中", "進行中", "en curso", "en cours"). */
export const STATUS_WORDS: Record<TaskStatus, Record<Language, string>> = {
  todo: { en: "to do", "zh-CN": "待办", ja: "未着手", es: "pendiente", fr: "à faire" },
  in_progress: { en: "in progress", "zh-CN": "进行中", ja: "進行中", es: "en curso", fr: "en cours" },
  done: { en: "done", "zh-CN": "已完成", ja: "完了", es: "hecha", fr: "terminée" },
  failed: { en: "failed", "zh-CN": "失败", ja: "失敗", es: "fallida", fr: "échouée" },
  blocked: { en: "blocked", "zh-CN": "受阻", ja: "ブロック中", es: "bloqueada", fr: "bloquée" },
  skipped: { en: "skipped", "zh-CN": "已跳过", ja: "スキップ", es: "omitida", fr: "ignorée" },
};

/** A status in words: a status code ("in_progress") in `language`; anything else (an already translated word) as it is. */
export function statusWord(language: Language, status: string): string {
  return (TASK_STATUSES as readonly string[]).includes(status) ? STATUS_WORDS[status as TaskStatus][language] : status;
}

const status = (s: TaskStatus) => msg({ en: () => STATUS_WORDS[s].en, "zh-CN": () => STATUS_WORDS[s]["zh-CN"], ja: () => STATUS_WORDS[s].ja, es: () => STATUS_WORDS[s].es, fr: () => STATUS_WORDS[s].fr });

export const chatMessages = {
  "chat_actions.processing": msg({
    en: (p: { count: number }) => `Processing ${p.count} action(s) for this message`,
    "zh-CN": (p) => `正在处理本条消息的 ${p.count} 个操作`,
    ja: (p) => `このメッセージの操作を${p.count}件処理しています`,
    es: (p) => `Procesando ${p.count} acción(es) de este mensaje`,
    fr: (p) => `Traitement de ${p.count} action(s) pour ce message`,
  }),
  "chat_actions.plan_exists": msg({
    en: (p: { count: number }) => `create_plan: the plan already has ${p.count} top-level tasks; nothing to add`,
    "zh-CN": (p) => `create_plan：计划已有 ${p.count} 个顶层任务，无需再添加`,
    ja: (p) => `create_plan：計画にはすでに${p.count}件のトップレベルタスクがあります。追加はありません`,
    es: (p) => `create_plan: el plan ya tiene ${p.count} tareas principales; nada que añadir`,
    fr: (p) => `create_plan : le plan a déjà ${p.count} tâches principales ; rien à ajouter`,
  }),
  "chat_actions.drafting": msg({
    en: (p: { title: string }) => `create_plan: drafting "${p.title}"`,
    "zh-CN": (p) => `create_plan：正在起草「${p.title}」`,
    ja: (p) => `create_plan：「${p.title}」を作成中`,
    es: (p) => `create_plan: redactando ${quote.es(p.title)}`,
    fr: (p) => `create_plan : rédaction de ${quote.fr(p.title)}`,
  }),
  "chat_actions.created": msg({
    en: (p: { count: number }) => `Created ${p.count} top-level tasks`,
    "zh-CN": (p) => `已创建 ${p.count} 个顶层任务`,
    ja: (p) => `トップレベルタスクを${p.count}件作成しました`,
    es: (p) => `Se crearon ${p.count} tareas principales`,
    fr: (p) => `${p.count} tâches principales créées`,
  }),
  "chat_actions.dispatched": msg({
    en: (p: { kind: string; jobId: string; jobType: string }) => `${p.kind} continues in job ${p.jobId} (${p.jobType})`,
    "zh-CN": (p) => `${p.kind} 在任务 ${p.jobId}（${p.jobType}）中继续`,
    ja: (p) => `${p.kind} はジョブ ${p.jobId}（${p.jobType}）で続行します`,
    es: (p) => `${p.kind} continúa en el trabajo ${p.jobId} (${p.jobType})`,
    fr: (p) => `${p.kind} se poursuit dans la tâche de fond ${p.jobId} (${p.jobType})`,
  }),
  "action.create_plan": msg({
    en: (p: { title: string }) => `Create plan “${p.title}”`,
    "zh-CN": (p) => `创建计划「${p.title}」`,
    ja: (p) => `計画「${p.title}」を作成`,
    es: (p) => `Crear el plan ${quote.es(p.title)}`,
    fr: (p) => `Créer le plan ${quote.fr(p.title)}`,
  }),
  "action.decompose_task": msg({
    en: (p: { title: string }) => `Decompose “${p.title}”`,
    "zh-CN": (p) => `拆解任务「${p.title}」`,
    ja: (p) => `「${p.title}」を分解`,
    es: (p) => `Desglosar ${quote.es(p.title)}`,
    fr: (p) => `Décomposer ${quote.fr(p.title)}`,
  }),
  "action.decompose_all": msg({
    en: () => "Decompose the top-level tasks",
    "zh-CN": () => "拆解所有顶层任务",
    ja: () => "トップレベルのタスクをすべて分解",
    es: () => "Desglosar las tareas principales",
    fr: () => "Décomposer les tâches principales",
  }),
  "action.add_task": msg({
    en: (p: { title: string }) => `Add “${p.title}”`,
    "zh-CN": (p) => `添加任务「${p.title}」`,
    ja: (p) => `タスク「${p.title}」を追加`,
    es: (p) => `Añadir ${quote.es(p.title)}`,
    fr: (p) => `Ajouter ${quote.fr(p.title)}`,
  }),
  "action.update_task": msg({
    en: (p: { title: string }) => `Change “${p.title}”`,
    "zh-CN": (p) => `修改任务「${p.title}」`,
    ja: (p) => `タスク「${p.title}」を変更`,
    es: (p) => `Modificar ${quote.es(p.title)}`,
    fr: (p) => `Modifier ${quote.fr(p.title)}`,
  }),
  "action.rename_task": msg({
    en: (p: { title: string; to: string }) => `Rename “${p.title}” to “${p.to}”`,
    "zh-CN": (p) => `将「${p.title}」改名为「${p.to}」`,
    ja: (p) => `「${p.title}」を「${p.to}」に名前変更`,
    es: (p) => `Renombrar ${quote.es(p.title)} como ${quote.es(p.to)}`,
    fr: (p) => `Renommer ${quote.fr(p.title)} en ${quote.fr(p.to)}`,
  }),
  "action.execute_plan": msg({
    en: (p: { title: string }) => `Execute “${p.title}”`,
    "zh-CN": (p) => `执行计划「${p.title}」`,
    ja: (p) => `計画「${p.title}」を実行`,
    es: (p) => `Ejecutar ${quote.es(p.title)}`,
    fr: (p) => `Exécuter ${quote.fr(p.title)}`,
  }),
  "action.execute_task": msg({
    en: (p: { title: string }) => `Execute task “${p.title}”`,
    "zh-CN": (p) => `执行任务「${p.title}」`,
    ja: (p) => `タスク「${p.title}」を実行`,
    es: (p) => `Ejecutar la tarea ${quote.es(p.title)}`,
    fr: (p) => `Exécuter la tâche ${quote.fr(p.title)}`,
  }),
  "action.move_task": msg({
    en: (p: { title: string }) => `Move “${p.title}”`,
    "zh-CN": (p) => `移动任务「${p.title}」`,
    ja: (p) => `タスク「${p.title}」を移動`,
    es: (p) => `Mover ${quote.es(p.title)}`,
    fr: (p) => `Déplacer ${quote.fr(p.title)}`,
  }),
  "action.set_task_status": msg({
    en: (p: { title: string; status: string }) => `Mark “${p.title}” as ${statusWord("en", p.status)}`,
    "zh-CN": (p) => `将「${p.title}」标记为${statusWord("zh-CN", p.status)}`,
    ja: (p) => `「${p.title}」を${statusWord("ja", p.status)}にする`,
    es: (p) => `Marcar ${quote.es(p.title)} como ${statusWord("es", p.status)}`,
    fr: (p) => `Marquer ${quote.fr(p.title)} comme ${statusWord("fr", p.status)}`,
  }),
  "action.delete_task": msg({
    en: (p: { title: string }) => `Delete “${p.title}”`,
    "zh-CN": (p) => `删除任务「${p.title}」`,
    ja: (p) => `タスク「${p.title}」を削除`,
    es: (p) => `Eliminar ${quote.es(p.title)}`,
    fr: (p) => `Supprimer ${quote.fr(p.title)}`,
  }),
  "action.resume_decompose": msg({
    en: (p: { title: string }) => `Resume splitting "${p.title}"`,
    "zh-CN": (p) => `继续拆解「${p.title}」`,
    ja: (p) => `「${p.title}」の分解を再開`,
    es: (p) => `Reanudar el desglose de ${quote.es(p.title)}`,
    fr: (p) => `Reprendre la décomposition de ${quote.fr(p.title)}`,
  }),
  "action.resume_decompose_all": msg({
    en: () => "Resume splitting the plan's tasks",
    "zh-CN": () => "继续拆解计划中的任务",
    ja: () => "計画のタスクの分解を再開",
    es: () => "Reanudar el desglose de las tareas del plan",
    fr: () => "Reprendre la décomposition des tâches du plan",
  }),
  "status.todo": status("todo"),
  "status.in_progress": status("in_progress"),
  "status.done": status("done"),
  "status.failed": status("failed"),
  "status.blocked": status("blocked"),
  "status.skipped": status("skipped"),
};
