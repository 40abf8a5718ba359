"use client";
import { useCallback, useEffect, useEffectEvent, useRef, useState, type MouseEvent } from "react";
import { lineHash, parseLineHash, rangeForClick, type LineRange } from "@/lib/client/log-anchor";

/**
 * The selected lines of the job page's log, kept in the location hash the way
 * GitHub does it: `#L123` or `#L120-L130` (lib/client/log-anchor.ts). Reads
 * the hash on mount and on `hashchange` and calls `onTarget(from)` so the
 * body scrolls there; a click on a line number selects that line, a
 * shift-click the range from the last plain click, and rewrites the hash
 * (replaceState, no history entry, no scroll jump). Ctrl/Cmd-click keeps the
 * browser's own behaviour (a new tab). Off (`enabled` false: chat panels,
 * whose line numbers link to the job page) it selects nothing.
 * @returns `{selection, onNumberClick}`.
 */
export function useLineHash(enabled: boolean, onTarget: (seq: number) => void) {
  const [selection, setSelection] = useState<LineRange | null>(null);
  const anchor = useRef<number | undefined>(undefined);
  const target = useEffectEvent(onTarget);

  useEffect(() => {
    if (!enabled) return;
    const read = () => {
      const range = parseLineHash(window.location.hash);
      if (!range) return;
      anchor.current = range.from;
      setSelection(range);
      target(range.from);
    };
    read();
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, [enabled]);

  const onNumberClick = useCallback((seq: number, e: MouseEvent<HTMLAnchorElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    const range = rangeForClick(seq, e.shiftKey, anchor.current);
    if (!e.shiftKey || anchor.current === undefined) anchor.current = seq;
    setSelection(range);
    window.history.replaceState(null, "", lineHash(range));
  }, []);

  return { selection: enabled ? selection : null, onNumberClick: enabled ? onNumberClick : undefined };
}
