"use client";
// /plans/{planId}: one plan with its editable tree and its jobs (DESIGN.md "UI" → Plan page).
import { ArrowLeftOutlined, DownloadOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Skeleton } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { HeaderControls } from "@/components/header-controls";
import { NavLink } from "@/components/nav-link";
import { ExecutePlanButton } from "@/components/runs/execute-plan-button";
import { PlanRuns } from "@/components/runs/plan-runs";
import { usePlanReadOnly } from "@/hooks/use-run-permissions";
import { useT } from "@/lib/client/i18n";
import { isNotFound } from "@/lib/client/job-cache";
import { jobHistoryUrl } from "@/lib/client/job-urls";
import { planProgress } from "@/lib/client/plan-tree";
import { conversationPageUrl, planExportUrl } from "@/lib/client/plan-urls";
import { queries } from "@/lib/client/queries";
import { clipWords } from "@/lib/shared/text";
import { PlanJobs } from "./plan-jobs";
import styles from "./plan-page.module.css";
import { PlanProgress } from "./plan-progress";
import { PlanTreeView } from "./plan-tree-view";

/**
 * The plan page: back to the plan's conversation (`/?c=<conversationId>`;
 * the chat when it has none), title, goal, progress bar, "Execute plan",
 * Markdown and JSON export, the editable tree (PlanTreeView, live), the
 * plan's runs (PlanRuns) and jobs (PlanJobs); a decomposition started from
 * the tree opens in the job list, a run (the button, or "Execute" in a
 * task's menu) opens at the top of the runs. Support reading another user's
 * plan gets it read only (no editing, no executing, no approvals).
 * Root `data-testid="plan-page"`; `plan-title`, `plan-goal`, `execute-plan`,
 * `plan-export-md`, `plan-export-json`, `plan-conversation-link`.
 * A plan that is gone or not the viewer's shows a warning. The tab title
 * follows the plan's title. Props: `{planId}`.
 */
export function PlanPage({ planId }: { planId: string }) {
  const t = useT();
  const { data, error } = useQuery(queries.plan(planId));
  const [openJobs, setOpenJobs] = useState<string[]>([]);
  const onDecomposeStarted = useCallback(({ jobId }: { jobId: string }) => setOpenJobs((o) => [jobId, ...o.filter((k) => k !== jobId)]), []);
  const [openRuns, setOpenRuns] = useState<string[]>([]);
  const onExecuteStarted = useCallback(({ runId }: { runId: string }) => setOpenRuns((o) => [runId, ...o.filter((k) => k !== runId)]), []);
  const tasks = data?.tasks;
  const progress = useMemo(() => planProgress(tasks ?? []), [tasks]);
  const conversationId = data?.plan.conversationId;
  const readOnly = usePlanReadOnly(conversationId);
  const planTitle = data?.plan.title;

  // The tab shows the plan's title ("Move the intranet… · Planstream") once it is known; the metadata's "Plan" until then.
  useEffect(() => {
    if (planTitle) document.title = `${clipWords(planTitle, 60)} · Planstream`;
  }, [planTitle]);

  return (
    <main className={styles.page} data-testid="plan-page" data-plan-id={planId}>
      <header className={styles.header}>
        <NavLink href={conversationId ? conversationPageUrl(conversationId) : "/"} icon={<ArrowLeftOutlined />} testId="plan-conversation-link">
          {conversationId ? t("planPage.backToConversation") : t("jobs.backToChat")}
        </NavLink>
        <NavLink href={jobHistoryUrl({ planId })} icon={<UnorderedListOutlined />}>
          {t("jobs.history")}
        </NavLink>
        <HeaderControls />
      </header>
      {error && !data ? (
        <Alert
          type={isNotFound(error) ? "warning" : "error"}
          showIcon
          title={isNotFound(error) ? t("planPage.notFound") : t("plan.loadError")}
          description={isNotFound(error) ? undefined : error.message}
          data-testid="plan-page-error"
        />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <section className={styles.summary}>
            <span className={styles.kicker}>{t("plan.title")}</span>
            <h1 className={styles.title} data-testid="plan-title">
              {data.plan.title}
            </h1>
            {data.plan.goal && (
              <p className={styles.goal} data-testid="plan-goal">
                <span className={styles.goalLabel}>{t("planPage.goal")}</span> {data.plan.goal}
              </p>
            )}
            <div className={styles.summaryRow}>
              <PlanProgress progress={progress} size="medium" />
              <span className={styles.exports}>
                <ExecutePlanButton planId={planId} onStarted={onExecuteStarted} readOnly={readOnly} disabled={(tasks ?? []).length === 0} />
                <Button icon={<DownloadOutlined />} href={planExportUrl(planId, "md")} download data-testid="plan-export-md">
                  {t("planPage.exportMd")}
                </Button>
                <Button icon={<DownloadOutlined />} href={planExportUrl(planId, "json")} download data-testid="plan-export-json">
                  {t("planPage.exportJson")}
                </Button>
              </span>
            </div>
          </section>
          <div className={styles.columns}>
            <section className={styles.card} aria-labelledby="plan-tasks-heading">
              <h2 id="plan-tasks-heading" className={styles.cardTitle}>
                {t("planPage.tasks")}
              </h2>
              <PlanTreeView planId={planId} variant="page" onDecomposeStarted={onDecomposeStarted} onExecuteStarted={onExecuteStarted} readOnly={readOnly} />
            </section>
            <div className={styles.side}>
              <section className={styles.card} aria-labelledby="plan-runs-heading">
                <h2 id="plan-runs-heading" className={styles.cardTitle}>
                  {t("run.runs")}
                </h2>
                <PlanRuns planId={planId} open={openRuns} onOpenChange={setOpenRuns} readOnly={readOnly} />
              </section>
              <section className={styles.card} aria-labelledby="plan-jobs-heading">
                <h2 id="plan-jobs-heading" className={styles.cardTitle}>
                  {t("planPage.jobs")}
                </h2>
                <PlanJobs planId={planId} open={openJobs} onOpenChange={setOpenJobs} />
              </section>
            </div>
          </div>
        </>
      )}
    </main>
  );
}
