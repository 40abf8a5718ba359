import "server-only";
// Everything the templates need to know about a goal, read once: domain,
// sub-kind, duration, subject, guest count and a seed for variation.
import type { Language } from "@/lib/shared/language";
import { detectDomain, type Domain } from "./domain-detection.ts";
import { extractDuration, type Duration } from "./duration.ts";
import { hash } from "./seeded-random.ts";
import { ES_FR_NUMBERS } from "./duration.ts";
import { afterVerb, extractDestination, nounPhrase, zhNounPhrase } from "./subject-extraction.ts";
import { intlSubject } from "./subject-extraction-intl.ts";
import { findPlace, type KnownPlace } from "./templates/cities.ts";

/** What the templates know about a goal (see analyzeGoal). */
export type Analysis = {
  /** The goal as given, trimmed. */
  goal: string;
  lang: Language;
  domain: Domain;
  /** Hash of the lower-cased goal: seeds every variation so a goal always gets the same plan. */
  seed: number;
  duration?: Duration;
  /** Subject / destination as shown in the output language. */
  subject: string;
  /** Whether `subject` came from the goal (vs a default). */
  hasSubject: boolean;
  /** The subject is a verb phrase ("learn to cook" → "cook"). */
  subjectIsVerb: boolean;
  /** A destination the city data knows (trips and moves). */
  place?: KnownPlace;
  /** Sub-kind: mobile|web (software), wedding|conference|party (event), exam|skill, academic|book|article, race|body. */
  kind: string;
  /** "for 80 guests", "50人". */
  guests?: number;
  /** The goal without polite prefixes ("Help me plan …"), for generic titles. */
  short: string;
};

/** Polite prefixes and request endings to drop from a goal, per language (Chinese and English below). */
const INTL_PREFIXES: Record<"es" | "fr", RegExp[]> = {
  es: [
    /^(?:(?:hola|por favor|oye|vale|bueno)[,!\s]+)+/i,
    /^¿?(?:puedes|podrías|me puedes|nos puedes)\s+(?:ayudarme\s+a\s+)?/i,
    /^ay[uú]da(?:me|nos)\s+a\s+/i,
    /^(?:quiero|queremos|quisiera|necesito|necesitamos|me gustaría|nos gustaría|tengo que|tenemos que|voy a|vamos a)\s+/i,
    /^(?:planifica|planea|planear|planificar|organiza|organizar|prepara|preparar|haz|hacer|crea|crear)(?:me|nos)?\s+(?:un\s+plan\s+(?:para|de)\s+)?/i,
  ],
  fr: [
    /^(?:(?:bonjour|salut|s'il te plaît|s'il vous plaît|stp|svp|alors|bon)[,!\s]+)+/i,
    /^(?:peux-tu|pouvez-vous|tu peux|vous pouvez|pourrais-tu|pourriez-vous)\s+(?:m['’]aider\s+à\s+)?/i,
    /^aide[sz]?-(?:moi|nous)\s+à\s+/i,
    /^(?:je veux|je voudrais|j['’]aimerais|nous voulons|on veut|je dois|nous devons|il faut|je vais|on va)\s+/i,
    /^(?:planifie|planifiez|planifier|organise|organisez|organiser|prépare|préparez|préparer|fais|faites|crée|créez)(?:-moi|-nous)?\s+(?:un\s+plan\s+(?:pour|de)\s+)?/i,
  ],
};
const NEW_PLAN: Record<Language, string> = { en: "New plan", "zh-CN": "新计划", ja: "新しい計画", es: "Nuevo plan", fr: "Nouveau plan" };

function cleanGoal(goal: string, lang: Language): string {
  let g = goal.trim().replace(/\s+/g, " ");
  if (/[\u3040-\u30ff]/.test(g)) {
    // Japanese: drop the request around the goal (「…を計画して」「…の計画を立ててください」).
    g = g
      .replace(/^(?:お願い(?:します)?[、,]?|すみません[、,]?)/, "")
      .replace(/(?:について|の|を)?(?:計画|企画|プラン|予定)(?:を)?(?:立てて|作って|考えて|して|したい|する)?(?:ください|下さい|ほしい|欲しい|くれる|くれますか)?$/u, "")
      .replace(/(?:を)?(?:手伝って|サポートして)(?:ください|下さい)?$/u, "")
      .replace(/したい(?:です)?$/u, "する")
      .replace(/[。！？!?.、,\s]+$/u, "");
  } else if (/[\u4e00-\u9fff]/.test(g)) {
    g = g
      .replace(/^(?:请|麻烦你?|帮我们?|帮忙|给我们?|我们?(?:想要|想|要|需要|打算|希望)|能不能|可以)+/, "")
      .replace(/^(?:帮我们?)?(?:规划|计划|安排|制定|做)(?:一下|一个|一份)?/, "")
      .replace(/(?:的)?(?:计划|规划)$/, "")
      .replace(/[。！？!?.，,\s]+$/, "");
  } else if (lang === "es" || lang === "fr") {
    for (const re of INTL_PREFIXES[lang]) g = g.replace(re, "");
    g = g.replace(/^[¿¡]/, "").replace(/[\s.!?]+$/, "");
  } else {
    const prefixes = [
      /^(?:(?:please|pls|hey|hi|ok|okay|so)[,!\s]+)+/i,
      /^(?:can|could|would|will) you\s+(?:please\s+)?/i,
      /^help (?:me|us)\s+(?:to\s+)?/i,
      /^(?:i|we)\s+(?:want|need|would like|'d like|have|hope|plan)\s+to\s+/i,
      /^(?:i'm|i am|we're|we are)\s+(?:planning|trying|hoping|going)\s+to\s+/i,
      /^let'?s\s+/i,
      /^(?:make|create|draw up|put together|write)\s+(?:me\s+)?(?:a|an|the)?\s*plan\s+(?:to|for)\s+/i,
      /^plan\s+(?:out\s+|for\s+)?/i,
    ];
    for (const re of prefixes) g = g.replace(re, "");
    g = g.replace(/[\s.!?]+$/, "");
  }
  return g || NEW_PLAN[lang];
}

/** Head counts: "80 people", "50人", "20 invitados", "quatre personnes". */
const GUESTS = new RegExp(
  `(?<![\\p{L}])(\\d+|${Object.keys(ES_FR_NUMBERS).join("|")})\\s*(?:people|guests|attendees|persons|participants|personas|invitados|asistentes|personnes|invités|人|位|名)`,
  "iu",
);

/**
 * Reads a goal once for all templates: its domain (or `forceDomain`, used when
 * matching a task title against every domain's template), sub-kind, duration,
 * subject in the output language `lang` (a per-domain default when none is
 * found), guest count and variation seed. Never throws; an empty goal is
 * "generic", with `short` "New plan" / "新计划".
 */
export function analyzeGoal(goal: string, lang: Language, forceDomain?: Domain): Analysis {
  const text = goal.trim();
  const domain = forceDomain ?? detectDomain(text);
  const zh = lang === "zh-CN";
  const base = {
    goal: text,
    lang,
    domain,
    seed: hash(text.toLowerCase()),
    duration: extractDuration(text),
    short: cleanGoal(text, lang),
  };
  const guests = GUESTS.exec(text);
  const guestCount = guests ? (/^\d/.test(guests[1]) ? Number(guests[1]) : ES_FR_NUMBERS[guests[1].toLowerCase()]) : undefined;
  const cjk = /[\u4e00-\u9fff]/.test(text);
  const kind = kindOf(domain, text);
  let subject: string | undefined;
  let subjectIsVerb = false;
  let place: KnownPlace | undefined;
  if (domain === "trip" || domain === "moving") place = findPlace(text);
  if (lang === "ja" || lang === "es" || lang === "fr") {
    // Japanese, Spanish and French goals: places by their name in the language, other subjects as the goal says them.
    const found = place ? { subject: place.names[lang] } : intlSubject(domain, kind, text, lang);
    subject = found?.subject;
    subjectIsVerb = Boolean(found?.isVerb);
  } else {
    switch (domain) {
      case "software":
        subject = cjk
          ? zhNounPhrase(text, "App|APP|app|应用|小程序|网站|软件|产品|系统|平台|游戏|功能|插件")
          : nounPhrase(text, "apps?|application|website|web site|web app|saas|api|platform|product|game|feature|tool|extension|plugin|software|service|mvp");
        break;
      case "trip":
        subject = place ? place.names[zh ? "zh-CN" : "en"] : extractDestination(text);
        break;
      case "event":
        subject = cjk
          ? zhNounPhrase(text, "生日派对|生日会|婚礼|年会|发布会|会议|聚会|派对|活动|晚宴|团建|沙龙|展会|峰会|庆典|典礼|聚餐")
          : nounPhrase(
              text,
              "birthday party|dinner party|baby shower|wedding|conference|party|meetup|summit|workshop|hackathon|festival|gala|fundraiser|reunion|ceremony|celebration|offsite|retreat|concert|webinar|event",
            );
        break;
      case "learning": {
        const en = afterVerb(text, "learn|learning|study|studying|master|practise|practice|improve|pass|prepare for|revise for|ace|get better at");
        if (en && !cjk) {
          subject = en.replace(/^(?:how to)\s+/i, "");
          subjectIsVerb = new RegExp(`\\bto\\s+${subject.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "i").test(text);
        } else {
          const zhm = /(?:学习|学会|自学|备考|准备|复习|掌握|考|学)\s*([^，。,.!！?？]{1,16})/.exec(text);
          if (zhm) {
            const body = zhm[1].replace(/(?:的)?(?:计划|规划|安排|方案)$/, "");
            let s = (body.split("的").at(-1) ?? body).replace(/^(?:一下|一门|好|会)/, "");
            if (s.length > 2) s = s.replace(/考试$/, "");
            if (s) subject = s;
          }
        }
        break;
      }
      case "writing":
        subject = cjk
          ? zhNounPhrase(text, "毕业论文|论文|小说|文章|博客|书稿|剧本|报告|书")
          : nounPhrase(text, "novel|thesis|dissertation|paper|article|essay|blog post|blog|book|memoir|screenplay|manuscript|report|story");
        break;
      case "moving": {
        const en = /\b(?:move|moving|relocate|relocating)\s+(?:to|into)\s+(?:a|an|the|my|our)?\s*([^.,!?;]{2,40}?)(?=\s+(?:in|by|within|before|on|next|this|with|and)\b|[.,!?;]|$)/i.exec(
          text,
        );
        const zhm = /搬(?:家)?(?:到|去|至|进)([^，。,.!！?？\s的了]{1,10})/.exec(text);
        subject = place ? place.names[zh ? "zh-CN" : "en"] : (en?.[1] ?? zhm?.[1]);
        break;
      }
      case "fitness": {
        const race = /half[- ]marathon|marathon|triathlon|ultra(?:marathon)?|\b\d+\s?k\b|半程马拉松|半马|全马|马拉松|铁人三项|\d+公里/i.exec(text);
        const loss = /\blose\s+(\d+\s*(?:kg|kilos?|pounds|lbs))|(?:减|瘦)(\d+\s*(?:斤|公斤|kg))/i.exec(text);
        if (race) subject = race[0];
        else if (loss) subject = loss[1] ? `lose ${loss[1]}` : `减重${loss[2]}`;
        break;
      }
      default:
        break;
    }
  }
  const hasSubject = Boolean(subject && subject.trim());
  return {
    ...base,
    kind,
    place,
    guests: guestCount,
    hasSubject,
    subjectIsVerb: hasSubject && subjectIsVerb,
    subject: hasSubject ? subject!.trim() : defaultSubject(domain, kind, lang),
  };
}

/** The sub-kind of a goal of `domain`, from words in any of the five languages. */
function kindOf(domain: Domain, text: string): string {
  switch (domain) {
    case "software":
      return /\b(apps?|mobile|ios|android|iphone)\b|App|APP|手机|移动|应用|安卓|小程序|アプリ|スマホ|モバイル|m[oó]vil|\bappli\b|aplicaci[oó]n/i.test(text) ? "mobile" : "web";
    case "event":
      return /wedding|婚礼|結婚式|披露宴|boda|mariage/i.test(text)
        ? "wedding"
        : /conference|summit|workshop|meetup|hackathon|webinar|会议|峰会|沙龙|展会|发布会|年会|会議|カンファレンス|セミナー|conferencia|congreso|seminario|taller|conférence|congrès|séminaire|atelier/i.test(text)
          ? "conference"
          : "party";
    case "learning":
      return /\b(exams?|tests?|certification|certificate|ielts|toefl|toeic|gre|gmat|sat|lsat|mcat|jlpt|hsk|pass|examen|oposiciones|selectividad|dele|delf|dalf|concours|bac)\b|考试|考研|备考|雅思|托福|证书|考证|高考|四六级|期末|四级|六级|試験|検定|受験|資格|英検|aprobar|réussir/i.test(text)
        ? "exam"
        : "skill";
    case "writing":
      return /thesis|dissertation|paper|论文|毕业设计|研究报告|論文|卒論|tesis|th[eè]se|m[eé]moire|tfg|tfm/i.test(text)
        ? "academic"
        : /article|essay|blog|post|文章|博客|报告|記事|ブログ|art[ií]culo|ensayo|essai/i.test(text)
          ? "article"
          : "book";
    case "fitness":
      return /half[- ]marathon|marathon|triathlon|ultra(?:marathon)?|\b\d+\s?k(?:m)?\b|半程马拉松|半马|全马|马拉松|铁人三项|\d+公里|マラソン|トライアスロン|\d+\s*キロ|marat[oó]n|triatl[oó]n|trail/i.test(text)
        ? "race"
        : "body";
    default:
      return "";
  }
}

/** Each language's subject when the goal names none (Spanish and French with their article). */
const DEFAULT_SUBJECTS: Record<Language, Record<string, string>> = {
  en: {
    "software.mobile": "app", "software.web": "product", trip: "your destination", "event.wedding": "wedding", "event.conference": "conference", "event.party": "party",
    "learning.exam": "the exam", "learning.skill": "the new skill", "writing.academic": "thesis", "writing.article": "article", "writing.book": "book",
    moving: "your new home", "fitness.race": "race", "fitness.body": "fitness goal",
  },
  "zh-CN": {
    "software.mobile": "App", "software.web": "产品", trip: "目的地", "event.wedding": "活动", "event.conference": "活动", "event.party": "活动",
    "learning.exam": "这门考试", "learning.skill": "这项技能", "writing.academic": "论文", "writing.article": "文章", "writing.book": "书",
    moving: "新住处", "fitness.race": "比赛", "fitness.body": "健身目标",
  },
  ja: {
    "software.mobile": "アプリ", "software.web": "プロダクト", trip: "目的地", "event.wedding": "結婚式", "event.conference": "カンファレンス", "event.party": "パーティー",
    "learning.exam": "試験", "learning.skill": "新しいスキル", "writing.academic": "論文", "writing.article": "記事", "writing.book": "本",
    moving: "新居", "fitness.race": "大会", "fitness.body": "フィットネス目標",
  },
  es: {
    "software.mobile": "la app", "software.web": "el producto", trip: "tu destino", "event.wedding": "la boda", "event.conference": "la conferencia", "event.party": "la fiesta",
    "learning.exam": "el examen", "learning.skill": "la nueva habilidad", "writing.academic": "la tesis", "writing.article": "el artículo", "writing.book": "el libro",
    moving: "tu nuevo hogar", "fitness.race": "la carrera", "fitness.body": "tu objetivo de forma física",
  },
  fr: {
    "software.mobile": "l'application", "software.web": "le produit", trip: "votre destination", "event.wedding": "le mariage", "event.conference": "la conférence", "event.party": "la fête",
    "learning.exam": "l'examen", "learning.skill": "la nouvelle compétence", "writing.academic": "la thèse", "writing.article": "l'article", "writing.book": "le livre",
    moving: "votre nouveau logement", "fitness.race": "la course", "fitness.body": "votre objectif de forme",
  },
};

function defaultSubject(domain: Domain, kind: string, lang: Language): string {
  const table = DEFAULT_SUBJECTS[lang];
  return table[`${domain}.${kind}`] ?? table[domain] ?? "";
}
