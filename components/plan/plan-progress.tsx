"use client";
import { Progress } from "antd";
import { useT } from "@/lib/client/i18n";
import type { Progress as Counts } from "@/lib/client/plan-tree";
import styles from "./plan-tree-view.module.css";

/**
 * The plan's progress bar: finished ("done" or "skipped") tasks over all
 * tasks, as a percentage bar labelled "done/total". `data-testid="plan-progress"`
 * with `data-done` and `data-total`. Props: `{progress: {done, total}, size?}`.
 */
export function PlanProgress({ progress: { done, total }, size = "small" }: { progress: Counts; size?: "small" | "medium" }) {
  const t = useT();
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className={styles.progress} data-testid="plan-progress" data-done={done} data-total={total}>
      <Progress
        percent={percent}
        size={size}
        status={total > 0 && done === total ? "success" : "normal"}
        format={() => `${done}/${total}`}
        aria-label={t("plan.progressLabel", { done, total })}
      />
    </div>
  );
}
