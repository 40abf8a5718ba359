"use client";
// The log lines of one job: virtualized (only the visible rows are in the DOM),
// filtered, searched, grouped by task, deep-linkable; follows the tail unless
// the user scrolled up.
import { ArrowDownOutlined } from "@ant-design/icons";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Button } from "antd";
import { memo, useCallback, useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useT } from "@/lib/client/i18n";
import { seqIndex } from "@/lib/client/log-groups";
import { filterEvents, KIND_GROUPS, type LogFilter } from "@/lib/client/log-search";
import { EVENT_LEVELS, type JobEventDto } from "@/lib/shared/jobs";
import { LogLineContext } from "./job-log-line";
import { JobLogRows } from "./job-log-rows";
import { ToolCallsContext, useToolCalls } from "./tool-calls-context";
import type { Decider } from "@/components/runs/approval-buttons";
import { JobLogFilters, JobLogToolbar } from "./job-log-toolbar";
import styles from "./job-log.module.css";
import { timeModeStore, wrapStore } from "./log-prefs";
import { measureRow, ROW_PX, useFoldedRows, useLineActions } from "./log-rows";
import { useLineHash } from "./use-line-hash";
import { useLogSearch } from "./use-log-search";

/** Distance from the bottom (px) that still counts as "at the tail". */
const STICK_PX = 24;
/** A scroll this soon after a wheel, touch, key or pointer press on the body is the user's, ms. */
const USER_SCROLL_MS = 1000;
const ALL: LogFilter = { levels: new Set(EVENT_LEVELS), kinds: new Set(KIND_GROUPS) };
const setWrap = (on: boolean) => wrapStore.set(on ? "wrap" : "nowrap");

/** Props of JobLogBody. */
export type JobLogBodyProps = {
  jobId: string;
  events: JobEventDto[];
  /** Max body height in px (the body scrolls past it). */
  height: number;
  hasEarlier: boolean;
  loadEarlier: () => Promise<void>;
  /** Shown when there are no lines ("waiting…" while the job runs, "no lines" after). */
  emptyText: string;
  /** Time zero of elapsed timestamps (ISO; the job's start). */
  origin?: string;
  /** The job is pending or running (its last group shows "running"; groups start open). */
  running: boolean;
  /** The job page: lines carry `id="L{seq}"`, the hash (`#L12`, `#L12-L20`) selects and scrolls. */
  anchors: boolean;
  /** Who may approve or deny the job's tool calls (its owner, unless read only); default nobody. */
  decider?: Decider;
};

const NOBODY: Decider = { ownerId: undefined, readOnly: true };

/**
 * The log lines of one job in a bounded, scrollable box, virtualized with
 * @tanstack/react-virtual so 100,000 lines keep a few dozen rows in the DOM.
 * The toolbar searches (next/previous, regex, case; matches highlighted, the
 * current one scrolled into view), filters by level and kind group, switches
 * timestamps (local / UTC / elapsed) and wrapping (both persisted). Lines of
 * one task (`data.taskId`) fold under a group header; groups of a finished
 * job start folded when done. Sticks to the bottom while the user is at the
 * tail; scrolled up it stays put and offers "Jump to latest". On the job page
 * (`anchors`) `#L123` scrolls to line 123 — loading earlier pages and waiting
 * for it to stream in if needed — and line numbers select lines and ranges.
 * A `tool_call` line and its `tool_result` are one call/result pair (paired
 * by callId), expandable in place; approvals offer Approve / Deny to the
 * `decider`. Not a live region: a screen reader is not read every line (the panel
 * announces status changes only).
 */
export const JobLogBody = memo(function JobLogBody(props: JobLogBodyProps) {
  const { jobId, events, height, hasEarlier, loadEarlier, emptyText, origin, running, anchors, decider = NOBODY } = props;
  const t = useT();
  const timeMode = useSyncExternalStore(timeModeStore.subscribe, timeModeStore.getSnapshot, timeModeStore.getServerSnapshot);
  const wrap = useSyncExternalStore(wrapStore.subscribe, wrapStore.getSnapshot, wrapStore.getServerSnapshot) === "wrap";
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [behind, setBehind] = useState(false);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [filter, setFilter] = useState<LogFilter>(ALL);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const shown = useMemo(() => filterEvents(events, filter), [events, filter]);
  const search = useLogSearch(shown);

  const { rows, toggleGroup, groupOf, isFolded } = useFoldedRows(events, shown, running);

  // A line to bring into view: a deep link's, or the current search match's.
  const [reveal, setReveal] = useState<{ seq: number; n: number } | null>(null);
  const requestReveal = useCallback((seq: number) => setReveal((r) => ({ seq, n: (r?.n ?? 0) + 1 })), []);
  const { selection, onNumberClick } = useLineHash(anchors, requestReveal);

  const lineContext = useLineActions({ jobId, timeMode, origin, anchors, onNumberClick });
  // Opening a call's details stops following the tail, so they stay where the user looks.
  const unstick = useCallback(() => void (stick.current = false), []);
  const toolCalls = useToolCalls(events, { decider, reveal: requestReveal, onExpand: unstick });

  const virtualizer = useVirtualizer({
    count: rows.count,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
    getItemKey: (i) => {
      const row = rows.at(i);
      return row.type === "group" ? row.group.id : row.event.seq;
    },
    measureElement: measureRow,
  });

  const lastSeq = rows.count ? (events.at(-1)?.seq ?? 0) : 0;
  // Rows measured taller than estimated grow the content: stay at the bottom then too.
  const totalSize = virtualizer.getTotalSize();
  const full = rows.count > 0 && totalSize >= height;
  const firstSeq = events[0]?.seq ?? 0;
  // Keeps the visible lines in place when earlier lines are prepended.
  const prependAnchor = useRef<{ firstSeq: number; fromBottom: number } | undefined>(undefined);

  // Only the user leaves the tail. Scroll events also come from our own
  // scroll-to-end and from the virtualizer re-measuring rows while lines pour
  // in; those land short of the bottom for a moment and must not unstick.
  const lastUserInput = useRef(0);
  // Set when a line was revealed (deep link, search): our own scroll may land
  // at the bottom (the line just arrived), which must not re-attach the tail.
  const pinned = useRef(false);
  const onUserInput = useCallback(() => {
    lastUserInput.current = performance.now();
  }, []);
  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= STICK_PX;
    const byUser = performance.now() - lastUserInput.current < USER_SCROLL_MS;
    if (atBottom) {
      if (pinned.current && !byUser) return;
      pinned.current = false;
      stick.current = true;
      setBehind(false);
    } else if (byUser) stick.current = false;
  }, []);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const anchor = prependAnchor.current;
    if (anchor && anchor.firstSeq !== firstSeq) {
      el.scrollTop = el.scrollHeight - anchor.fromBottom;
      prependAnchor.current = undefined;
      return;
    }
    // scrollTop = scrollHeight, not virtualizer.scrollToIndex: that one re-renders
    // the rows synchronously, so with several busy panels every panel forced its
    // own layout of the page. This way the page lays out once per commit.
    if (stick.current) el.scrollTop = el.scrollHeight;
    else if (lastSeq > 0) setBehind(true);
  }, [lastSeq, firstSeq, rows.count, totalSize]);

  // Search navigation (a new query, next, previous) reveals the current match.
  const revealMatch = useEffectEvent(() => {
    if (search.index >= 0) requestReveal(search.matches[search.index].seq);
  });
  useEffect(() => revealMatch(), [search.navigation]);

  // Brings `reveal.seq` on screen once it can: pages in earlier lines, waits
  // for a line still to come, clears filters and unfolds its group, then
  // scrolls the body (scrollToIndex: the row may not be rendered yet) and the page.
  const earlierBusy = useRef(false);
  const step = useEffectEvent(() => {
    if (!reveal) return;
    const { seq } = reveal;
    if (events.length === 0) return;
    if (seq < events[0].seq) {
      if (!hasEarlier) return setReveal(null);
      if (earlierBusy.current) return;
      earlierBusy.current = true;
      void loadEarlier()
        .catch(() => setReveal(null))
        .finally(() => {
          earlierBusy.current = false;
        });
      return;
    }
    if (seq > events.at(-1)!.seq) {
      if (!running) setReveal(null);
      return;
    }
    if (seqIndex(shown, seq) === undefined && seqIndex(events, seq) !== undefined) return setFilter(ALL);
    const group = groupOf.get(seq);
    if (group && isFolded(group)) return toggleGroup(group.id, false);
    const index = rows.indexOf(seq);
    if (index === undefined) return setReveal(null);
    stick.current = false;
    pinned.current = true;
    setBehind(true);
    virtualizer.scrollToIndex(index, { align: "center" });
    setReveal(null);
    // After the rows render: the line into the page's view too (the panel may be below the fold).
    requestAnimationFrame(() => requestAnimationFrame(() => ref.current?.querySelector(`[data-seq="${seq}"]`)?.scrollIntoView({ block: "nearest" })));
  });
  useEffect(() => step(), [reveal, events, shown, rows, hasEarlier, running]);

  const jumpToLatest = () => {
    pinned.current = false;
    stick.current = true;
    setBehind(false);
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  const onLoadEarlier = async () => {
    const el = ref.current;
    if (el) prependAnchor.current = { firstSeq, fromBottom: el.scrollHeight - el.scrollTop };
    setLoadingEarlier(true);
    try {
      await loadEarlier();
    } finally {
      setLoadingEarlier(false);
    }
  };

  const filtered = shown.length !== events.length;
  return (
    <div className={`${styles.bodyWrap} ${wrap ? "" : styles.nowrap}`} data-wrap={wrap ? "wrap" : "nowrap"}>
      <JobLogToolbar
        search={search}
        filter={filter}
        onFilter={setFilter}
        filtersOpen={filtersOpen}
        onFiltersOpen={setFiltersOpen}
        timeMode={timeMode}
        onTimeMode={timeModeStore.set}
        wrap={wrap}
        onWrap={setWrap}
      />
      {filtersOpen && <JobLogFilters filter={filter} onFilter={setFilter} shownCount={shown.length} totalCount={events.length} />}
      {hasEarlier && (
        <div className={styles.loadEarlier}>
          <Button size="small" type="link" loading={loadingEarlier} onClick={onLoadEarlier} data-testid="job-log-load-earlier">
            {t("log.loadEarlier")}
          </Button>
        </div>
      )}
      <div
        ref={ref}
        className={styles.body}
        // Once the lines fill the box its size is fixed, and `contain: strict`
        // makes it a layout boundary: new lines then lay out this box alone,
        // not the page around it (a table, on /jobs).
        style={full ? { height, contain: "strict" } : { maxHeight: height }}
        onScroll={onScroll}
        onWheel={onUserInput}
        onTouchStart={onUserInput}
        onPointerDown={onUserInput}
        onKeyDown={onUserInput}
        // A named, focusable region (keyboard scrolling) — deliberately not role="log",
        // which is a live region and would read every new line aloud.
        role="region"
        aria-label={t("log.linesLabel")}
        tabIndex={0}
        data-testid="job-log-body"
      >
        {rows.count === 0 ? (
          <div className={styles.placeholder} data-testid="job-log-empty">
            {filtered ? t("log.noMatches") : emptyText}
          </div>
        ) : (
          <LogLineContext value={lineContext}>
            <ToolCallsContext value={toolCalls}>
              <JobLogRows
                virtualizer={virtualizer}
                rows={rows}
                isFolded={isFolded}
                onToggleGroup={toggleGroup}
                rangesBySeq={search.rangesBySeq}
                selection={selection}
              />
            </ToolCallsContext>
          </LogLineContext>
        )}
      </div>
      {behind && (
        <Button
          className={styles.jumpButton}
          size="small"
          shape="round"
          icon={<ArrowDownOutlined />}
          onClick={jumpToLatest}
          data-testid="job-log-jump"
        >
          {t("log.jumpToLatest")}
        </Button>
      )}
    </div>
  );
});
