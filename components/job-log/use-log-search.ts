"use client";
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import type { MarkRange } from "@/lib/client/log-ansi";
import { compileSearch, findMatches, stepMatch, type LogMatch } from "@/lib/client/log-search";
import { useLang } from "@/lib/client/i18n";
import type { JobEventDto } from "@/lib/shared/jobs";

/** What useLogSearch returns: the box's state and setters, the matches and the current one. */
export type LogSearch = {
  query: string;
  setQuery: (q: string) => void;
  regex: boolean;
  setRegex: (on: boolean) => void;
  caseSensitive: boolean;
  setCaseSensitive: (on: boolean) => void;
  /** The invalid regex's message, if any. */
  error: string | undefined;
  /** A search is active (a valid, non-empty query). */
  active: boolean;
  matches: LogMatch[];
  /** More matches exist than were collected (MAX_MATCHES). */
  capped: boolean;
  /** Index of the current match in `matches`, -1 when none. */
  index: number;
  /** Moves to the next (1) or previous (-1) match, wrapping. */
  step: (direction: 1 | -1) => void;
  /** Bumped whenever the current match should be scrolled into view (a new query, next, previous). */
  navigation: number;
  /** Per seq, the marks to draw in that line. */
  rangesBySeq: Map<number, MarkRange[]>;
};

/**
 * Search over the shown lines of a log (lib/client/log-search.ts) as the
 * viewer reads them (in the UI language): plain or regex, with or without case; the query is deferred so typing stays smooth
 * on 100,000 lines. The current match resets to the first on a new query and
 * stays put (clamped) while lines stream in.
 * @example const search = useLogSearch(shownEvents); search.step(1);
 */
export function useLogSearch(shown: JobEventDto[]): LogSearch {
  const [query, setQuery] = useState("");
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const deferred = useDeferredValue(query);
  const compiled = useMemo(() => compileSearch(deferred, { regex, caseSensitive }), [deferred, regex, caseSensitive]);
  const { lang } = useLang();
  const { matches, capped } = useMemo(() => findMatches(shown, compiled.re, lang), [shown, compiled.re, lang]);
  const [current, setCurrent] = useState(0);
  const [navigation, setNavigation] = useState(0);
  const [seen, setSeen] = useState(compiled.re);
  if (seen !== compiled.re) {
    setSeen(compiled.re);
    setCurrent(0);
    setNavigation((n) => n + 1);
  }
  const index = matches.length ? Math.min(current, matches.length - 1) : -1;
  const rangesBySeq = useMemo(() => {
    const map = new Map<number, MarkRange[]>();
    matches.forEach((m, i) => {
      const list = map.get(m.seq);
      const range = { start: m.start, end: m.end, current: i === index };
      if (list) list.push(range);
      else map.set(m.seq, [range]);
    });
    return map;
  }, [matches, index]);
  const count = matches.length;
  const step = useCallback(
    (direction: 1 | -1) => {
      setCurrent(stepMatch(index, count, direction));
      setNavigation((n) => n + 1);
    },
    [index, count],
  );
  // One stable object while nothing changed, so the memoized toolbar skips the renders of streamed lines.
  return useMemo(
    () => ({
      query,
      setQuery,
      regex,
      setRegex,
      caseSensitive,
      setCaseSensitive,
      error: compiled.error,
      active: !!compiled.re,
      matches,
      capped,
      index,
      step,
      navigation,
      rangesBySeq,
    }),
    [query, regex, caseSensitive, compiled, matches, capped, index, step, navigation, rangesBySeq],
  );
}
