"use client";
import { EyeOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, DatePicker, Input, Select, Tooltip } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { JOB_TYPE_META } from "@/components/job-log/job-log-meta";
import { useT } from "@/lib/client/i18n";
import { JOB_STATUSES, JOB_TYPES, type JobStatus, type JobType, type OwnerFacet, type PlanFacet } from "@/lib/shared/jobs";
import { clipWords } from "@/lib/shared/text";
import styles from "./jobs.module.css";
import type { HistoryFilters } from "./use-history-filters";

/** Plan titles in the plan filter are cut (on a word boundary) to this many characters. */
const PLAN_OPTION_CHARS = 60;

/** Props of JobHistoryFilters. */
export type JobHistoryFiltersProps = {
  filters: HistoryFilters;
  /** The plan filter's options (GET /api/job-facets: support all, or the chosen owner's; a user their own). */
  plans: PlanFacet[];
  /** The owner filter's options; the filter shows only when `isSupport`. */
  owners: OwnerFacet[];
  isSupport: boolean;
  /** The viewer's user id ("you" among the owners). */
  viewerId?: string;
  /** A plan's title when the chosen plan is not among `plans` (from the list's `planTitles`). */
  planTitle: (planId: string) => string | undefined;
  onFilter: (key: keyof HistoryFilters, value: string | undefined) => void;
  onRange: (range: [Dayjs | null, Dayjs | null] | null) => void;
  onClear: () => void;
  /** Unfinished jobs on the page ("Watch running (n)"). */
  running: number;
  onWatchRunning: () => void;
  onRefresh: () => void;
  refreshing: boolean;
};

/**
 * The filter bar of /jobs: type, status, owner (support only), plan (titles,
 * searchable), created date range and job id (`data-testid` filter-type,
 * filter-status, filter-owner, filter-plan, filter-dates, filter-id,
 * filter-clear), then "Watch running (n)" and Refresh. Two controls a row
 * on a phone.
 */
export function JobHistoryFilters(props: JobHistoryFiltersProps) {
  const { filters, plans, owners, isSupport, viewerId, planTitle, onFilter, onRange, onClear, running, onWatchRunning, onRefresh, refreshing } = props;
  const t = useT();
  const knownPlan = !filters.planId || plans.some((p) => p.id === filters.planId);
  const knownOwner = !filters.ownerId || owners.some((o) => o.id === filters.ownerId);
  const ownerOption = (id: string, jobs?: number) => {
    const name = id === viewerId ? `${id.slice(0, 8)} (${t("jobs.you")})` : id.slice(0, 8);
    return { value: id, label: jobs === undefined ? name : `${name} · ${t("jobs.ownerJobs", { n: jobs })}`, title: id };
  };
  return (
    <div className={styles.filters} role="search" aria-label={t("jobs.filters")}>
      <Select<JobType>
        allowClear
        placeholder={t("jobs.col.type")}
        value={filters.jobType as JobType | undefined}
        onChange={(v) => onFilter("jobType", v)}
        options={JOB_TYPES.map((v) => ({ value: v, label: t(JOB_TYPE_META[v].title) }))}
        className={`${styles.filter} ${styles.filterType}`}
        aria-label={t("jobs.col.type")}
        data-testid="filter-type"
      />
      <Select<JobStatus>
        allowClear
        placeholder={t("jobs.col.status")}
        value={filters.status as JobStatus | undefined}
        onChange={(v) => onFilter("status", v)}
        options={JOB_STATUSES.map((v) => ({ value: v, label: t(`jobStatus.${v}`) }))}
        className={`${styles.filter} ${styles.filterStatus}`}
        aria-label={t("jobs.col.status")}
        data-testid="filter-status"
      />
      {isSupport && (
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: "title" }}
          placeholder={t("jobs.filterOwner")}
          value={filters.ownerId}
          onChange={(v) => onFilter("ownerId", v)}
          options={[
            ...owners.map((o) => ownerOption(o.id, o.jobs)),
            ...(filters.ownerId && !knownOwner ? [ownerOption(filters.ownerId)] : []),
          ]}
          className={`${styles.filter} ${styles.filterOwner}`}
          aria-label={t("jobs.filterOwner")}
          data-testid="filter-owner"
        />
      )}
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: "title" }}
        placeholder={t("jobs.col.plan")}
        value={filters.planId}
        onChange={(v) => onFilter("planId", v)}
        options={[
          ...plans.map((p) => ({ value: p.id, label: clipWords(p.title, PLAN_OPTION_CHARS), title: p.title })),
          ...(filters.planId && !knownPlan
            ? [{ value: filters.planId, label: clipWords(planTitle(filters.planId) ?? t("jobs.unknownPlan", { id: filters.planId.slice(0, 8) }), PLAN_OPTION_CHARS), title: filters.planId }]
            : []),
        ]}
        className={`${styles.filter} ${styles.filterPlan}`}
        popupMatchSelectWidth={false}
        aria-label={t("jobs.col.plan")}
        data-testid="filter-plan"
      />
      <DatePicker.RangePicker
        value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
        onChange={(range) => onRange(range)}
        allowEmpty={[true, true]}
        className={`${styles.filter} ${styles.filterDates}`}
        aria-label={t("jobs.dateRange")}
        data-testid="filter-dates"
      />
      <Input.Search
        allowClear
        placeholder={t("jobs.searchId")}
        defaultValue={filters.q}
        key={filters.q ?? ""}
        onSearch={(v) => onFilter("q", v.trim() || undefined)}
        className={`${styles.filter} ${styles.filterId}`}
        aria-label={t("jobs.searchId")}
        data-testid="filter-id"
      />
      {Object.keys(filters).length > 0 && (
        <Button type="link" onClick={onClear} data-testid="filter-clear">
          {t("jobs.clearFilters")}
        </Button>
      )}
      <span className={styles.actions}>
        <Button icon={<EyeOutlined />} disabled={running === 0} onClick={onWatchRunning} data-testid="watch-running">
          {t("jobs.watchRunning", { n: running })}
        </Button>
        <Tooltip title={t("jobs.refresh")}>
          <Button icon={<ReloadOutlined />} onClick={onRefresh} loading={refreshing} aria-label={t("jobs.refresh")} />
        </Tooltip>
      </span>
    </div>
  );
}
