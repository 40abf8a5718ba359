import "server-only";
// The sentences of plan_outline's narration, in each language.
import type { Language } from "@/lib/shared/language";

/** Narration sentences; `deadline` is the phrase the two timing sentences start with. */
export type OutlineNarration = {
  goal: (goal: string) => string;
  tripLegs: (days: number, legs: number) => string;
  tripBookings: string;
  deadline: (duration: string) => string;
  evenPhases: (deadline: string, per: string) => string;
  heaviest: (deadline: string, name: string) => string;
  dayByDay: string;
  target: (by: string) => string;
  noDeadline: string;
  count: (n: number) => string;
};

export const OUTLINE_NARRATION: Record<Language, OutlineNarration> = {
  en: {
    goal: (g) => `Identified the goal: “${g}”.`,
    tripLegs: (days, legs) => `Split the ${days} days into ${legs} legs of two or three days, with the journey home in the last one.`,
    tripBookings: "Bookings come first because prices and availability change fastest; the daily itinerary follows.",
    deadline: (d) => `Working backwards from the ${d} deadline`,
    evenPhases: (dl, per) => `${dl}, each phase gets about ${per}.`,
    heaviest: (dl, name) => `${dl}, “${name}” gets the most time.`,
    dayByDay: "Grouped the sights by area so each day has an easy route, and kept the last day light for the journey home.",
    target: (by) => `The target is ${by}, so the tasks are ordered by dependency with check-ins along the way.`,
    noDeadline: "No deadline was given, so the tasks are ordered by dependency rather than by date.",
    count: (n) => `Kept it to ${n} top-level tasks; each can be broken down further.`,
  },
  "zh-CN": {
    goal: (g) => `明确目标：${g}`,
    tripLegs: (days, legs) => `把${days}天分成${legs}段，每段两三天，最后一段包含返程。`,
    tripBookings: "先订交通和住宿，因为价格和余量变化最快；每日行程随后再排。",
    deadline: (d) => `从${d}的期限倒推排期`,
    evenPhases: (dl, per) => `${dl}，每个阶段大约${per}。`,
    heaviest: (dl, name) => `${dl}，给“${name}”留出最多的时间。`,
    dayByDay: "按区域归类景点，让每天的路线顺路，最后一天留出返程时间。",
    target: (by) => `目标是在${by}之前完成，所以按依赖关系排序，并在中途安排检查点。`,
    noDeadline: "没有给出期限，所以按依赖关系而不是日期来排序。",
    count: (n) => `共${n}个主要任务，每一项都可以继续拆解。`,
  },
  ja: {
    goal: (g) => `目標を確認しました：「${g}」`,
    tripLegs: (days, legs) => `${days}日間を2～3日ずつの${legs}区間に分け、最後の区間に帰路を入れました。`,
    tripBookings: "料金と空きが最も早く変わるので予約を先にし、日ごとの旅程はその後にしました。",
    deadline: (d) => `${d}の期限から逆算して`,
    evenPhases: (dl, per) => `${dl}、各段階に約${per}を割り当てました。`,
    heaviest: (dl, name) => `${dl}、「${name}」に最も多くの時間を取りました。`,
    dayByDay: "見どころをエリアごとにまとめて毎日の移動を楽にし、最終日は帰路のために軽めにしました。",
    target: (by) => `目標は${by}までなので、依存関係の順に並べ、途中に確認のタイミングを入れました。`,
    noDeadline: "期限の指定がないので、日付ではなく依存関係の順に並べました。",
    count: (n) => `トップレベルのタスクは${n}件にしました。どれもさらに分解できます。`,
  },
  es: {
    goal: (g) => `Objetivo identificado: «${g}».`,
    tripLegs: (days, legs) => `Dividí los ${days} días en ${legs} etapas de dos o tres días, con la vuelta a casa en la última.`,
    tripBookings: "Las reservas van primero porque precios y disponibilidad cambian más rápido; el itinerario diario viene después.",
    deadline: (d) => `Contando hacia atrás desde el plazo de ${d}`,
    evenPhases: (dl, per) => `${dl}, cada fase tiene unas ${per}.`,
    heaviest: (dl, name) => `${dl}, «${name}» recibe más tiempo.`,
    dayByDay: "Agrupé los lugares por zonas para que cada día tenga una ruta cómoda, y dejé el último día ligero para la vuelta.",
    target: (by) => `La meta es ${by}, así que las tareas van por dependencias con revisiones por el camino.`,
    noDeadline: "No se indicó un plazo, así que las tareas van por dependencias y no por fechas.",
    count: (n) => `Me quedé en ${n} tareas principales; cada una se puede desglosar más.`,
  },
  fr: {
    goal: (g) => `Objectif identifié : « ${g} ».`,
    tripLegs: (days, legs) => `J'ai réparti les ${days} jours en ${legs} étapes de deux ou trois jours, avec le retour dans la dernière.`,
    tripBookings: "Les réservations passent d'abord, car prix et disponibilités changent vite ; l'itinéraire quotidien suit.",
    deadline: (d) => `En partant de l'échéance de ${d}`,
    evenPhases: (dl, per) => `${dl}, chaque phase dispose d'environ ${per}.`,
    heaviest: (dl, name) => `${dl}, « ${name} » reçoit le plus de temps.`,
    dayByDay: "J'ai regroupé les sites par quartier pour un trajet simple chaque jour, et allégé le dernier jour pour le retour.",
    target: (by) => `L'objectif est ${by} : les tâches suivent leurs dépendances, avec des points d'étape en chemin.`,
    noDeadline: "Aucune échéance n'a été donnée : les tâches suivent leurs dépendances plutôt que des dates.",
    count: (n) => `J'ai gardé ${n} tâches principales ; chacune peut être décomposée davantage.`,
  },
};

const EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const ES_MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre";
const FR_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre";

/**
 * The deadline a goal names without a duration ("by March", "3月底之前",
 * "4月末までに", "antes de junio", "d'ici l'été"), as written, or undefined.
 */
export function namedDeadline(goal: string): string | undefined {
  return (
    new RegExp(`\\b(?:by|before|until)\\s+((?:the end of\\s+)?(?:${EN_MONTHS}|next \\w+|summer|autumn|fall|winter|spring|Christmas)\\b)`, "i").exec(goal)?.[1] ??
    /((?:\d+|[一二三四五六七八九十]+)月(?:底|份|中旬|初)?)(?:之前|以前|前)/.exec(goal)?.[1] ??
    /((?:\d+|[一二三四五六七八九十]+)月(?:末|中旬|上旬|初め)?)(?:まで)/.exec(goal)?.[1] ??
    new RegExp(`(?<![\\p{L}])(?:antes de|para|hasta)\\s+((?:finales de\\s+)?(?:${ES_MONTHS}|navidad|verano|otoño|invierno|primavera))(?![\\p{L}])`, "iu").exec(goal)?.[1] ??
    new RegExp(`(?<![\\p{L}])(?:avant|d'ici|pour)\\s+((?:fin\\s+)?(?:${FR_MONTHS}|noël|l'été|l'automne|l'hiver|le printemps))(?![\\p{L}])`, "iu").exec(goal)?.[1]
  );
}
