"use client";
// /jobs/[id]: one job's full log in a full-height panel (DESIGN.md "UI" → Job pages).
import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Descriptions } from "antd";
import Link from "next/link";
import { useJobLog } from "@/hooks/use-job-log";
import { JobLogPanel } from "@/components/job-log/job-log-panel";
import { useT } from "@/lib/client/i18n";

/**
 * The job detail page: metadata (id, type, attempt, created, plan) above the
 * JobLogPanel with the whole history loaded. Props: `{jobId}`.
 */
export function JobDetailPage({ jobId }: { jobId: string }) {
  const t = useT();
  const { job } = useJobLog(jobId, { enabled: false });
  return (
    <main style={{ maxWidth: 1100, margin: "0 auto", padding: 24 }} data-testid="job-detail">
      <Link href="/">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {t("jobs.backToChat")}
        </Button>
      </Link>
      {job && (
        <Descriptions size="small" column={3} style={{ margin: "8px 0 16px" }}>
          <Descriptions.Item label="ID">{job.id}</Descriptions.Item>
          <Descriptions.Item label={t("jobs.attempt")}>{job.attempt}</Descriptions.Item>
          <Descriptions.Item label={t("jobs.created")}>{new Date(job.createdAt).toLocaleString()}</Descriptions.Item>
        </Descriptions>
      )}
      <JobLogPanel jobId={jobId} history="all" height={640} defaultCollapsed={false} />
    </main>
  );
}
