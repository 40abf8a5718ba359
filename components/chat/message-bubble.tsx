"use client";
// One chat message; an assistant message carries its actions and job logs (DESIGN.md "UI" → Chat page).
import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, MinusCircleOutlined, StopOutlined, SyncOutlined } from "@ant-design/icons";
import { Badge, Tabs, Tag, Tooltip } from "antd";
import { useCallback, useState, type ReactNode } from "react";
import { ACTION_COLOR, JOB_TYPE_META, STATUS_COLOR, toActionStatus, type PanelStatus } from "@/components/job-log/job-log-meta";
import { JobLogPanel } from "@/components/job-log/job-log-panel";
import { useT } from "@/lib/client/i18n";
import type { ActionStatus, ChatAction, JobRef, MessageDto } from "@/lib/shared/chat";
import type { JobType } from "@/lib/shared/jobs";
import styles from "./chat.module.css";

const ACTION_ICON: Record<ActionStatus, ReactNode> = {
  pending: <ClockCircleOutlined />,
  running: <SyncOutlined spin />,
  completed: <CheckCircleOutlined />,
  failed: <CloseCircleOutlined />,
  rejected: <StopOutlined />,
  cancelled: <MinusCircleOutlined />,
};

/** A chat action's tag; `status` is the live one when its job is known. */
function ActionTag({ action, status }: { action: ChatAction; status: ActionStatus }) {
  const t = useT();
  const reason = status === "rejected" ? action.reason : undefined;
  const tag = (
    <Tag
      className={styles.actionTag}
      color={ACTION_COLOR[status]}
      icon={ACTION_ICON[status]}
      data-testid="action-tag"
      data-status={status}
      data-kind={action.kind}
      tabIndex={reason ? 0 : undefined}
    >
      <span className={styles.actionStatus}>{t(`action.${status}`)}</span>
      <span className={styles.actionName}>{action.name}</span>
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

/** metadata.jobs with a type for every entry (messages saved before jobType existed are plan_decompose). */
function jobRefs(jobs: Partial<JobRef>[] | undefined): { jobId: string; jobType: JobType }[] {
  return (jobs ?? []).flatMap((j) => (typeof j.jobId === "string" ? [{ jobId: j.jobId, jobType: j.jobType ?? "plan_decompose" }] : []));
}

function AssistantBody({ message }: { message: MessageDto }) {
  const t = useT();
  const metadata = message.metadata;
  const jobs = jobRefs(metadata?.jobs);
  const actions = metadata?.actions ?? [];
  // Live statuses reported by the panels (one subscription per job, owned by its panel).
  const [statuses, setStatuses] = useState<Record<string, PanelStatus>>({});
  const onStatusChange = useCallback(
    (jobId: string, status: PanelStatus) => setStatuses((prev) => (prev[jobId] === status ? prev : { ...prev, [jobId]: status })),
    [],
  );
  const liveStatus = (action: ChatAction): ActionStatus => {
    const s = action.jobId ? statuses[action.jobId] : undefined;
    return s && s !== "loading" && s !== "missing" ? toActionStatus(s) : action.status;
  };
  const sameTypeCount = (type: JobType) => jobs.filter((j) => j.jobType === type).length;

  return (
    <>
      <div className={styles.messageText} data-testid="message-text">
        {message.content}
      </div>
      {actions.length > 0 && (
        <div className={styles.actions}>
          {actions.map((a, i) => (
            <ActionTag key={`${a.kind}-${a.jobId ?? i}`} action={a} status={liveStatus(a)} />
          ))}
        </div>
      )}
      {jobs.length === 1 && (
        <div className={styles.jobs}>
          <JobLogPanel jobId={jobs[0].jobId} jobType={jobs[0].jobType} onStatusChange={onStatusChange} />
        </div>
      )}
      {jobs.length > 1 && (
        <Tabs
          className={styles.jobs}
          size="small"
          data-testid="job-tabs"
          items={jobs.map((j, i) => {
            const status = statuses[j.jobId] ?? "loading";
            const numbered = sameTypeCount(j.jobType) > 1 ? ` #${jobs.slice(0, i + 1).filter((x) => x.jobType === j.jobType).length}` : "";
            return {
              key: j.jobId,
              // Every panel stays mounted so each one reports its status to the tags and tab dots.
              forceRender: true,
              label: (
                <span className={styles.tabLabel} data-testid="job-tab" data-job-id={j.jobId} data-status={status}>
                  <Badge status={STATUS_COLOR[status]} />
                  {JOB_TYPE_META[j.jobType].icon}
                  {t(JOB_TYPE_META[j.jobType].title)}
                  {numbered}
                </span>
              ),
              children: <JobLogPanel jobId={j.jobId} jobType={j.jobType} onStatusChange={onStatusChange} />,
            };
          })}
        />
      )}
    </>
  );
}

/**
 * A chat bubble. User: `data-testid="message-user"`. Assistant:
 * `data-testid="message-assistant"` with the reply text, the action tags
 * (`data-testid="action-tag"`, `data-status`, live from the job; rejected
 * reason as tooltip) and one JobLogPanel per job in `metadata.jobs` (tabs when
 * several). Props: `{message: MessageDto, pending?: boolean}` (pending = not yet saved).
 */
export function MessageBubble({ message, pending = false }: { message: MessageDto; pending?: boolean }) {
  if (message.role === "user") {
    return (
      <div className={`${styles.row} ${styles.rowUser}`}>
        <div className={`${styles.bubble} ${styles.bubbleUser} ${pending ? styles.bubblePending : ""}`} data-testid="message-user" data-message-id={message.id}>
          {message.content}
        </div>
      </div>
    );
  }
  return (
    <div className={`${styles.row} ${styles.rowAssistant}`}>
      <div className={`${styles.bubble} ${styles.bubbleAssistant}`} data-testid="message-assistant" data-message-id={message.id}>
        <AssistantBody message={message} />
      </div>
    </div>
  );
}
