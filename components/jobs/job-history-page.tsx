"use client";
// /jobs: the job history (DESIGN.md "UI" → Job pages): the caller's jobs
// (support: everyone's), filtered by type, status, plan, id and date, paged.
import { EyeOutlined, ReloadOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Button, DatePicker, Empty, Input, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs, { type Dayjs } from "dayjs";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { JobLogPanel } from "@/components/job-log/job-log-panel";
import { JOB_TYPE_META, STATUS_COLOR, formatAgo, formatDateTime, formatDuration } from "@/components/job-log/job-log-meta";
import { useSupportSession } from "@/components/support/use-support-session";
import { useLang, useT } from "@/lib/client/i18n";
import { queries, refetchWhileUnfinished } from "@/lib/client/queries";
import { JOB_STATUSES, JOB_TYPES, isJobType, isTerminal, type JobDto, type JobStatus, type JobType } from "@/lib/shared/jobs";
import { JobsHeader } from "./jobs-header";
import styles from "./jobs.module.css";

/** Jobs per page. */
export const HISTORY_PAGE_SIZE = 20;
/** Refetch interval while a listed job is still pending or running, ms. */
const LIVE_REFRESH_MS = 2_000;
/** Refetch interval otherwise, so jobs started elsewhere (another tab, the API) show up, ms. */
const IDLE_REFRESH_MS = 10_000;

const FILTER_KEYS = ["jobType", "status", "planId", "q", "from", "to"] as const;
type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

/** `YYYY-MM-DD` (a local date in the URL) → the ISO instant of that local midnight, plus `addDays`. */
const dayStart = (ymd: string, addDays = 0): string | undefined => {
  const d = dayjs(ymd, "YYYY-MM-DD");
  return d.isValid() ? d.startOf("day").add(addDays, "day").toISOString() : undefined;
};

/**
 * The job history page. Filters live in the URL (`?jobType=&status=&planId=
 * &q=&from=&to=`, dates as local YYYY-MM-DD, `to` inclusive) so a filtered view
 * can be shared and the back button works. Pages use the API's keyset cursor
 * (Previous/Next, the total beside them). Rows expand into the live
 * JobLogPanel; "Watch running" expands every unfinished job on the page, all
 * on the tab's one multiplexed stream. The list refetches every 2 s while a
 * listed job is unfinished, else every 10 s. Props: none.
 */
export function JobHistoryPage() {
  const t = useT();
  const { lang } = useLang();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { isSupport } = useSupportSession();

  const filters: Filters = useMemo(() => {
    const f: Filters = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const filterKey = JSON.stringify(filters);

  // Cursors of the pages after the first; reset whenever the filters change.
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: filterKey, cursors: [] });
  const cursors = pages.key === filterKey ? pages.cursors : [];
  const [expanded, setExpanded] = useState<readonly React.Key[]>([]);

  const list = useQuery({
    ...queries.jobs({
      jobType: filters.jobType,
      status: filters.status,
      planId: filters.planId,
      q: filters.q,
      from: filters.from ? dayStart(filters.from) : undefined,
      to: filters.to ? dayStart(filters.to, 1) : undefined,
      cursor: cursors.at(-1),
      limit: String(HISTORY_PAGE_SIZE),
    }),
    placeholderData: keepPreviousData,
    refetchInterval: refetchWhileUnfinished(LIVE_REFRESH_MS, IDLE_REFRESH_MS),
  });
  const plans = useQuery(queries.plans());
  const planById = useMemo(() => new Map((plans.data ?? []).map((p) => [p.id, p])), [plans.data]);

  // Reads the current URL, not `params`: a replace may still be in flight.
  const replaceParams = (edit: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(window.location.search);
    edit(next);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };
  const setFilter = (key: keyof Filters, value: string | undefined) => {
    replaceParams((next) => (value ? next.set(key, value) : next.delete(key)));
    setExpanded([]);
  };
  const setRange = (range: [Dayjs | null, Dayjs | null] | null) =>
    replaceParams((next) => {
      for (const [key, d] of [["from", range?.[0]], ["to", range?.[1]]] as const) {
        if (d) next.set(key, d.format("YYYY-MM-DD"));
        else next.delete(key);
      }
    });
  const goPage = (cursorsNext: string[]) => {
    setPages({ key: filterKey, cursors: cursorsNext });
    setExpanded([]);
  };

  const jobs = list.data?.jobs ?? [];
  const running = jobs.filter((j) => !isTerminal(j.status)).map((j) => j.id);
  const filtered = Object.keys(filters).length > 0;

  const columns: ColumnsType<JobDto> = [
    {
      title: t("jobs.col.job"),
      key: "job",
      render: (_, job) => {
        const meta = JOB_TYPE_META[isJobType(job.jobType) ? job.jobType : "task_operation"];
        return (
          <Space size={6}>
            <span className={styles[meta.accent]} aria-hidden>
              {meta.icon}
            </span>
            <span>
              <Link href={`/jobs/${job.id}`} data-testid="job-history-link">
                {isJobType(job.jobType) ? t(meta.title) : job.jobType}
              </Link>
              <Typography.Text type="secondary" className={styles.jobId} title={job.id}>
                {job.id.slice(0, 8)}
              </Typography.Text>
            </span>
          </Space>
        );
      },
    },
    {
      title: t("jobs.col.status"),
      dataIndex: "status",
      width: 120,
      render: (status: JobStatus) => (
        <Tag color={STATUS_COLOR[status]} data-testid="job-history-status">
          {t(`jobStatus.${status}`)}
        </Tag>
      ),
    },
    {
      title: t("jobs.col.plan"),
      key: "plan",
      ellipsis: true,
      render: (_, job) => {
        if (!job.planId) return <Typography.Text type="secondary">—</Typography.Text>;
        const plan = planById.get(job.planId);
        const label = plan?.title ?? job.planId.slice(0, 8);
        return (
          <Tooltip title={t("jobs.filterByPlan")}>
            <Button type="link" size="small" className={styles.inlineLink} onClick={() => setFilter("planId", job.planId!)}>
              {label}
            </Button>
          </Tooltip>
        );
      },
    },
    {
      title: t("jobs.col.created"),
      dataIndex: "createdAt",
      width: 170,
      render: (iso: string) => <time dateTime={iso} title={formatDateTime(iso, lang)}>{formatAgo(iso, lang)}</time>,
    },
    {
      title: t("jobs.col.duration"),
      key: "duration",
      width: 110,
      render: (_, job) =>
        job.startedAt && job.finishedAt
          ? formatDuration(Date.parse(job.finishedAt) - Date.parse(job.startedAt))
          : job.status === "running"
            ? t("jobStatus.running")
            : "—",
    },
    {
      title: t("jobs.col.lines"),
      key: "lines",
      width: 130,
      render: (_, job) => (
        <Space size={4}>
          <span>{job.lastSeq.toLocaleString(lang)}</span>
          {job.stats.warnings > 0 && <Tag color="warning">{job.stats.warnings}</Tag>}
          {job.stats.errors > 0 && <Tag color="error">{job.stats.errors}</Tag>}
        </Space>
      ),
    },
    ...(isSupport
      ? [
          {
            title: t("jobs.col.owner"),
            dataIndex: "ownerId",
            width: 110,
            render: (owner: string) => (
              <Typography.Text type="secondary" className={styles.jobId} title={owner}>
                {owner.slice(0, 8)}
              </Typography.Text>
            ),
          },
        ]
      : []),
  ];

  return (
    <main className={styles.page} data-testid="job-history">
      <JobsHeader title={isSupport ? t("jobs.allTitle") : t("jobs.title")} />

      <div className={styles.filters} role="search" aria-label={t("jobs.filters")}>
        <Select<JobType>
          allowClear
          placeholder={t("jobs.col.type")}
          value={filters.jobType as JobType | undefined}
          onChange={(v) => setFilter("jobType", v)}
          options={JOB_TYPES.map((v) => ({ value: v, label: t(JOB_TYPE_META[v].title) }))}
          style={{ width: 180 }}
          aria-label={t("jobs.col.type")}
          data-testid="filter-type"
        />
        <Select<JobStatus>
          allowClear
          placeholder={t("jobs.col.status")}
          value={filters.status as JobStatus | undefined}
          onChange={(v) => setFilter("status", v)}
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
          onChange={(v) => setFilter("planId", v)}
          options={[
            ...(plans.data ?? []).map((p) => ({ value: p.id, label: p.title })),
            ...(filters.planId && !planById.has(filters.planId) ? [{ value: filters.planId, label: filters.planId.slice(0, 8) }] : []),
          ]}
          style={{ width: 220 }}
          aria-label={t("jobs.col.plan")}
          data-testid="filter-plan"
        />
        <DatePicker.RangePicker
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(range) => setRange(range)}
          allowEmpty={[true, true]}
          aria-label={t("jobs.dateRange")}
          data-testid="filter-dates"
        />
        <Input.Search
          allowClear
          placeholder={t("jobs.searchId")}
          defaultValue={filters.q}
          key={filters.q ?? ""}
          onSearch={(v) => setFilter("q", v.trim() || undefined)}
          style={{ width: 220 }}
          aria-label={t("jobs.searchId")}
          data-testid="filter-id"
        />
        {filtered && (
          <Button type="link" onClick={() => router.replace(pathname)} data-testid="filter-clear">
            {t("jobs.clearFilters")}
          </Button>
        )}
        <span className={styles.spacer} />
        <Button
          icon={<EyeOutlined />}
          disabled={running.length === 0}
          onClick={() => setExpanded(running)}
          data-testid="watch-running"
        >
          {t("jobs.watchRunning", { n: running.length })}
        </Button>
        <Tooltip title={t("jobs.refresh")}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} aria-label={t("jobs.refresh")} />
        </Tooltip>
      </div>

      {list.error && (
        <Alert
          type="error"
          showIcon
          title={t("jobs.loadError")}
          description={list.error.message}
          action={<Button onClick={() => void list.refetch()}>{t("log.retry")}</Button>}
          style={{ marginBottom: 12 }}
        />
      )}

      <Table<JobDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={jobs}
        loading={list.isPending}
        pagination={false}
        data-testid="job-history-table"
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys),
          expandedRowRender: (job) => (
            <JobLogPanel jobId={job.id} jobType={isJobType(job.jobType) ? job.jobType : undefined} defaultCollapsed={false} height={260} />
          ),
        }}
        locale={{
          emptyText: <Empty description={filtered ? t("jobs.noMatches") : t("jobs.empty")} />,
        }}
      />

      <nav className={styles.pager} aria-label={t("jobs.pages")}>
        <span data-testid="job-history-total">
          {t("jobs.pageInfo", { page: cursors.length + 1, total: list.data?.total ?? 0 })}
        </span>
        <Button disabled={cursors.length === 0} onClick={() => goPage(cursors.slice(0, -1))} data-testid="page-prev">
          {t("jobs.prev")}
        </Button>
        <Button
          disabled={!list.data?.nextCursor || list.isPlaceholderData}
          onClick={() => list.data?.nextCursor && goPage([...cursors, list.data.nextCursor])}
          data-testid="page-next"
        >
          {t("jobs.next")}
        </Button>
      </nav>
    </main>
  );
}
