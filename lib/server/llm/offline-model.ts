import "server-only";
// The built-in offline planner: a deterministic LanguageModelV4 that needs no
// network. It reads the `Field: value` header of prompts built by buildPrompt,
// decides what to produce from `responseFormat.name` (or the `Request:` field)
// and answers with one JSON text part matching chatReplySchema,
// planOutlineSchema or subtasksSchema. Plans are request-specific: a domain is
// detected from keywords (software launch, trip, event, learning, writing,
// moving, fitness, generic), a duration and a subject/destination are
// extracted, and any variation is seeded from a hash of the goal.
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
  SharedV4Warning,
} from "@ai-sdk/provider";
import { detectLanguage, parsePromptFields, type PromptFields, type PromptLanguage } from "./prompts.ts";
import { LLM_REQUESTS, type ChatReply, type LlmRequestName, type PlanOutline, type Subtasks } from "./schemas.ts";

export const OFFLINE_MODEL_ID = "planstream-offline-planner";
export const OFFLINE_PROVIDER = "planstream.offline";
const DEFAULT_LATENCY_MS = 350;

// ---------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------

/**
 * Creates the offline planner model.
 * @param options.latencyMs simulated latency per call (default 350 ms); aborting the call's signal rejects at once.
 * @example generateText({ model: createOfflinePlannerModel(), system, prompt, output: Output.object({ schema, name: "plan_outline" }) })
 */
export function createOfflinePlannerModel(options: { latencyMs?: number } = {}): LanguageModelV4 {
  const latencyMs = Math.max(0, options.latencyMs ?? DEFAULT_LATENCY_MS);
  return {
    specificationVersion: "v4",
    provider: OFFLINE_PROVIDER,
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},
    async doGenerate(call: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
      call.abortSignal?.throwIfAborted();
      const answer = answerCall(call);
      await delay(latencyMs, call.abortSignal);
      return {
        content: [{ type: "text", text: answer.text }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: answer.usage,
        warnings: answer.warnings,
        request: { body: { request: answer.request, fields: answer.fields } },
        response: { modelId: OFFLINE_MODEL_ID, timestamp: new Date() },
      };
    },
    async doStream(call: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
      call.abortSignal?.throwIfAborted();
      const answer = answerCall(call);
      await delay(latencyMs, call.abortSignal);
      const parts: LanguageModelV4StreamPart[] = [
        { type: "stream-start", warnings: answer.warnings },
        { type: "response-metadata", modelId: OFFLINE_MODEL_ID, timestamp: new Date() },
        { type: "text-start", id: "txt-0" },
        ...chunkText(answer.text, 24).map((delta): LanguageModelV4StreamPart => ({ type: "text-delta", id: "txt-0", delta })),
        { type: "text-end", id: "txt-0" },
        { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: answer.usage },
      ];
      let i = 0;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        pull(controller) {
          if (call.abortSignal?.aborted) {
            controller.error(abortReason(call.abortSignal));
            return;
          }
          if (i < parts.length) controller.enqueue(parts[i++]);
          else controller.close();
        },
      });
      return { stream, request: { body: { request: answer.request, fields: answer.fields } } };
    },
  };
}

type Answer = {
  request: LlmRequestName | "text";
  fields: Partial<PromptFields>;
  text: string;
  usage: LanguageModelV4Usage;
  warnings: SharedV4Warning[];
};

function answerCall(call: LanguageModelV4CallOptions): Answer {
  const warnings: SharedV4Warning[] = [];
  if (call.tools?.length) warnings.push({ type: "unsupported", feature: "tools", details: "The offline planner never calls tools." });

  let inputChars = 0;
  let lastUserText = "";
  for (const message of call.prompt) {
    if (message.role === "system") {
      inputChars += message.content.length;
      continue;
    }
    const content = message.content as ReadonlyArray<{ type: string; text?: string }>;
    const texts = content.flatMap((part) => (part.type === "text" && typeof part.text === "string" ? [part.text] : []));
    for (const t of texts) inputChars += t.length;
    if (message.role === "user" && texts.length > 0) lastUserText = texts.join("\n");
  }

  const fields = parsePromptFields(lastUserText);
  const format = call.responseFormat;
  const request = resolveRequest(format, fields);
  // Free text without a header (e.g. a plain streamText prompt) is the message/goal itself.
  const freeText = lastUserText.trim();
  const language: PromptLanguage =
    fields.Language === "zh-CN" || fields.Language === "en"
      ? fields.Language
      : detectLanguage(fields.Message ?? fields.Goal ?? fields.Task ?? freeText);

  let text: string;
  if (request === "plan_outline") {
    text = JSON.stringify(planOutline(fields.Goal ?? fields.Message ?? freeText, language));
  } else if (request === "subtasks") {
    text = JSON.stringify(
      subtasks({
        goal: fields.Goal ?? "",
        task: fields.Task ?? fields.Message ?? freeText,
        description: fields.TaskDescription ?? "",
        language,
      }),
    );
  } else {
    const reply = chatReply({
      message: fields.Message ?? fields.Goal ?? freeText,
      language,
      planTasks: fields.PlanTasks,
    });
    text = request === "chat_reply" ? JSON.stringify(reply) : reply.reply;
  }

  return {
    request,
    fields,
    text,
    warnings,
    usage: {
      inputTokens: { total: Math.ceil(inputChars / 4), noCache: Math.ceil(inputChars / 4), cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: Math.ceil(text.length / 4), text: Math.ceil(text.length / 4), reasoning: undefined },
    },
  };
}

function isRequestName(value: unknown): value is LlmRequestName {
  return typeof value === "string" && (LLM_REQUESTS as readonly string[]).includes(value);
}

/** responseFormat.name first, then the `Request:` header, then the JSON schema's shape. */
function resolveRequest(
  format: LanguageModelV4CallOptions["responseFormat"],
  fields: Partial<PromptFields>,
): LlmRequestName | "text" {
  if (format?.type === "json" && isRequestName(format.name)) return format.name;
  if (isRequestName(fields.Request)) return fields.Request;
  if (format?.type === "json") {
    const props = (format.schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
    if ("subtasks" in props) return "subtasks";
    if ("tasks" in props) return "plan_outline";
    return "chat_reply";
  }
  return "text";
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

/** Waits `ms`, rejecting with the signal's reason as soon as it aborts. */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Splits text into deltas of `size` code points (never inside a surrogate pair). */
function chunkText(text: string, size: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(""));
  return out;
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

type Bi = { en: string; zh: string };
type Lang = PromptLanguage;

/** FNV-1a, 32 bit. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], seed: number): T {
  return items[seed % items.length];
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const r = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function cap(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** Lower-cases the first letter unless the word looks like an acronym or name ("IELTS", "iOS"). */
function uncap(text: string): string {
  if (!text || /^[A-Z]{2}|^[A-Z][a-z]+[A-Z]/.test(text)) return text;
  return text[0].toLowerCase() + text.slice(1);
}

function clip(text: string, max: number): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return text.trim();
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k] : m));
}

const CN_DIGITS = "零一二三四五六七八九";

function cnNum(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100) return String(n);
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ""}`;
}

/** A count before a measure word: 两 rather than 二 ("两周", "两日游"). */
function cnCount(n: number): string {
  return n === 2 ? "两" : cnNum(n);
}

function parseCnNumber(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === "半") return 0.5;
  const digits: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch in digits) current = digits[ch];
    else if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else return undefined;
  }
  return total + current;
}

// ---------------------------------------------------------------------------
// Goal analysis: domain, duration, subject
// ---------------------------------------------------------------------------

type Domain = "software" | "trip" | "event" | "learning" | "writing" | "moving" | "fitness" | "generic";
type Unit = "day" | "week" | "month" | "year";
type Duration = { value: number; unit: Unit };

/** Tie-break order when two domains match equally often. */
const DOMAIN_PRIORITY: Domain[] = ["trip", "event", "fitness", "moving", "writing", "learning", "software"];

const DOMAIN_KEYWORDS: Record<Exclude<Domain, "generic">, RegExp[]> = {
  software: [
    /\b(apps?|application|website|web ?site|web ?app|saas|mvp|software|api|platform|launch(?:ing)?|release|ship|beta|ios|android|startup|product|feature|deploy)\b/gi,
    /(App|APP|app|应用|小程序|网站|软件|产品|系统|平台|上线|发布|版本|功能|开发)/g,
  ],
  trip: [
    /\b(trip|travel|travell?ing|vacation|holiday|getaway|journey|itinerary|honeymoon|sightseeing|backpacking|visit|visiting|tour)\b/gi,
    /(旅行|旅游|行程|出游|度假|自由行|游玩|自驾|观光|日游|蜜月|去.{1,6}玩)/g,
    // "Two weeks in Japan", "a weekend in Paris" (case-sensitive: a capitalised place).
    /\b(?:[Dd]ays?|[Ww]eeks?|[Ww]eekend|[Mm]onths?)\s+(?:in|to|around|across)\s+[A-Z]/g,
  ],
  event: [
    /\b(event|party|wedding|conference|meetup|summit|workshop|hackathon|festival|gala|fundraiser|reunion|ceremony|celebration|shower|bachelor(?:ette)?|offsite|retreat|birthday|anniversary|concert|webinar|guests?|attendees|venue|invitations?|rsvps?)\b/gi,
    /(活动|聚会|派对|婚礼|会议|年会|生日|庆典|典礼|晚宴|团建|沙龙|展会|峰会|发布会|聚餐|纪念日)/g,
  ],
  learning: [
    /\b(learn|learning|study|studying|exams?|course|certification|certificate|ielts|toefl|gre|gmat|sat|lsat|mcat|jlpt|hsk|revise|pass the|fluent|master)\b/gi,
    /(学习|学会|考试|备考|课程|考研|雅思|托福|证书|考证|高考|四六级|复习|自学|入门|掌握|期末|(?<![大中小同])学(?![校生期]))/g,
  ],
  writing: [
    /\b(write|writing|novel|thesis|dissertation|article|essay|blog|manuscript|memoir|screenplay|(?:a|my|the|our|first|new)\s+book)\b/gi,
    /(写|论文|小说|文章|博客|书稿|剧本|出书|报告)/g,
  ],
  moving: [
    /\b(move to|moving to|move into|moving into|moving house|move house|move out|relocat\w*|new apartment|new flat|new house|movers)\b/gi,
    /(搬家|搬到|搬去|搬迁|乔迁|搬入)/g,
  ],
  fitness: [
    /\b(marathon|half[- ]marathon|10k|5k|triathlon|ultra|fitness|workout|gym|lose weight|weight loss|lose \d+|get fit|in shape|strength training|muscle|running)\b/gi,
    /(马拉松|半马|全马|跑步|健身|减肥|减重|瘦身|增肌|锻炼|体能|铁人三项|公里)/g,
  ],
};

function detectDomain(goal: string): Domain {
  let best: Domain = "generic";
  let bestScore = 0;
  for (const domain of DOMAIN_PRIORITY) {
    const score = DOMAIN_KEYWORDS[domain as Exclude<Domain, "generic">].reduce(
      (n, re) => n + (goal.match(re)?.length ?? 0),
      0,
    );
    if (score > bestScore) {
      best = domain;
      bestScore = score;
    }
  }
  // A well-known destination and nothing else: a trip.
  if (best === "generic" && findPlace(goal)) return "trip";
  return best;
}

const EN_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, couple: 2, few: 3,
};

/** "6 weeks", "a 3-day trip", "two months", "三天", "两周", "一个月", "七日游", "weekend", "周末". */
export function extractDuration(text: string): Duration | undefined {
  const en = /\b(\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple of|few)[\s-]+(day|week|month|year)s?\b/i.exec(
    text,
  );
  let found: Duration | undefined;
  if (en) {
    const word = en[1].toLowerCase().replace(/ of$/, "");
    const value = /^\d/.test(word) ? Number(word) : EN_NUMBERS[word];
    found = { value, unit: en[2].toLowerCase() as Unit };
  } else {
    const zh = /(?<!第)(\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+|半)\s*(天|日游|个星期|星期|个礼拜|礼拜|周|个月|年)/.exec(text);
    if (zh) {
      const value = parseCnNumber(zh[1]);
      const unit: Unit = /天|日/.test(zh[2]) ? "day" : /周|星期|礼拜/.test(zh[2]) ? "week" : zh[2] === "年" ? "year" : "month";
      if (value !== undefined) found = { value, unit };
    } else if (/\bfortnight\b/i.test(text)) found = { value: 2, unit: "week" };
    else if (/\bweekend\b|周末/i.test(text)) found = { value: 2, unit: "day" };
    else if (/\bday[- ]trip\b|一日游/i.test(text)) found = { value: 1, unit: "day" };
  }
  if (!found || !(found.value > 0) || found.value > 100) return undefined;
  if (!Number.isInteger(found.value)) {
    // Half units become whole smaller units: half a month → 2 weeks, 1.5 weeks → 11 days.
    if (found.unit === "year") found = { value: Math.round(found.value * 12), unit: "month" };
    else if (found.unit === "month") found = { value: Math.max(1, Math.round(found.value * 4)), unit: "week" };
    else if (found.unit === "week") found = { value: Math.round(found.value * 7), unit: "day" };
    else found = { value: Math.max(1, Math.round(found.value)), unit: "day" };
  }
  return found;
}

function durationText(d: Duration, lang: Lang): string {
  if (lang === "zh-CN") return `${d.value}${{ day: "天", week: "周", month: "个月", year: "年" }[d.unit]}`;
  return `${d.value} ${d.unit}${d.value === 1 ? "" : "s"}`;
}

function durationAdjective(d: Duration, lang: Lang): string {
  return lang === "zh-CN" ? durationText(d, lang) : `${d.value}-${d.unit}`;
}

function durationDays(d: Duration): number {
  return d.value * { day: 1, week: 7, month: 30, year: 365 }[d.unit];
}

type KnownPlace = { key: string; en: string; zh: string; aliases: RegExp };

const PLACES: KnownPlace[] = [
  { key: "hangzhou", en: "Hangzhou", zh: "杭州", aliases: /hangzhou|杭州|西湖/i },
  { key: "beijing", en: "Beijing", zh: "北京", aliases: /beijing|peking|北京/i },
  { key: "shanghai", en: "Shanghai", zh: "上海", aliases: /shanghai|上海/i },
  { key: "chengdu", en: "Chengdu", zh: "成都", aliases: /chengdu|成都/i },
  { key: "xian", en: "Xi'an", zh: "西安", aliases: /xi'?an\b|西安/i },
  { key: "tokyo", en: "Tokyo", zh: "东京", aliases: /tokyo|东京/i },
  { key: "paris", en: "Paris", zh: "巴黎", aliases: /paris|巴黎/i },
];

const EN_STOP_CAPS = new Set([
  "I", "We", "My", "Our", "The", "A", "An", "Plan", "Help", "Please", "Organize", "Organise", "Trip", "Travel",
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
  "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Christmas", "Easter",
]);
const CAP_PHRASE = "([A-Z][\\p{L}'’.-]*(?:\\s+(?:[A-Z][\\p{L}'’.-]*|de|del|la|di|du|le))*)";

/** The last meaningful CJK segment of `text` (the words right before a keyword). */
function zhTail(text: string, maxLen = 6): string | undefined {
  const parts = text
    .replace(/(?<!第)(\d+|[零一二两三四五六七八九十]+|半)\s*(天|日|个星期|星期|周|个月|年)/g, "的")
    .split(
      /的|一场|一次|一个|一款|一套|一趟|一本|一篇|为期|帮我们?|请|我们?|想要|想|要|打算|规划|计划|安排|组织|举办|准备|筹备|上线|发布|开发|推出|写完|完成|做完|做|学习|学会|备考|写|去|到|在|给|和|与|场|次|个|款|套|趟|本|篇|\d+人|\d+|[，。,.!！?？:：、\s]/,
    )
    .filter(Boolean);
  const last = parts.at(-1);
  if (!last || Array.from(last).length > maxLen) return undefined;
  return last;
}

function findPlace(goal: string): KnownPlace | undefined {
  return PLACES.find((p) => p.aliases.test(goal));
}

function extractDestination(goal: string): string | undefined {
  const patterns = [
    new RegExp(`\\b(?:to|in|around|through|across|visit|visiting|explore|exploring|into)\\s+${CAP_PHRASE}`, "gu"),
    new RegExp(`${CAP_PHRASE}\\s+(?:trip|vacation|holiday|getaway|itinerary|tour|honeymoon)\\b`, "gu"),
  ];
  for (const re of patterns) {
    for (const m of goal.matchAll(re)) {
      const words = m[1].split(/\s+/);
      while (words.length && EN_STOP_CAPS.has(words[0])) words.shift();
      while (words.length && EN_STOP_CAPS.has(words.at(-1)!)) words.pop();
      if (words.length) return words.join(" ").replace(/[.,]+$/, "");
    }
  }
  const zhGo = /(?:去|到|在)([\u4e00-\u9fff]{2,5}?)(?:旅行|旅游|玩|游|度假|看看|转转|自驾|过周末)/.exec(goal);
  if (zhGo) return zhGo[1];
  const zhKw = /(旅行|旅游|之旅|自由行|行程|度假|游玩|[\d一二两三四五六七八九十]+日游|游)/.exec(goal);
  if (zhKw) {
    const tail = zhTail(goal.slice(0, zhKw.index).replace(/[\d一二两三四五六七八九十]+日$/, ""), 6);
    if (tail && !/周末|假期|出国|国内|一下/.test(tail)) return tail;
  }
  return undefined;
}

const EN_NP_STOP = new Set([
  "a", "an", "the", "of", "our", "my", "your", "their", "to", "for", "in", "on", "and", "plan", "launch", "launching",
  "build", "building", "ship", "release", "develop", "create", "make", "start", "organize", "organise", "host",
  "throw", "run", "prepare", "new", "help", "me", "us", "we", "i", "want", "need", "would", "like", "by", "with",
  "write", "finish", "complete", "train", "training", "is", "it", "this", "that",
]);

/** The noun phrase ending with one of `nouns`, with up to 2 descriptive words before it. */
function nounPhrase(goal: string, nouns: string): string | undefined {
  const m = new RegExp(`((?:[\\p{L}\\p{N}'’-]+\\s+){0,2})(${nouns})\\b`, "iu").exec(goal);
  if (!m) return undefined;
  const before = m[1].trim().split(/\s+/).filter(Boolean);
  while (before.length && EN_NP_STOP.has(before[0].toLowerCase())) before.shift();
  // Keep only the words after the last stop word ("launch of a mobile app" → "mobile app").
  const lastStop = before.map((w) => EN_NP_STOP.has(w.toLowerCase())).lastIndexOf(true);
  return [...before.slice(lastStop + 1), m[2]].join(" ");
}

function zhNounPhrase(goal: string, nouns: string): string | undefined {
  const m = new RegExp(`(${nouns})`).exec(goal);
  if (!m) return undefined;
  const before = goal.slice(0, m.index);
  const lead = /((?:手机|移动|iOS|安卓|Android|网页|Web|微信|桌面|[A-Za-z0-9]+)\s*)$/.exec(before)?.[1] ?? zhTail(before, 4) ?? "";
  return `${lead.trim()}${m[1]}`;
}

/** Text after a verb, up to a preposition/punctuation ("learn Spanish in 3 months" → "Spanish"). */
function afterVerb(goal: string, verbs: string): string | undefined {
  const m = new RegExp(
    `\\b(?:${verbs})\\s+(?:(?:for|the|a|an|my|our|to|how to)\\s+)*([^.,!?;:]{2,48}?)(?=\\s+(?:in|by|within|before|over|during|so|and|this|next|from|while|after|on)\\b|\\s+for\\s+(?!the\\b)|[.,!?;:]|$)`,
    "i",
  ).exec(goal);
  return m?.[1].trim();
}

type Analysis = {
  goal: string;
  lang: Lang;
  domain: Domain;
  seed: number;
  duration?: Duration;
  /** Subject / destination as shown in the output language. */
  subject: string;
  /** Whether `subject` came from the goal (vs a default). */
  hasSubject: boolean;
  /** The subject is a verb phrase ("learn to cook" → "cook"). */
  subjectIsVerb: boolean;
  place?: KnownPlace;
  /** Sub-kind: mobile|web (software), wedding|conference|party (event), exam|skill, academic|book|article, race|body. */
  kind: string;
  guests?: number;
  /** The goal without polite prefixes ("Help me plan …"), for generic titles. */
  short: string;
};

function cleanGoal(goal: string, lang: Lang): string {
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

export function analyzeGoal(goal: string, lang: Lang, forceDomain?: Domain): Analysis {
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

function defaultSubject(domain: Domain, kind: string, lang: Lang): string {
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

/** The short plan title shared by chat_reply (create_plan) and plan_outline. */
export function planTitle(a: Analysis): string {
  const zh = a.lang === "zh-CN";
  const s = a.subject;
  const dur = a.duration;
  let title: string;
  switch (a.domain) {
    case "software":
      title = zh ? `${s}上线计划${dur ? `（${durationText(dur, a.lang)}）` : ""}` : `${cap(s)} launch${dur ? ` in ${durationText(dur, "en")}` : ""}`;
      break;
    case "trip": {
      const dest = a.hasSubject ? s : "";
      if (zh) {
        if (dur?.unit === "day") title = `${dest}${cnCount(dur.value)}日游`;
        else if (dur) title = `${dest}${cnCount(dur.value)}${{ week: "周", month: "个月", year: "年" }[dur.unit]}旅行`;
        else title = dest ? `${dest}旅行计划` : "旅行计划";
      } else {
        title = dur ? `${durationAdjective(dur, "en")} ${dest ? `${dest} ` : ""}trip` : dest ? `${dest} trip` : "Trip plan";
        title = cap(title);
      }
      break;
    }
    case "event":
      title = zh ? `${s}筹备计划` : `${cap(s)} plan`;
      break;
    case "learning":
      if (zh) title = `${s}${a.kind === "exam" ? "备考" : "学习"}计划${dur ? `（${durationText(dur, a.lang)}）` : ""}`;
      else {
        const core = a.kind === "exam" ? (/exam|test/i.test(s) ? `${cap(s)} prep` : `${cap(s)} exam prep`) : a.subjectIsVerb ? `Learn to ${s}` : `Learn ${s}`;
        title = a.hasSubject ? `${core}${dur ? ` in ${durationText(dur, "en")}` : ""}` : cap(a.short);
      }
      break;
    case "writing":
      title = zh ? `${s}写作计划` : `${cap(s)} writing plan`;
      break;
    case "moving":
      title = zh ? (a.hasSubject ? `搬家到${s}` : "搬家计划") : a.hasSubject ? `Move to ${s}` : "Home move plan";
      break;
    case "fitness":
      if (a.kind === "race") title = zh ? `${s}训练计划` : `${cap(s)} training plan`;
      else title = zh ? (a.hasSubject ? `${s}计划` : "健身计划") : a.hasSubject ? cap(s) : cap(a.short);
      break;
    default:
      title = zh ? (/计划$/.test(a.short) ? a.short : `${a.short}计划`) : cap(a.short);
  }
  return clip(title, 80);
}

// ---------------------------------------------------------------------------
// Plan templates
// ---------------------------------------------------------------------------

type Step = { title: Bi; desc: Bi };
type Phase = Step & { weight: number; subtasks: Step[]; key?: string };

/** "Title | description || 标题 | 描述" → Step. */
function st(spec: string): Step {
  const [en, zh] = spec.split("||").map((s) => s.trim());
  const [enT, enD] = en.split("|").map((s) => s.trim());
  const [zhT, zhD] = zh.split("|").map((s) => s.trim());
  return { title: { en: enT, zh: zhT }, desc: { en: enD, zh: zhD } };
}

function ph(weight: number, spec: string, subtasks: string[]): Phase {
  return { ...st(spec), weight, subtasks: subtasks.map(st) };
}

function softwarePhases(a: Analysis): Phase[] {
  const mobile = a.kind === "mobile";
  return [
    ph(1, "Define the MVP scope and launch goals | Pin down the must-have features of the {s}, who it is for and the numbers that will count as a successful launch. || 明确MVP范围与上线目标 | 确定{s}必须具备的核心功能、目标用户，以及衡量上线成功的关键指标。", [
      "List must-have vs. later features | Sort every feature idea for the {s} into must-have and later, and cut the list to what fits the timeline. || 区分必做与可延后的功能 | 把{s}的功能想法分成必做和以后再做两类，按时间把清单砍到可交付的范围。",
      "Describe the target user | Write a one-paragraph persona and the main job the {s} does for them. || 描述目标用户 | 用一段话写清目标用户画像，以及{s}为他们解决的核心问题。",
      "Set launch metrics | Choose 2–3 numbers to watch after launch, such as sign-ups, activation rate and crash-free sessions. || 设定上线指标 | 选2–3个上线后重点关注的数据，例如注册数、激活率和无崩溃会话比例。",
    ]),
    ph(1, "Design and prototype the key flows | Sketch the main screens of the {s}, build a clickable prototype and try it with a handful of target users. || 设计关键流程与原型 | 画出{s}的主要界面，做成可点击原型，并请几位目标用户试用。", [
      "Map the core user flow | Draw the path from first open to the main action in as few steps as possible. || 梳理核心用户路径 | 画出从首次打开到完成核心操作的最短路径。",
      "Create wireframes and a clickable prototype | Turn the flow into screens in Figma (or on paper) and link them into a prototype. || 制作线框图与可点击原型 | 把流程画成界面（Figma或纸面皆可），串成可点击的原型。",
      "Run quick usability tests | Watch 3–5 target users try the prototype and fix the places where they get stuck. || 做快速可用性测试 | 请3–5位目标用户试用原型，记录卡住的地方并修改。",
    ]),
    ph(3, "Build the core features | Implement the MVP features of the {s} in short iterations, with analytics and crash reporting wired in from the start. || 开发核心功能 | 以短迭代实现{s}的MVP功能，并从一开始接入数据分析与崩溃监控。", [
      "Set up the project, CI and environments | Create the repository, automated builds and separate test and production environments. || 搭建项目、CI与环境 | 建好代码仓库和自动构建，以及相互隔离的测试和生产环境。",
      "Implement the must-have features | Build the features on the must-have list one by one and demo each at the end of its iteration. || 实现必做功能 | 按必做清单逐个开发，每个迭代结束时做一次演示。",
      "Add analytics and crash reporting | Track the launch metrics and capture crashes so problems show up before users report them. || 接入数据统计与崩溃监控 | 埋点跟踪上线指标并收集崩溃信息，让问题先于用户反馈被发现。",
      "Freeze features | Stop adding scope and switch the team to bug fixing and polish. || 功能冻结 | 停止新增需求，团队转入修复缺陷与打磨细节。",
    ]),
    ph(1.5, "Test and run a beta | Put a beta of the {s} in front of real users, fix the blocking bugs and check performance on real devices. || 测试与内测 | 让真实用户试用{s}的测试版，修复阻塞性问题，并在真机上检查性能。", [
      "Write a test plan for the critical paths | List the flows that must never break (sign-up, payment, core action) and test each on every target platform. || 为关键路径编写测试计划 | 列出绝不能出错的流程（注册、支付、核心操作），在每个目标平台上逐一测试。",
      mobile
        ? "Recruit beta testers | Invite 20–50 people from your target audience through TestFlight and Google Play internal testing. || 招募内测用户 | 通过TestFlight和Google Play内部测试邀请20–50位目标用户。"
        : "Recruit beta testers | Invite 20–50 people from your target audience to a private beta with a feedback form. || 招募内测用户 | 邀请20–50位目标用户参加封闭测试，并附上反馈表。",
      "Triage and fix feedback | Collect bugs and feedback in one list, fix the blockers first and defer the rest. || 整理并修复反馈 | 把缺陷和反馈汇总到一个列表，先修阻塞问题，其余延后。",
    ]),
    mobile
      ? ph(1, "Prepare the store listings and launch materials | Write the App Store and Google Play listings, capture screenshots and submit for review early enough to absorb a rejection. || 准备应用商店上架与宣传素材 | 撰写App Store与Google Play的介绍、制作截图，并预留被驳回后重新提交的时间。", [
          "Write the store description and keywords | Lead with the main benefit and use the words your users search for. || 撰写商店描述与关键词 | 开头突出核心价值，使用用户会搜索的关键词。",
          "Capture screenshots and a preview video | Show the three most important screens with a one-line caption each. || 制作截图与预览视频 | 展示最重要的三个界面，每张配一句说明。",
          "Submit for review | Submit at least a week before launch day and keep a fix-and-resubmit buffer. || 提交审核 | 至少在上线前一周提交，并为修改后重新提交留出余量。",
        ])
      : ph(1, "Prepare launch materials | Get the landing page, launch announcement, pricing and help docs for the {s} ready. || 准备发布素材 | 准备好{s}的落地页、发布公告、定价和帮助文档。", [
          "Build the landing page | Explain the main benefit in one sentence, add screenshots and a clear sign-up button. || 制作落地页 | 用一句话讲清核心价值，配上截图和醒目的注册按钮。",
          "Write the launch announcement | Draft the email, blog post and social posts, and schedule them for launch day. || 撰写发布公告 | 写好邮件、博客和社交媒体文案，并定时在发布当天推送。",
          "Prepare help docs and support | Write a short FAQ and set up one support channel with someone watching it. || 准备帮助文档与客服 | 编写简短FAQ，开通一个有人值守的支持渠道。",
        ]),
    ph(0.5, "Launch and monitor | Release the {s}, announce it on your channels and watch the launch metrics, crashes and reviews closely during the first week. || 正式发布与监控 | 发布{s}，在各渠道宣布上线，并在第一周密切关注关键指标、崩溃和用户评价。", [
      "Roll out in stages | Release to 10%, then 50%, then 100% of users so a bad bug reaches few people. || 分阶段发布 | 按10%→50%→100%逐步放量，降低严重缺陷的影响面。",
      "Announce the launch | Post the announcement to your mailing list, social channels and relevant communities. || 宣布上线 | 在邮件列表、社交媒体和相关社区发布上线消息。",
      "Review the first-week numbers | Compare the launch metrics with your targets and pick the next improvements. || 复盘首周数据 | 对照目标检查关键指标，确定下一步改进方向。",
    ]),
  ];
}

function tripBookingPhases(): Phase[] {
  return [
    ph(1, "Set dates and budget | Pick travel dates for {s} and a total budget covering transport, lodging, food and tickets. || 确定日期与预算 | 确定去{s}的出行日期，以及涵盖交通、住宿、餐饮和门票的总预算。", [
      "Check holidays and the weather | Avoid peak holidays if you can and look up the typical weather for those dates. || 查看假期与天气 | 尽量避开节假日高峰，查一下出行日期的常见天气。",
      "Set a daily budget | Split the total into transport, lodging and a daily allowance for food and tickets. || 设定每日预算 | 把总预算拆成交通、住宿以及每天的餐饮门票开销。",
      "Agree with your travel companions | Confirm dates, budget and must-dos with everyone who is coming. || 与同行者达成一致 | 与所有同行的人确认日期、预算和必去的地方。",
    ]),
    ph(1, "Book transport | Compare flights or trains to {s}, book the best option and save the tickets offline. || 预订交通 | 比较去{s}的机票或火车票，选定后预订，并离线保存电子票。", [
      "Compare routes and prices | Check flights and trains side by side, including the time to get to and from stations and airports. || 比较路线与价格 | 把机票和火车票放在一起比较，算上往返机场车站的时间。",
      "Book the tickets | Book the chosen option and save confirmations offline. || 预订车票机票 | 预订选定方案，并离线保存确认信息。",
      "Plan local transport | Work out the metro, buses or ride-hailing you'll use once you arrive. || 规划当地交通 | 了解到达后要用的地铁、公交或打车方式。",
    ]),
    ph(1, "Book accommodation | Choose a neighbourhood close to the sights you care about and reserve a place with free cancellation. || 预订住宿 | 选一个离主要景点近的区域，预订可免费取消的酒店或民宿。", [
      "Pick the neighbourhood | Stay near public transport and the sights you plan to see most. || 选择住宿区域 | 住在公共交通方便、离主要景点近的地方。",
      "Compare and book | Compare reviews and prices, then book a room with free cancellation. || 比较并预订 | 对比评价和价格，预订可免费取消的房间。",
      "Confirm check-in details | Note the address, check-in time and how to get there from the station. || 确认入住信息 | 记下地址、入住时间和从车站过去的路线。",
    ]),
    ph(1.5, "Draft a day-by-day itinerary | Group the sights of {s} by area so each day has a realistic route, and book tickets that sell out. || 制定每日行程 | 把{s}的景点按区域分组，让每天的路线可行，并提前预约容易售罄的门票。", [
      "List must-see places | Write down the sights, food and experiences you don't want to miss. || 列出必去清单 | 写下不想错过的景点、美食和体验。",
      "Group them by area into days | Put nearby places on the same day and keep one half-day free. || 按区域安排到每一天 | 把相近的地方放在同一天，并留出半天空闲。",
      "Reserve timed tickets and restaurants | Book anything that needs a time slot or sells out. || 预约门票与餐厅 | 提前预约需要分时段或容易订满的项目。",
    ]),
    ph(1, "Pack and prepare documents | Check your ID or passport and visa, download offline maps and pack for the forecast. || 打包与证件准备 | 检查身份证或护照、签证，下载离线地图，并根据天气预报打包行李。", [
      "Check documents | Make sure your ID or passport is valid and any visa is sorted. || 检查证件 | 确认身份证或护照在有效期内，签证已办好。",
      "Prepare phone and payments | Download offline maps and translation, and set up mobile payments or a card that works abroad. || 准备手机与支付 | 下载离线地图和翻译工具，准备好移动支付或可用的银行卡。",
      "Pack for the forecast | Check the weather a few days before and pack light. || 根据天气打包 | 出发前几天看天气预报，轻装出行。",
    ]),
    ph(2, "Travel and enjoy | Follow the itinerary but leave room for detours, and keep receipts and photos organised as you go. || 出发并享受旅程 | 按行程出行但留出随性探索的空间，随手整理票据和照片。", [
      "Check in and get your bearings | Drop your bags and walk around the area near your hotel. || 入住并熟悉周边 | 放下行李，在住处附近走走熟悉环境。",
      "Follow the day plans | Start each day early at the busiest sight and keep the afternoons flexible. || 按每日计划游览 | 每天早点去最热门的景点，下午保持灵活。",
      "Keep a simple log | Note spending and favourite spots each evening. || 简单记录 | 每晚记下花费和最喜欢的地方。",
    ]),
  ];
}

/** A day theme: title plus morning / afternoon / evening activities. */
type DayTheme = { title: Bi; parts: { en: [string, string, string]; zh: [string, string, string] } };

function day(enTitle: string, en: [string, string, string], zhTitle: string, zh: [string, string, string]): DayTheme {
  return { title: { en: enTitle, zh: zhTitle }, parts: { en, zh } };
}

const PLACE_DAYS: Record<string, DayTheme[]> = {
  hangzhou: [
    day("West Lake and the Su Causeway", ["walk from the Broken Bridge along the Bai Causeway", "take a boat to Three Pools Mirroring the Moon and stroll the Su Causeway", "watch the sunset from Leifeng Pagoda"],
      "西湖与苏堤", ["从断桥出发沿白堤漫步", "乘船游三潭印月，再走苏堤", "登雷峰塔看西湖日落"]),
    day("Lingyin Temple and Longjing tea village", ["visit Lingyin Temple and the Feilai Feng rock carvings", "walk through the Longjing tea plantations and taste fresh Dragon Well tea", "have a farmhouse dinner in Meijiawu"],
      "灵隐寺与龙井茶园", ["参观灵隐寺和飞来峰石刻", "漫步龙井茶园，品一杯新茶", "在梅家坞吃农家菜"]),
    day("Hefang Street and the Grand Canal", ["explore Hefang Street and the Southern Song Imperial Street", "ride a water bus along the Grand Canal to Gongchen Bridge", "try West Lake vinegar fish and Dongpo pork"],
      "河坊街与京杭大运河", ["逛河坊街和南宋御街", "乘水上巴士沿京杭大运河到拱宸桥", "品尝西湖醋鱼、东坡肉等杭帮菜"]),
    day("Xixi Wetland and the silk museum", ["cycle or take an electric boat through Xixi National Wetland Park", "visit the China National Silk Museum", "stroll the Hubin lakeside and catch the musical fountain"],
      "西溪湿地与丝绸博物馆", ["骑行或乘电瓶船游西溪国家湿地公园", "参观中国丝绸博物馆", "在湖滨散步，看音乐喷泉"]),
  ],
  beijing: [
    day("Tiananmen and the Forbidden City", ["see the flag-raising at Tiananmen Square", "tour the Forbidden City (book tickets in advance)", "climb Jingshan Park for the view over the palace roofs"],
      "天安门与故宫", ["在天安门广场看升旗", "参观故宫（需提前预约）", "登景山公园俯瞰故宫全景"]),
    day("The Great Wall at Mutianyu", ["take an early bus or car to Mutianyu", "hike the wall and ride the toboggan down", "eat Peking duck back in the city"],
      "慕田峪长城", ["一早乘车前往慕田峪", "登长城，坐滑道下山", "回城吃北京烤鸭"]),
    day("Temple of Heaven and the hutongs", ["watch the morning exercisers at the Temple of Heaven", "explore the hutongs around Shichahai by bike or rickshaw", "stroll Nanluoguxiang and Houhai"],
      "天坛与胡同", ["游天坛，看公园里晨练的市民", "骑车或坐三轮逛什刹海胡同", "夜游南锣鼓巷和后海"]),
    day("Summer Palace and 798", ["walk around Kunming Lake at the Summer Palace", "visit the ruins of the Old Summer Palace", "browse the galleries of the 798 Art District"],
      "颐和园与798", ["游颐和园，环昆明湖漫步", "参观圆明园遗址", "逛798艺术区"]),
  ],
  shanghai: [
    day("The Bund and Nanjing Road", ["walk Nanjing Road to the Bund", "visit the Shanghai Museum", "see the Lujiazui skyline lit up from the Bund"],
      "外滩与南京路", ["沿南京路步行街走到外滩", "参观上海博物馆", "在外滩看陆家嘴夜景"]),
    day("Yu Garden and the old town", ["explore Yu Garden", "eat xiaolongbao in the old town and wander Tianzifang", "take a Huangpu River cruise"],
      "豫园与老城厢", ["游豫园", "在城隍庙吃小笼包，再逛田子坊", "乘黄浦江游船"]),
    day("Wukang Road and Lujiazui", ["stroll the plane-tree streets around Wukang Road", "go up the Shanghai Tower observation deck", "have dinner in Xintiandi"],
      "武康路与陆家嘴", ["漫步武康路梧桐区", "登上海中心观光厅", "在新天地吃晚饭"]),
  ],
  chengdu: [
    day("Giant pandas and Kuanzhai Alley", ["be at the Panda Base at opening time, when the pandas are most active", "wander Kuanzhai Alley", "eat a proper Sichuan hotpot"],
      "大熊猫基地与宽窄巷子", ["开园时到熊猫基地看最活跃的大熊猫", "逛宽窄巷子", "吃一顿正宗火锅"]),
    day("Wuhou Shrine and Jinli", ["visit Wuhou Shrine", "sip tea in People's Park", "watch Sichuan opera face-changing"],
      "武侯祠与锦里", ["参观武侯祠", "在人民公园喝盖碗茶", "看川剧变脸"]),
    day("Dujiangyan and Mount Qingcheng", ["take the train to the Dujiangyan irrigation system", "hike the front mountain of Mount Qingcheng", "come back for chuanchuan skewers"],
      "都江堰与青城山", ["乘高铁去都江堰水利工程", "登青城山前山", "回城吃串串"]),
  ],
  xian: [
    day("The Terracotta Warriors", ["see the Terracotta Army", "visit Huaqing Palace", "eat your way through the Muslim Quarter"],
      "兵马俑", ["参观秦始皇兵马俑", "游华清宫", "逛回民街吃小吃"]),
    day("City Wall and Big Wild Goose Pagoda", ["cycle on the Ming city wall", "visit the Big Wild Goose Pagoda and the Shaanxi History Museum", "walk Datang Everbright City at night"],
      "城墙与大雁塔", ["在明城墙上骑行", "参观大雁塔与陕西历史博物馆", "夜游大唐不夜城"]),
  ],
  tokyo: [
    day("Asakusa and Skytree", ["visit Senso-ji early, before the crowds", "walk over to Tokyo Skytree", "have dinner around Ueno's Ameyoko"],
      "浅草与晴空塔", ["清早参拜浅草寺", "步行到东京晴空塔", "在上野阿美横町吃晚饭"]),
    day("Meiji Shrine, Harajuku and Shibuya", ["walk through Meiji Shrine", "explore Takeshita Street and Omotesando", "see Shibuya Crossing from Shibuya Sky at dusk"],
      "明治神宫、原宿与涩谷", ["漫步明治神宫", "逛原宿竹下通和表参道", "黄昏从Shibuya Sky看涩谷十字路口"]),
    day("Tsukiji and teamLab", ["breakfast at Tsukiji Outer Market", "see the teamLab digital art museum", "find an izakaya in Shinjuku's Omoide Yokocho"],
      "筑地与teamLab", ["在筑地场外市场吃早餐", "看teamLab数字艺术展", "去新宿回忆横丁的居酒屋"]),
    day("Day trip to Kamakura", ["take the train to Kamakura and see the Great Buddha", "walk the temples of Hase and Komachi Street", "watch the sunset at Enoshima"],
      "镰仓一日游", ["乘电车去镰仓看大佛", "逛长谷寺和小町通", "在江之岛看日落"]),
  ],
  paris: [
    day("Eiffel Tower and the Seine", ["go up the Eiffel Tower (book a timed slot)", "walk from the Trocadéro along the Seine", "take a river cruise on the Seine"],
      "埃菲尔铁塔与塞纳河", ["登埃菲尔铁塔（预约时段票）", "从特罗卡德罗广场沿塞纳河散步", "乘夜游船"]),
    day("The Louvre and the Marais", ["see the Louvre's highlights", "wander the Marais and Place des Vosges", "dine in a classic bistro"],
      "卢浮宫与玛黑区", ["参观卢浮宫精华展品", "逛玛黑区和孚日广场", "在传统小酒馆吃晚饭"]),
    day("Montmartre", ["climb up to Sacré-Cœur", "explore the artists' square at Place du Tertre", "listen to a jazz club set"],
      "蒙马特高地", ["登上圣心堂", "逛小丘广场的画家集市", "去爵士酒吧听现场"]),
    day("Versailles", ["take the RER to the Palace of Versailles", "walk the gardens and the Trianon estate", "return for a picnic by the canal"],
      "凡尔赛宫", ["乘RER去凡尔赛宫", "漫步花园和特里亚农宫", "回城在运河边野餐"]),
  ],
};

const GENERIC_DAYS: DayTheme[] = [
  day("Old town and landmarks", ["start with a walk through the old town", "visit the best-known landmark and its museum", "have dinner at a well-reviewed local restaurant"],
    "老城与地标", ["从老城区漫步开始", "参观最有名的地标和博物馆", "在口碑好的本地餐馆吃晚饭"]),
  day("Markets and local food", ["browse a morning market", "join a food tour or a cooking class", "try street food at a night market"],
    "市集与美食", ["逛早市", "参加美食之旅或烹饪课", "去夜市尝小吃"]),
  day("Museums and culture", ["visit the main museum", "explore a gallery or a cultural quarter", "see a local performance"],
    "博物馆与文化", ["参观当地最主要的博物馆", "逛美术馆或文化街区", "看一场当地演出"]),
  day("Nature and views", ["hike or cycle to a viewpoint outside the centre", "picnic and relax in a park", "watch the sunset from a high spot"],
    "自然与风景", ["徒步或骑行到郊外观景点", "在公园野餐休息", "找个高处看日落"]),
  day("Neighbourhoods and shopping", ["wander a lively neighbourhood", "shop for local crafts and souvenirs", "end the day at a rooftop bar or café"],
    "街区与购物", ["逛一个热闹的街区", "选购手工艺品和纪念品", "找家屋顶酒吧或咖啡馆坐坐"]),
  day("Day trip to the surroundings", ["take an early train to a nearby town", "explore it at a slow pace", "head back to your base for dinner"],
    "周边一日游", ["一早乘车去附近的小镇", "慢慢逛逛", "回住处附近吃晚饭"]),
  day("Free day", ["sleep in and revisit a favourite spot", "catch anything you missed", "enjoy a farewell dinner"],
    "自由活动", ["睡个懒觉，再去一次最喜欢的地方", "补上之前错过的景点", "吃一顿告别晚餐"]),
];

function tripDayThemes(a: Analysis, count: number): DayTheme[] {
  const own = a.place ? PLACE_DAYS[a.place.key] ?? [] : [];
  if (own.length >= count) return own.slice(0, count);
  const [oldTown, ...rest] = GENERIC_DAYS;
  const free = rest.at(-1)!;
  // Known sights first (or the old town), then a seeded mix; a free day closes longer trips.
  const pool = [...own, ...(own.length ? [] : [oldTown]), ...shuffled(rest.slice(0, -1), a.seed)];
  const themes = count >= 4 ? [...pool.slice(0, count - 1), free] : pool.slice(0, count);
  while (themes.length < count) themes.push(...pool);
  return themes.slice(0, count);
}

const SLOT_TIPS: Record<"morning" | "afternoon" | "evening", Bi[]> = {
  morning: [
    { en: "Start early while it's quiet, and check opening hours and tickets the day before.", zh: "趁人少早点出发，前一天查好开放时间和门票。" },
    { en: "Allow two to three hours and bring water and a power bank.", zh: "预留两到三小时，带好水和充电宝。" },
  ],
  afternoon: [
    { en: "Plan the route between stops and leave time for a coffee or tea break.", zh: "规划好各站之间的路线，留出喝茶休息的时间。" },
    { en: "Keep it flexible: skip a stop if the morning ran long.", zh: "保持灵活：如果上午超时，可以删掉一站。" },
  ],
  evening: [
    { en: "Book a table ahead if it's a weekend or a popular place.", zh: "周末或热门餐厅记得提前订位。" },
    { en: "Check the last metro or bus back to your hotel.", zh: "查好回住处的末班地铁或公交。" },
  ],
};

function dayParts(theme: DayTheme, a: Analysis): [string, string, string] {
  const vars = { s: a.subject };
  const parts = a.lang === "zh-CN" ? theme.parts.zh : theme.parts.en;
  return parts.map((p) => fill(p, vars)) as [string, string, string];
}

function dayDescription(parts: [string, string, string], lang: Lang, last: boolean): string {
  const [m, af, ev] = parts;
  if (lang === "zh-CN") return last ? `上午${m}，下午${af}，傍晚返程。` : `上午${m}，下午${af}，晚上${ev}。`;
  return last ? `${cap(m)}, then ${af}, and head home in the evening.` : `${cap(m)}, then ${af}; in the evening, ${ev}.`;
}

function daySubtasks(parts: [string, string, string], a: Analysis, first: boolean, last: boolean): Step[] {
  const zh = a.lang === "zh-CN";
  const labels = zh ? ["上午", "下午", "晚上"] : ["Morning", "Afternoon", "Evening"];
  const slots = ["morning", "afternoon", "evening"] as const;
  const out: Step[] = [];
  if (first) {
    out.push({
      title: { en: `Arrive in ${a.subject} and check in`, zh: `抵达${a.subject}并入住` },
      desc: { en: "Drop your bags at the hotel and get a transport card or app set up.", zh: "把行李放到酒店，办好交通卡或打车软件。" },
    });
  }
  parts.forEach((part, i) => {
    if (last && i === 2) return;
    const tip = pick(SLOT_TIPS[slots[i]], a.seed + i);
    const title = zh ? `${labels[i]}：${part}` : `${labels[i]}: ${cap(part)}`;
    out.push({ title: { en: title, zh: title }, desc: tip });
  });
  if (last) {
    out.push({
      title: { en: "Check out and travel home", zh: "退房并返程" },
      desc: { en: "Leave your luggage at the hotel until departure and get to the station with time to spare.", zh: "把行李寄存在酒店，出发前预留充足时间前往车站或机场。" },
    });
  }
  return out;
}

function tripPhases(a: Analysis): Phase[] {
  const days = a.duration ? durationDays(a.duration) : 0;
  if (!days) return tripBookingPhases();
  const zh = a.lang === "zh-CN";
  const nights = days - 1;
  const prep: Phase = {
    title: { en: "Before you go: tickets and lodging", zh: "行前准备：交通与住宿" },
    desc: {
      en: nights > 0
        ? `Book transport to {s}, reserve a hotel for ${nights} night${nights === 1 ? "" : "s"} near the centre and check which sights need advance booking.`
        : "Book transport to {s} and check which sights need advance booking.",
      zh: nights > 0 ? `预订往返{s}的交通，订好${nights}晚住宿，并查好需要提前预约的景点。` : "预订往返{s}的交通，并查好需要提前预约的景点。",
    },
    weight: 0,
    subtasks: [
      st("Book the round trip | Compare trains and flights, then book tickets that leave time for the first day's plans. || 预订往返交通 | 比较火车和航班，选一个不耽误首日安排的班次。"),
      ...(nights > 0 ? [st("Reserve the hotel | Stay near a metro line or within walking distance of the main sights. || 预订酒店 | 选靠近地铁或步行可达主要景点的住处。")] : []),
      st("Book timed-entry tickets | Reserve the sights and restaurants that sell out or need a time slot. || 预约门票 | 提前预约容易售罄或需分时段入场的景点和餐厅。"),
      st("Pack and download offline maps | Check the forecast, pack light and save maps and tickets offline. || 打包并下载离线地图 | 看好天气预报，轻装出行，离线保存地图和电子票。"),
    ],
    key: "trip-prep",
  };
  if (days === 1) {
    // A day trip: one task per part of the day.
    const [theme] = tripDayThemes(a, 1);
    const parts = dayParts(theme, a);
    const labels = zh ? ["上午", "下午", "傍晚"] : ["Morning", "Afternoon", "Evening"];
    const slots = ["morning", "afternoon", "evening"] as const;
    return [
      prep,
      ...parts.map((part, i): Phase => {
        const title = zh ? `${labels[i]}：${part}` : `${labels[i]}: ${cap(part)}`;
        const tip = pick(SLOT_TIPS[slots[i]], a.seed + i);
        return {
          title: { en: title, zh: title },
          desc: i === 2 ? { en: "Check the last train or bus home before dinner, then head home.", zh: "吃饭前查好返程的末班车，然后返程。" } : tip,
          weight: 0,
          subtasks: [
            st("Check opening hours and tickets | Confirm times and book anything with a time slot. || 查开放时间与门票 | 确认开放时间，预约需要分时段的项目。"),
            st("Plan the route | Work out how to get there and how long it takes. || 规划路线 | 查好交通方式和所需时间。"),
            st("Pick a place to eat nearby | Shortlist one or two well-reviewed spots close by. || 选好附近的餐馆 | 挑一两家附近口碑好的店。"),
          ],
        };
      }),
    ];
  }
  if (days <= 7) {
    const themes = tripDayThemes(a, days);
    return [
      prep,
      ...themes.map((theme, i): Phase => {
        const parts = dayParts(theme, a);
        const last = i === days - 1;
        const title = { en: `Day ${i + 1}: ${theme.title.en}`, zh: `第${i + 1}天：${theme.title.zh}` };
        const desc = dayDescription(parts, a.lang, last);
        return { title, desc: { en: desc, zh: desc }, weight: 1, subtasks: daySubtasks(parts, a, i === 0, last) };
      }),
    ];
  }
  // Longer trips: six legs of several days each (the schedule prefix adds the day ranges).
  const themes = tripDayThemes(a, 6);
  return [
    prep,
    ...themes.map((theme, i): Phase => {
      const parts = dayParts(theme, a);
      const last = i === themes.length - 1;
      const desc = dayDescription(parts, a.lang, last);
      return { title: theme.title, desc: { en: desc, zh: desc }, weight: 1, subtasks: daySubtasks(parts, a, i === 0, last) };
    }),
  ];
}

function eventPhases(a: Analysis): Phase[] {
  const vendors =
    a.kind === "wedding"
      ? ph(2, "Book the key vendors | Reserve the caterer, photographer, florist and music, starting with the ones that book out first. || 预订核心供应商 | 预订餐饮、摄影、花艺和音乐，优先搞定最容易被订满的。", [
          "Book the photographer | Compare portfolios and book the one whose style you love. || 预订摄影师 | 对比作品集，选定风格最合心意的摄影师。",
          "Choose the caterer and menu | Arrange a tasting and agree the menu and per-head price. || 确定餐饮与菜单 | 安排试菜，敲定菜单和人均价格。",
          "Book flowers and music | Agree the flower style and book a band or DJ with a must-play list. || 预订花艺与音乐 | 确定花艺风格，预订乐队或DJ并给出必放歌单。",
        ])
      : a.kind === "conference"
        ? ph(2, "Confirm speakers and the agenda | Invite speakers, lock the session schedule and arrange AV, catering and badges. || 确定讲者与议程 | 邀请讲者、敲定议程，并安排音视频设备、餐饮和胸牌。", [
            "Invite speakers | Send invitations with topic, date and slot length, and confirm in writing. || 邀请讲者 | 发出包含主题、日期和时长的邀请，并书面确认。",
            "Build the session schedule | Arrange talks, breaks and Q&A into a timed agenda. || 编排议程 | 把演讲、茶歇和问答排进带时间的议程表。",
            "Arrange AV, catering and badges | Book microphones, projector, coffee breaks and print name badges. || 安排设备、餐饮与胸牌 | 预订麦克风、投影和茶歇，制作参会胸牌。",
          ])
        : ph(2, "Plan food, music and decorations | Choose the menu or caterer, build a playlist or book a DJ, and pick a simple decoration theme. || 安排餐饮、音乐与布置 | 确定菜单或餐饮供应商，准备歌单或预订DJ，选一个简单的布置主题。", [
            "Decide the menu | Pick finger food or a caterer and note dietary needs. || 确定菜单 | 选择自助小食或餐饮供应商，留意忌口需求。",
            "Sort out the music | Make a playlist or book a DJ for the evening. || 准备音乐 | 做好歌单或预订DJ。",
            "Choose decorations | Pick a theme and buy decorations a week ahead. || 挑选布置 | 确定主题，提前一周买好装饰。",
          ]);
  return [
    ph(1, "Set the budget, date and guest list | Agree on a budget and date for the {s} and draft the guest list{guests}. || 确定预算、日期与嘉宾名单 | 确定{s}的预算和日期，并拟出嘉宾名单{guests}。", [
      "Set the total budget | Decide the maximum spend and split it across venue, food, decoration and a 10% contingency. || 确定总预算 | 定下最高花费，并分配到场地、餐饮、布置和10%的备用金。",
      "Pick the date | Check that the key people are available and avoid public holidays. || 选定日期 | 确认关键人物有空，避开法定节假日。",
      "Draft the guest list | List everyone you want to invite and mark the must-haves. || 拟定嘉宾名单 | 列出想邀请的人，标出一定要到的。",
    ]),
    ph(1.5, "Book the venue | Shortlist 2–3 venues that fit the guest count and budget, visit them and sign the best one. || 预订场地 | 筛选2–3个符合人数和预算的场地，实地看过后签下最合适的。", [
      "Shortlist venues | Filter by capacity, location, budget and availability on your date. || 筛选场地 | 按容量、位置、预算和档期筛选。",
      "Visit and compare | See each venue in person and check access, sound, toilets and parking. || 实地考察比较 | 实地查看，检查交通、音响、洗手间和停车。",
      "Sign and pay the deposit | Read the cancellation terms, then sign and pay. || 签约并支付定金 | 看清取消条款后签约付款。",
    ]),
    vendors,
    ph(1, "Send invitations and track RSVPs | Send invitations with date, place and an RSVP deadline, then follow up with anyone who hasn't answered. || 发送邀请并统计回复 | 发出包含时间、地点和回复截止日期的邀请，并跟进未回复的人。", [
      "Design the invitation | Include date, time, address, dress code and the RSVP deadline. || 设计邀请函 | 写明日期、时间、地址、着装要求和回复截止日期。",
      "Send invitations | Send them at least 4–6 weeks ahead (earlier for weddings and conferences). || 发送邀请 | 至少提前4–6周发出（婚礼和会议要更早）。",
      "Chase RSVPs | A week before the deadline, message everyone who hasn't replied. || 催收回复 | 截止前一周联系所有还没回复的人。",
    ]),
    ph(1, "Plan the run of show | Write a timed schedule for the day of the {s} and give each helper a clear role. || 制定当天流程 | 写出{s}当天按时间排列的流程表，并给每位帮手分配明确职责。", [
      "Write the timeline | List every moment of the day with start times and who is responsible. || 写出时间线 | 列出当天每个环节的开始时间和负责人。",
      "Assign helpers | Give each helper one clear job and share the timeline with them. || 分配帮手 | 给每位帮手一项明确任务，并把流程表发给他们。",
      "Plan for bad weather and delays | Decide on a backup for anything outdoors or time-critical. || 准备备选方案 | 为户外或时间紧的环节准备应急方案。",
    ]),
    ph(0.5, "Final checks and the big day | Confirm every vendor 48 hours ahead, prepare an emergency kit and enjoy the {s}. || 最后确认与活动当天 | 提前48小时与所有供应商再次确认，准备应急包，然后享受{s}。", [
      "Reconfirm vendors | Call each vendor to confirm times, addresses and payments. || 再次确认供应商 | 逐一致电确认时间、地址和付款。",
      "Pack an emergency kit | Tape, scissors, chargers, plasters, pens and spare copies of the schedule. || 准备应急包 | 胶带、剪刀、充电器、创可贴、笔和备用流程表。",
      "Run the day | Follow the timeline and let the helpers handle the details. || 执行当天流程 | 按流程表推进，把细节交给帮手。",
    ]),
    ph(0.5, "Wrap up | Settle the invoices, send thank-you notes and share the photos. || 收尾 | 结清款项，发送感谢信并分享照片。", [
      "Settle payments | Pay the remaining invoices and collect receipts. || 结清款项 | 支付尾款并收好发票。",
      "Send thank-you notes | Thank guests, helpers and vendors within a week. || 发送感谢 | 一周内感谢来宾、帮手和供应商。",
      "Share photos and lessons | Share the best photos and note what you'd do differently. || 分享照片与经验 | 分享精选照片，记下下次可改进的地方。",
    ]),
  ];
}

function learningPhases(a: Analysis): Phase[] {
  if (a.kind === "exam") {
    return [
      ph(0.5, "Take a diagnostic test | Sit a full practice test for {the_s} to find your current level and weakest sections. || 做一次摸底测试 | 完整做一套{s}模拟题，了解当前水平和最薄弱的部分。", [
        "Get an official practice test | Use official or past material so the result is realistic. || 获取官方模拟题 | 使用官方或历年真题，保证结果真实。",
        "Take it under timed conditions | Do it in one sitting with a timer and no notes. || 限时完成 | 一次做完，计时且不看资料。",
        "Analyse the results by section | Mark which sections cost the most points and why. || 分模块分析结果 | 找出失分最多的部分及原因。",
      ]),
      ph(0.5, "Pick materials and a study schedule | Choose one main course or textbook plus a question bank, and block fixed daily study slots. || 选定资料与学习时间表 | 选一套主教材或课程加一个题库，固定每天的学习时段。", [
        "Choose one main resource | Pick a single course or book and stick with it. || 选定一套主资料 | 只选一门课程或一本书，坚持用下去。",
        "Get a question bank | Find a source of practice questions with explanations. || 准备题库 | 找一个带解析的练习题来源。",
        "Block study time | Put fixed daily study slots in your calendar. || 固定学习时间 | 在日历里固定每天的学习时段。",
      ]),
      ph(2.5, "Work through the syllabus | Cover every topic of {the_s} in order, spending extra time on the weakest sections from the diagnostic. || 系统学习考试内容 | 按顺序学完{s}的全部考点，在摸底暴露的薄弱环节上多花时间。", [
        "Split the syllabus into weekly chunks | Map every topic to a week so nothing is left for the end. || 把考纲拆到每周 | 把每个考点分配到具体的周，避免堆到最后。",
        "Study the weakest sections first | Give your weakest areas the freshest hours of the day. || 先攻薄弱环节 | 把精力最好的时段留给最弱的部分。",
        "Make summary notes | Keep one page of key points per topic for the final review. || 整理要点笔记 | 每个考点整理一页要点，方便最后复习。",
      ]),
      ph(1.5, "Practise with past papers | Do timed past papers every week and log each mistake with the reason you made it. || 刷真题 | 每周限时做真题，把每道错题和出错原因记进错题本。", [
        "Do timed past papers | Complete at least one timed paper or section each week. || 限时做真题 | 每周至少完成一套或一个部分的限时真题。",
        "Keep an error log | Write down every mistake, the right answer and why you got it wrong. || 建立错题本 | 记录每道错题、正确答案和出错原因。",
        "Review the error log weekly | Redo the logged questions until you get them right. || 每周复习错题 | 重做错题，直到做对为止。",
      ]),
      ph(1, "Take full mock exams | Sit complete mock exams under real conditions and revise from your error log. || 全真模考 | 在真实考试条件下做整套模拟考试，并根据错题本复习。", [
        "Simulate exam day | Same start time, same breaks, no interruptions. || 模拟考试当天 | 同样的开始时间和休息安排，不被打扰。",
        "Score and compare | Compare the score with the diagnostic and your target. || 评分并对比 | 与摸底成绩和目标分数对比。",
        "Patch the remaining gaps | Spend the next days on the sections that still lose points. || 查漏补缺 | 接下来几天专攻仍在失分的部分。",
      ]),
      ph(0.5, "Exam week | Ease off, review your summary notes, confirm the exam logistics and sleep well. || 考前一周 | 降低强度，复习要点笔记，确认考试时间地点和证件，保证睡眠。", [
        "Review summary notes | Read the one-page summaries instead of learning new material. || 复习要点笔记 | 只看要点总结，不再学新内容。",
        "Confirm logistics | Check the venue, start time, ID and what you're allowed to bring. || 确认考试安排 | 核对考场、开考时间、证件和允许携带的物品。",
        "Rest well | Keep a normal sleep schedule and do something relaxing the day before. || 好好休息 | 保持规律作息，考前一天做些放松的事。",
      ]),
    ];
  }
  return [
    ph(0.5, "Define a concrete target | Decide what mastering {the_s} means for you — something you can demonstrate, like a project or a conversation. || 设定具体目标 | 想清楚“学会{s}”对你意味着什么——最好是能展示的成果，比如一个作品或一次对话。", [
      "Write down the target | Describe in one sentence what you will be able to do at the end. || 写下目标 | 用一句话描述学完后能做到什么。",
      "Assess your starting point | Try a short beginner exercise to see where you stand. || 评估起点 | 做一个简单的入门练习，看看自己的水平。",
    ]),
    ph(0.5, "Choose resources and a routine | Pick one structured course or book for {the_s} and fix a daily practice slot, even if it is only 30 minutes. || 选定学习资源与节奏 | 为{s}选一门系统的课程或一本书，固定每天的练习时间，哪怕只有30分钟。", [
      "Pick one structured course | Choose a single course or book with exercises and stick with it. || 选一门系统课程 | 选一门带练习的课程或书，坚持用下去。",
      "Schedule daily practice | Put a fixed daily slot in your calendar and protect it. || 安排每日练习 | 在日历上固定每天的练习时间并守住它。",
      "Find a community or partner | Join a group or find a study buddy to stay accountable. || 找学习伙伴 | 加入学习小组或找一个互相督促的伙伴。",
    ]),
    ph(2, "Learn the fundamentals | Work through the basics of {the_s} in order and check each unit with small exercises. || 打好基础 | 按顺序学习{s}的基础知识，每学完一个单元就做小练习检验。", [
      "Follow the course in order | Don't skip ahead; the basics carry everything else. || 按顺序学习 | 不跳章节，基础决定后面的一切。",
      "Do the exercises | Do every exercise instead of just reading or watching. || 完成练习 | 每个练习都动手做，而不只是看。",
      "Review with spaced repetition | Revisit key points after 1, 3 and 7 days. || 间隔复习 | 在1天、3天、7天后回顾要点。",
    ]),
    ph(2, "Practise deliberately every day | Spend most of the time practising rather than reading, targeting the parts that feel hardest. || 每天刻意练习 | 把大部分时间花在练习而不是阅读上，专攻最难的部分。", [
      "Pick one weakness per week | Focus each week's practice on the hardest part. || 每周攻克一个弱项 | 每周的练习集中在最难的部分。",
      "Get feedback | Ask a teacher, tool or partner to point out your mistakes. || 获取反馈 | 请老师、工具或伙伴指出你的错误。",
      "Track your streak | Tick off every day you practise. || 记录连续练习 | 每练习一天就打一次卡。",
    ]),
    ph(1.5, "Apply it in a real project | Use {the_s} for something real — a small project, a conversation partner or a performance. || 用于实际项目 | 把{s}用在真实场景里——做个小项目、找语伴交流或进行一次展示。", [
      "Choose a small real project | Pick something you can finish in a week or two. || 选一个小项目 | 选一个一两周内能完成的小目标。",
      "Build or perform it | Do it end to end, looking things up as you go. || 完成它 | 从头做到尾，边做边查。",
      "Share it | Show the result to someone and ask for feedback. || 展示成果 | 把成果展示给别人并征求意见。",
    ]),
    ph(0.5, "Review progress and set the next goal | Compare where you are with the target you set and plan the next stage. || 复盘并设定下一目标 | 对照最初设定的目标检查进展，规划下一阶段。", [
      "Test yourself against the target | Try the thing you said you'd be able to do. || 对照目标自测 | 试着做一次最初设定要做到的事。",
      "Plan the next stage | Decide what to learn next and how much time to give it. || 规划下一阶段 | 决定接下来学什么、投入多少时间。",
    ]),
  ];
}

function writingPhases(a: Analysis): Phase[] {
  const academic = a.kind === "academic";
  const finish =
    academic
      ? "Finalise and submit | Check formatting and references against the guidelines, then submit. || 定稿并提交 | 对照格式要求检查排版和参考文献，然后提交。"
      : a.kind === "article"
        ? "Finalise and publish | Proofread, add a title and images, and publish. || 定稿并发布 | 校对全文，配好标题和图片后发布。"
        : "Finalise and send it out | Proofread, format the manuscript and send it to agents, publishers or a self-publishing platform. || 定稿并投稿 | 校对并排版书稿，投给出版社或自出版平台。";
  return [
    ph(0.5, "Clarify the idea and audience | Write one paragraph on what the {s} is about, who it is for and what readers should take away. || 明确主题与读者 | 用一段话写清{s}讲什么、写给谁，以及读者应有的收获。", [
      "Write a one-paragraph pitch | Summarise the idea as if explaining it to a friend. || 写一段简介 | 像给朋友解释一样概括核心想法。",
      "Define the reader | Describe who will read it and what they already know. || 明确读者 | 描述读者是谁、已经了解什么。",
    ]),
    academic
      ? ph(1, "Do the literature review | Collect sources in a reference manager and note the gap your work fills. || 文献调研 | 用文献管理工具整理资料，并明确研究要填补的空白。", [
          "Search the key databases | Collect the most cited and most recent papers on the topic. || 检索主要数据库 | 收集该主题引用最多和最新的文献。",
          "Take structured notes | Note each source's question, method and findings in a reference manager. || 做结构化笔记 | 在文献管理工具中记录每篇文献的问题、方法和结论。",
          "State the gap | Write down what is missing that your work adds. || 明确研究空白 | 写下现有研究缺少、而你的工作能补上的部分。",
        ])
      : ph(1, "Research and gather material | Collect the notes, examples and sources you need for the {s} in one place. || 收集素材 | 把写{s}需要的笔记、案例和资料集中到一个地方。", [
          "Collect your notes | Gather existing notes, ideas and drafts in one folder. || 汇总笔记 | 把已有的笔记、想法和草稿放进一个文件夹。",
          "Research the gaps | Read or interview to fill what you don't know yet. || 补充调研 | 通过阅读或采访补上还不了解的部分。",
          "Save sources as you go | Keep a list of references and quotes with where they came from. || 随时记录出处 | 把引用和资料连同出处一起记下。",
        ]),
    ph(0.5, "Outline the structure | Break the {s} into chapters or sections with a one-line summary and a target length for each. || 拟定大纲 | 把{s}拆分成章节，为每章写一句概要并设定目标字数。", [
      "List the sections | Put the chapters or sections in order. || 列出章节 | 按顺序列出各个章节。",
      "Summarise each in one line | Write what each section must achieve. || 每章一句概要 | 写清每一章要达成什么。",
      "Set target lengths | Give each section a word count that adds up to the total. || 设定字数目标 | 为每章分配字数，加总等于全文目标。",
    ]),
    ph(3, "Write the first draft | Write every day to a word-count target until the whole first draft exists; don't edit yet. || 完成初稿 | 每天按字数目标写作，直到完成整个初稿；先别修改。", [
      "Set a daily word target | Divide the total by the days available and write at the same time each day. || 设定每日字数 | 用总字数除以可用天数，每天固定时间写作。",
      "Draft section by section | Follow the outline and mark gaps with TODO instead of stopping. || 按章节写初稿 | 按大纲推进，遇到卡点先标记TODO，不要停下。",
      "Track progress | Log the words written each day. || 记录进度 | 每天记下完成的字数。",
    ]),
    ph(1.5, "Revise and edit | Fix the structure first, then paragraphs, then sentences, and cut anything that doesn't serve the reader. || 修改与编辑 | 先调结构，再改段落，最后润色句子；删掉对读者没用的内容。", [
      "Fix the structure | Reread the whole draft and reorder or cut sections. || 调整结构 | 通读全文，调整或删减章节。",
      "Tighten paragraphs | Make each paragraph do one job. || 精简段落 | 让每段只表达一个意思。",
      "Polish sentences | Read it aloud and smooth anything you stumble over. || 润色句子 | 朗读全文，修改读起来别扭的地方。",
    ]),
    academic
      ? ph(1, "Get your supervisor's feedback | Send the draft to your supervisor and work their comments in. || 征求导师意见 | 把稿子发给导师并根据意见修改。", [
          "Send the draft with questions | Ask for feedback on the specific parts you're unsure about. || 带着问题发送初稿 | 针对不确定的部分请导师重点指导。",
          "Work in the comments | Address every comment or note why you didn't. || 逐条修改 | 逐条处理意见，不采纳的写明理由。",
        ])
      : ph(1, "Get feedback | Share the draft with 2–3 trusted readers and collect specific feedback. || 征求反馈 | 请2–3位信任的读者阅读，收集具体的修改意见。", [
          "Pick 2–3 readers | Choose people who match your target audience. || 选择2–3位读者 | 选择与目标读者相近的人。",
          "Ask specific questions | Ask where they got bored, confused or excited. || 提出具体问题 | 问他们哪里无聊、哪里困惑、哪里精彩。",
          "Revise from the feedback | Fix the issues that more than one reader mentioned. || 根据反馈修改 | 优先修改多位读者都提到的问题。",
        ]),
    ph(0.5, finish, [
      "Proofread | Check spelling, names, numbers and references one last time. || 校对 | 最后检查一遍拼写、人名、数字和引用。",
      "Format | Apply the required layout and style. || 排版 | 按要求调整版式和格式。",
      "Submit | Send it off and note the date. || 提交 | 提交并记下日期。",
    ]),
  ];
}

function movingPhases(): Phase[] {
  return [
    ph(0.5, "Set the moving date and budget | Fix the move date and a budget for movers, deposits and new furniture. || 确定搬家日期与预算 | 确定搬家日期，为搬家公司、押金和新家具做好预算。", [
      "Pick the date | Check your lease end and avoid month-end rush days if you can. || 确定日期 | 对照租约到期日，尽量避开月底高峰。",
      "Estimate costs | Add up movers, deposit, overlap rent and new furniture. || 估算费用 | 汇总搬家费、押金、重叠的房租和新家具。",
    ]),
    ph(1.5, "Secure the new home | Find and sign for a place in {s}, checking the commute, noise and the condition of the flat. || 落实新住处 | 在{s}找到并签下新住处，注意通勤、噪音和房屋状况。", [
      "Shortlist places | Filter by budget, commute time and size. || 筛选房源 | 按预算、通勤时间和面积筛选。",
      "View and inspect | Visit in person and check water pressure, noise and damp. || 实地看房 | 实地查看水压、噪音和潮湿情况。",
      "Sign the lease | Read the contract, photograph the condition and pay the deposit. || 签约 | 仔细阅读合同，拍照记录房屋状况并支付押金。",
    ]),
    ph(1, "Declutter and pack | Sell or donate what you won't take, then pack room by room with labelled boxes. || 断舍离与打包 | 卖掉或捐出不带走的东西，然后按房间打包并给箱子贴标签。", [
      "Declutter | Sell, donate or recycle anything you haven't used in a year. || 断舍离 | 一年没用过的东西卖掉、捐出或回收。",
      "Get boxes and supplies | Buy boxes, tape, markers and bubble wrap. || 准备纸箱和材料 | 买好纸箱、胶带、记号笔和气泡膜。",
      "Pack room by room | Label each box with its room and contents; pack an essentials box last. || 按房间打包 | 每箱标注房间和物品，最后打包一箱必需品。",
    ]),
    ph(0.5, "Book movers or a van | Get 2–3 quotes, book the movers or a van, and reserve parking or the lift if needed. || 预约搬家公司 | 比较2–3家报价，预约搬家公司或货车，必要时预约电梯和车位。", [
      "Get quotes | Ask 2–3 movers for a quote based on your inventory. || 询价 | 按物品清单向2–3家搬家公司询价。",
      "Book the move | Confirm the date, time, price and insurance in writing. || 确认预约 | 书面确认日期、时间、价格和保险。",
      "Arrange access | Reserve the lift and a parking spot at both places. || 安排通道 | 在新旧住处预约电梯和停车位。",
    ]),
    ph(0.5, "Handle the admin | Update your address, transfer utilities and internet, and give notice on the old place. || 办理各项手续 | 更新各处地址，办理水电燃气和宽带迁移，并通知旧房东退租。", [
      "Give notice | Tell your landlord in writing and agree the handover date. || 通知退租 | 书面通知房东并约定交房日期。",
      "Transfer utilities and internet | Book the internet installation early; it often takes longest. || 迁移水电网 | 尽早预约宽带安装，它往往最慢。",
      "Update your address | Update banks, employer, deliveries and official registrations. || 更新地址 | 更新银行、单位、快递和各类登记的地址。",
    ]),
    ph(0.25, "Moving day | Supervise the movers, check nothing is left behind and record the meter readings at both places. || 搬家当天 | 盯好搬运过程，检查有无遗漏，并记录新旧住处的水电表读数。", [
      "Final walk-through | Check every cupboard and photograph the empty flat. || 最后检查 | 检查每个柜子，给空房拍照留证。",
      "Record meter readings | Photograph the meters at both places. || 记录表数 | 给新旧住处的水电表拍照。",
      "Hand over keys | Return the old keys and get the deposit process started. || 交还钥匙 | 交还旧钥匙，启动押金退还流程。",
    ]),
    ph(0.5, "Unpack and settle in | Unpack the essentials first, set up the bedroom and kitchen, and explore the new neighbourhood. || 拆箱与安顿 | 先拆必需品，布置好卧室和厨房，再熟悉新社区。", [
      "Unpack essentials | Bed, toiletries, chargers and basic kitchen things first. || 先拆必需品 | 先整理床品、洗漱用品、充电器和基本厨具。",
      "Set up room by room | Finish one room before starting the next. || 逐个房间整理 | 整理完一间再开始下一间。",
      "Explore the neighbourhood | Find the nearest supermarket, pharmacy and transport stop. || 熟悉周边 | 找到最近的超市、药店和车站。",
    ]),
  ];
}

function fitnessPhases(a: Analysis): Phase[] {
  if (a.kind === "race") {
    return [
      ph(0.5, "Assess your baseline | Run an easy 5 km to gauge your current fitness and set a realistic goal time for the {s}. || 评估当前水平 | 轻松跑一次5公里评估体能，为{s}设定一个现实的完赛目标。", [
        "Run a test 5 km | Run it at a steady, comfortable effort and note the time. || 测试5公里 | 以稳定舒适的强度跑完并记录用时。",
        "Set a goal time | Use the test result to pick a realistic finish time. || 设定目标成绩 | 根据测试成绩确定现实的完赛时间。",
        "Check your gear | Make sure your shoes have life left in them. || 检查装备 | 确认跑鞋状态良好。",
      ]),
      ph(2, "Build an aerobic base | Run 3–4 easy sessions a week at conversational pace, increasing weekly distance by no more than 10%. || 打好有氧基础 | 每周3–4次轻松跑，保持能说话的配速，周跑量增幅不超过10%。", [
        "Schedule 3–4 runs a week | Fix the days and keep at least one rest day between hard efforts. || 每周安排3–4次跑步 | 固定跑步日，高强度之间至少休息一天。",
        "Keep it conversational | Run slowly enough to talk in full sentences. || 保持能聊天的配速 | 跑到能说完整句子的速度即可。",
        "Add strength work | Two short sessions a week of squats, lunges and core. || 加入力量训练 | 每周两次深蹲、弓步和核心训练。",
      ]),
      ph(2, "Add long runs and tempo work | Add one long run and one tempo session a week while keeping the other runs easy. || 加入长距离与节奏跑 | 每周加一次长距离跑和一次节奏跑，其余保持轻松跑。", [
        "Lengthen the long run | Add 1–2 km to the weekly long run, with a lighter week every fourth week. || 逐步拉长长距离 | 每周长距离增加1–2公里，每四周安排一次减量周。",
        "Run a weekly tempo | 20–40 minutes at a comfortably hard pace. || 每周一次节奏跑 | 以舒适偏难的配速跑20–40分钟。",
        "Practise fuelling | Try gels or drinks on long runs to see what your stomach accepts. || 练习补给 | 在长距离中尝试能量胶或饮料，找到适合自己的补给。",
      ]),
      ph(1, "Peak training | Do your longest training run and rehearse race-day pacing, shoes and nutrition. || 巅峰训练期 | 完成最长的一次训练跑，演练比赛配速、跑鞋和补给。", [
        "Do the longest run | Run your longest distance at an easy pace. || 完成最长距离 | 以轻松配速跑完最长距离。",
        "Rehearse race day | Wear race kit, eat your race breakfast and practise goal pace. || 演练比赛日 | 穿比赛装备、吃比赛早餐，练习目标配速。",
      ]),
      ph(0.75, "Taper | Cut the volume by 30–50% over the final stretch so you arrive fresh. || 赛前减量 | 最后阶段把跑量减少30–50%，以最佳状态到达起跑线。", [
        "Reduce volume | Shorten runs but keep a few short efforts at race pace. || 减少跑量 | 缩短距离，但保留几次短距离比赛配速。",
        "Sleep and eat well | Prioritise sleep and carbohydrates in the last days. || 睡好吃好 | 最后几天保证睡眠，适当多摄入碳水。",
      ]),
      ph(0.25, "Race day | Start conservatively, stick to your fuelling plan and enjoy the {s}. || 比赛日 | 保守起步，按计划补给，享受{s}。", [
        "Prepare the night before | Lay out kit, bib and fuel, and plan how to get to the start. || 前一晚准备 | 准备好装备、号码布和补给，规划去起点的路线。",
        "Pace the first half easy | Start slower than goal pace for the first kilometres. || 前半程保守 | 前几公里比目标配速稍慢。",
        "Recover | Walk, eat and rehydrate after the finish. || 赛后恢复 | 冲线后慢走、进食并补水。",
      ]),
    ];
  }
  return [
    ph(0.5, "Measure your starting point | Record weight, waist and a simple fitness test, and set a realistic target. || 记录起点 | 记录体重、腰围和简单的体能测试，设定现实的目标。", [
      "Take measurements | Weigh in and measure your waist in the morning. || 测量数据 | 早上测量体重和腰围。",
      "Do a fitness test | Count push-ups and time a 2 km walk or run. || 体能测试 | 记录俯卧撑个数和2公里走或跑的时间。",
      "Set the target | Aim for a steady 0.5–1% of body weight per week at most. || 设定目标 | 每周变化不超过体重的0.5–1%。",
    ]),
    ph(1, "Plan your meals | Set a moderate calorie deficit with enough protein, and prep simple meals for the week. || 规划饮食 | 保持适度热量缺口并摄入足够蛋白质，提前准备一周的简单餐食。", [
      "Estimate your calories | Use a calculator and aim for a moderate deficit. || 估算热量 | 用计算器估算，保持适度的热量缺口。",
      "Plan protein at every meal | Include a palm-sized portion of protein in each meal. || 每餐安排蛋白质 | 每餐一掌心大小的蛋白质。",
      "Prep meals weekly | Cook two or three base dishes on the weekend. || 每周备餐 | 周末做两三样基础菜。",
    ]),
    ph(2, "Start a training routine | Train 3–4 times a week, mixing strength and cardio and starting lighter than you think. || 开始规律训练 | 每周训练3–4次，结合力量和有氧，起步强度宁低勿高。", [
      "Plan the weekly schedule | Fix training days and put them in your calendar. || 安排每周计划 | 固定训练日并写进日历。",
      "Learn the basic lifts | Squat, hinge, push and pull with good form. || 学会基础动作 | 以标准姿势练习深蹲、硬拉、推和拉。",
      "Add cardio | Two sessions of brisk walking, cycling or running a week. || 加入有氧 | 每周两次快走、骑行或跑步。",
    ]),
    ph(1, "Build daily habits | Aim for 7–8 hours of sleep, 8,000+ steps a day and water with every meal. || 养成日常习惯 | 保证7–8小时睡眠、每天8000步以上，每餐喝水。", [
      "Fix a sleep routine | Go to bed at the same time every night. || 规律作息 | 每晚固定时间睡觉。",
      "Walk more | Take the stairs and a short walk after meals. || 多走路 | 走楼梯，饭后散步。",
    ]),
    ph(1, "Track and adjust weekly | Weigh in and review training once a week, and adjust food or volume if progress stalls for two weeks. || 每周跟踪与调整 | 每周称重并回顾训练，连续两周停滞就调整饮食或训练量。", [
      "Weekly check-in | Same day, same time, same conditions. || 每周检查 | 固定同一天、同一时间、同样条件。",
      "Adjust when stuck | Change one thing at a time: calories, steps or training volume. || 停滞时调整 | 一次只调一项：热量、步数或训练量。",
    ]),
    ph(0.5, "Review and maintain | Check the result against your target and turn the routine into a habit you can keep. || 复盘与保持 | 对照目标检查成果，把这套作息变成能长期坚持的习惯。", [
      "Compare with the start | Repeat the measurements and fitness test. || 对比起点 | 重新测量并做体能测试。",
      "Plan maintenance | Decide what you'll keep doing every week from now on. || 制定保持计划 | 决定以后每周坚持做哪些事。",
    ]),
  ];
}

function genericPhases(): Phase[] {
  return [
    ph(0.5, "Define what done looks like for “{g}” | Describe the finished result in a sentence or two and how you will know you got there. || 明确“{g}”的完成标准 | 用一两句话描述完成时的样子，以及如何判断已经达成。", [
      "Write the outcome | Describe the end result in one or two sentences. || 写下预期结果 | 用一两句话描述最终结果。",
      "Pick a way to measure it | Choose a number, a date or a deliverable that proves it's done. || 确定衡量方式 | 选一个数字、日期或交付物来证明已完成。",
    ]),
    ph(0.5, "Take stock of what you need | List the time, money, people, tools and information this depends on, and what you already have. || 盘点所需资源 | 列出所需的时间、资金、人手、工具和信息，以及已经具备的部分。", [
      "List the resources | Time, budget, people, tools and information. || 列出资源 | 时间、预算、人手、工具和信息。",
      "Spot the gaps | Mark what is missing and how to get it. || 找出缺口 | 标出缺少的部分以及如何获得。",
      "Ask for help early | Contact the people you'll depend on now, not later. || 尽早求助 | 现在就联系需要依靠的人。",
    ]),
    ph(0.5, "Break it into milestones | Split the work into 3–5 milestones, each with a visible result and a target date. || 拆分里程碑 | 把工作拆成3–5个里程碑，每个都有可见的成果和目标日期。", [
      "Name the milestones | Write 3–5 intermediate results in order. || 列出里程碑 | 按顺序写下3–5个阶段性成果。",
      "Date them | Give each milestone a realistic target date. || 设定日期 | 为每个里程碑设定现实的目标日期。",
    ]),
    ph(2.5, "Do the core work: {g} | Work through the milestones in order, in focused blocks on your calendar. || 推进核心工作：{g} | 按顺序推进各个里程碑，在日历上为它们安排专注时段。", [
      "Block focus time | Reserve regular focused blocks in your calendar. || 安排专注时段 | 在日历中预留固定的专注时间。",
      "Finish one milestone at a time | Don't start the next until the current one is done. || 一次完成一个里程碑 | 完成当前的再开始下一个。",
      "Remove blockers quickly | When stuck for more than a day, ask for help or change the approach. || 及时清除障碍 | 卡住超过一天就求助或换方法。",
    ]),
    ph(0.5, "Review and adjust | Check progress weekly against the milestones and change the plan early if something slips. || 定期复盘与调整 | 每周对照里程碑检查进度，一旦有延误及早调整计划。", [
      "Weekly review | Compare progress with the milestone dates every week. || 每周复盘 | 每周对照里程碑日期检查进度。",
      "Adjust the plan | Move dates or cut scope as soon as something slips. || 调整计划 | 一旦延误就调整日期或缩减范围。",
    ]),
    ph(0.5, "Finish and wrap up | Complete the last milestone, tie up loose ends and note what you'd do differently next time. || 收尾总结 | 完成最后一个里程碑，处理遗留事项，并记下下次可以改进的地方。", [
      "Close loose ends | Finish or hand over anything still open. || 处理遗留事项 | 完成或移交还没收尾的事。",
      "Write down lessons | Note what worked and what you'd change. || 记录经验 | 写下有效的做法和需要改进的地方。",
    ]),
  ];
}

function phasesFor(a: Analysis): Phase[] {
  switch (a.domain) {
    case "software":
      return softwarePhases(a);
    case "trip":
      return tripPhases(a);
    case "event":
      return eventPhases(a);
    case "learning":
      return learningPhases(a);
    case "writing":
      return writingPhases(a);
    case "moving":
      return movingPhases();
    case "fitness":
      return fitnessPhases(a);
    default:
      return genericPhases();
  }
}

function templateVars(a: Analysis): Record<string, string> {
  const zh = a.lang === "zh-CN";
  const g = clip(zh ? a.short : uncap(a.short), 60);
  return {
    s: a.subject,
    the_s: zh ? a.subject : theSubject(a),
    g,
    guests: a.guests ? (zh ? `（约${a.guests}人）` : ` for about ${a.guests} people`) : "",
  };
}

/** "the IELTS exam", "Spanish", "the guitar"; verb phrases become "this skill". */
function theSubject(a: Analysis): string {
  if (a.subjectIsVerb) return "this skill";
  const s = a.subject;
  if (/^(the|a|an|my|our|your)\b/i.test(s)) return s;
  const last = s.split(/\s+/).at(-1) ?? s;
  return /^[a-z]/.test(last) ? `the ${s}` : s;
}

// ---------------------------------------------------------------------------
// Scheduling: "Weeks 1–2: …" prefixes from the duration and phase weights
// ---------------------------------------------------------------------------

type Slot = { from: number; to: number; unit: Unit };

function schedule(weights: number[], d: Duration): Slot[] {
  const n = weights.length;
  let unit = d.unit;
  let total = d.value;
  // Too few units for the phases: use a finer unit.
  while (total < n && unit !== "day") {
    if (unit === "year") [unit, total] = ["month", total * 12];
    else if (unit === "month") [unit, total] = ["week", total * 4];
    else [unit, total] = ["day", total * 7];
  }
  const sum = weights.reduce((s, w) => s + w, 0) || 1;
  const slots: Slot[] = [];
  let cum = 0;
  let prevEnd = 0;
  weights.forEach((w, i) => {
    const startCum = cum;
    cum += w / sum;
    if (total >= n) {
      const end = Math.min(Math.max(Math.round(cum * total), prevEnd + 1), total - (n - 1 - i));
      slots.push({ from: prevEnd + 1, to: end, unit });
      prevEnd = end;
    } else {
      const from = Math.min(total, Math.floor(startCum * total) + 1);
      slots.push({ from, to: Math.max(from, Math.ceil(cum * total)), unit });
    }
  });
  return slots;
}

function slotLabel(s: Slot, lang: Lang): string {
  const range = s.from === s.to ? `${s.from}` : `${s.from}–${s.to}`;
  if (lang === "zh-CN") return `第${range}${{ day: "天", week: "周", month: "个月", year: "年" }[s.unit]}`;
  const name = { day: "Day", week: "Week", month: "Month", year: "Year" }[s.unit];
  return `${name}${s.from === s.to ? "" : "s"} ${range}`;
}

const SLOT_PREFIX = /^(?:(?:days?|weeks?|months?|years?)\s+\d+(?:\s*[–-]\s*\d+)?\s*[:：]\s*|第\d+(?:\s*[–-]\s*\d+)?(?:天|周|个月|年)\s*[:：]\s*)/i;

// ---------------------------------------------------------------------------
// plan_outline
// ---------------------------------------------------------------------------

type BuiltTask = { title: string; description: string; phase: Phase; slot?: Slot };

function buildTasks(a: Analysis): BuiltTask[] {
  const vars = templateVars(a);
  const phases = phasesFor(a).slice(0, 8);
  const lang = a.lang === "zh-CN" ? "zh" : "en";
  // Day-by-day trips already carry their day in the title; everything else gets a time slot.
  const dayByDay = a.domain === "trip" && a.duration !== undefined && durationDays(a.duration) <= 7;
  const scheduled = a.duration && !dayByDay ? phases.filter((p) => p.weight > 0) : [];
  const slots = a.duration && scheduled.length ? schedule(scheduled.map((p) => p.weight), a.duration) : [];
  return phases.map((phase) => {
    const title = fill(phase.title[lang], vars);
    const slotIndex = scheduled.indexOf(phase);
    const label = slotIndex >= 0 ? slotLabel(slots[slotIndex], a.lang) : "";
    return {
      title: clip(label ? `${label}${a.lang === "zh-CN" ? "：" : ": "}${title}` : title, 200),
      description: clip(fill(phase.desc[lang], vars), 2000),
      phase,
      slot: slotIndex >= 0 ? slots[slotIndex] : undefined,
    };
  });
}

const DOMAIN_NOTES: Record<Domain, (a: Analysis) => Bi> = {
  software: () => ({
    en: "This is a product launch, so I'm working in phases: scope, design, build, test, then release.",
    zh: "这是一次产品上线，我按“范围—设计—开发—测试—发布”划分阶段。",
  }),
  trip: (a) =>
    a.duration && durationDays(a.duration) <= 7
      ? {
          en: `It's a ${durationDays(a.duration)}-day trip to ${a.subject}: one preparation step, then one task per day with sights grouped by area.`,
          zh: `这是一次${durationDays(a.duration)}天的${a.hasSubject ? a.subject : ""}之行：先做行前准备，再按区域把景点安排到每一天。`,
        }
      : a.duration
        ? {
            en: `A ${durationAdjective(a.duration, "en")} trip is too long to list day by day, so I grouped it into legs of a few days each.`,
            zh: `${durationText(a.duration, "zh-CN")}的行程较长，我把它分成几段，每段几天。`,
          }
        : {
            en: "No trip length was given, so the bookings come first and the daily itinerary is its own step.",
            zh: "没有给出行程天数，所以先安排预订，把每日行程作为单独一步。",
          },
  event: (a) => ({
    en: `Events like this depend on early bookings, so the budget, venue and vendors for the ${a.subject} come first.`,
    zh: `像${a.subject}这样的活动关键在于提前预订，所以先定预算、场地和供应商。`,
  }),
  learning: (a) =>
    a.kind === "exam"
      ? { en: `For ${theSubject(a)}, I start with a diagnostic and finish with full mock exams.`, zh: `备考${a.subject}：先摸底，最后以全真模考收尾。` }
      : { en: `Learning ${a.subjectIsVerb ? `to ${a.subject}` : a.subject} works best with a concrete target and daily practice.`, zh: `学习${a.subject}最有效的方法是明确目标、每天练习。` },
  writing: (a) => ({
    en: `For the ${a.subject}: research and outline first, then a complete draft before any polishing.`,
    zh: `写${a.subject}：先调研和列大纲，完成整个初稿后再打磨。`,
  }),
  moving: () => ({
    en: "A move has hard dependencies: the new home and the movers must be booked before packing day.",
    zh: "搬家环环相扣：先落实新住处和搬家公司，再安排打包。",
  }),
  fitness: (a) =>
    a.kind === "race"
      ? { en: `Training for a ${a.subject} follows base, build, peak and taper phases.`, zh: `${a.subject}训练按“基础—强化—巅峰—减量”四个阶段进行。` }
      : { en: "Lasting results come from food, training and habits together, checked every week.", zh: "持久的效果来自饮食、训练和习惯的配合，并每周检查。" },
  generic: () => ({
    en: "No specialised template fits this goal, so I'm using a define–prepare–execute–review structure.",
    zh: "没有专门的模板适合这个目标，我按“明确目标—准备—执行—复盘”的结构来规划。",
  }),
};

export function planOutline(goal: string, lang: Lang): PlanOutline {
  const a = analyzeGoal(goal, lang);
  const zh = lang === "zh-CN";
  const tasks = buildTasks(a);
  const narration: string[] = [zh ? `明确目标：${clip(goal, 300)}` : `Identified the goal: “${clip(goal, 300)}”.`];
  narration.push(DOMAIN_NOTES[a.domain](a)[zh ? "zh" : "en"]);
  const dayByDay = a.domain === "trip" && a.duration !== undefined && durationDays(a.duration) <= 7;
  const timed = tasks.filter((t) => t.slot);
  if (a.domain === "trip" && a.duration && !dayByDay) {
    const days = durationDays(a.duration);
    narration.push(
      zh
        ? `把${days}天分成${timed.length}段，每段两三天，最后一段包含返程。`
        : `Split the ${days} days into ${timed.length} legs of two or three days, with the journey home in the last one.`,
    );
  } else if (a.domain === "trip" && !a.duration) {
    narration.push(
      zh ? "先订交通和住宿，因为价格和余量变化最快；每日行程随后再排。" : "Bookings come first because prices and availability change fastest; the daily itinerary follows.",
    );
  } else if (a.duration && !dayByDay && timed.length) {
    const span = (t: BuiltTask) => (t.slot ? t.slot.to - t.slot.from + 1 : 0);
    const heaviest = timed.reduce((best, t) => (span(t) > span(best) ? t : best), timed[0]);
    const name = heaviest.title.replace(SLOT_PREFIX, "");
    const unit = timed[0].slot!.unit;
    const deadline = zh ? `从${durationText(a.duration, lang)}的期限倒推排期` : `Working backwards from the ${durationAdjective(a.duration, lang)} deadline`;
    if (timed.every((t) => span(t) === span(timed[0]))) {
      const per: Duration = { value: span(timed[0]), unit };
      narration.push(zh ? `${deadline}，每个阶段大约${durationText(per, lang)}。` : `${deadline}, each phase gets about ${durationText(per, lang)}.`);
    } else {
      narration.push(zh ? `${deadline}，给“${name}”留出最多的时间。` : `${deadline}, “${name}” gets the most time.`);
    }
  } else if (dayByDay) {
    narration.push(zh ? "按区域归类景点，让每天的路线顺路，最后一天留出返程时间。" : "Grouped the sights by area so each day has an easy route, and kept the last day light for the journey home.");
  } else {
    const by =
      /\b(?:by|before|until)\s+((?:the end of\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|next \w+|summer|autumn|fall|winter|spring|Christmas)\b)/i.exec(goal)?.[1] ??
      /((?:\d+|[一二三四五六七八九十]+)月(?:底|份|中旬|初)?)(?:之前|以前|前)/.exec(goal)?.[1];
    narration.push(
      by
        ? zh
          ? `目标是在${by}之前完成，所以按依赖关系排序，并在中途安排检查点。`
          : `The target is ${by}, so the tasks are ordered by dependency with check-ins along the way.`
        : zh
          ? "没有给出期限，所以按依赖关系而不是日期来排序。"
          : "No deadline was given, so the tasks are ordered by dependency rather than by date.",
    );
  }
  narration.push(zh ? `共${tasks.length}个主要任务，每一项都可以继续拆解。` : `Kept it to ${tasks.length} top-level tasks; each can be broken down further.`);
  return {
    title: planTitle(a),
    narration: narration.map((n) => clip(n, 1000)),
    tasks: tasks.map(({ title, description }) => ({ title, description })),
  };
}

// ---------------------------------------------------------------------------
// subtasks
// ---------------------------------------------------------------------------

function normalizeTitle(title: string): string {
  return title
    .replace(SLOT_PREFIX, "")
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, "");
}

const FALLBACK_RULES: { re: RegExp; steps: string[] }[] = [
  {
    re: /\b(book|reserve|booking)\b|预订|预约|订票|订房/i,
    steps: [
      "Compare the options for {t} | Shortlist two or three options and compare price, reviews and terms. || 比较“{t}”的选项 | 筛选两三个选项，比较价格、评价和条款。",
      "Check availability and cancellation terms | Confirm the dates work and what happens if plans change. || 确认档期与取消条款 | 确认日期可行，以及计划变动时如何处理。",
      "Book and save the confirmation | Book the best option and keep the confirmation where you can find it. || 预订并保存确认信息 | 预订最合适的选项，把确认信息存到方便找的地方。",
    ],
  },
  {
    re: /\b(research|investigate|explore|compare|evaluate)\b|调研|研究|资料|比较|评估/i,
    steps: [
      "List the questions {t} must answer | Write down what you need to find out and why. || 列出“{t}”要回答的问题 | 写下需要弄清的问题及原因。",
      "Gather sources | Collect articles, data and opinions from people who have done it. || 收集资料 | 收集文章、数据和过来人的经验。",
      "Summarise the findings | Write a half-page summary with a recommendation. || 总结结论 | 写半页总结并给出建议。",
    ],
  },
  {
    re: /\b(test|testing|qa|check|review|verify)\b|测试|检查|验收|审核/i,
    steps: [
      "Define what to check | List the cases and the expected result of each. || 确定检查内容 | 列出要检查的情况及预期结果。",
      "Run the checks | Go through the list and record what fails. || 执行检查 | 按清单逐项检查，记录不通过的地方。",
      "Fix and re-check | Fix the failures and check them again. || 修复并复查 | 修复问题后再次检查。",
    ],
  },
  {
    re: /\b(write|draft|document|copy|post)\b|写|撰写|文案|文档/i,
    steps: [
      "Outline {t} | Jot down the key points in order. || 列出“{t}”的提纲 | 按顺序写下要点。",
      "Write the draft | Write it in one go without editing. || 写初稿 | 一口气写完，先不修改。",
      "Edit and finalise | Cut, clarify and proofread. || 修改定稿 | 删减、理清并校对。",
    ],
  },
  {
    re: /\b(buy|purchase|shop|order)\b|买|采购|购买|下单/i,
    steps: [
      "Make a list | Write down exactly what you need and how much. || 列清单 | 写清需要什么、数量多少。",
      "Compare prices | Check two or three shops for price and delivery time. || 比价 | 对比两三家店的价格和送达时间。",
      "Buy and track delivery | Order and note when it arrives. || 下单并跟踪 | 下单并记下到货时间。",
    ],
  },
  {
    re: /\b(invite|contact|call|email|meet|hire|recruit)\b|邀请|联系|沟通|招聘|约/i,
    steps: [
      "List who to contact | Write down names, roles and how to reach them. || 列出联系人 | 写下姓名、角色和联系方式。",
      "Reach out | Send a short, specific message with what you need and by when. || 发出联系 | 发一条简短具体的消息，说明需求和期限。",
      "Follow up | Follow up after a few days with anyone who hasn't replied. || 跟进 | 几天后跟进未回复的人。",
    ],
  },
  {
    re: /\b(design|prototype|sketch|plan)\b|设计|原型|规划/i,
    steps: [
      "Collect requirements for {t} | List what the design must achieve and its constraints. || 收集“{t}”的需求 | 列出设计要达成的目标和限制条件。",
      "Sketch options | Sketch two or three different approaches quickly. || 快速出方案 | 快速画出两三种不同方案。",
      "Pick one and refine it | Choose the best option with feedback and add the details. || 选定并细化 | 结合反馈选出最佳方案并补充细节。",
    ],
  },
];

const GENERIC_SUBTASKS = [
  "Clarify what “{t}” must deliver | Write down the expected result and how you'll know it's done. || 明确“{t}”的交付物 | 写下预期结果和完成标准。",
  "Gather what you need | Collect the information, tools and people this step depends on. || 准备所需资源 | 收集这一步依赖的信息、工具和人手。",
  "Do the main work | {d} || 完成主要工作 | {d}",
  "Check the result and note follow-ups | Compare the result with the expected outcome and list anything left to do. || 检查结果并记录后续事项 | 对照预期检查结果，列出剩余待办。",
];

export function subtasks(args: { goal: string; task: string; description: string; language: Lang }): Subtasks {
  const { goal, task, description, language: lang } = args;
  const zh = lang === "zh-CN";
  const key = normalizeTitle(task);
  const langKey = zh ? "zh" : "en";

  let steps: Step[] | undefined;
  let vars: Record<string, string> = {};
  // 1. The task came from the outline for this very goal: regenerate it and reuse the phase's subtasks.
  if (goal) {
    const a = analyzeGoal(goal, lang);
    const match = buildTasks(a).find((t) => normalizeTitle(t.title) === key);
    if (match) {
      steps = match.phase.subtasks;
      vars = templateVars(a);
    }
  }
  // 2. A task title from any domain's template (the goal may have changed or been reworded).
  if (!steps) {
    const base = goal || task;
    for (const domain of ["software", "trip", "event", "learning", "writing", "moving", "fitness", "generic"] as Domain[]) {
      for (const kind of domainKinds(domain)) {
        const a = { ...analyzeGoal(base, lang, domain), kind };
        const phases = domain === "trip" ? tripBookingPhases() : phasesFor(a);
        const v = templateVars(a);
        const hit = phases.find((p) => normalizeTitle(fill(p.title[langKey], v)) === key);
        if (hit) {
          steps = hit.subtasks;
          vars = v;
          break;
        }
      }
      if (steps) break;
    }
  }
  // 3. Keyword rules on the title, 4. a generic decomposition of the title.
  const shortTask = clip(task.replace(SLOT_PREFIX, ""), 60);
  const taskVars = {
    t: zh ? shortTask : uncap(shortTask),
    d: description
      ? clip(description, 300)
      : zh
        ? "分成几个专注时段完成这一步，每段结束时检查进度。"
        : "Work through it in a few focused blocks and check progress after each one.",
  };
  // A day of an itinerary whose goal changed: one subtask per part of the day.
  if (!steps && description && /^(?:days?\s+\d+|第\d+(?:\s*[–-]\s*\d+)?天)/i.test(task)) {
    const clauses = description
      .split(/[;；。，,]|\bthen\b/)
      .map((c) => c.trim().replace(/^(?:and|in the evening|上午|下午|晚上|傍晚)\s*/i, "").replace(/[.。!！]+$/, "").trim())
      .filter((c) => c.length > 2)
      .slice(0, 5);
    if (clauses.length >= 2) {
      const slots = ["morning", "afternoon", "evening"] as const;
      steps = clauses.map((c, i) => ({ title: { en: cap(c), zh: c }, desc: pick(SLOT_TIPS[slots[Math.min(i, 2)]], hash(task) + i) }));
    }
  }
  if (!steps) {
    const rule = FALLBACK_RULES.find((r) => r.re.test(task));
    steps = (rule ? rule.steps : GENERIC_SUBTASKS).map(st);
    vars = taskVars;
  }

  const list = steps.slice(0, 6).map((s) => ({
    title: clip(fill(s.title[langKey], { ...taskVars, ...vars }), 200),
    description: clip(fill(s.desc[langKey], { ...taskVars, ...vars }), 2000),
  }));
  const quoted = zh ? `“${shortTask}”` : `“${shortTask}”`;
  const narration = zh
    ? [`拆解${quoted}。`, `列出${list.length}个具体步骤，按先后依赖排序。`]
    : [`Breaking down ${quoted}.`, `Listed ${list.length} concrete steps in the order they unblock each other.`];
  if (goal) narration.push(zh ? `每一步都服务于目标：${clip(goal, 200)}` : `Each step serves the goal: “${clip(goal, 200)}”.`);
  return { narration, subtasks: list };
}

function domainKinds(domain: Domain): string[] {
  switch (domain) {
    case "software":
      return ["mobile", "web"];
    case "event":
      return ["wedding", "conference", "party"];
    case "learning":
      return ["exam", "skill"];
    case "writing":
      return ["academic", "article", "book"];
    case "fitness":
      return ["race", "body"];
    default:
      return [""];
  }
}

// ---------------------------------------------------------------------------
// chat_reply
// ---------------------------------------------------------------------------

const EN_SMALL_TALK = new Set(
  (
    "hi hello hey heya hiya yo there good morning afternoon evening night thanks thank you thx ty so much a lot " +
    "ok okay cool great nice awesome perfect bye goodbye see later cheers sure yes yeah yep no nope lol how are doing " +
    "whats up what's sup fine well again welcome got it"
  ).split(" "),
);
const ZH_SMALL_TALK = /^(?:你好|您好|嗨|哈喽|哈啰|喂|早上好|早安|上午好|中午好|下午好|晚上好|晚安|谢谢|多谢|谢啦|感谢|好的|好吧|好|嗯|嗯嗯|行|可以|没问题|收到|再见|拜拜|回头见|在吗|你好吗|最近怎么样|不客气|哈哈|呵呵|你|您|啦|呀|了|哦|啊|呢|吧)+$/;
const APP_QUESTION =
  /\b(what can you do|what do you do|who are you|what are you|how (?:does|do) (?:this|it|you) work|how do i use|how to use (?:this|you)|what is planstream|help me understand)\b|你是谁|你能做什么|你会什么|你可以做什么|怎么用|如何使用|能干什么|有什么功能|怎么使用/i;
const GOAL_WORDS =
  /\b(plan|planning|organi[sz]e|prepare|launch|learn|build|write|start|create|make|host|run|train|move|moving|relocate|renovate|finish|complete|study|improve|lose|travel|visit|ship|release|develop|design|set up|get|pass|save|trip|party|wedding)\b|规划|计划|准备|安排|组织|学习|学会|举办|筹备|上线|发布|开发|写|搬家|减肥|旅行|旅游|备考|完成|打造|搭建|装修|整理|打扫|想去|去.{1,6}玩/i;
const DECOMPOSE_WORDS =
  /\b(break(?:ing)?\b.{0,40}\bdown|breakdown|decompose|split|subtasks?|sub-tasks?|more detail|in detail|detail|expand|flesh out|drill into|smaller steps)\b|细化|拆解|拆分|分解|展开|详细|具体一点|再细/i;
const EN_MATCH_STOP = new Set(
  "the a an and of to for with your my our task step please can you could break down into more detail details subtasks sub tasks split decompose expand it this that one in on up".split(" "),
);

type PlanTask = { id: string; title: string };

function parsePlanTasks(raw: string | undefined): PlanTask[] {
  if (!raw) return [];
  return raw
    .split(" ;; ")
    .map((entry) => {
      const bar = entry.indexOf("|");
      return bar > 0 ? { id: entry.slice(0, bar).trim(), title: entry.slice(bar + 1).trim() } : undefined;
    })
    .filter((t): t is PlanTask => Boolean(t && t.id && t.title));
}

function enTokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => !EN_MATCH_STOP.has(w))
    .map((w) => (w.length > 3 && w.endsWith("s") ? w.slice(0, -1) : w));
}

function zhBigrams(text: string): string[] {
  const chars = Array.from(text.replace(/[^\p{Script=Han}\p{N}A-Za-z]/gu, ""));
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

const EN_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

function findTask(message: string, tasks: PlanTask[]): PlanTask | undefined {
  const msgTokens = new Set(enTokens(message));
  const msgBigrams = new Set(zhBigrams(message));
  let best: PlanTask | undefined;
  let bestScore = 0;
  for (const t of tasks) {
    const tokens = enTokens(t.title);
    const tokenHits = tokens.filter((w) => msgTokens.has(w)).length;
    const grams = zhBigrams(t.title).filter((g) => /\p{Script=Han}/u.test(g));
    const gramHits = grams.filter((g) => msgBigrams.has(g)).length;
    const score = tokenHits + gramHits + (message.includes(t.title) ? 100 : 0);
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  if (best) return best;
  // "task 2", "the second task", "第二个任务"
  const num = /\b(?:task|step|item|number|no\.?|#)\s*(\d+)\b/i.exec(message)?.[1];
  const ordinal = EN_ORDINALS.findIndex((w) => new RegExp(`\\b${w}\\b`, "i").test(message));
  const zhOrd = /第([一二三四五六七八九十\d]+)(?:个|项|步)/.exec(message)?.[1];
  const index = num ? Number(num) - 1 : ordinal >= 0 ? ordinal : zhOrd ? (parseCnNumber(zhOrd) ?? 0) - 1 : -1;
  return index >= 0 ? tasks[index] : undefined;
}

export function chatReply(args: { message: string; language: Lang; planTasks?: string }): ChatReply {
  const message = args.message.trim();
  const lang = args.language;
  const zh = lang === "zh-CN";
  const seed = hash(message.toLowerCase());
  const tasks = parsePlanTasks(args.planTasks);

  // Break down a task of the conversation's plan.
  if (tasks.length > 0 && DECOMPOSE_WORDS.test(message)) {
    if (/\b(all|every|each|everything|whole plan)\b|所有|全部|每个|每一个|整个/i.test(message)) {
      return {
        reply: zh ? "好的，我来把计划里的每个主要任务都拆解成子任务。" : "Sure — I'll break every top-level task of the plan into subtasks.",
        actions: [{ kind: "decompose_task", title: "", goal: "", taskId: null }],
      };
    }
    const task = findTask(message, tasks);
    if (task) {
      return {
        reply: zh ? `好的，我来把“${task.title}”拆解成更具体的子任务。` : `Sure — I'll break “${task.title}” down into concrete subtasks.`,
        actions: [{ kind: "decompose_task", title: clip(task.title, 200), goal: "", taskId: task.id }],
      };
    }
    const example = tasks[0].title;
    return {
      reply: zh
        ? `你想细化哪一个任务？比如可以说“把‘${example}’拆解一下”。`
        : `Which task should I break down? For example, say “break down ${example}”.`,
      actions: [],
    };
  }

  // Small talk.
  const words = message.toLowerCase().replace(/[^\p{L}\p{N}\s']/gu, " ").split(/\s+/).filter(Boolean);
  const zhCompact = message.replace(/[\s\p{P}~～]+/gu, "");
  const isSmallTalk = message.length === 0 || (words.length > 0 && words.length <= 8 && words.every((w) => EN_SMALL_TALK.has(w))) || (zhCompact.length > 0 && ZH_SMALL_TALK.test(zhCompact));
  if (isSmallTalk) return { reply: smallTalkReply(message, lang, seed), actions: [] };

  // Questions about the app.
  if (APP_QUESTION.test(message)) {
    return {
      reply: zh
        ? "我是Planstream的规划助手：告诉我一个目标，我会把它拆成有先后顺序的任务，并把每个任务细化成具体步骤。之后你也可以让我继续细化某个任务。"
        : "I'm Planstream's planning assistant. Tell me a goal and I'll turn it into an ordered plan, then break each task into concrete steps. You can also ask me to break down any task further.",
      actions: [],
    };
  }

  // A goal: anything substantial enough, or with a planning verb or a recognisable domain.
  const cjkCount = (message.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const looksLikeGoal = GOAL_WORDS.test(message) || detectDomain(message) !== "generic";
  const substantial = cjkCount > 0 ? cjkCount >= 4 || (looksLikeGoal && cjkCount >= 2) : words.length >= 3 || (looksLikeGoal && words.length >= 2);
  const isQuestionOnly = /[?？]\s*$/.test(message) && !looksLikeGoal;
  if (substantial && !isQuestionOnly && (looksLikeGoal || words.length >= 4 || cjkCount >= 5)) {
    const a = analyzeGoal(message, lang);
    const title = planTitle(a);
    const templates = zh
      ? [`好的！我来为“${title}”制定计划，并把每一步拆成具体的子任务。`, `收到，马上规划“${title}”：先列出主要步骤，再细化每一步。`, `没问题，我会把“${title}”整理成有先后顺序的计划，并补充具体子任务。`]
      : [`Great goal! I'll draft a plan for “${title}” and break each step into subtasks.`, `On it — planning “${title}” now: first the main steps, then the details of each.`, `Sounds good. I'll turn “${title}” into an ordered plan with concrete subtasks.`];
    let reply = pick(templates, seed);
    if (a.duration) reply += zh ? `整体安排在${durationText(a.duration, lang)}之内。` : ` Everything will fit into ${durationText(a.duration, lang)}.`;
    return {
      reply,
      actions: [
        { kind: "create_plan", title, goal: clip(message, 4000), taskId: null },
        { kind: "decompose_task", title: "", goal: "", taskId: null },
      ],
    };
  }

  return {
    reply: zh
      ? "可以多说一点你的目标吗？比如“六周内上线一款手机App”或“规划一次三天的杭州旅行”。"
      : "Could you tell me a bit more about your goal? For example, “launch a mobile app in 6 weeks” or “plan a 3-day trip to Hangzhou”.",
    actions: [],
  };
}

function smallTalkReply(message: string, lang: Lang, seed: number): string {
  const m = message.toLowerCase();
  const zh = lang === "zh-CN";
  if (/thank|thx|\bty\b|谢|感谢/.test(m)) {
    return zh ? pick(["不客气！还有什么想规划的吗？", "很高兴能帮上忙！随时告诉我下一个目标。"], seed) : pick(["You're welcome! Anything else you'd like to plan?", "Happy to help! Tell me whenever you have the next goal."], seed);
  }
  if (/\bbye\b|goodbye|see you|later|再见|拜拜|回头见|晚安/.test(m)) {
    return zh ? "再见！下次有目标随时来找我。" : "Bye for now! Come back whenever you have something to plan.";
  }
  if (/^(ok|okay|cool|great|nice|awesome|perfect|sure|yes|yeah|yep|got it)\b|好的|收到|没问题|可以|嗯|行/.test(m)) {
    return zh ? "好的！需要调整计划或继续细化某个任务，直接告诉我。" : "Great! Tell me if you'd like to adjust the plan or break a task down further.";
  }
  return zh
    ? pick(["你好！告诉我一个目标，比如“六周内上线一款手机App”或“规划一次三天的杭州旅行”，我来帮你做成计划。", "嗨！今天想规划点什么？说出你的目标就行。"], seed)
    : pick([
        "Hi! Tell me a goal — say, “launch a mobile app in 6 weeks” or “a 3-day trip to Hangzhou” — and I'll turn it into a plan.",
        "Hello! What would you like to plan today? Just describe your goal.",
      ], seed);
}
