// Search and filters of a job log: which lines show (level, kind group) and
// where the search matches are (plain text or a regular expression, with or
// without case), over the message as the viewer reads it (in their language)
// without its ANSI codes.
import type { EventLevel, JobEventDto } from "@/lib/shared/jobs";
import type { Language } from "@/lib/shared/language";
import { eventMessage } from "./event-message";
import { stripAnsi } from "./log-ansi";

/** Kind groups a person filters by (docs/design.md "Event semantics"). */
export const KIND_GROUPS = ["planning", "tool", "execution", "other"] as const;
export type KindGroup = (typeof KIND_GROUPS)[number];

/**
 * The group of an event kind: planning = planning_step; tool = tool_call,
 * tool_result and approval_*; execution = workflow_* and node_*; other =
 * log, status, progress, tasks_updated and anything unknown.
 */
export function kindGroup(kind: string): KindGroup {
  if (kind === "planning_step") return "planning";
  if (kind === "tool_call" || kind === "tool_result" || kind.startsWith("approval_")) return "tool";
  if (kind.startsWith("workflow_") || kind.startsWith("node_")) return "execution";
  return "other";
}

/** Which lines show: the levels and kind groups ticked (all of them = no filter). */
export type LogFilter = { levels: ReadonlySet<EventLevel>; kinds: ReadonlySet<KindGroup> };

/** True when `filter` hides nothing. */
export const isFilterEmpty = (f: LogFilter): boolean => f.levels.size === 4 && f.kinds.size === KIND_GROUPS.length;

/** The events `filter` keeps, in order (the same array when it keeps all). */
export function filterEvents(events: JobEventDto[], filter: LogFilter): JobEventDto[] {
  if (isFilterEmpty(filter)) return events;
  return events.filter((e) => filter.levels.has(e.level) && filter.kinds.has(kindGroup(e.kind)));
}

/** Search options: `regex` reads the query as a JavaScript regular expression; `caseSensitive` matches case. */
export type SearchOptions = { regex: boolean; caseSensitive: boolean };

/** A compiled search: `re` (global; null = no query) or the reason a regex is invalid. */
export type CompiledSearch = { re: RegExp | null; error?: undefined } | { re: null; error: string };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Compiles the search box's text. Plain text is matched literally; with
 * `regex` an invalid pattern gives `{re: null, error}` (the browser's
 * message) instead of throwing. Empty text → `{re: null}`.
 * @example compileSearch("a.c", { regex: false, caseSensitive: false }).re // /a\.c/gi
 */
export function compileSearch(query: string, options: SearchOptions): CompiledSearch {
  if (!query) return { re: null };
  const flags = options.caseSensitive ? "gu" : "giu";
  try {
    return { re: new RegExp(options.regex ? query : escape(query), flags) };
  } catch (error) {
    return { re: null, error: (error as Error).message };
  }
}

const plain = new WeakMap<JobEventDto, { language: Language | undefined; text: string }>();

/**
 * The text search runs on: the message as shown — in `language` when the line
 * carries a sentence key (lib/client/event-message.ts), else the stored text —
 * without ANSI codes (cached per event object and language). Without
 * `language`, the stored text.
 */
export function searchText(e: JobEventDto, language?: Language): string {
  const cached = plain.get(e);
  if (cached && cached.language === language) return cached.text;
  const text = stripAnsi(language ? eventMessage(e, language) : e.message);
  plain.set(e, { language, text });
  return text;
}

/** One match: the line's seq and `[start, end)` in its search text. */
export type LogMatch = { seq: number; start: number; end: number };

/** At most this many matches are collected (the count then reads "10000+"). */
export const MAX_MATCHES = 10_000;

/** The answer without a query: one shared empty result (stable for React memos). */
const NO_MATCHES: { matches: LogMatch[]; capped: boolean } = Object.freeze({ matches: Object.freeze([]) as unknown as LogMatch[], capped: false });

/**
 * Every non-empty match of `re` in the events' search texts (searchText in
 * `language`: what the viewer reads), in log order, at most `max`. Empty
 * matches (e.g. `a*`) are skipped, not looped on.
 * @returns `{matches, capped}`; `capped` when more than `max` exist.
 */
export function findMatches(events: JobEventDto[], re: RegExp | null, language?: Language, max = MAX_MATCHES): { matches: LogMatch[]; capped: boolean } {
  if (!re) return NO_MATCHES;
  const matches: LogMatch[] = [];
  const global = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  for (const e of events) {
    const text = searchText(e, language);
    global.lastIndex = 0;
    for (let m = global.exec(text); m; m = global.exec(text)) {
      if (m[0].length === 0) {
        global.lastIndex++;
        continue;
      }
      if (matches.length === max) return { matches, capped: true };
      matches.push({ seq: e.seq, start: m.index, end: m.index + m[0].length });
    }
  }
  return { matches, capped: false };
}

/** The next (`step` 1) or previous (`step` -1) match index, wrapping around; 0 when there are none. */
export const stepMatch = (current: number, count: number, step: 1 | -1): number => (count === 0 ? 0 : (current + step + count) % count);
