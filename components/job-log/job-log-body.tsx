"use client";
// The log lines of one job: virtualized (only the visible rows are in the DOM),
// filtered by level, searched with highlight; follows the tail unless the user scrolled up.
import { ArrowDownOutlined } from "@ant-design/icons";
import { useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { App, Button, Input, Segmented, Select } from "antd";
import { memo, useCallback, useDeferredValue, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { copyText } from "@/lib/client/clipboard";
import { useT } from "@/lib/client/i18n";
import { createPersistedStore } from "@/lib/client/persisted-store";
import { formatLogLine, type EventLevel, type JobEventDto } from "@/lib/shared/jobs";
import { JobLogLine, LogHighlightContext, LogLineContext, type LogTimeMode } from "./job-log-line";
import styles from "./job-log.module.css";

/** Distance from the bottom (px) that still counts as "at the tail". */
const STICK_PX = 24;
/** A scroll this soon after a wheel, touch, key or pointer press on the body is the user's, ms. */
const USER_SCROLL_MS = 1000;
/** Estimated row height before measuring, px (one line of 12.5px × 1.5, plus 2px padding). */
const ROW_PX = 21;

/**
 * Row height for the virtualizer without forcing a layout. The default reads
 * `offsetHeight` when a row mounts, a synchronous reflow of the whole page per
 * new row: with eight busy logs on a page that was most of the main thread.
 * Here a new row counts as one line (or its last known size) until its
 * ResizeObserver entry, which comes after layout, gives the real height.
 */
function measureRow(element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const index = instance.indexFromElement(element);
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? ROW_PX;
}

/** Clock or relative timestamps, one choice for every panel, kept in localStorage. */
const timeModeStore = createPersistedStore<LogTimeMode>("planstream.logTime", (v) => (v === "relative" ? "relative" : "clock"), "clock");

const LEVEL_RANK: Record<EventLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
type LevelFilter = "all" | "info" | "warn" | "error";

type Props = {
  events: JobEventDto[];
  /** Max body height in px (the body scrolls past it). */
  height: number;
  hasEarlier: boolean;
  loadEarlier: () => Promise<void>;
  /** Shown when there are no lines yet. */
  placeholder: string;
  /** Time zero of relative timestamps (ISO; the job's creation). */
  origin?: string;
};

/**
 * The log lines of one job in a bounded, scrollable box, virtualized with
 * @tanstack/react-virtual so 100,000 lines keep a few dozen rows in the DOM.
 * A toolbar filters by minimum level and searches (case-insensitive, matches
 * highlighted). Sticks to the bottom when new lines arrive while the user is
 * at the tail; when the user scrolled up it stays put and offers "Jump to
 * latest". Timestamps show the local clock or the time since `origin`
 * (persisted choice); each line has a copy button (the text export's format).
 * Props: `{events, height, hasEarlier, loadEarlier, placeholder, origin?}`.
 * Memoized: a panel re-rendering for its job row alone does not touch the rows.
 */
export const JobLogBody = memo(function JobLogBody({ events, height, hasEarlier, loadEarlier, placeholder, origin }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const timeMode = useSyncExternalStore(timeModeStore.subscribe, timeModeStore.getSnapshot, timeModeStore.getServerSnapshot);
  const lineContext = useMemo(
    () => ({
      timeMode,
      origin,
      copy: (event: JobEventDto) =>
        void copyText(formatLogLine(event)).then((ok) =>
          ok ? message.success(t("log.copied", { seq: event.seq }), 1.5) : message.error(t("log.copyFailed")),
        ),
    }),
    [timeMode, origin, message, t],
  );
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [behind, setBehind] = useState(false);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [level, setLevel] = useState<LevelFilter>("all");
  const [query, setQuery] = useState("");
  const search = useDeferredValue(query.trim());

  const rows = useMemo(() => {
    if (level === "all" && !search) return events;
    const min = level === "all" ? 0 : LEVEL_RANK[level];
    const needle = search.toLowerCase();
    return events.filter((e) => LEVEL_RANK[e.level] >= min && (!needle || e.message.toLowerCase().includes(needle)));
  }, [events, level, search]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
    getItemKey: (i) => rows[i].seq,
    measureElement: measureRow,
  });

  const lastSeq = rows.at(-1)?.seq ?? 0;
  // Rows measured taller than estimated grow the content: stay at the bottom then too.
  const totalSize = virtualizer.getTotalSize();
  const full = rows.length > 0 && totalSize >= height;
  const firstSeq = events[0]?.seq ?? 0;
  // Keeps the visible lines in place when earlier lines are prepended.
  const prependAnchor = useRef<{ firstSeq: number; fromBottom: number } | undefined>(undefined);

  // Only the user leaves the tail. Scroll events also come from our own
  // scroll-to-end and from the virtualizer re-measuring rows while lines pour
  // in; those land short of the bottom for a moment and must not unstick.
  const lastUserInput = useRef(0);
  const onUserInput = useCallback(() => {
    lastUserInput.current = performance.now();
  }, []);
  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= STICK_PX;
    if (atBottom) {
      stick.current = true;
      setBehind(false);
    } else if (performance.now() - lastUserInput.current < USER_SCROLL_MS) stick.current = false;
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
  }, [lastSeq, firstSeq, rows.length, totalSize]);

  const jumpToLatest = () => {
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

  const filtered = level !== "all" || !!search;
  return (
    <div className={styles.bodyWrap}>
      <div className={styles.toolbar}>
        <Select<LevelFilter>
          size="small"
          value={level}
          onChange={setLevel}
          style={{ width: 120 }}
          aria-label={t("log.levelFilter")}
          data-testid="job-log-level"
          options={[
            { value: "all", label: t("log.levelAll") },
            { value: "info", label: "INFO+" },
            { value: "warn", label: "WARN+" },
            { value: "error", label: "ERROR" },
          ]}
        />
        <Input
          size="small"
          allowClear
          placeholder={t("log.search")}
          aria-label={t("log.search")}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          style={{ maxWidth: 220 }}
          data-testid="job-log-search"
        />
        <Segmented<LogTimeMode>
          size="small"
          value={timeMode}
          onChange={timeModeStore.set}
          aria-label={t("log.timeMode")}
          data-testid="job-log-time-mode"
          options={[
            { value: "clock", label: t("log.timeClock") },
            { value: "relative", label: t("log.timeRelative") },
          ]}
        />
        {filtered && (
          <span className={styles.toolbarCount} data-testid="job-log-match-count">
            {t("log.matches", { shown: rows.length, total: events.length })}
          </span>
        )}
      </div>
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
        role="log"
        aria-live="polite"
        tabIndex={0}
        data-testid="job-log-body"
      >
        {rows.length === 0 ? (
          <div className={styles.placeholder}>{filtered ? t("log.noMatches") : placeholder}</div>
        ) : (
          <LogLineContext value={lineContext}>
          <LogHighlightContext value={search}>
            <div style={{ height: totalSize, position: "relative" }}>
              {virtualizer.getVirtualItems().map((item) => (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className={styles.virtualRow}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <JobLogLine event={rows[item.index]} />
                </div>
              ))}
            </div>
          </LogHighlightContext>
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
