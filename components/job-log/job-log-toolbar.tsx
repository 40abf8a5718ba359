"use client";
// The log toolbar: search (regex, case, next/previous, "3 of 47"), filters,
// timestamps (local / UTC / elapsed, with the zone) and wrap. Wraps onto more
// rows on a narrow screen; the filters open as a row of their own.
import { DownOutlined, FilterOutlined, UpOutlined } from "@ant-design/icons";
import { Badge, Button, Checkbox, Input, Segmented, Tooltip } from "antd";
import { memo, useId } from "react";
import { useT } from "@/lib/client/i18n";
import { KIND_GROUPS, type KindGroup, type LogFilter } from "@/lib/client/log-search";
import { zoneLabel, type LogTimeMode } from "@/lib/client/log-time";
import { EVENT_LEVELS, type EventLevel } from "@/lib/shared/jobs";
import styles from "./job-log.module.css";
import type { LogSearch } from "./use-log-search";

/** Props of JobLogToolbar. */
export type JobLogToolbarProps = {
  search: LogSearch;
  filter: LogFilter;
  onFilter: (filter: LogFilter) => void;
  filtersOpen: boolean;
  onFiltersOpen: (open: boolean) => void;
  timeMode: LogTimeMode;
  onTimeMode: (mode: LogTimeMode) => void;
  wrap: boolean;
  onWrap: (wrap: boolean) => void;
};

/**
 * The toolbar above a log. Enter / Shift+Enter in the search box go to the
 * next / previous match; an invalid regex shows its message inline (role
 * "alert"). Every control is a native or antd control reachable by Tab, with
 * toggles as `aria-pressed` buttons. Test ids: job-log-search, -regex, -case,
 * -match-count, -prev, -next, -search-error, -filters-toggle, -time-mode,
 * -zone, -wrap. Memoized: streamed lines do not re-render it.
 */
export const JobLogToolbar = memo(function JobLogToolbar(p: JobLogToolbarProps) {
  const t = useT();
  const { search } = p;
  const errorId = useId();
  const hidden = (4 - p.filter.levels.size) + (KIND_GROUPS.length - p.filter.kinds.size);
  const count = search.active
    ? search.matches.length === 0
      ? t("log.noMatchesShort")
      : t("log.matchOf", { n: search.index + 1, total: `${search.matches.length}${search.capped ? "+" : ""}` })
    : "";
  return (
    <div className={styles.toolbarWrap}>
      <div className={styles.toolbar} role="toolbar" aria-label={t("log.toolbar")}>
        <div className={styles.searchGroup}>
          <Input
            size="small"
            allowClear
            className={styles.searchInput}
            placeholder={t("log.search")}
            aria-label={t("log.search")}
            aria-invalid={search.error ? true : undefined}
            aria-describedby={search.error ? errorId : undefined}
            value={search.query}
            onChange={(e) => search.setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== "Enter") return;
              e.preventDefault();
              search.step(e.shiftKey ? -1 : 1);
            }}
            data-testid="job-log-search"
          />
          <Tooltip title={t("log.regex")}>
            <Button
              size="small"
              type={search.regex ? "primary" : "default"}
              aria-pressed={search.regex}
              aria-label={t("log.regex")}
              onClick={() => search.setRegex(!search.regex)}
              className={styles.toggleButton}
              data-testid="job-log-regex"
            >
              .*
            </Button>
          </Tooltip>
          <Tooltip title={t("log.caseSensitive")}>
            <Button
              size="small"
              type={search.caseSensitive ? "primary" : "default"}
              aria-pressed={search.caseSensitive}
              aria-label={t("log.caseSensitive")}
              onClick={() => search.setCaseSensitive(!search.caseSensitive)}
              className={styles.toggleButton}
              data-testid="job-log-case"
            >
              Aa
            </Button>
          </Tooltip>
          {search.active && (
            <span className={styles.toolbarCount} data-testid="job-log-match-count">
              {count}
            </span>
          )}
          <Button
            size="small"
            icon={<UpOutlined />}
            aria-label={t("log.prevMatch")}
            title={t("log.prevMatch")}
            disabled={search.matches.length === 0}
            onClick={() => search.step(-1)}
            data-testid="job-log-prev"
          />
          <Button
            size="small"
            icon={<DownOutlined />}
            aria-label={t("log.nextMatch")}
            title={t("log.nextMatch")}
            disabled={search.matches.length === 0}
            onClick={() => search.step(1)}
            data-testid="job-log-next"
          />
        </div>
        <Badge count={hidden} size="small" offset={[-4, 2]}>
          <Button
            size="small"
            icon={<FilterOutlined />}
            aria-expanded={p.filtersOpen}
            onClick={() => p.onFiltersOpen(!p.filtersOpen)}
            data-testid="job-log-filters-toggle"
          >
            {t("log.filters")}
          </Button>
        </Badge>
        <span className={styles.timeGroup}>
          <Segmented<LogTimeMode>
            size="small"
            value={p.timeMode}
            onChange={p.onTimeMode}
            aria-label={t("log.timeMode")}
            data-testid="job-log-time-mode"
            options={[
              { value: "local", label: t("log.timeLocal") },
              { value: "utc", label: "UTC" },
              { value: "relative", label: t("log.timeElapsed") },
            ]}
          />
          <span className={styles.zone} data-testid="job-log-zone">
            {p.timeMode === "local" ? zoneLabel() : p.timeMode === "utc" ? "UTC" : t("log.sinceStart")}
          </span>
        </span>
        <Button
          size="small"
          type={p.wrap ? "primary" : "default"}
          aria-pressed={p.wrap}
          onClick={() => p.onWrap(!p.wrap)}
          data-testid="job-log-wrap"
        >
          {t("log.wrap")}
        </Button>
      </div>
      {search.error && (
        <div id={errorId} className={styles.searchError} role="alert" data-testid="job-log-search-error">
          {t("log.badRegex", { message: search.error })}
        </div>
      )}
    </div>
  );
});

/** Props of JobLogFilters. */
export type JobLogFiltersProps = {
  filter: LogFilter;
  onFilter: (filter: LogFilter) => void;
  /** Lines shown after the filters, and loaded in all. */
  shownCount: number;
  totalCount: number;
};

/**
 * The filter row (under the toolbar when "Filters" is open): levels and kind
 * groups as checkbox groups (planning, tools, execution, other; see
 * lib/client/log-search.ts), and "Showing n of m lines" while any is off.
 * Test ids: job-log-filters, -level-filter, -kind-filter, -shown-count.
 */
export function JobLogFilters({ filter, onFilter, shownCount, totalCount }: JobLogFiltersProps) {
  const t = useT();
  const hidden = 4 - filter.levels.size + (KIND_GROUPS.length - filter.kinds.size);
  return (
    <div className={styles.filterRow} data-testid="job-log-filters">
      <div role="group" aria-label={t("log.levelFilter")} className={styles.filterGroup}>
        <Checkbox.Group<EventLevel>
          value={[...filter.levels]}
          onChange={(levels) => onFilter({ ...filter, levels: new Set(levels) })}
          data-testid="job-log-level-filter"
          options={EVENT_LEVELS.map((level) => ({ value: level, label: level.toUpperCase() }))}
        />
      </div>
      <div role="group" aria-label={t("log.kindFilter")} className={styles.filterGroup}>
        <Checkbox.Group<KindGroup>
          value={[...filter.kinds]}
          onChange={(kinds) => onFilter({ ...filter, kinds: new Set(kinds) })}
          data-testid="job-log-kind-filter"
          options={KIND_GROUPS.map((kind) => ({ value: kind, label: t(`log.kind.${kind}`) }))}
        />
      </div>
      {hidden > 0 && (
        <span className={styles.toolbarCount} data-testid="job-log-shown-count">
          {t("log.shownOf", { shown: shownCount, total: totalCount })}
        </span>
      )}
    </div>
  );
}
