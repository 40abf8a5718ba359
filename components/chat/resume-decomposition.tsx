"use client";
// Resume under a cancelled or failed decomposition in the chat (issue 10).
import { RedoOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button } from "antd";
import { useJobStatus } from "@/hooks/use-job-status";
import { ApiError, fetchJson } from "@/lib/client/api";
import { useT } from "@/lib/client/i18n";
import { queries } from "@/lib/client/queries";
import type { JobDto } from "@/lib/shared/jobs";
import styles from "./chat.module.css";

/** POST /api/jobs/{jobId}/resume → 202 `{jobId, job}` (the new plan_decompose job). */
const resumeUrl = (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}/resume`;

/**
 * Shown under a decomposition's panel: once the job is cancelled or failed
 * (its live status, useJobStatus), a bar with the reason to resume and a
 * Resume button (`data-testid="job-resume"`) that POSTs the resume; the
 * server adds the new job to the message, so the conversation queries are
 * refetched and `onResumed(newJobId)` opens its tab. A 409 (another tab
 * resumed it first) refetches too. When `resumedBy` names the job that
 * resumed it, a note says so instead (`data-testid="job-resumed"`).
 * Props: `{jobId, resumedBy?, onResumed?}`.
 */
export function ResumeDecomposition({ jobId, resumedBy, onResumed }: { jobId: string; resumedBy?: string; onResumed?: (jobId: string) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const { message: toast } = App.useApp();
  const { status } = useJobStatus(jobId);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queries.conversations().queryKey });
  const resume = useMutation({
    mutationFn: () => fetchJson<{ jobId: string; job: JobDto }>(resumeUrl(jobId), { method: "POST" }),
    onSuccess: async ({ jobId: next }) => {
      onResumed?.(next);
      await refresh();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) await refresh();
      toast.error(`${t("chatX.resumeFailed")}: ${error.message}`);
    },
  });
  if (status !== "cancelled" && status !== "failed") return null;
  if (resumedBy) {
    return (
      <p className={styles.resumed} data-testid="job-resumed" data-resumed-by={resumedBy}>
        <RedoOutlined aria-hidden /> {t("chatX.resumedBy")}
      </p>
    );
  }
  return (
    <div className={styles.resumeBar} data-testid="job-resume-bar">
      <span className={styles.resumeHint}>{t("chatX.resumeHint")}</span>
      <Button
        type="primary"
        size="small"
        icon={<RedoOutlined />}
        loading={resume.isPending || resume.isSuccess}
        onClick={() => resume.mutate()}
        data-testid="job-resume"
      >
        {t("chatX.resume")}
      </Button>
    </div>
  );
}
