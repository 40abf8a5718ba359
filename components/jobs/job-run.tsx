"use client";
// The run a plan_execute job carries out, on that job's detail page: the same
// row as the plan page's Runs section (outcome, counts, steps, files), so a
// support person who opens the job from the history sees what the run did.
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { taskInfo } from "@/components/runs/plan-runs";
import { RunItem } from "@/components/runs/run-item";
import runStyles from "@/components/runs/run-view.module.css";
import { usePlanReadOnly } from "@/hooks/use-run-permissions";
import { useT } from "@/lib/client/i18n";
import { queries } from "@/lib/client/queries";
import styles from "./jobs.module.css";

/**
 * The run of the plan_execute job `jobId` of plan `planId`
 * (`data-testid="job-run"`): found in GET /api/plans/{planId}/runs by its
 * `jobId`, shown as a RunItem that starts open and follows the job live.
 * Approve / Deny only where the plan page would show them (usePlanReadOnly).
 * Renders nothing until the run is found (or when the plan is gone).
 * Props: `{planId, jobId}`.
 */
export function JobRun({ planId, jobId }: { planId: string; jobId: string }) {
  const t = useT();
  const runs = useQuery(queries.runs(planId));
  const plan = useQuery(queries.plan(planId)).data;
  const readOnly = usePlanReadOnly(plan?.plan.conversationId);
  const info = useMemo(() => taskInfo(plan?.tasks ?? []), [plan?.tasks]);
  const [open, setOpen] = useState(true);
  const run = runs.data?.find((r) => r.jobId === jobId);
  if (!run) return null;
  return (
    <section className={styles.related} data-testid="job-run" aria-label={t("run.runs")}>
      <ul className={runStyles.runs}>
        <RunItem run={run} open={open} onToggle={() => setOpen((o) => !o)} readOnly={readOnly} tasks={info} />
      </ul>
    </section>
  );
}
