// Server sentences of the jobs that change a plan: decomposition
// (plan_decompose) and task operations (task_operation).
import { msg, quote } from "./define";
import { statusWord } from "./chat-messages";

const q = quote;

export const planMessages = {
  "decompose.nothing": msg({
    en: () => "Nothing to decompose: every top-level task already has subtasks",
    "zh-CN": () => "无需拆解：每个顶层任务都已有子任务",
    ja: () => "分解するものはありません：すべてのトップレベルタスクにサブタスクがあります",
    es: () => "Nada que desglosar: todas las tareas principales ya tienen subtareas",
    fr: () => "Rien à décomposer : chaque tâche principale a déjà des sous-tâches",
  }),
  "decompose.start": msg({
    en: (p: { count: number; plan: string }) => `Decomposing ${p.count} task(s) of "${p.plan}"`,
    "zh-CN": (p) => `正在拆解「${p.plan}」的 ${p.count} 个任务`,
    ja: (p) => `「${p.plan}」のタスク${p.count}件を分解しています`,
    es: (p) => `Desglosando ${p.count} tarea(s) de ${q.es(p.plan)}`,
    fr: (p) => `Décomposition de ${p.count} tâche(s) de ${q.fr(p.plan)}`,
  }),
  "decompose.task": msg({
    en: (p: { n: number; total: number; title: string }) => `Task ${p.n}/${p.total}: ${p.title}`,
    "zh-CN": (p) => `任务 ${p.n}/${p.total}：${p.title}`,
    ja: (p) => `タスク ${p.n}/${p.total}：${p.title}`,
    es: (p) => `Tarea ${p.n}/${p.total}: ${p.title}`,
    fr: (p) => `Tâche ${p.n}/${p.total} : ${p.title}`,
  }),
  "decompose.added": msg({
    en: (p: { count: number; title: string }) => `Added ${p.count} subtasks to "${p.title}"`,
    "zh-CN": (p) => `已为「${p.title}」添加 ${p.count} 个子任务`,
    ja: (p) => `「${p.title}」にサブタスクを${p.count}件追加しました`,
    es: (p) => `Se añadieron ${p.count} subtareas a ${q.es(p.title)}`,
    fr: (p) => `${p.count} sous-tâches ajoutées à ${q.fr(p.title)}`,
  }),
  "decompose.deeper": msg({
    en: (p: { title: string; count: number }) => `"${p.title}" already has subtasks; splitting ${p.count} of them further`,
    "zh-CN": (p) => `「${p.title}」已有子任务，继续拆解其中 ${p.count} 个`,
    ja: (p) => `「${p.title}」にはすでにサブタスクがあります。そのうち${p.count}件をさらに分解します`,
    es: (p) => `${q.es(p.title)} ya tiene subtareas; se desglosan ${p.count} de ellas`,
    fr: (p) => `${q.fr(p.title)} a déjà des sous-tâches ; ${p.count} d'entre elles sont décomposées à leur tour`,
  }),
  "decompose.already_done": msg({
    en: (p: { title: string }) => `"${p.title}" was split by an earlier attempt of this job; not again`,
    "zh-CN": (p) => `「${p.title}」已在本任务的上一次尝试中拆解，不再重复`,
    ja: (p) => `「${p.title}」はこのジョブの前回の試行で分解済みのため、繰り返しません`,
    es: (p) => `${q.es(p.title)} ya se desglosó en un intento anterior de este trabajo; no se repite`,
    fr: (p) => `${q.fr(p.title)} a été décomposée lors d'une tentative précédente ; pas de nouveau`,
  }),
  "decompose.too_deep": msg({
    en: (p: { title: string; depth: number }) => `"${p.title}" is already ${p.depth} levels deep; not split further`,
    "zh-CN": (p) => `「${p.title}」已有 ${p.depth} 层，不再拆解`,
    ja: (p) => `「${p.title}」はすでに${p.depth}階層の深さのため、これ以上分解しません`,
    es: (p) => `${q.es(p.title)} ya tiene ${p.depth} niveles de profundidad; no se desglosa más`,
    fr: (p) => `${q.fr(p.title)} a déjà ${p.depth} niveaux de profondeur ; pas de décomposition supplémentaire`,
  }),
  "decompose.task_gone": msg({
    en: (p: { title: string }) => `"${p.title}" was deleted meanwhile; its subtasks were not written`,
    "zh-CN": (p) => `「${p.title}」已被删除，未写入其子任务`,
    ja: (p) => `「${p.title}」は途中で削除されたため、サブタスクは書き込まれませんでした`,
    es: (p) => `${q.es(p.title)} se eliminó entretanto; sus subtareas no se guardaron`,
    fr: (p) => `${q.fr(p.title)} a été supprimée entre-temps ; ses sous-tâches n'ont pas été enregistrées`,
  }),
  "decompose.plan_full": msg({
    en: (p: { max: number }) => `The plan reached its limit of ${p.max} tasks; some subtasks were not added`,
    "zh-CN": (p) => `计划已达到 ${p.max} 个任务的上限，部分子任务未添加`,
    ja: (p) => `計画がタスク数の上限（${p.max}件）に達したため、一部のサブタスクは追加されませんでした`,
    es: (p) => `El plan alcanzó su límite de ${p.max} tareas; algunas subtareas no se añadieron`,
    fr: (p) => `Le plan a atteint sa limite de ${p.max} tâches ; certaines sous-tâches n'ont pas été ajoutées`,
  }),
  "decompose.done": msg({
    en: (p: { count: number }) => `Created ${p.count} subtasks`,
    "zh-CN": (p) => `共创建 ${p.count} 个子任务`,
    ja: (p) => `サブタスクを${p.count}件作成しました`,
    es: (p) => `Se crearon ${p.count} subtareas`,
    fr: (p) => `${p.count} sous-tâches créées`,
  }),
  "decompose.resuming": msg({
    en: (p: { jobId: string; count: number }) => `Resuming job ${p.jobId}: ${p.count} task(s) it already split are skipped`,
    "zh-CN": (p) => `继续任务 ${p.jobId}：跳过它已拆解的 ${p.count} 个任务`,
    ja: (p) => `ジョブ ${p.jobId} を再開します：分解済みの${p.count}件のタスクはスキップします`,
    es: (p) => `Reanudando el trabajo ${p.jobId}: se omiten ${p.count} tarea(s) ya desglosadas`,
    fr: (p) => `Reprise de la tâche de fond ${p.jobId} : ${p.count} tâche(s) déjà décomposée(s) ignorée(s)`,
  }),
  "ops.start": msg({
    en: (p: { count: number; plan: string }) => `Applying ${p.count} change(s) to "${p.plan}"`,
    "zh-CN": (p) => `正在对「${p.plan}」应用 ${p.count} 项修改`,
    ja: (p) => `「${p.plan}」に${p.count}件の変更を適用しています`,
    es: (p) => `Aplicando ${p.count} cambio(s) a ${q.es(p.plan)}`,
    fr: (p) => `Application de ${p.count} modification(s) à ${q.fr(p.plan)}`,
  }),
  "ops.add": msg({
    en: (p: { title: string; parent: string }) => `Added "${p.title}" ${p.parent ? `under "${p.parent}"` : "at the top level"}`,
    "zh-CN": (p) => `已添加「${p.title}」${p.parent ? `到「${p.parent}」下` : "到顶层"}`,
    ja: (p) => `「${p.title}」を${p.parent ? `「${p.parent}」の下` : "トップレベル"}に追加しました`,
    es: (p) => `Se añadió ${q.es(p.title)} ${p.parent ? `dentro de ${q.es(p.parent)}` : "en el nivel superior"}`,
    fr: (p) => `${q.fr(p.title)} ajoutée ${p.parent ? `sous ${q.fr(p.parent)}` : "au premier niveau"}`,
  }),
  "ops.rename": msg({
    en: (p: { from: string; to: string }) => `Renamed "${p.from}" to "${p.to}"`,
    "zh-CN": (p) => `已将「${p.from}」改名为「${p.to}」`,
    ja: (p) => `「${p.from}」を「${p.to}」に名前変更しました`,
    es: (p) => `Se renombró ${q.es(p.from)} como ${q.es(p.to)}`,
    fr: (p) => `${q.fr(p.from)} renommée en ${q.fr(p.to)}`,
  }),
  "ops.describe": msg({
    en: (p: { title: string }) => `Changed the description of "${p.title}"`,
    "zh-CN": (p) => `已修改「${p.title}」的描述`,
    ja: (p) => `「${p.title}」の説明を変更しました`,
    es: (p) => `Se cambió la descripción de ${q.es(p.title)}`,
    fr: (p) => `Description de ${q.fr(p.title)} modifiée`,
  }),
  "ops.status": msg({
    en: (p: { title: string; from: string; to: string }) => `Marked "${p.title}" as ${statusWord("en", p.to)} (was ${statusWord("en", p.from)})`,
    "zh-CN": (p) => `已将「${p.title}」标记为${statusWord("zh-CN", p.to)}（原为${statusWord("zh-CN", p.from)}）`,
    ja: (p) => `「${p.title}」を${statusWord("ja", p.to)}にしました（変更前：${statusWord("ja", p.from)}）`,
    es: (p) => `${q.es(p.title)} marcada como ${statusWord("es", p.to)} (antes: ${statusWord("es", p.from)})`,
    fr: (p) => `${q.fr(p.title)} marquée comme ${statusWord("fr", p.to)} (avant : ${statusWord("fr", p.from)})`,
  }),
  "ops.move": msg({
    en: (p: { title: string; parent: string; position: number }) =>
      `Moved "${p.title}" ${p.parent ? `under "${p.parent}"` : "to the top level"}, position ${p.position}`,
    "zh-CN": (p) => `已将「${p.title}」移到${p.parent ? `「${p.parent}」下` : "顶层"}第 ${p.position} 位`,
    ja: (p) => `「${p.title}」を${p.parent ? `「${p.parent}」の下` : "トップレベル"}の${p.position}番目に移動しました`,
    es: (p) => `Se movió ${q.es(p.title)} ${p.parent ? `dentro de ${q.es(p.parent)}` : "al nivel superior"}, posición ${p.position}`,
    fr: (p) => `${q.fr(p.title)} déplacée ${p.parent ? `sous ${q.fr(p.parent)}` : "au premier niveau"}, position ${p.position}`,
  }),
  "ops.delete": msg({
    en: (p: { title: string; count: number }) => `Deleted "${p.title}"${p.count > 1 ? ` and its ${p.count - 1} subtask(s)` : ""}`,
    "zh-CN": (p) => `已删除「${p.title}」${p.count > 1 ? `及其 ${p.count - 1} 个子任务` : ""}`,
    ja: (p) => `「${p.title}」${p.count > 1 ? `とそのサブタスク${p.count - 1}件` : ""}を削除しました`,
    es: (p) => `Se eliminó ${q.es(p.title)}${p.count > 1 ? ` y sus ${p.count - 1} subtarea(s)` : ""}`,
    fr: (p) => `${q.fr(p.title)} supprimée${p.count > 1 ? ` avec ses ${p.count - 1} sous-tâche(s)` : ""}`,
  }),
  "ops.stale": msg({
    en: (p: { reason: string }) => `Nothing was changed: ${p.reason}. Ask again to apply your change to the plan as it is now.`,
    "zh-CN": (p) => `未做任何修改：${p.reason}。请重新提出，以便基于计划的最新状态修改。`,
    ja: (p) => `何も変更されませんでした：${p.reason}。現在の計画に変更を適用するには、もう一度依頼してください。`,
    es: (p) => `No se cambió nada: ${p.reason}. Vuelve a pedirlo para aplicar el cambio al plan tal como está ahora.`,
    fr: (p) => `Rien n'a été modifié : ${p.reason}. Redemandez-le pour appliquer la modification au plan tel qu'il est maintenant.`,
  }),
};
