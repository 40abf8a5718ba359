"use client";
// One chat message; an assistant message carries its actions and job logs (DESIGN.md "UI" → Chat page).
import { ApartmentOutlined, CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, MinusCircleOutlined, StopOutlined, SyncOutlined } from "@ant-design/icons";
import { Badge, Button, Tabs, Tag, Tooltip } from "antd";
import { useState, type ReactNode } from "react";
import { ACTION_COLOR, JOB_TYPE_META, STATUS_COLOR, toActionStatus, toPanelStatus } from "@/components/job-log/job-log-meta";
import { JobLogPanel } from "@/components/job-log/job-log-panel";
import { useJobStatus } from "@/hooks/use-job-status";
import { useT } from "@/lib/client/i18n";
import type { ActionStatus, ChatAction, JobRef, MessageDto } from "@/lib/shared/chat";
import type { JobType } from "@/lib/shared/jobs";
import styles from "./chat.module.css";
import planStyles from "./message-plan.module.css";

const ACTION_ICON: Record<ActionStatus, ReactNode> = {
  pending: <ClockCircleOutlined />,
  running: <SyncOutlined spin />,
  completed: <CheckCircleOutlined />,
  failed: <CloseCircleOutlined />,
  rejected: <StopOutlined />,
  cancelled: <MinusCircleOutlined />,
};

/** A chat action's tag showing `status`. */
function ActionTagView({ action, status }: { action: ChatAction; status: ActionStatus }) {
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

/** An action with a job: its job's live status (useJobStatus) once known, else the message's. */
function LiveActionTag({ action, jobId }: { action: ChatAction; jobId: string }) {
  const { status, missing } = useJobStatus(jobId);
  return <ActionTagView action={action} status={status && !missing ? toActionStatus(status) : action.status} />;
}

/** A chat action's tag (`data-testid="action-tag"`, `data-status`, `data-kind`); rejected reason as tooltip. Props: `{action}`. */
function ActionTag({ action }: { action: ChatAction }) {
  return action.jobId ? <LiveActionTag action={action} jobId={action.jobId} /> : <ActionTagView action={action} status={action.status} />;
}

type JobTab = { jobId: string; jobType: JobType };

/** metadata.jobs with a type for every entry (messages saved before jobType existed are plan_decompose). */
function jobRefs(jobs: Partial<JobRef>[] | undefined): JobTab[] {
  return (jobs ?? []).flatMap((j) => (typeof j.jobId === "string" ? [{ jobId: j.jobId, jobType: j.jobType ?? "plan_decompose" }] : []));
}

/**
 * A job tab's label: status dot, type icon and title (numbered when the
 * message has several jobs of the type), with the job's live status
 * (`data-testid="job-tab"`, `data-status`). `follow` keeps that status live
 * while the tab's panel is not mounted (a tab not opened yet).
 */
function JobTabLabel({ job, number, follow }: { job: JobTab; number: number | undefined; follow: boolean }) {
  const t = useT();
  const status = toPanelStatus(useJobStatus(job.jobId, { follow }));
  return (
    <span className={styles.tabLabel} data-testid="job-tab" data-job-id={job.jobId} data-status={status}>
      <Badge status={STATUS_COLOR[status]} />
      {JOB_TYPE_META[job.jobType].icon}
      {t(JOB_TYPE_META[job.jobType].title)}
      {number !== undefined && ` #${number}`}
    </span>
  );
}

/**
 * Several jobs as tabs, one JobLogPanel each. A panel mounts when its tab is
 * first opened and then stays; until then its label follows the job's status.
 */
function JobTabs({ jobs }: { jobs: JobTab[] }) {
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set(jobs.slice(0, 1).map((j) => j.jobId)));
  const numberOf = (i: number) => {
    const type = jobs[i].jobType;
    return jobs.filter((j) => j.jobType === type).length > 1 ? jobs.slice(0, i + 1).filter((j) => j.jobType === type).length : undefined;
  };
  return (
    <Tabs
      className={styles.jobs}
      size="small"
      data-testid="job-tabs"
      onChange={(key) => setOpened((o) => (o.has(key) ? o : new Set(o).add(key)))}
      items={jobs.map((j, i) => ({
        key: j.jobId,
        label: <JobTabLabel job={j} number={numberOf(i)} follow={!opened.has(j.jobId)} />,
        children: <JobLogPanel jobId={j.jobId} jobType={j.jobType} collapseOnSuccess />,
      }))}
    />
  );
}

/** The plan an assistant message acted on, as its chip shows it. */
export type MessagePlan = { id: string; title: string | undefined; selected: boolean };

function AssistantBody({ message, plan, onSelectPlan }: { message: MessageDto; plan?: MessagePlan; onSelectPlan?: (planId: string) => void }) {
  const t = useT();
  const metadata = message.metadata;
  const jobs = jobRefs(metadata?.jobs);
  const actions = metadata?.actions ?? [];
  const planId = metadata?.planId;
  const select = planId && onSelectPlan ? () => onSelectPlan(planId) : undefined;
  return (
    <>
      <div className={styles.messageText} data-testid="message-text">
        {message.content}
      </div>
      {plan && select && (
        <Button
          size="small"
          type={plan.selected ? "primary" : "default"}
          ghost={plan.selected}
          className={planStyles.messagePlan}
          icon={<ApartmentOutlined />}
          aria-pressed={plan.selected}
          title={t("chat.showPlan")}
          onClick={select}
          data-testid="message-plan"
          data-plan-id={plan.id}
        >
          <span className={planStyles.messagePlanTitle}>{plan.title ?? t("plan.title")}</span>
        </Button>
      )}
      {actions.length > 0 && (
        // A click on the tags shows this message's plan (the chip above is the keyboard's way).
        <div className={`${styles.actions} ${select ? planStyles.actionsSelectable : ""}`} onClick={select} data-testid="message-actions">
          {actions.map((a, i) => (
            <ActionTag key={`${a.kind}-${a.jobId ?? i}`} action={a} />
          ))}
        </div>
      )}
      {jobs.length === 1 && (
        <div className={styles.jobs}>
          <JobLogPanel jobId={jobs[0].jobId} jobType={jobs[0].jobType} collapseOnSuccess />
        </div>
      )}
      {jobs.length > 1 && <JobTabs jobs={jobs} />}
    </>
  );
}

/**
 * A chat bubble. User: `data-testid="message-user"`. Assistant:
 * `data-testid="message-assistant"` with the reply text, the action tags
 * (`data-testid="action-tag"`, `data-status`, live from the job through
 * useJobStatus; rejected reason as tooltip) and one JobLogPanel per job in
 * `metadata.jobs` (tabs when several). With `plan` (the conversation has
 * several plans) a plan chip (`data-testid="message-plan"`, `data-plan-id`)
 * names the plan the message acted on; the chip and the action tags call
 * `onSelectPlan(metadata.planId)`.
 * Props: `{message: MessageDto, pending?: boolean, plan?: MessagePlan, onSelectPlan?}` (pending = not yet saved).
 */
export function MessageBubble({
  message,
  pending = false,
  plan,
  onSelectPlan,
}: {
  message: MessageDto;
  pending?: boolean;
  plan?: MessagePlan;
  onSelectPlan?: (planId: string) => void;
}) {
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
        <AssistantBody message={message} plan={plan} onSelectPlan={onSelectPlan} />
      </div>
    </div>
  );
}
