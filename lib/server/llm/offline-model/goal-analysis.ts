import "server-only";
// Everything the templates need to know about a goal, read once: domain,
// sub-kind, duration, subject, guest count and a seed for variation.
import type { Language } from "@/lib/shared/language";
import { detectDomain, type Domain } from "./domain-detection.ts";
import { extractDuration, type Duration } from "./duration.ts";
import { hash } from "./seeded-random.ts";
import { afterVerb, extractDestination, nounPhrase, zhNounPhrase } from "./subject-extraction.ts";
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

function cleanGoal(goal: string, lang: Language): string {
  let g = goal.trim().replace(/\s+/g, " ");
  if (/[\u4e00-\u9fff]/.test(g)) {
    g = g
      .replace(/^(?:请|麻烦你?|帮我们?|帮忙|给我们?|我们?(?:想要|想|要|需要|打算|希望)|能不能|可以)+/, "")
      .replace(/^(?:帮我们?)?(?:规划|计划|安排|制定|做)(?:一下|一个|一份)?/, "")
      .replace(/(?:的)?(?:计划|规划)$/, "")
      .replace(/[。！？!?.，,\s]+$/, "");
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
  return g || (lang === "zh-CN" ? "新计划" : "New plan");
}

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
  const guests = /(\d+)\s*(?:people|guests|attendees|persons|participants|人|位)/i.exec(text);
  const cjk = /[\u4e00-\u9fff]/.test(text);
  let subject: string | undefined;
  let subjectIsVerb = false;
  let kind = "";
  let place: KnownPlace | undefined;
  switch (domain) {
    case "software": {
      subject = cjk
        ? zhNounPhrase(text, "App|APP|app|应用|小程序|网站|软件|产品|系统|平台|游戏|功能|插件")
        : nounPhrase(text, "apps?|application|website|web site|web app|saas|api|platform|product|game|feature|tool|extension|plugin|software|service|mvp");
      kind = /\b(apps?|mobile|ios|android|iphone)\b|App|APP|手机|移动|应用|安卓|小程序/i.test(text) ? "mobile" : "web";
      break;
    }
    case "trip": {
      place = findPlace(text);
      subject = place ? (zh ? place.zh : place.en) : extractDestination(text);
      break;
    }
    case "event": {
      subject = cjk
        ? zhNounPhrase(text, "生日派对|生日会|婚礼|年会|发布会|会议|聚会|派对|活动|晚宴|团建|沙龙|展会|峰会|庆典|典礼|聚餐")
        : nounPhrase(
            text,
            "birthday party|dinner party|baby shower|wedding|conference|party|meetup|summit|workshop|hackathon|festival|gala|fundraiser|reunion|ceremony|celebration|offsite|retreat|concert|webinar|event",
          );
      kind = /wedding|婚礼/i.test(text)
        ? "wedding"
        : /conference|summit|workshop|meetup|hackathon|webinar|会议|峰会|沙龙|展会|发布会|年会/i.test(text)
          ? "conference"
          : "party";
      break;
    }
    case "learning": {
      kind = /\b(exams?|tests?|certification|certificate|ielts|toefl|gre|gmat|sat|lsat|mcat|jlpt|hsk|pass)\b|考试|考研|备考|雅思|托福|证书|考证|高考|四六级|期末|四级|六级/i.test(
        text,
      )
        ? "exam"
        : "skill";
      const en = afterVerb(text, "learn|learning|study|studying|master|practise|practice|improve|pass|prepare for|revise for|ace|get better at");
      if (en && !cjk) {
        subject = en.replace(/^(?:how to)\s+/i, "");
        subjectIsVerb = new RegExp(`\\bto\\s+${subject.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "i").test(text);
      }
      else {
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
    case "writing": {
      kind = /thesis|dissertation|paper|论文|毕业设计|研究报告/i.test(text)
        ? "academic"
        : /article|essay|blog|post|文章|博客|报告/i.test(text)
          ? "article"
          : "book";
      subject = cjk
        ? zhNounPhrase(text, "毕业论文|论文|小说|文章|博客|书稿|剧本|报告|书")
        : nounPhrase(text, "novel|thesis|dissertation|paper|article|essay|blog post|blog|book|memoir|screenplay|manuscript|report|story");
      break;
    }
    case "moving": {
      place = findPlace(text);
      const en = /\b(?:move|moving|relocate|relocating)\s+(?:to|into)\s+(?:a|an|the|my|our)?\s*([^.,!?;]{2,40}?)(?=\s+(?:in|by|within|before|on|next|this|with|and)\b|[.,!?;]|$)/i.exec(
        text,
      );
      const zhm = /搬(?:家)?(?:到|去|至|进)([^，。,.!！?？\s的了]{1,10})/.exec(text);
      subject = place ? (zh ? place.zh : place.en) : (en?.[1] ?? zhm?.[1]);
      break;
    }
    case "fitness": {
      const race = /half[- ]marathon|marathon|triathlon|ultra(?:marathon)?|\b\d+\s?k\b|半程马拉松|半马|全马|马拉松|铁人三项|\d+公里/i.exec(text);
      const loss = /\blose\s+(\d+\s*(?:kg|kilos?|pounds|lbs))|(?:减|瘦)(\d+\s*(?:斤|公斤|kg))/i.exec(text);
      if (race) {
        kind = "race";
        subject = race[0];
      } else {
        kind = "body";
        if (loss) subject = loss[1] ? `lose ${loss[1]}` : `减重${loss[2]}`;
      }
      break;
    }
    default:
      break;
  }
  const hasSubject = Boolean(subject && subject.trim());
  return {
    ...base,
    kind,
    place,
    guests: guests ? Number(guests[1]) : undefined,
    hasSubject,
    subjectIsVerb: hasSubject && subjectIsVerb,
    subject: hasSubject ? subject!.trim() : defaultSubject(domain, kind, lang),
  };
}

function defaultSubject(domain: Domain, kind: string, lang: Language): string {
  const zh = lang === "zh-CN";
  switch (domain) {
    case "software":
      return zh ? (kind === "mobile" ? "App" : "产品") : kind === "mobile" ? "app" : "product";
    case "trip":
      return zh ? "目的地" : "your destination";
    case "event":
      return zh ? "活动" : kind === "wedding" ? "wedding" : kind === "conference" ? "conference" : "party";
    case "learning":
      return zh ? (kind === "exam" ? "这门考试" : "这项技能") : kind === "exam" ? "the exam" : "the new skill";
    case "writing":
      return zh ? (kind === "academic" ? "论文" : kind === "article" ? "文章" : "书") : kind === "academic" ? "thesis" : kind === "article" ? "article" : "book";
    case "moving":
      return zh ? "新住处" : "your new home";
    case "fitness":
      return zh ? (kind === "race" ? "比赛" : "健身目标") : kind === "race" ? "race" : "fitness goal";
    default:
      return "";
  }
}
