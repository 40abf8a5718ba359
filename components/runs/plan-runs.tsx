"use client";
// The plan page's Runs section: every run of the plan, newest first, each expanding into its steps.
import { useQuery } from "@tanstack/react-query";
import { Alert, Empty, Skeleton } from "antd";
import { useMemo } from "react";
import { useT } from "@/lib/client/i18n";
import { queries } from "@/lib/client/queries";
import { isRunLive } from "@/lib/client/run-format";
import type { TaskNode } from "@/lib/shared/plans";
import type { RunDto } from "@/lib/shared/runs";
import type { TaskInfo } from "./run-details";
import { RunItem } from "./run-item";
import styles from "./run-view.module.css";

/** While a run is unfinished the list is also refetched this often (a backstop: tasks_updated and the end refetch it too), ms. */
const LIVE_REFETCH_MS = 5_000;

/** Title and depth (0 = top level) of every task of the tree, by id (`TaskInfo`: `{title, depth}`). */
export function taskInfo(tasks: readonly TaskNode[]): Map<string, TaskInfo> {
  const out = new Map<string, TaskInfo>();
  const walk = (nodes: readonly TaskNode[], depth: number) => {
    for (const n of nodes) {
      out.set(n.id, { title: n.title, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(tasks, 0);
  return out;
}

const liveInterval = (query: { state: { data?: RunDto[] } }): number | false => (query.state.data?.some(isRunLive) ? LIVE_REFETCH_MS : false);

/** Props of PlanRuns. */
export type PlanRunsProps = {
  planId: string;
  /** Ids of the runs shown open (the caller's: a run just started opens). */
  open: readonly string[];
  onOpenChange: (open: string[]) => void;
  /** Support reading another user's plan: no Approve / Deny. */
  readOnly?: boolean;
};

/**
 * The runs of a plan (GET /api/plans/{planId}/runs, `queries.runs`; its key
 * sits under the plan's, so every `tasks_updated` of a run refetches it, and
 * each run's end does too), newest first, as a list (`data-testid="runs-section"`)
 * of RunItem rows; which are open is the caller's (`open`, `onOpenChange`).
 * Props: PlanRunsProps.
 */
export function PlanRuns({ planId, open, onOpenChange, readOnly = false }: PlanRunsProps) {
  const t = useT();
  const runs = useQuery({ ...queries.runs(planId), refetchInterval: liveInterval });
  const tasks = useQuery(queries.plan(planId)).data?.tasks;
  const info = useMemo(() => taskInfo(tasks ?? []), [tasks]);
  const toggle = (runId: string) => onOpenChange(open.includes(runId) ? open.filter((k) => k !== runId) : [runId, ...open]);

  let body;
  if (runs.error && !runs.data) body = <Alert type="error" showIcon title={t("run.loadRunsError")} description={runs.error.message} />;
  else if (!runs.data) body = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (runs.data.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("run.noRuns")} data-testid="runs-empty" />;
  else
    body = (
      <ul className={styles.runs}>
        {runs.data.map((run) => (
          <RunItem key={run.id} run={run} open={open.includes(run.id)} onToggle={() => toggle(run.id)} readOnly={readOnly} tasks={info} />
        ))}
      </ul>
    );
  return (
    <div data-testid="runs-section" data-count={runs.data?.length ?? 0}>
      {body}
    </div>
  );
}
