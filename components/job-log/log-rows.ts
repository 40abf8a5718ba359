"use client";
// The log body's rows: how they are sized for the virtualizer, which task
// groups are folded, and what each line's buttons do (split from job-log-body.tsx).
import type { Virtualizer } from "@tanstack/react-virtual";
import { App } from "antd";
import { useCallback, useMemo, useState } from "react";
import { copyText } from "@/lib/client/clipboard";
import { useT } from "@/lib/client/i18n";
import { jobPageUrl } from "@/lib/client/job-urls";
import { buildGroups, buildRows, type LogGroup } from "@/lib/client/log-groups";
import { textExportLine } from "@/lib/shared/job-export";
import type { JobEventDto } from "@/lib/shared/jobs";
import type { LogLineShared } from "./job-log-line";

/** Estimated row height before measuring, px (a 24 px line-number target). */
export const ROW_PX = 24;

/**
 * Row height for the virtualizer without forcing a layout. The default reads
 * `offsetHeight` when a row mounts, a synchronous reflow of the whole page per
 * new row: with eight busy logs on a page that was most of the main thread.
 * Here a new row counts as one line (or its last known size) until its
 * ResizeObserver entry, which comes after layout, gives the real height.
 */
export function measureRow(element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const index = instance.indexFromElement(element);
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? ROW_PX;
}

/**
 * The rows to render (lines and task-group headers) of the `shown` lines, with
 * groups from all `events`: open while the job runs; a job that was finished
 * when the log opened starts with its done (and skipped) groups folded.
 * @returns `{rows, toggleGroup(id, fold), groupOf, isFolded}`.
 */
export function useFoldedRows(events: JobEventDto[], shown: JobEventDto[], running: boolean) {
  const [foldDone] = useState(!running);
  const [folds, setFolds] = useState<Record<string, boolean>>({});
  const { groupOf } = useMemo(() => buildGroups(events, running), [events, running]);
  const isFolded = useCallback((g: LogGroup) => folds[g.id] ?? (foldDone && (g.status === "done" || g.status === "skipped")), [folds, foldDone]);
  const rows = useMemo(() => buildRows(shown, groupOf, isFolded), [shown, groupOf, isFolded]);
  const toggleGroup = useCallback((id: string, fold: boolean) => setFolds((f) => ({ ...f, [id]: fold })), []);
  return { rows, toggleGroup, groupOf, isFolded };
}

/**
 * What every line of one log shares (LogLineContext): time display, its
 * number's link (`#L{seq}` on the job page, else `/jobs/{id}#L{seq}`), and
 * "copy line" / "copy link" with a toast.
 */
export function useLineActions({ jobId, timeMode, origin, anchors, onNumberClick }: Pick<LogLineShared, "timeMode" | "origin" | "anchors" | "onNumberClick"> & { jobId: string }): LogLineShared {
  const t = useT();
  const { message } = App.useApp();
  return useMemo<LogLineShared>(
    () => ({
      timeMode,
      origin,
      anchors,
      href: (seq) => (anchors ? `#L${seq}` : `${jobPageUrl(jobId)}#L${seq}`),
      onNumberClick,
      copy: (event) =>
        void copyText(textExportLine(event)).then((ok) =>
          ok ? message.success(t("log.copied", { seq: event.seq }), 1.5) : message.error(t("log.copyFailed")),
        ),
      copyLink: (seq) =>
        void copyText(new URL(`${jobPageUrl(jobId)}#L${seq}`, window.location.origin).href).then((ok) =>
          ok ? message.success(t("log.linkCopied", { seq }), 1.5) : message.error(t("log.copyFailed")),
        ),
    }),
    [timeMode, origin, anchors, jobId, onNumberClick, message, t],
  );
}
