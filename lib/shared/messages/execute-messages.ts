// Server sentences of plan execution (plan_execute runs).
import { msg, quote } from "./define";

const q = quote;

export const executeMessages = {
  "execute.start": msg({
    en: (p: { count: number; plan: string }) => `Executing ${p.count} task(s) of “${p.plan}”`,
    "zh-CN": (p) => `开始执行「${p.plan}」的 ${p.count} 个任务`,
    ja: (p) => `「${p.plan}」のタスク${p.count}件を実行します`,
    es: (p) => `Ejecutando ${p.count} tarea(s) de ${q.es(p.plan)}`,
    fr: (p) => `Exécution de ${p.count} tâche(s) de ${q.fr(p.plan)}`,
  }),
  "execute.node_started": msg({
    en: (p: { n: number; total: number; title: string }) => `(${p.n}/${p.total}) ${p.title}`,
    "zh-CN": (p) => `（${p.n}/${p.total}）${p.title}`,
    ja: (p) => `（${p.n}/${p.total}）${p.title}`,
    es: (p) => `(${p.n}/${p.total}) ${p.title}`,
    fr: (p) => `(${p.n}/${p.total}) ${p.title}`,
  }),
  "execute.node_completed": msg({
    en: (p: { title: string }) => `Done: ${p.title}`,
    "zh-CN": (p) => `已完成：${p.title}`,
    ja: (p) => `完了：${p.title}`,
    es: (p) => `Hecho: ${p.title}`,
    fr: (p) => `Terminé : ${p.title}`,
  }),
  "execute.node_manual": msg({
    en: (p: { title: string }) => `For you: ${p.title} (no tool could do it; see the suggestion)`,
    "zh-CN": (p) => `需要你来做：${p.title}（没有工具能完成，见建议）`,
    ja: (p) => `あなたの作業：${p.title}（実行できるツールがありません。提案を参照してください）`,
    es: (p) => `Para ti: ${p.title} (ninguna herramienta podía hacerlo; mira la sugerencia)`,
    fr: (p) => `Pour vous : ${p.title} (aucun outil ne pouvait le faire ; voir la suggestion)`,
  }),
  "execute.node_open": msg({
    en: (p: { title: string; why: string }) => `Still open: ${p.title} (${p.why})`,
    "zh-CN": (p) => `尚未完成：${p.title}（${p.why}）`,
    ja: (p) => `未完了：${p.title}（${p.why}）`,
    es: (p) => `Sigue abierta: ${p.title} (${p.why})`,
    fr: (p) => `Toujours ouverte : ${p.title} (${p.why})`,
  }),
  "execute.subtasks_manual": msg({
    en: (p: { open: number; count: number }) => `${p.open} of ${p.count} subtask(s) need a person`,
    "zh-CN": (p) => `${p.count} 个子任务中有 ${p.open} 个需要人来完成`,
    ja: (p) => `サブタスク${p.count}件のうち${p.open}件は人の作業が必要です`,
    es: (p) => `${p.open} de ${p.count} subtarea(s) necesitan a una persona`,
    fr: (p) => `${p.open} sous-tâche(s) sur ${p.count} demandent une personne`,
  }),
  "execute.node_failed": msg({
    en: (p: { title: string; error: string }) => `Failed: ${p.title}: ${p.error}`,
    "zh-CN": (p) => `失败：${p.title}：${p.error}`,
    ja: (p) => `失敗：${p.title}：${p.error}`,
    es: (p) => `Falló: ${p.title}: ${p.error}`,
    fr: (p) => `Échec : ${p.title} : ${p.error}`,
  }),
  "execute.skipped_earlier": msg({
    en: (p: { title: string }) => `Skipped: ${p.title} (completed by an earlier attempt of this run)`,
    "zh-CN": (p) => `跳过：${p.title}（本次运行的上一次尝试已完成）`,
    ja: (p) => `スキップ：${p.title}（この実行の前回の試行で完了済み）`,
    es: (p) => `Omitida: ${p.title} (completada en un intento anterior de esta ejecución)`,
    fr: (p) => `Ignorée : ${p.title} (terminée lors d'une tentative précédente de cette exécution)`,
  }),
  "execute.skipped_done": msg({
    en: (p: { title: string }) => `Skipped: ${p.title} (already done)`,
    "zh-CN": (p) => `跳过：${p.title}（已完成）`,
    ja: (p) => `スキップ：${p.title}（完了済み）`,
    es: (p) => `Omitida: ${p.title} (ya hecha)`,
    fr: (p) => `Ignorée : ${p.title} (déjà terminée)`,
  }),
  "execute.skipped_stopped": msg({
    en: (p: { title: string }) => `Not run: ${p.title} (the run stopped)`,
    "zh-CN": (p) => `未执行：${p.title}（运行已停止）`,
    ja: (p) => `未実行：${p.title}（実行が停止されました）`,
    es: (p) => `No ejecutada: ${p.title} (la ejecución se detuvo)`,
    fr: (p) => `Non exécutée : ${p.title} (l'exécution s'est arrêtée)`,
  }),
  "execute.subtasks_done": msg({
    en: (p: { count: number }) => `All ${p.count} subtask(s) done`,
    "zh-CN": (p) => `${p.count} 个子任务全部完成`,
    ja: (p) => `サブタスク${p.count}件がすべて完了しました`,
    es: (p) => `Las ${p.count} subtarea(s) están hechas`,
    fr: (p) => `Les ${p.count} sous-tâche(s) sont terminées`,
  }),
  "execute.calendar": msg({
    en: (p: { count: number }) => `Making the calendar of ${p.count} scheduled task(s)`,
    "zh-CN": (p) => `正在为 ${p.count} 个已排期任务生成日历`,
    ja: (p) => `予定のあるタスク${p.count}件のカレンダーを作成しています`,
    es: (p) => `Creando el calendario de ${p.count} tarea(s) programada(s)`,
    fr: (p) => `Création du calendrier de ${p.count} tâche(s) planifiée(s)`,
  }),
  "execute.complete": msg({
    en: (p: { done: number; manual: number; skipped: number; calls: number }) =>
      `Run complete: ${p.done} task(s) done, ${p.manual} left for a person, ${p.skipped} skipped, ${p.calls} tool call(s)`,
    "zh-CN": (p) => `运行完成：完成 ${p.done} 个任务，${p.manual} 个需要人来完成，跳过 ${p.skipped} 个，工具调用 ${p.calls} 次`,
    ja: (p) => `実行完了：タスク${p.done}件完了、${p.manual}件は人の作業、${p.skipped}件スキップ、ツール呼び出し${p.calls}回`,
    es: (p) => `Ejecución completa: ${p.done} tarea(s) hechas, ${p.manual} para una persona, ${p.skipped} omitida(s), ${p.calls} llamada(s) a herramientas`,
    fr: (p) => `Exécution terminée : ${p.done} tâche(s) faite(s), ${p.manual} pour une personne, ${p.skipped} ignorée(s), ${p.calls} appel(s) d'outils`,
  }),
  "execute.failed": msg({
    en: (p: { error: string }) => `Run failed: ${p.error}`,
    "zh-CN": (p) => `运行失败：${p.error}`,
    ja: (p) => `実行に失敗しました：${p.error}`,
    es: (p) => `La ejecución falló: ${p.error}`,
    fr: (p) => `L'exécution a échoué : ${p.error}`,
  }),
  "execute.restored": msg({
    en: (p: { count: number }) => `Stopped: ${p.count} unfinished task(s) set back to their status before the run`,
    "zh-CN": (p) => `已停止：${p.count} 个未完成的任务恢复为运行前的状态`,
    ja: (p) => `停止しました：未完了のタスク${p.count}件を実行前の状態に戻しました`,
    es: (p) => `Detenida: ${p.count} tarea(s) sin terminar vuelven a su estado anterior a la ejecución`,
    fr: (p) => `Arrêtée : ${p.count} tâche(s) inachevée(s) remise(s) dans leur état d'avant l'exécution`,
  }),
  "execute.interrupted_call": msg({
    en: () => "Interrupted: the server stopped during this call",
    "zh-CN": () => "已中断：调用期间服务器停止",
    ja: () => "中断：この呼び出し中にサーバーが停止しました",
    es: () => "Interrumpida: el servidor se detuvo durante esta llamada",
    fr: () => "Interrompu : le serveur s'est arrêté pendant cet appel",
  }),
};
