"use client";
import { EyeOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, DatePicker, Input, Select, Tooltip } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { JOB_TYPE_META } from "@/components/job-log/job-log-meta";
import { useT } from "@/lib/client/i18n";
import { JOB_STATUSES, JOB_TYPES, type JobStatus, type JobType } from "@/lib/shared/jobs";
import type { PlanDto } from "@/lib/shared/plans";
import styles from "./jobs.module.css";
import type { HistoryFilters } from "./use-history-filters";

/** Props of JobHistoryFilters. */
export type JobHistoryFiltersProps = {
  filters: HistoryFilters;
  /** The viewer's plans (the plan filter's options). */
  plans: PlanDto[];
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
 * The filter bar of /jobs: type, status, plan, created date range and job id
 * (`data-testid` filter-type, filter-status, filter-plan, filter-dates,
 * filter-id, filter-clear), then "Watch running (n)" and Refresh.
 */
export function JobHistoryFilters({ filters, plans, onFilter, onRange, onClear, running, onWatchRunning, onRefresh, refreshing }: JobHistoryFiltersProps) {
  const t = useT();
  const knownPlan = !filters.planId || plans.some((p) => p.id === filters.planId);
  return (
    <div className={styles.filters} role="search" aria-label={t("jobs.filters")}>
      <Select<JobType>
        allowClear
        placeholder={t("jobs.col.type")}
        value={filters.jobType as JobType | undefined}
        onChange={(v) => onFilter("jobType", v)}
        options={JOB_TYPES.map((v) => ({ value: v, label: t(JOB_TYPE_META[v].title) }))}
        style={{ width: 180 }}
        aria-label={t("jobs.col.type")}
        data-testid="filter-type"
      />
      <Select<JobStatus>
        allowClear
        placeholder={t("jobs.col.status")}
        value={filters.status as JobStatus | undefined}
        onChange={(v) => onFilter("status", v)}
        options={JOB_STATUSES.map((v) => ({ value: v, label: t(`jobStatus.${v}`) }))}
        style={{ width: 140 }}
        aria-label={t("jobs.col.status")}
        data-testid="filter-status"
      />
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("jobs.col.plan")}
        value={filters.planId}
        onChange={(v) => onFilter("planId", v)}
        options={[
          ...plans.map((p) => ({ value: p.id, label: p.title })),
          ...(filters.planId && !knownPlan ? [{ value: filters.planId, label: filters.planId.slice(0, 8) }] : []),
        ]}
        style={{ width: 220 }}
        aria-label={t("jobs.col.plan")}
        data-testid="filter-plan"
      />
      <DatePicker.RangePicker
        value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
        onChange={(range) => onRange(range)}
        allowEmpty={[true, true]}
        aria-label={t("jobs.dateRange")}
        data-testid="filter-dates"
      />
      <Input.Search
        allowClear
        placeholder={t("jobs.searchId")}
        defaultValue={filters.q}
        key={filters.q ?? ""}
        onSearch={(v) => onFilter("q", v.trim() || undefined)}
        style={{ width: 220 }}
        aria-label={t("jobs.searchId")}
        data-testid="filter-id"
      />
      {Object.keys(filters).length > 0 && (
        <Button type="link" onClick={onClear} data-testid="filter-clear">
          {t("jobs.clearFilters")}
        </Button>
      )}
      <span className={styles.spacer} />
      <Button icon={<EyeOutlined />} disabled={running === 0} onClick={onWatchRunning} data-testid="watch-running">
        {t("jobs.watchRunning", { n: running })}
      </Button>
      <Tooltip title={t("jobs.refresh")}>
        <Button icon={<ReloadOutlined />} onClick={onRefresh} loading={refreshing} aria-label={t("jobs.refresh")} />
      </Tooltip>
    </div>
  );
}
