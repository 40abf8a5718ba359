import "server-only";
// The Markdown documents writing tasks produce: an invitation, a checklist, a
// packing list, an agenda, a message (email, letter, announcement) or notes,
// in the task's language, filled with what the goal and task say (subject,
// date, head count, the task's description, earlier results); English and
// Chinese here, Japanese, Spanish and French in documents-intl.ts.
import type { Language } from "@/lib/shared/language";
import type { WriteDocumentInput } from "@/lib/server/tools/schemas";
import { japaneseDocument, romanceDocument } from "./documents-intl.ts";
import type { TargetDate } from "./execution-dates.ts";
import { weekdayName } from "./execution-dates.ts";
import { findGuests, findStay } from "./execution-numbers.ts";
import type { TaskContext } from "./tool-choice.ts";
import { clip } from "./text.ts";

/** The kind of document a writing task asks for (first match wins). */
export type DocumentKind = "invitation" | "packing-list" | "checklist" | "agenda" | "message" | "notes";

const KINDS: [RegExp, DocumentKind][] = [
  [/\binvit\w*|邀请|请柬|请帖|招待/i, "invitation"],
  [/\bpacking\b|\bpack\b|打包|行李|装箱|荷造り|持ち物|maleta|equipaje|valise|bagages/i, "packing-list"],
  [/\bchecklists?\b|\blists?\b|\bto-?dos?\b|清单|名单|列表|待办|リスト|(?<![\p{L}])(?:lista|listas|liste|listes)(?![\p{L}])/iu, "checklist"],
  [
    /\bagendas?\b|\bitinerar(?:y|ies)\b|\bschedule\b|\btimeline\b|\brun of show\b|议程|行程|日程|流程|时间线|时间表|進行表|スケジュール|タイムライン|アジェンダ|旅程|(?<![\p{L}])(?:itinerario|cronograma|programa|horario|itinéraire|déroulé|programme|planning)(?![\p{L}])/iu,
    "agenda",
  ],
  [
    /\be-?mails?\b|\bletters?\b|\bannouncements?\b|\bspeech\b|\btoast\b|\bmessage\b|邮件|信|通知|公告|讲稿|致辞|メール|手紙|お知らせ|スピーチ|挨拶|(?<![\p{L}])(?:correo|carta|anuncio|discurso|brindis|mensaje|courriel|lettre|annonce|discours)(?![\p{L}])/iu,
    "message",
  ],
];

/** Which kind of document a task asks for: by its title first, then its description; "notes" when no kind word occurs. */
export function documentKind(title: string, description = ""): DocumentKind {
  return KINDS.find(([re]) => re.test(title))?.[1] ?? KINDS.find(([re]) => re.test(description))?.[1] ?? "notes";
}

/** A document's title when the task has none. */
const DOCUMENT: Record<Language, string> = { en: "Document", "zh-CN": "文档", ja: "文書", es: "Documento", fr: "Document" };

/** Parts of a description worth a bullet each: split at sentence ends, semicolons, commas and "and". */
function items(text: string): string[] {
  return text
    .split(/(?:[.;!?。；！？，,、]|\b(?:and|y|et)\b|以及|并且)\s*/i)
    .map((s) => s.trim().replace(/^(?:and|then|also|luego|puis|和|并|再)\s*/i, ""))
    .filter((s) => s.length > 2)
    .map((s) => s[0].toUpperCase() + s.slice(1))
    .slice(0, 8);
}

/** A file name from the title: lower-case ASCII words joined by "-", else the kind (".md" is added by the tool). */
function filename(title: string, kind: DocumentKind): string {
  const slug = title.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  return slug.length >= 3 ? slug : kind;
}

function dateLine(target: TargetDate, lang: Language): string {
  const wd = weekdayName(target.date, lang);
  const d = target.date;
  switch (lang) {
    case "zh-CN":
      return target.fromText ? `${d}（${wd}）` : `暂定${d}（${wd}），待确认`;
    case "ja":
      return target.fromText ? `${d}（${wd}）` : `${d}（${wd}、仮）`;
    case "es":
      return target.fromText ? `${wd}, ${d}` : `${wd}, ${d} (por confirmar)`;
    case "fr":
      return target.fromText ? `${wd} ${d}` : `${wd} ${d} (à confirmer)`;
    default:
      return target.fromText ? `${wd}, ${d}` : `${wd}, ${d} (to be confirmed)`;
  }
}

function english(ctx: TaskContext, kind: DocumentKind, target: TargetDate, subject: string): string[] {
  const guests = findGuests(`${ctx.goal} ${ctx.description}`);
  const about = ctx.description ? [ctx.description, ""] : [];
  switch (kind) {
    case "invitation":
      return [
        `You're invited to **${subject}**.`,
        "",
        "## When",
        dateLine(target, "en"),
        "",
        "## Where",
        "The venue will be confirmed with the RSVP reply.",
        "",
        "## Details",
        ...(ctx.description ? [`- ${ctx.description}`] : []),
        ...(guests ? [`- We are expecting ${guests} guests.`] : []),
        "- Dress code: smart casual.",
        "",
        "## RSVP",
        "Please reply within a week so we can plan food and seating.",
      ];
    case "packing-list": {
      const days = findStay(ctx.goal).days ?? 4;
      return [
        ...about,
        "## Documents",
        "- [ ] ID or passport",
        "- [ ] Tickets and booking confirmations",
        "- [ ] Cards and some cash",
        "",
        "## Clothes",
        `- [ ] ${days} sets of everyday clothes`,
        "- [ ] Comfortable walking shoes",
        "- [ ] A light jacket",
        "",
        "## Toiletries and health",
        "- [ ] Toothbrush, toothpaste, shampoo",
        "- [ ] Any medication, plus plasters",
        "",
        "## Electronics",
        "- [ ] Phone and charger",
        "- [ ] Power bank and plug adapter",
      ];
    }
    case "agenda":
      return [
        ...about,
        `**Date:** ${dateLine(target, "en")}`,
        "",
        "| Time | Item |",
        "| --- | --- |",
        "| 09:00 | Arrival and welcome |",
        `| 09:30 | ${ctx.task} |`,
        "| 11:00 | Break |",
        "| 11:15 | Main session |",
        "| 12:30 | Wrap-up and next steps |",
      ];
    case "message":
      return [
        `**Subject:** ${ctx.task}`,
        "",
        "Hello everyone,",
        "",
        ctx.description || `Here is an update on ${subject}.`,
        "",
        `- Date: ${dateLine(target, "en")}`,
        "- Questions? Just reply to this message.",
        "",
        "Best regards,",
      ];
    default:
      return [
        `**Goal:** ${ctx.goal || subject}`,
        "",
        "## Checklist",
        ...(items(ctx.description).length > 1 ? items(ctx.description) : [ctx.description || ctx.task, "Agree on who does what", "Set a date to review progress"]).map((i) => `- [ ] ${i}`),
        ...(ctx.results.length ? ["", "## Done so far", ...ctx.results.slice(0, 6).map((r) => `- ${r}`)] : []),
      ];
  }
}

function chinese(ctx: TaskContext, kind: DocumentKind, target: TargetDate, subject: string): string[] {
  const guests = findGuests(`${ctx.goal} ${ctx.description}`);
  const about = ctx.description ? [ctx.description, ""] : [];
  switch (kind) {
    case "invitation":
      return [
        `诚挚邀请您参加**${subject}**。`,
        "",
        "## 时间",
        dateLine(target, "zh-CN"),
        "",
        "## 地点",
        "具体地点将在确认出席后告知。",
        "",
        "## 说明",
        ...(ctx.description ? [`- ${ctx.description}`] : []),
        ...(guests ? [`- 预计${guests}位来宾。`] : []),
        "- 着装：休闲正装。",
        "",
        "## 回复",
        "请在一周内回复是否出席，方便我们安排餐饮和座位。",
      ];
    case "packing-list": {
      const days = findStay(ctx.goal).days ?? 4;
      return [
        ...about,
        "## 证件",
        "- [ ] 身份证或护照",
        "- [ ] 车票、机票和预订确认",
        "- [ ] 银行卡和少量现金",
        "",
        "## 衣物",
        `- [ ] ${days}套日常衣服`,
        "- [ ] 舒适的步行鞋",
        "- [ ] 一件薄外套",
        "",
        "## 洗漱与药品",
        "- [ ] 牙刷、牙膏、洗发水",
        "- [ ] 常用药和创可贴",
        "",
        "## 电子产品",
        "- [ ] 手机和充电器",
        "- [ ] 充电宝和转换插头",
      ];
    }
    case "agenda":
      return [
        ...about,
        `**日期：**${dateLine(target, "zh-CN")}`,
        "",
        "| 时间 | 内容 |",
        "| --- | --- |",
        "| 09:00 | 签到与欢迎 |",
        `| 09:30 | ${ctx.task} |`,
        "| 11:00 | 休息 |",
        "| 11:15 | 主要环节 |",
        "| 12:30 | 总结与下一步 |",
      ];
    case "message":
      return [
        `**主题：**${ctx.task}`,
        "",
        "大家好：",
        "",
        ctx.description || `以下是关于“${subject}”的最新安排。`,
        "",
        `- 日期：${dateLine(target, "zh-CN")}`,
        "- 如有问题，请直接回复。",
        "",
        "此致",
      ];
    default:
      return [
        `**目标：**${ctx.goal || subject}`,
        "",
        "## 清单",
        ...(items(ctx.description).length > 1 ? items(ctx.description) : [ctx.description || ctx.task, "明确分工", "定好检查进度的日期"]).map((i) => `- [ ] ${i}`),
        ...(ctx.results.length ? ["", "## 已完成", ...ctx.results.slice(0, 6).map((r) => `- ${r}`)] : []),
      ];
  }
}

/**
 * The write_document input for a writing task: titled by the task (at most
 * 200 characters), a file name from the title (ASCII words, else the kind),
 * and Markdown content of the kind the task asks for (documentKind), in the
 * task's language, starting with a `# title` heading. `target` is the date the
 * document names (an event date, or a provisional one). Deterministic.
 */
export function documentFor(ctx: TaskContext, target: TargetDate): WriteDocumentInput {
  const lang = ctx.lang;
  const title = clip(ctx.task || DOCUMENT[lang], 200);
  const kind = documentKind(ctx.task, ctx.description);
  const subject = ctx.plan || ctx.goal || title;
  const parts = { date: dateLine(target, lang), subject, items: items(ctx.description) };
  const body =
    lang === "zh-CN"
      ? chinese(ctx, kind, target, subject)
      : lang === "ja"
        ? japaneseDocument(ctx, kind, parts)
        : lang === "es" || lang === "fr"
          ? romanceDocument(ctx, kind, parts, lang)
          : english(ctx, kind, target, subject);
  return { title, filename: filename(title, kind), content: [`# ${title}`, "", ...body, ""].join("\n") };
}
