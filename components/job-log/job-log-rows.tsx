"use client";
// The rendered rows of a log body: only the virtualizer's visible items, each
// a task group's header or a line (split from job-log-body.tsx).
import type { Virtualizer } from "@tanstack/react-virtual";
import { inRange, type LineRange } from "@/lib/client/log-anchor";
import type { MarkRange } from "@/lib/client/log-ansi";
import type { LogGroup, LogRows } from "@/lib/client/log-groups";
import { JobLogGroupHeader } from "./job-log-group-header";
import { JobLogLine } from "./job-log-line";
import styles from "./job-log.module.css";

/** Props of JobLogRows. */
export type JobLogRowsProps = {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  rows: LogRows;
  isFolded: (group: LogGroup) => boolean;
  onToggleGroup: (groupId: string, fold: boolean) => void;
  /** Search marks by line seq. */
  rangesBySeq: ReadonlyMap<number, MarkRange[]>;
  /** The selected lines (`#L12-L20`), if any. */
  selection: LineRange | null;
};

/**
 * The rows box (as tall as all rows) with the visible rows placed in it: a
 * group header (JobLogGroupHeader) or a line (JobLogLine: indented inside its
 * group, by the group's depth in a run's tree; search marks; selected when in
 * the selection). Each row is measured by the virtualizer. Props: JobLogRowsProps.
 */
export function JobLogRows({ virtualizer, rows, isFolded, onToggleGroup, rangesBySeq, selection }: JobLogRowsProps) {
  return (
    <div className={styles.rows} style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows.at(item.index);
        return (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className={styles.virtualRow}
            style={{ transform: `translateY(${item.start}px)` }}
          >
            {row.type === "group" ? (
              <JobLogGroupHeader group={row.group} folded={isFolded(row.group)} onToggle={onToggleGroup} />
            ) : (
              <JobLogLine
                event={row.event}
                ranges={rangesBySeq.get(row.event.seq)}
                selected={inRange(selection, row.event.seq)}
                grouped={!!row.group}
                depth={row.group?.depth}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}
