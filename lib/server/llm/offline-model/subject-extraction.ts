import "server-only";
// Pulls the subject out of a goal — the destination, the app, the event, the
// skill — so titles and descriptions can name it. Heuristics only: when they
// find nothing, goal-analysis.ts falls back to a default subject per domain.

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

/**
 * The destination named in a trip goal: a capitalised place after "to/in/visit…"
 * or before "trip/vacation…", or the Chinese words before 旅行/游/玩;
 * undefined when none is found.
 */
export function extractDestination(goal: string): string | undefined {
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

/**
 * The noun phrase ending with one of `nouns` (a regex alternation), with up to
 * 2 descriptive words before it ("launch of a mobile app" → "mobile app");
 * undefined when no noun occurs.
 */
export function nounPhrase(goal: string, nouns: string): string | undefined {
  const m = new RegExp(`((?:[\\p{L}\\p{N}'’-]+\\s+){0,2})(${nouns})\\b`, "iu").exec(goal);
  if (!m) return undefined;
  const before = m[1].trim().split(/\s+/).filter(Boolean);
  while (before.length && EN_NP_STOP.has(before[0].toLowerCase())) before.shift();
  // Keep only the words after the last stop word ("launch of a mobile app" → "mobile app").
  const lastStop = before.map((w) => EN_NP_STOP.has(w.toLowerCase())).lastIndexOf(true);
  return [...before.slice(lastStop + 1), m[2]].join(" ");
}

/** The Chinese counterpart of nounPhrase: the first of `nouns` with the qualifier before it ("记账App"). */
export function zhNounPhrase(goal: string, nouns: string): string | undefined {
  const m = new RegExp(`(${nouns})`).exec(goal);
  if (!m) return undefined;
  const before = goal.slice(0, m.index);
  const lead = /((?:手机|移动|iOS|安卓|Android|网页|Web|微信|桌面|[A-Za-z0-9]+)\s*)$/.exec(before)?.[1] ?? zhTail(before, 4) ?? "";
  return `${lead.trim()}${m[1]}`;
}

/**
 * Text after one of `verbs` (a regex alternation), up to a preposition or
 * punctuation ("learn Spanish in 3 months" → "Spanish"); undefined if no verb matches.
 */
export function afterVerb(goal: string, verbs: string): string | undefined {
  const m = new RegExp(
    `\\b(?:${verbs})\\s+(?:(?:for|the|a|an|my|our|to|how to)\\s+)*([^.,!?;:]{2,48}?)(?=\\s+(?:in|by|within|before|over|during|so|and|this|next|from|while|after|on)\\b|\\s+for\\s+(?!the\\b)|[.,!?;:]|$)`,
    "i",
  ).exec(goal);
  return m?.[1].trim();
}
