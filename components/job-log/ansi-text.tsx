"use client";
// A message with ANSI colours and search marks, as React elements (never raw HTML).
import { Fragment, memo, type CSSProperties } from "react";
import { ansiSegments, markSegments, type MarkRange } from "@/lib/client/log-ansi";
import styles from "./job-log.module.css";

/** CSS class per ANSI colour name (job-log.module.css `.ansi-*`), readable in light and dark themes. */
const fgClass = (name: string) => styles[`fg-${name}`] ?? "";
const bgClass = (name: string) => styles[`bg-${name}`] ?? "";

/**
 * `text` (a log message) rendered with its ANSI colours (anser, see
 * lib/client/log-ansi.ts) as spans, search matches in `<mark>` (the current
 * one with `data-current`). Escape codes never reach the DOM.
 * Props: `{text, ranges?}`; ranges are offsets into the text without codes.
 */
export const AnsiText = memo(function AnsiText({ text, ranges }: { text: string; ranges?: MarkRange[] }) {
  const segments = markSegments(ansiSegments(text), ranges ?? []);
  return (
    <>
      {segments.map((s, i) => {
        const styled = s.fg || s.bg || s.fgRgb || s.bgRgb || s.bold || s.italic || s.underline || s.dim;
        const style: CSSProperties | undefined =
          s.fgRgb || s.bgRgb ? { color: s.fgRgb ? `rgb(${s.fgRgb})` : undefined, backgroundColor: s.bgRgb ? `rgb(${s.bgRgb})` : undefined } : undefined;
        const className = styled
          ? [s.fg && fgClass(s.fg), s.bg && bgClass(s.bg), s.bold && styles.ansiBold, s.italic && styles.ansiItalic, s.underline && styles.ansiUnderline, s.dim && styles.ansiDim]
              .filter(Boolean)
              .join(" ")
          : undefined;
        const inner = styled ? (
          <span className={className} style={style} data-ansi={s.fg ?? s.fgRgb ?? s.bg ?? s.bgRgb ?? "style"}>
            {s.text}
          </span>
        ) : (
          s.text
        );
        return s.mark ? (
          <mark key={i} className={s.mark === "current" ? styles.markCurrent : styles.mark} data-current={s.mark === "current" ? "true" : undefined}>
            {inner}
          </mark>
        ) : (
          <Fragment key={i}>{inner}</Fragment>
        );
      })}
    </>
  );
});
