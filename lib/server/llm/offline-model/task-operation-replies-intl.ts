import "server-only";
// The plan-edit replies in Japanese, Spanish and French (task-operation-replies.ts
// has English and Chinese): each edit as a clause, and the questions and
// answers around them.
import { STATUS_WORDS } from "@/lib/shared/messages";
import type { EditSummary } from "./task-operation-replies.ts";
import { clip } from "./text.ts";

/** The three languages described here. */
export type IntlLanguage = "ja" | "es" | "fr";

const Q: Record<IntlLanguage, (text: string) => string> = {
  ja: (x) => `「${clip(x, 60)}」`,
  es: (x) => `«${clip(x, 80)}»`,
  fr: (x) => `« ${clip(x, 80)} »`,
};

function japanese(s: EditSummary): string {
  const q = Q.ja;
  switch (s.kind) {
    case "add":
      if (s.where === "top") return `${q(s.title)}を先頭に追加`;
      if (!s.anchor) return `${q(s.title)}を追加`;
      return `${q(s.title)}を${q(s.anchor)}の${{ before: "前", after: "後", under: "下" }[s.where as "before"]}に追加`;
    case "status":
      return `${q(s.task)}を${STATUS_WORDS[s.status].ja}に`;
    case "rename":
      return `${q(s.task)}の名前を${q(s.title)}に変更`;
    case "describe":
      return `${q(s.task)}の説明を更新`;
    case "move": {
      const where = { before: "の前", after: "の後", under: "の下", top: "先頭", end: "最後", top_level: "トップレベル", up: "", down: "", index: `${(s.index ?? 0) + 1}番目` }[s.where];
      if (s.where === "up" || s.where === "down") return `${q(s.task)}を1つ${s.where === "up" ? "上" : "下"}に移動`;
      return `${q(s.task)}を${s.anchor ? q(s.anchor) : ""}${where}に移動`;
    }
    case "delete":
      return `${q(s.task)}${s.withSubtasks ? "とそのサブタスク" : ""}を削除`;
    case "decompose":
      return s.task ? `${q(s.task)}をサブタスクに分解` : "トップレベルのタスクをすべてサブタスクに分解";
    case "execute":
      return s.task ? `${q(s.task)}${s.subtasks ? "とそのサブタスク" : ""}を実行` : "計画を実行";
  }
}

function romance(s: EditSummary, lang: "es" | "fr"): string {
  const q = Q[lang];
  const es = lang === "es";
  switch (s.kind) {
    case "add": {
      const verb = es ? "añadir" : "ajouter";
      if (s.where === "top") return `${verb} ${q(s.title)} ${es ? "al principio" : "en tête"}`;
      if (!s.anchor) return `${verb} ${q(s.title)}`;
      const where = es ? { before: "antes de", after: "después de", under: "dentro de" } : { before: "avant", after: "après", under: "sous" };
      return `${verb} ${q(s.title)} ${where[s.where as "before"]} ${q(s.anchor)}`;
    }
    case "status":
      return es ? `marcar ${q(s.task)} como ${STATUS_WORDS[s.status].es}` : `marquer ${q(s.task)} comme ${STATUS_WORDS[s.status].fr}`;
    case "rename":
      return es ? `renombrar ${q(s.task)} como ${q(s.title)}` : `renommer ${q(s.task)} en ${q(s.title)}`;
    case "describe":
      return es ? `actualizar la descripción de ${q(s.task)}` : `mettre à jour la description de ${q(s.task)}`;
    case "move": {
      const where = es
        ? { before: " antes de ", after: " después de ", under: " dentro de ", top: " al principio", end: " al final", top_level: " al nivel superior", up: " un puesto arriba", down: " un puesto abajo", index: ` a la posición ${(s.index ?? 0) + 1}` }
        : { before: " avant ", after: " après ", under: " sous ", top: " en tête", end: " à la fin", top_level: " au premier niveau", up: " d'un cran vers le haut", down: " d'un cran vers le bas", index: ` en position ${(s.index ?? 0) + 1}` };
      return `${es ? "mover" : "déplacer"} ${q(s.task)}${where[s.where]}${s.anchor ? q(s.anchor) : ""}`;
    }
    case "delete":
      return es ? `eliminar ${q(s.task)}${s.withSubtasks ? " y sus subtareas" : ""}` : `supprimer ${q(s.task)}${s.withSubtasks ? " et ses sous-tâches" : ""}`;
    case "decompose":
      if (s.task) return es ? `desglosar ${q(s.task)} en subtareas` : `décomposer ${q(s.task)} en sous-tâches`;
      return es ? "desglosar en subtareas cada tarea principal" : "décomposer chaque tâche principale en sous-tâches";
    case "execute":
      if (s.task) return es ? `ejecutar ${q(s.task)}${s.subtasks ? " y sus subtareas" : ""}` : `exécuter ${q(s.task)}${s.subtasks ? " et ses sous-tâches" : ""}`;
      return es ? "ejecutar el plan" : "exécuter le plan";
  }
}

/** "わかりました。…し、…します。", "Claro, voy a …, luego …", "Bien sûr — je vais …, puis …" (at most 4000 characters). */
export function intlEditReply(edits: EditSummary[], lang: IntlLanguage): string {
  if (lang === "ja") return clip(`わかりました。${edits.map(japanese).join("、次に")}します。`, 4000);
  if (lang === "es") return clip(`Claro, voy a ${edits.map((e) => romance(e, "es")).join(", luego ")}.`, 4000);
  return clip(`Bien sûr — je vais ${edits.map((e) => romance(e, "fr")).join(", puis ")}.`, 4000);
}

/** The texts around plan edits in one language. */
type IntlTexts = {
  executeTask: (task: string, subtasks: number) => string;
  executePlan: (count: number, first: string | undefined) => string;
  noPlan: string;
  notFound: (ref: string, number: string, title: string) => string;
  whichToDecompose: (title: string) => string;
  whichParent: (title: string, parent: string) => string;
  selfMove: (task: string) => string;
};

export const INTL_EDIT_TEXTS: Record<IntlLanguage, IntlTexts> = {
  ja: {
    executeTask: (t, n) => `${Q.ja(t)}${n ? `とそのサブタスク${n}件` : ""}を今から実行します。ツールで進められる部分はツールを使います。`,
    executePlan: (c, first) => `今から計画を実行します：${c}件のタスクを順番に${first ? `、${Q.ja(first)}から` : ""}進め、ツールで進められる部分はツールを使います。`,
    noPlan: "この会話にはまだ計画がないので、実行できるものがありません。まず「東京で3日間の旅行を計画して」のように目標を教えてください。計画ができたら実行できます。",
    notFound: (ref, n, title) => `この計画に${Q.ja(ref)}は見つかりませんでした。どのタスクのことですか？「タスク${n}」や「${title}」のように番号か名前で指定できます。`,
    whichToDecompose: (title) => `どのタスクを分解しますか？たとえば「「${title}」を分解して」と言ってください。`,
    whichParent: (title, parent) => `${Q.ja(title)}をどのタスクの下に追加しますか？たとえば「「${parent}」の下に${clip(title, 60)}を追加」と言ってください。`,
    selfMove: (t) => `${Q.ja(t)}を、それ自身やそのサブタスクの隣や下には移動できません。どこに移動しますか？`,
  },
  es: {
    executeTask: (t, n) => `Ejecutando ${Q.es(t)} ahora${n ? `, con sus ${n} subtarea${n === 1 ? "" : "s"}` : ""}, con herramientas donde ayuden.`,
    executePlan: (c, first) => `Ejecutando el plan ahora: ${c} tarea${c === 1 ? "" : "s"} en orden${first ? `, empezando por ${Q.es(first)}` : ""}, con herramientas donde ayuden.`,
    noPlan: "Aún no hay ningún plan que ejecutar. Dime primero un objetivo —por ejemplo, «organiza un viaje de 3 días a Sevilla»— y, cuando el plan esté listo, podré ejecutarlo.",
    notFound: (ref, n, title) => `No encontré ${Q.es(ref)} en este plan. ¿A qué tarea te refieres? Puedes usar su número o su título, por ejemplo «tarea ${n}» o «${title}».`,
    whichToDecompose: (title) => `¿Qué tarea desgloso? Por ejemplo, di «desglosa ${title}».`,
    whichParent: (title, parent) => `¿Dentro de qué tarea va ${Q.es(title)}? Por ejemplo, di «añade ${clip(title, 80)} dentro de ${parent}».`,
    selfMove: (t) => `No puedo mover ${Q.es(t)} junto a sí misma, dentro de sí misma ni de sus subtareas. ¿Adónde la muevo?`,
  },
  fr: {
    executeTask: (t, n) => `J'exécute ${Q.fr(t)} maintenant${n ? `, avec ses ${n} sous-tâche${n === 1 ? "" : "s"}` : ""}, en utilisant les outils là où ils aident.`,
    executePlan: (c, first) => `J'exécute le plan maintenant : ${c} tâche${c === 1 ? "" : "s"} dans l'ordre${first ? `, en commençant par ${Q.fr(first)}` : ""}, en utilisant les outils là où ils aident.`,
    noPlan: "Il n'y a pas encore de plan à exécuter. Donnez-moi d'abord un objectif — par exemple « organise un voyage de 3 jours à Lyon » — et une fois le plan prêt, je pourrai l'exécuter.",
    notFound: (ref, n, title) => `Je n'ai pas trouvé ${Q.fr(ref)} dans ce plan. De quelle tâche parlez-vous ? Utilisez son numéro ou son titre, par exemple « tâche ${n} » ou « ${title} ».`,
    whichToDecompose: (title) => `Quelle tâche dois-je décomposer ? Par exemple, dites « décompose ${title} ».`,
    whichParent: (title, parent) => `Sous quelle tâche dois-je mettre ${Q.fr(title)} ? Par exemple, dites « ajoute ${clip(title, 80)} sous ${parent} ».`,
    selfMove: (t) => `Je ne peux pas déplacer ${Q.fr(t)} à côté ou en dessous d'elle-même ou de ses sous-tâches. Où dois-je la mettre ?`,
  },
};
