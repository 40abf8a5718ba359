"use client";
// The scrollable list of log lines; follows the tail unless the user scrolled up.
import { ArrowDownOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import { useT } from "@/lib/client/i18n";
import type { JobEventDto } from "@/lib/shared/jobs";
import { JobLogLine } from "./job-log-line";
import styles from "./job-log.module.css";

/** Distance from the bottom (px) that still counts as "at the tail". */
const STICK_PX = 24;

type Props = {
  events: JobEventDto[];
  /** Max body height in px (the body scrolls past it). */
  height: number;
  hasEarlier: boolean;
  loadEarlier: () => Promise<void>;
  /** Shown when there are no lines yet. */
  placeholder: string;
};

/**
 * The log lines of one job in a bounded, scrollable box. Sticks to the bottom
 * when new lines arrive while the user is at the tail; when the user scrolled
 * up it stays put and offers "Jump to latest". Props: `{events, height,
 * hasEarlier, loadEarlier, placeholder}`.
 */
export function JobLogBody({ events, height, hasEarlier, loadEarlier, placeholder }: Props) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [behind, setBehind] = useState(false);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const lastSeq = events.at(-1)?.seq ?? 0;
  const firstSeq = events[0]?.seq ?? 0;
  // Keeps the visible lines in place when earlier lines are prepended.
  const prependAnchor = useRef<{ firstSeq: number; fromBottom: number } | undefined>(undefined);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= STICK_PX;
    stick.current = atBottom;
    if (atBottom) setBehind(false);
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
    if (stick.current) el.scrollTop = el.scrollHeight;
    else if (lastSeq > 0) setBehind(true);
  }, [lastSeq, firstSeq]);

  const jumpToLatest = () => {
    const el = ref.current;
    if (!el) return;
    stick.current = true;
    setBehind(false);
    el.scrollTop = el.scrollHeight;
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

  return (
    <div className={styles.bodyWrap}>
      <div
        ref={ref}
        className={styles.body}
        style={{ maxHeight: height }}
        onScroll={onScroll}
        role="log"
        aria-live="polite"
        tabIndex={0}
        data-testid="job-log-body"
      >
        {hasEarlier && (
          <div className={styles.loadEarlier}>
            <Button size="small" type="link" loading={loadingEarlier} onClick={onLoadEarlier} data-testid="job-log-load-earlier">
              {t("log.loadEarlier")}
            </Button>
          </div>
        )}
        {events.length === 0 ? (
          <div className={styles.placeholder}>{placeholder}</div>
        ) : (
          events.map((e) => <JobLogLine key={e.seq} event={e} />)
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
}
