import "server-only";
// The day-by-day part of trip plans: the parts of a day, a tip for each, and
// a day's description and subtasks in the plan's language.
import type { Language } from "@/lib/shared/language";
import type { Analysis } from "../goal-analysis.ts";
import { pick } from "../seeded-random.ts";
import { cap, fill } from "../text.ts";
import type { DayTheme } from "./cities.ts";
import { textKey, type Step, type Texts } from "./template.ts";

/** The parts of a day: day themes list their activities in this order, and SLOT_TIPS is keyed by them. */
export const DAY_SLOTS = ["morning", "afternoon", "evening"] as const;
export type DaySlot = (typeof DAY_SLOTS)[number];

/** Practical tips for each part of a day, picked per goal as the description of a day's subtask. */
export const SLOT_TIPS: Record<DaySlot, Texts[]> = {
  morning: [
    {
      en: "Start early while it's quiet, and check opening hours and tickets the day before.",
      zh: "趁人少早点出发，前一天查好开放时间和门票。",
      ja: "空いている朝のうちに出発し、前日に営業時間とチケットを確認しておきます。",
      es: "Sal temprano, cuando hay poca gente, y revisa horarios y entradas el día antes.",
      fr: "Partez tôt, quand c'est calme, et vérifiez horaires et billets la veille.",
    },
    {
      en: "Allow two to three hours and bring water and a power bank.",
      zh: "预留两到三小时，带好水和充电宝。",
      ja: "2～3時間を見込み、水とモバイルバッテリーを持っていきます。",
      es: "Calcula dos o tres horas y lleva agua y una batería externa.",
      fr: "Comptez deux à trois heures et prenez de l'eau et une batterie externe.",
    },
  ],
  afternoon: [
    {
      en: "Plan the route between stops and leave time for a coffee or tea break.",
      zh: "规划好各站之间的路线，留出喝茶休息的时间。",
      ja: "立ち寄り先の間のルートを決め、お茶やコーヒーの休憩時間を残しておきます。",
      es: "Planea la ruta entre paradas y deja tiempo para un café o un té.",
      fr: "Prévoyez le trajet entre les étapes et gardez du temps pour une pause café ou thé.",
    },
    {
      en: "Keep it flexible: skip a stop if the morning ran long.",
      zh: "保持灵活：如果上午超时，可以删掉一站。",
      ja: "柔軟に：午前が長引いたら、立ち寄り先をひとつ減らします。",
      es: "Sé flexible: sáltate una parada si la mañana se alargó.",
      fr: "Restez souple : sautez une étape si la matinée a débordé.",
    },
  ],
  evening: [
    {
      en: "Book a table ahead if it's a weekend or a popular place.",
      zh: "周末或热门餐厅记得提前订位。",
      ja: "週末や人気店なら、事前に席を予約します。",
      es: "Reserva mesa si es fin de semana o un sitio popular.",
      fr: "Réservez une table si c'est le week-end ou une adresse prisée.",
    },
    {
      en: "Check the last metro or bus back to your hotel.",
      zh: "查好回住处的末班地铁或公交。",
      ja: "ホテルへ戻る地下鉄やバスの最終便を確認しておきます。",
      es: "Mira el último metro o autobús de vuelta al hotel.",
      fr: "Vérifiez le dernier métro ou bus pour rentrer à l'hôtel.",
    },
  ],
};

/** The labels of the parts of a day in titles; a day trip's last part is the early evening (傍晚, 夕方). */
const SLOT_LABELS: Record<Language, [string, string, string]> = {
  en: ["Morning", "Afternoon", "Evening"],
  "zh-CN": ["上午", "下午", "晚上"],
  ja: ["午前", "午後", "夜"],
  es: ["Mañana", "Tarde", "Noche"],
  fr: ["Matin", "Après-midi", "Soir"],
};
const DAY_TRIP_EVENING: Partial<Record<Language, string>> = { "zh-CN": "傍晚", ja: "夕方" };

/** "Morning: Visit …", "上午：参观…", "午前：…", "Mañana: …", "Matin : …". */
export function slotTitle(lang: Language, index: number, part: string, dayTrip = false): string {
  const label = index === 2 && dayTrip ? (DAY_TRIP_EVENING[lang] ?? SLOT_LABELS[lang][2]) : SLOT_LABELS[lang][index];
  if (lang === "zh-CN" || lang === "ja") return `${label}：${part}`;
  return `${label}${lang === "fr" ? " : " : ": "}${cap(part)}`;
}

/** "Day 2: …", "第2天：…", "2日目：…", "Día 2: …", "Jour 2 : …". */
export function dayTitle(lang: Language, n: number, title: string): string {
  return { en: `Day ${n}: ${title}`, "zh-CN": `第${n}天：${title}`, ja: `${n}日目：${title}`, es: `Día ${n}: ${title}`, fr: `Jour ${n} : ${title}` }[lang];
}

/** A day theme's three activities in the plan's language, with `{s}` filled in. */
export function dayParts(theme: DayTheme, a: Analysis): [string, string, string] {
  const vars = { s: a.subject };
  return theme.parts[textKey(a.lang)].map((p) => fill(p, vars)) as [string, string, string];
}

/** One sentence for a day from its three activities; the last day ends with the journey home instead of the evening. */
export function dayDescription(parts: [string, string, string], lang: Language, last: boolean): string {
  const [m, af, ev] = parts;
  switch (lang) {
    case "zh-CN":
      return last ? `上午${m}，下午${af}，傍晚返程。` : `上午${m}，下午${af}，晚上${ev}。`;
    case "ja":
      return last ? `午前は${m}、午後は${af}、夕方に帰路へ。` : `午前は${m}、午後は${af}、夜は${ev}。`;
    case "es":
      return last ? `${cap(m)}; luego, ${af}, y por la tarde, vuelta a casa.` : `${cap(m)}; luego, ${af}; por la noche, ${ev}.`;
    case "fr":
      return last ? `${cap(m)}, puis ${af}, et retour en fin de journée.` : `${cap(m)}, puis ${af} ; le soir, ${ev}.`;
    default:
      return last ? `${cap(m)}, then ${af}, and head home in the evening.` : `${cap(m)}, then ${af}; in the evening, ${ev}.`;
  }
}

const ARRIVE: (s: string) => Step = (s) => ({
  title: { en: `Arrive in ${s} and check in`, zh: `抵达${s}并入住`, ja: `${s}に到着してチェックイン`, es: `Llegar a ${s} y hacer el check-in`, fr: `Arriver à ${s} et s'installer` },
  desc: {
    en: "Drop your bags at the hotel and get a transport card or app set up.",
    zh: "把行李放到酒店，办好交通卡或打车软件。",
    ja: "ホテルに荷物を置き、交通ICカードか配車アプリを用意します。",
    es: "Deja el equipaje en el hotel y prepara la tarjeta de transporte o la app.",
    fr: "Déposez vos bagages à l'hôtel et procurez-vous une carte de transport ou l'appli.",
  },
});
const GO_HOME: Step = {
  title: { en: "Check out and travel home", zh: "退房并返程", ja: "チェックアウトして帰路へ", es: "Dejar el hotel y volver a casa", fr: "Libérer la chambre et rentrer" },
  desc: {
    en: "Leave your luggage at the hotel until departure and get to the station with time to spare.",
    zh: "把行李寄存在酒店，出发前预留充足时间前往车站或机场。",
    ja: "出発まで荷物をホテルに預け、余裕をもって駅や空港へ向かいます。",
    es: "Deja el equipaje en consigna hasta la salida y llega a la estación con tiempo.",
    fr: "Laissez vos bagages à l'hôtel jusqu'au départ et rejoignez la gare en avance.",
  },
};

/** A day's subtasks: arrival on the first day, one per part of the day (with a tip), the journey home on the last. */
export function daySubtasks(parts: [string, string, string], a: Analysis, first: boolean, last: boolean): Step[] {
  const out: Step[] = [];
  if (first) out.push(ARRIVE(a.subject));
  parts.forEach((part, i) => {
    if (last && i === 2) return;
    const tip = pick(SLOT_TIPS[DAY_SLOTS[i]], a.seed + i);
    const title = slotTitle(a.lang, i, part);
    out.push({ title: { en: title, zh: title, ja: title, es: title, fr: title }, desc: tip });
  });
  if (last) out.push(GO_HOME);
  return out;
}
