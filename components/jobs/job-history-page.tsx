"use client";
// /jobs: the job history (docs/design.md "UI" → Job pages): the caller's jobs
// (support: everyone's, with owners), filtered by type, status, owner, plan, id and date, paged.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Button, Empty, Table } from "antd";
import { useMemo, useState, type Key } from "react";
import { JobLogPanel } from "@/components/job-log/job-log-panel";
import { useSupportSession } from "@/components/support/use-support-session";
import { useT } from "@/lib/client/i18n";
import { queries, refetchWhileUnfinished } from "@/lib/client/queries";
import { isJobType, isTerminal, type JobDto, type JobHistoryPage } from "@/lib/shared/jobs";
import { jobFacetsQuery } from "./job-facets-query";
import { useJobHistoryColumns } from "./job-history-columns";
import { JobHistoryFilters } from "./job-history-filters";
import { JobsHeader } from "./jobs-header";
import styles from "./jobs.module.css";
import { toListFilters, useHistoryFilters } from "./use-history-filters";

/** Jobs per page. */
export const HISTORY_PAGE_SIZE = 20;
/** Refetch interval while a listed job is still pending or running, ms. */
const LIVE_REFRESH_MS = 2_000;
/** Refetch interval otherwise, so jobs started elsewhere (another tab, the API) show up, ms. */
const IDLE_REFRESH_MS = 10_000;

/**
 * The job history page. Filters live in the URL (`?jobType=&status=&ownerId=
 * &planId=&q=&from=&to=`, dates as local YYYY-MM-DD, `to` inclusive) so a filtered view
 * can be shared and the back button works. Pages use the API's keyset cursor
 * (Previous/Next, the total beside them). Rows expand into the live
 * JobLogPanel; "Watch running" expands every unfinished job on the page, all
 * on the tab's one multiplexed stream. The list refetches every 2 s while a
 * listed job is unfinished, else every 10 s. Plans show by title (the list's
 * `planTitles`); support also sees and filters by owner. On a phone the
 * table keeps the job and status columns (the rest moves under the job).
 * Must be rendered inside a Suspense boundary (useSearchParams). Props: none.
 */
export function JobHistoryPage() {
  const t = useT();
  const { session, isSupport } = useSupportSession();
  const { filters, filterKey, setFilter, setRange, clear } = useHistoryFilters();

  // Cursors of the pages after the first; reset whenever the filters change.
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: filterKey, cursors: [] });
  const cursors = pages.key === filterKey ? pages.cursors : [];
  const [expanded, setExpanded] = useState<readonly Key[]>([]);

  const list = useQuery({
    ...queries.jobs({ ...toListFilters(filters), cursor: cursors.at(-1), limit: String(HISTORY_PAGE_SIZE) }),
    placeholderData: keepPreviousData,
    refetchInterval: refetchWhileUnfinished(LIVE_REFRESH_MS, IDLE_REFRESH_MS),
  });
  const facets = useQuery(jobFacetsQuery(isSupport ? filters.ownerId : undefined));
  // The server sends the page's plan titles with the rows (GET /api/jobs answers a JobHistoryPage;
  // queries.jobs is typed with the JobListPage part); the filter's plans fill in the rest.
  const listTitles = (list.data as JobHistoryPage | undefined)?.planTitles;
  const planTitles = useMemo(
    () => new Map([...(facets.data?.plans ?? []).map((p) => [p.id, p.title] as const), ...Object.entries(listTitles ?? {})]),
    [facets.data, listTitles],
  );

  const filterBy = (key: Parameters<typeof setFilter>[0], value: string | undefined) => {
    setFilter(key, value);
    setExpanded([]);
  };
  const goPage = (cursorsNext: string[]) => {
    setPages({ key: filterKey, cursors: cursorsNext });
    setExpanded([]);
  };
  const columns = useJobHistoryColumns({
    planTitles,
    onPlan: (planId) => filterBy("planId", planId),
    onOwner: (ownerId) => filterBy("ownerId", ownerId),
    isSupport,
    viewerId: session?.userId,
  });

  const jobs = list.data?.jobs ?? [];
  const running = jobs.filter((j) => !isTerminal(j.status)).map((j) => j.id);
  const filtered = Object.keys(filters).length > 0;

  return (
    <main className={styles.page} data-testid="job-history">
      <JobsHeader title={isSupport ? t("jobs.allTitle") : t("jobs.title")} />

      <JobHistoryFilters
        filters={filters}
        plans={facets.data?.plans ?? []}
        owners={facets.data?.owners ?? []}
        isSupport={isSupport}
        viewerId={session?.userId}
        planTitle={(planId) => planTitles.get(planId)}
        onFilter={filterBy}
        onRange={setRange}
        onClear={clear}
        running={running.length}
        onWatchRunning={() => setExpanded(running)}
        onRefresh={() => void list.refetch()}
        refreshing={list.isFetching}
      />

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
        className={styles.table}
        columns={columns}
        dataSource={jobs}
        loading={list.isPending}
        pagination={false}
        data-testid="job-history-table"
        expandable={{
          // A named header for the expand column (axe: empty-table-header), seen by screen readers only.
          columnTitle: <span className={styles.srOnly}>{t("jobs.col.log")}</span>,
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
