import "server-only";
// Which built-in tools a task needs, and with which input: budget tasks →
// calculate, date tasks → schedule, writing tasks → write_document. A task
// may need several; one that needs none is done by hand. The inputs match
// lib/server/tools/schemas.ts exactly (every field present, null where it
// does not apply).
import type { Language } from "@/lib/shared/language";
import type { CalculateInput, ScheduleInput, WriteDocumentInput } from "@/lib/server/tools/schemas";
import { budgetPlan, type BudgetPlan } from "./budget-expression.ts";
import { documentFor } from "./documents.ts";
import { addBusinessDays, targetDate, utcToday, type TargetDate } from "./execution-dates.ts";

/** What the executor knows about the task (the execute_task prompt fields). */
export type TaskContext = {
  lang: Language;
  /** The task's title. */
  task: string;
  description: string;
  goal: string;
  /** The plan's title ("" when unknown). */
  plan: string;
  /** YYYY-MM-DD. */
  today: string;
  /** Earlier tasks' results, `title: result` entries. */
  results: string[];
};

/** One tool call the task needs, with what the final answer says about it. */
export type ToolChoice =
  | { tool: "calculate"; input: CalculateInput; budget: BudgetPlan }
  | { tool: "schedule"; input: ScheduleInput; target: TargetDate; amount: number; forward: boolean }
  | { tool: "write_document"; input: WriteDocumentInput };

// Title words name what the task is about; a description counts only with a
// stronger phrase ("estimate the cost", "book a DJ", "write a persona"), so
// "filter by budget" or "confirm in writing" does not call a tool.
const BUDGET =
  /\b(?:budget\w*|costs?|costing|price[sd]?|pricing|expenses?|spend(?:ing)?|quotes?|estimates?|fees?|afford)\b|预算|费用|花费|报价|开销|开支|成本|价格|花多少钱|予算|費用|見積|料金|(?<![\p{L}])(?:presupuesto|costes?|costos?|gastos?|precios?|coûts?|dépenses?|devis|prix|tarifs?)(?![\p{L}])/iu;
const BUDGET_IN_DESCRIPTION = /\b(?:estimate|calculate|work\s+out|add\s+up|tally|total)\b|估算|计算|核算|算出|合计|统计|見積もる|計算|合計|(?<![\p{L}])(?:calcula|calcular|suma|sumar|estima|estimar|calculez|calculer|additionnez|estimez|estimer)(?![\p{L}])/iu;
const DATES =
  /\b(?:book(?:ing)?|order(?:ing)?(?!\s+of)|reserv(?:e|ation)|schedul(?:e|ing)|deadlines?|dates?|send (?:out )?(?:the )?invit\w*|deliver(?:y|ies)?|regist(?:er|ration)|sign up|enrol+|remind(?:er)?s?|rsvps?|due)\b|预订|预定|预约|日期|截止|安排|报名|提醒|催|寄出|发送邀请|发出邀请|订票|订酒店|订购|下单|予約|日程|締め切り|期限|申し込|登録|リマインド|催促|招待状を送|招待を送|(?<![\p{L}])(?:reservar|reserva|fecha|fechas|plazo|inscri\w*|enviar (?:las )?invitaciones|recordatorios?|réserver|réservation|échéance|envoyer (?:les )?invitations|rappels?|relancer)(?![\p{L}])/iu;
const DATES_IN_DESCRIPTION = /\b(?:book|reserve|register|sign\s+up|enrol+|deliver|send\s+out|remind)\b|预订|预定|预约|报名|提醒|予約|申し込|(?<![\p{L}])(?:reserva|reservar|inscríbete|réservez|réserver|inscrivez)(?![\p{L}])/iu;
const WRITING =
  /\b(?:write|writing|draft(?:ing)?|invit(?:ation|ations|e|es)|checklists?|packing list|lists?|letters?|e-?mails?|announce(?:ment)?s?|agendas?|itinerar(?:y|ies)|timeline|speech|toast|notes)\b|写|起草|邀请|清单|名单|通知|议程|邀请函|请柬|讲稿|行程单|邮件|招待状|リスト|書く|書き|メール|お知らせ|アジェンダ|タイムライン|スピーチ|(?<![\p{L}])(?:escribir|redactar|invitaci[oó]n|invitaciones|lista|listas|carta|correo|anuncio|agenda|itinerario|cronograma|discurso|écrire|rédiger|liste|listes|lettre|courriel|annonce|programme|itinéraire|déroulé|discours)(?![\p{L}])/iu;
const WRITING_IN_DESCRIPTION = /\b(?:write|draft)\s+(?:a|an|the|up|out|down|one|some|your)\b|写(?:一|出|好|下)|起草|を書|(?<![\p{L}])(?:escribe|redacta|écrivez|rédigez)\s+(?:un|una|el|la|le|les|des|tu|votre)(?![\p{L}])/iu;

/** How many business days before the target a date task's deadline falls, by what the task books or sends (first match wins). */
const LEAD_TIMES: [RegExp, number][] = [
  [/\bremind\w*|\bfollow[- ]up|提醒|催|リマインド|recordatorio|rappel|relanc/i, 2],
  [/\binvit\w*|邀请|请柬|请帖|招待/i, 10],
  [/\bvenue|\bhall\b|\blocation|场地|会场|场馆|礼堂|会場|lugar|salle|lieu/i, 15],
  [/\bcater\w*|\bfood\b|\bcake|餐饮|酒席|蛋糕|订餐|ケータリング|料理|comida|repas|traiteur/i, 10],
  [/\bhotels?\b|\bflights?\b|\btrains?\b|\btickets?\b|\baccommodation|\blodging|住宿|酒店|机票|车票|门票|火车|航班|ホテル|宿|航空券|チケット|alojamiento|vuelos?|billetes?|entradas?|hébergement|vols?|billets?/i, 20],
  [/\bregist\w*|\bsign up|\benrol+|报名|注册|申し込|登録|inscri/i, 20],
  [/\brsvps?\b|\bconfirm\w*|确认|確認|confirmar|confirmer/i, 5],
  [/\bdeliver\w*|\bship\w*|寄出|送达|快递|配送|env[ií]o|livraison/i, 5],
  [/\bdeadline|\bsubmit\w*|\bdue\b|截止|提交|締め切り|提出|plazo|entrega|échéance|rendre/i, 5],
];

/** Whether the task asks for a budget, a date or a document: by a word of its title, or a stronger phrase of its description. */
export function taskNeeds(ctx: Pick<TaskContext, "task" | "description">): { budget: boolean; dates: boolean; writing: boolean } {
  const { task: t, description: d } = ctx;
  return {
    budget: BUDGET.test(t) || (BUDGET.test(d) && BUDGET_IN_DESCRIPTION.test(d)),
    dates: DATES.test(t) || DATES_IN_DESCRIPTION.test(d),
    writing: WRITING.test(t) || WRITING_IN_DESCRIPTION.test(d),
  };
}

/**
 * The tool calls `ctx`'s task needs, in the order calculate, schedule,
 * write_document, limited to the tools in `offered` (by name). Empty when the
 * task needs none or none of them is offered. Deterministic.
 * - calculate: budgetPlan's expression (goal and task numbers, else defaults).
 * - schedule: `subtract` business days (LEAD_TIMES, default 10) from the
 *   target date (a date in the goal, else in the task, else today + 30 days);
 *   when that lands before today, `add` the same amount to today instead.
 * - write_document: documentFor's Markdown, titled by the task.
 */
export function chooseTools(ctx: TaskContext, offered: ReadonlySet<string>): ToolChoice[] {
  const needs = taskNeeds(ctx);
  const out: ToolChoice[] = [];
  const target = targetDate([ctx.goal, `${ctx.task}\n${ctx.description}`], ctx.today);
  if (needs.budget && offered.has("calculate")) {
    const budget = budgetPlan(ctx.goal, `${ctx.task}\n${ctx.description}`, ctx.lang);
    out.push({ tool: "calculate", input: { expression: budget.expression }, budget });
  }
  if (needs.dates && offered.has("schedule")) {
    const text = `${ctx.task}\n${ctx.description}`;
    const amount = LEAD_TIMES.find(([re]) => re.test(text))?.[1] ?? 10;
    const forward = addBusinessDays(target.date, -amount) < ctx.today;
    out.push({
      tool: "schedule",
      input: { operation: forward ? "add" : "subtract", date: forward ? ctx.today : target.date, amount, unit: "business_days", until: null },
      target,
      amount,
      forward,
    });
  }
  if (needs.writing && offered.has("write_document")) {
    out.push({ tool: "write_document", input: documentFor(ctx, target) });
  }
  return out;
}

/** Reads the execute_task prompt fields into a TaskContext (Today defaults to the UTC date; Results split at " ;; "). */
export function taskContext(fields: { Task?: string; TaskDescription?: string; Goal?: string; Plan?: string; Today?: string; Results?: string }, lang: Language): TaskContext {
  return {
    lang,
    task: fields.Task?.trim() ?? "",
    description: fields.TaskDescription?.trim() ?? "",
    goal: fields.Goal?.trim() ?? "",
    plan: fields.Plan?.trim() ?? "",
    today: fields.Today && /^\d{4}-\d{2}-\d{2}$/.test(fields.Today) ? fields.Today : utcToday(),
    results: (fields.Results ?? "").split(" ;; ").map((r) => r.trim()).filter(Boolean),
  };
}
