import "server-only";
// The words of budget calculations (budget-expression.ts) in each language:
// what the result is called and what the terms of the expression are.
import type { Language } from "@/lib/shared/language";
import type { Domain } from "./domain-detection.ts";
import type { Currency } from "./execution-numbers.ts";

/** The domains whose budget uses round default prices: `units × rate + fixed`. */
export type DefaultDomain = Exclude<Domain, "event" | "trip">;
/** The terms of a default budget. */
export type Terms = { units: number; rate: number; fixed: number };

/** Labels and legends of one language; amounts arrive formatted, `c` is the currency code. */
export type BudgetTexts = {
  budget: string;
  perGuest: string;
  perDay: string;
  total: string;
  available: string;
  guests: (guests: number, price: string, fixed: number, c: Currency) => string;
  shared: (total: string, count: number, byGuest: boolean, c: Currency) => string;
  added: (n: number) => string;
  reserve: (total: string, c: Currency) => string;
  trip: (nights: number, lodging: number, days: number, daily: number, transport: number, c: Currency) => string;
  defaults: Record<DefaultDomain, (t: Terms, c: Currency) => string>;
};

export const BUDGET_TEXTS: Record<Language, BudgetTexts> = {
  en: {
    budget: "Budget",
    perGuest: "Per guest",
    perDay: "Per day",
    total: "Total",
    available: "Available to spend",
    guests: (g, p, f, c) => `${g} guests at ${p} ${c} each, plus ${f} ${c} for the venue and decorations`,
    shared: (t, n, byGuest, c) => `a total of ${t} ${c} shared over ${n} ${byGuest ? "guests" : "days"}`,
    added: (n) => `the ${n} amounts given, added up`,
    reserve: (t, c) => `${t} ${c} less a 10% reserve`,
    trip: (n, l, d, dl, tr, c) => `${n} nights at ${l} ${c}, ${d} days of food and tickets at ${dl} ${c}, and ${tr} ${c} for transport`,
    defaults: {
      software: (t, c) => `${t.units} weeks of development at ${t.rate} ${c} a week, plus ${t.fixed} ${c} for tools and hosting`,
      learning: (t, c) => `${t.units} months of courses at ${t.rate} ${c} a month, plus ${t.fixed} ${c} for books and the exam fee`,
      fitness: (t, c) => `${t.units} months of gym or classes at ${t.rate} ${c} a month, plus ${t.fixed} ${c} for gear`,
      moving: (t, c) => `${t.units} hours of movers at ${t.rate} ${c} an hour, plus ${t.fixed} ${c} for boxes and supplies`,
      writing: (t, c) => `${t.units} hours of editing at ${t.rate} ${c} an hour, plus ${t.fixed} ${c} for design and printing`,
      generic: (t, c) => `${t.units} items at about ${t.rate} ${c} each, plus ${t.fixed} ${c} in reserve`,
    },
  },
  "zh-CN": {
    budget: "预算",
    perGuest: "每位客人",
    perDay: "每天",
    total: "合计",
    available: "可支配金额",
    guests: (g, p, f, c) => `${g}位客人，每人${p} ${c}，另加${f} ${c}场地与布置费用`,
    shared: (t, n, byGuest, c) => `总预算${t} ${c}，分摊到${n}${byGuest ? "位客人" : "天"}`,
    added: (n) => `${n}笔已知金额相加`,
    reserve: (t, c) => `总预算${t} ${c}，留出10%备用金`,
    trip: (n, l, d, dl, tr, c) => `住宿${n}晚，每晚${l} ${c}；${d}天餐饮与门票，每天${dl} ${c}；交通${tr} ${c}`,
    defaults: {
      software: (t, c) => `${t.units}周开发，每周${t.rate} ${c}，另加${t.fixed} ${c}工具与服务器费用`,
      learning: (t, c) => `${t.units}个月课程，每月${t.rate} ${c}，另加${t.fixed} ${c}教材与考试费`,
      fitness: (t, c) => `${t.units}个月健身或课程，每月${t.rate} ${c}，另加${t.fixed} ${c}装备费`,
      moving: (t, c) => `搬家工人${t.units}小时，每小时${t.rate} ${c}，另加${t.fixed} ${c}纸箱与耗材`,
      writing: (t, c) => `${t.units}小时编辑，每小时${t.rate} ${c}，另加${t.fixed} ${c}设计与印刷费`,
      generic: (t, c) => `${t.units}项开支，每项约${t.rate} ${c}，另留${t.fixed} ${c}备用金`,
    },
  },
  ja: {
    budget: "予算",
    perGuest: "ゲスト1人あたり",
    perDay: "1日あたり",
    total: "合計",
    available: "使える金額",
    guests: (g, p, f, c) => `ゲスト${g}人×1人${p} ${c}、会場と装飾に${f} ${c}`,
    shared: (t, n, byGuest, c) => `総額${t} ${c}を${n}${byGuest ? "人" : "日"}で割った額`,
    added: (n) => `示された${n}つの金額の合計`,
    reserve: (t, c) => `${t} ${c}から予備費10%を除いた額`,
    trip: (n, l, d, dl, tr, c) => `宿泊${n}泊×${l} ${c}、食事と入場料${d}日×${dl} ${c}、交通費${tr} ${c}`,
    defaults: {
      software: (t, c) => `開発${t.units}週間×週${t.rate} ${c}、ツールとサーバーに${t.fixed} ${c}`,
      learning: (t, c) => `講座${t.units}か月×月${t.rate} ${c}、教材と受験料に${t.fixed} ${c}`,
      fitness: (t, c) => `ジムやレッスン${t.units}か月×月${t.rate} ${c}、用具に${t.fixed} ${c}`,
      moving: (t, c) => `引っ越し作業${t.units}時間×時給${t.rate} ${c}、箱と資材に${t.fixed} ${c}`,
      writing: (t, c) => `編集${t.units}時間×時給${t.rate} ${c}、デザインと印刷に${t.fixed} ${c}`,
      generic: (t, c) => `${t.units}項目×約${t.rate} ${c}、予備費${t.fixed} ${c}`,
    },
  },
  es: {
    budget: "Presupuesto",
    perGuest: "Por invitado",
    perDay: "Por día",
    total: "Total",
    available: "Disponible para gastar",
    guests: (g, p, f, c) => `${g} invitados a ${p} ${c} cada uno, más ${f} ${c} para el lugar y la decoración`,
    shared: (t, n, byGuest, c) => `un total de ${t} ${c} repartido entre ${n} ${byGuest ? "invitados" : "días"}`,
    added: (n) => `las ${n} cantidades indicadas, sumadas`,
    reserve: (t, c) => `${t} ${c} menos un 10 % de reserva`,
    trip: (n, l, d, dl, tr, c) => `${n} noches a ${l} ${c}, ${d} días de comida y entradas a ${dl} ${c} y ${tr} ${c} de transporte`,
    defaults: {
      software: (t, c) => `${t.units} semanas de desarrollo a ${t.rate} ${c} por semana, más ${t.fixed} ${c} de herramientas y alojamiento`,
      learning: (t, c) => `${t.units} meses de cursos a ${t.rate} ${c} al mes, más ${t.fixed} ${c} de libros y tasa de examen`,
      fitness: (t, c) => `${t.units} meses de gimnasio o clases a ${t.rate} ${c} al mes, más ${t.fixed} ${c} de equipo`,
      moving: (t, c) => `${t.units} horas de mudanza a ${t.rate} ${c} la hora, más ${t.fixed} ${c} de cajas y material`,
      writing: (t, c) => `${t.units} horas de edición a ${t.rate} ${c} la hora, más ${t.fixed} ${c} de diseño e impresión`,
      generic: (t, c) => `${t.units} partidas de unos ${t.rate} ${c} cada una, más ${t.fixed} ${c} de reserva`,
    },
  },
  fr: {
    budget: "Budget",
    perGuest: "Par invité",
    perDay: "Par jour",
    total: "Total",
    available: "Disponible",
    guests: (g, p, f, c) => `${g} invités à ${p} ${c} chacun, plus ${f} ${c} pour le lieu et la décoration`,
    shared: (t, n, byGuest, c) => `un total de ${t} ${c} réparti sur ${n} ${byGuest ? "invités" : "jours"}`,
    added: (n) => `les ${n} montants indiqués, additionnés`,
    reserve: (t, c) => `${t} ${c} moins 10 % de réserve`,
    trip: (n, l, d, dl, tr, c) => `${n} nuits à ${l} ${c}, ${d} jours de repas et d'entrées à ${dl} ${c}, et ${tr} ${c} de transport`,
    defaults: {
      software: (t, c) => `${t.units} semaines de développement à ${t.rate} ${c} la semaine, plus ${t.fixed} ${c} d'outils et d'hébergement`,
      learning: (t, c) => `${t.units} mois de cours à ${t.rate} ${c} par mois, plus ${t.fixed} ${c} de livres et de frais d'examen`,
      fitness: (t, c) => `${t.units} mois de salle ou de cours à ${t.rate} ${c} par mois, plus ${t.fixed} ${c} d'équipement`,
      moving: (t, c) => `${t.units} heures de déménageurs à ${t.rate} ${c} de l'heure, plus ${t.fixed} ${c} de cartons et fournitures`,
      writing: (t, c) => `${t.units} heures de correction à ${t.rate} ${c} de l'heure, plus ${t.fixed} ${c} de mise en page et d'impression`,
      generic: (t, c) => `${t.units} postes à environ ${t.rate} ${c} chacun, plus ${t.fixed} ${c} de réserve`,
    },
  },
};
