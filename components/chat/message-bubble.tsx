"use client";
// One chat message; an assistant message carries its actions and job logs (DESIGN.md "UI" → Chat page).
import { ApartmentOutlined, CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, MinusCircleOutlined, StopOutlined, SyncOutlined } from "@ant-design/icons";
import { useQueries } from "@tanstack/react-query";
import { Badge, Button, Tabs, Tag, Tooltip } from "antd";
import { useState, type ReactNode } from "react";
import { ACTION_COLOR, JOB_TYPE_META, STATUS_COLOR, toActionStatus, toPanelStatus } from "@/components/job-log/job-log-meta";
import { JobLogPanel } from "@/components/job-log/job-log-panel";
import { useJobStatus } from "@/hooks/use-job-status";
import { useT } from "@/lib/client/i18n";
import { queries } from "@/lib/client/queries";
import type { ActionStatus, ChatAction, JobRef, MessageDto } from "@/lib/shared/chat";
import { isTerminal, type JobType } from "@/lib/shared/jobs";
import { clipWords, stripMarkdown } from "@/lib/shared/text";
import styles from "./chat.module.css";
import planStyles from "./message-plan.module.css";
import { defaultJobTab, tabFacts } from "./default-job-tab";
import { MarkdownText } from "./markdown-text";
import { ResumeDecomposition } from "./resume-decomposition";
import { TurnExtras, type LiveReply } from "./turn-extras";
import { ToolChips } from "./turn-parts";
import { storedToolChips } from "@/lib/client/chat-turn-state";

export type { LiveReply } from "./turn-extras";

/** Characters of a plan title on a message's plan chip (cut on a word boundary; the full title as tooltip). */
const PLAN_CHIP_CHARS = 60;

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

type JobTab = { jobId: string; jobType: JobType; resumeOf?: string };

/** metadata.jobs with a type for every entry (messages saved before jobType existed are plan_decompose). */
function jobRefs(jobs: Partial<JobRef>[] | undefined): JobTab[] {
  return (jobs ?? []).flatMap((j) =>
    typeof j.jobId === "string" ? [{ jobId: j.jobId, jobType: j.jobType ?? "plan_decompose", ...(j.resumeOf ? { resumeOf: j.resumeOf } : {}) }] : [],
  );
}

/**
 * A job tab's label: status dot, type icon, title (numbered when the message
 * has several jobs of the type) and the job's live status in words
 * (`data-testid="job-tab"`, `data-status`). `follow` keeps that status live
 * while the tab's panel is not mounted (a tab not opened yet).
 */
function JobTabLabel({ job, number, follow }: { job: JobTab; number: number | undefined; follow: boolean }) {
  const t = useT();
  const status = toPanelStatus(useJobStatus(job.jobId, { follow }));
  const title = `${t(JOB_TYPE_META[job.jobType].title)}${number !== undefined ? ` #${number}` : ""}`;
  return (
    <span
      className={styles.tabLabel}
      data-testid="job-tab"
      data-job-id={job.jobId}
      data-status={status}
      title={t("chatX.jobTab", { type: title, status: t(`jobStatus.${status}`) })}
    >
      <Badge status={STATUS_COLOR[status]} />
      {JOB_TYPE_META[job.jobType].icon}
      <span className={styles.tabTitle}>{title}</span>
      <span className={styles.tabStatus} data-testid="job-tab-status">
        {t(`jobStatus.${status}`)}
      </span>
    </span>
  );
}

/**
 * Several jobs as tabs, one JobLogPanel each. Until the user picks a tab, the
 * open one follows defaultJobTab (live statuses from React Query) while there
 * is work to watch, and stays on the job it showed once that job finished
 * (a cancelled decomposition does not give way to "Chat actions"); a job a
 * Resume just created is opened. A panel mounts when its tab is first shown
 * and then stays; until then its label follows the job's status.
 * `data-active-job` on the tabs root names the open tab's job.
 */
function JobTabs({ jobs, readOnly, resumed }: { jobs: JobTab[]; readOnly: boolean; resumed: (jobId: string) => string | undefined }) {
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const facts = useQueries({
    queries: jobs.map((j) => ({ ...queries.jobSnapshot(j.jobId), enabled: false, select: tabFacts })),
    combine: (results) => results.map((r) => r.data),
  });
  // The automatic choice only moves on to work still to watch: once the job it showed has
  // finished (or was cancelled) it stays, so the tab does not jump away from what the user is reading.
  const suggested = defaultJobTab(jobs, facts) ?? jobs[0].jobId;
  const [auto, setAuto] = useState(suggested);
  const statusOf = (jobId: string) => facts[jobs.findIndex((j) => j.jobId === jobId)]?.status;
  const unfinished = (jobId: string) => !isTerminal(statusOf(jobId) ?? "pending");
  const isWork = (jobId: string) => jobs.find((j) => j.jobId === jobId)?.jobType !== "chat_actions";
  // Move on while the shown job is still open, or to other work still to watch; never back to "Chat actions"
  // from a job that finished (a cancelled decomposition stays on screen while the tracking job winds down).
  if (suggested !== auto && (!jobs.some((j) => j.jobId === auto) || unfinished(auto) || (unfinished(suggested) && isWork(suggested)))) setAuto(suggested);
  const fallback = jobs.some((j) => j.jobId === auto) ? auto : suggested;
  const active = picked && jobs.some((j) => j.jobId === picked) ? picked : fallback;
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([active]));
  if (!opened.has(active)) setOpened(new Set(opened).add(active));
  const numberOf = (i: number) => {
    const type = jobs[i].jobType;
    return jobs.filter((j) => j.jobType === type).length > 1 ? jobs.slice(0, i + 1).filter((j) => j.jobType === type).length : undefined;
  };
  return (
    <Tabs
      className={styles.jobs}
      size="small"
      data-testid="job-tabs"
      data-active-job={active}
      activeKey={active}
      onChange={setPicked}
      items={jobs.map((j, i) => ({
        key: j.jobId,
        label: <JobTabLabel job={j} number={numberOf(i)} follow={!opened.has(j.jobId)} />,
        children: (
          <JobPane job={j} readOnly={readOnly} resumedBy={resumed(j.jobId)} onResumed={setPicked} />
        ),
      }))}
    />
  );
}

/** One job's panel in a message (read only: no Approve / Deny in a run's log), with Resume under a cancelled or failed decomposition. */
function JobPane({ job, readOnly, resumedBy, onResumed }: { job: JobTab; readOnly: boolean; resumedBy: string | undefined; onResumed?: (jobId: string) => void }) {
  return (
    <>
      <JobLogPanel jobId={job.jobId} jobType={job.jobType} collapseOnSuccess readOnly={readOnly} />
      {job.jobType === "plan_decompose" && !readOnly && <ResumeDecomposition jobId={job.jobId} resumedBy={resumedBy} onResumed={onResumed} />}
    </>
  );
}

/** The plan an assistant message acted on, as its chip shows it. */
export type MessagePlan = { id: string; title: string | undefined; selected: boolean };

function AssistantBody({
  message,
  plan,
  onSelectPlan,
  readOnly,
  live,
}: {
  message: MessageDto;
  plan?: MessagePlan;
  onSelectPlan?: (planId: string) => void;
  readOnly: boolean;
  live?: LiveReply;
}) {
  const t = useT();
  const metadata = message.metadata;
  const turn = live?.state;
  const streaming = turn?.phase === "streaming";
  const jobs = jobRefs(metadata?.jobs);
  const resumed = (jobId: string) => jobs.find((j) => j.resumeOf === jobId)?.jobId;
  const actions = metadata?.actions ?? [];
  const planId = metadata?.planId;
  const select = planId && onSelectPlan ? () => onSelectPlan(planId) : undefined;
  return (
    <>
      <ToolChips tools={turn ? turn.tools : storedToolChips(metadata?.turn?.tools)} />
      {(message.content || streaming) && (
        <div className={styles.messageText} data-testid="message-text" data-streaming={streaming ? "true" : "false"}>
          <MarkdownText text={message.content} caret={streaming} />
        </div>
      )}
      <TurnExtras message={message} live={live} readOnly={readOnly} />
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
          <span className={planStyles.messagePlanTitle} title={plan.title}>
            {plan.title ? clipWords(stripMarkdown(plan.title), PLAN_CHIP_CHARS) : t("plan.title")}
          </span>
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
          <JobPane job={jobs[0]} readOnly={readOnly} resumedBy={undefined} />
        </div>
      )}
      {jobs.length > 1 && <JobTabs jobs={jobs} readOnly={readOnly} resumed={resumed} />}
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
 * A cancelled or failed decomposition offers Resume (`data-testid="job-resume"`)
 * unless `readOnly`; the job that resumes it becomes a new tab, opened.
 * The reply renders as Markdown (MarkdownText). With `live` (a streamed turn
 * this tab follows): tool-call chips, a caret and the stage while it types,
 * Stop (`data-testid="turn-stop"`), the stopped mark, the design document
 * link, an inline error with Retry; `data-turn-phase` on the bubble.
 * Props: `{message: MessageDto, pending?: boolean, plan?: MessagePlan, onSelectPlan?, readOnly?, live?: LiveReply}` (pending = not yet saved).
 */
export function MessageBubble({
  message,
  pending = false,
  plan,
  onSelectPlan,
  readOnly = false,
  live,
}: {
  message: MessageDto;
  pending?: boolean;
  plan?: MessagePlan;
  onSelectPlan?: (planId: string) => void;
  readOnly?: boolean;
  live?: LiveReply;
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
      <div
        className={`${styles.bubble} ${styles.bubbleAssistant}`}
        data-testid="message-assistant"
        data-message-id={message.id}
        data-turn-phase={live?.state.phase}
        aria-busy={live?.state.phase === "streaming" ? true : undefined}
      >
        <AssistantBody message={message} plan={plan} onSelectPlan={onSelectPlan} readOnly={readOnly} live={live} />
      </div>
    </div>
  );
}
