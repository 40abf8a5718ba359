// Which of a chat reply's job tabs opens by default (issue 10: "the tab that
// opens by default is the job still running, or the longest one, not Chat actions").
import type { JobSnapshot, JobStatus, JobType } from "@/lib/shared/jobs";

/** What the default tab is chosen from: each job's cached status, log length and run time. */
export type TabFacts = { status: JobStatus | undefined; lastSeq: number; ms: number };

/**
 * A snapshot's TabFacts (a React Query `select`). While a job runs only its
 * status counts, so the tabs re-render per status change, not per log line.
 */
export const tabFacts = ({ job }: JobSnapshot): TabFacts =>
  job.finishedAt
    ? { status: job.status, lastSeq: job.lastSeq, ms: job.startedAt ? Date.parse(job.finishedAt) - Date.parse(job.startedAt) : 0 }
    : { status: job.status, lastSeq: 0, ms: 0 };

/**
 * The tab a message opens on while the user has not picked one: the newest
 * job still running (the decomposition rather than "Chat actions", which ends
 * in half a second), else the newest one still pending that is not the
 * tracking job (it starts next), else the one that ran longest (most log
 * lines on a tie). While no status is known yet (the snapshots are loading):
 * the newest job that is not the tracking job. A job whose status is not known
 * yet counts as pending (it was when the reply announced it), so the tracking
 * job's status arriving first does not pull the tab onto "Chat actions" for a
 * moment (seen: the tab flipped away under the user's pointer).
 */
export function defaultJobTab(jobs: { jobId: string; jobType: JobType }[], facts: (TabFacts | undefined)[]): string | undefined {
  if (facts.every((f) => f?.status === undefined)) return (jobs.findLast((j) => j.jobType !== "chat_actions") ?? jobs.at(-1))?.jobId;
  const open = (status: JobStatus) =>
    jobs.map((j, i) => ({ j, f: facts[i] })).filter(({ f }) => (f?.status ?? "pending") === status);
  const running = open("running");
  const work = running.filter(({ j }) => j.jobType !== "chat_actions");
  if (work.length) return work.at(-1)!.j.jobId;
  const pending = open("pending").filter(({ j }) => j.jobType !== "chat_actions");
  if (pending.length) return pending.at(-1)!.j.jobId;
  if (running.length) return running.at(-1)!.j.jobId;
  let best: { id: string; ms: number; lines: number } | undefined;
  jobs.forEach((j, i) => {
    const f = facts[i];
    const ms = f?.ms ?? 0;
    const lines = f?.lastSeq ?? 0;
    if (!best || ms > best.ms || (ms === best.ms && lines > best.lines)) best = { id: j.jobId, ms, lines };
  });
  return best?.id;
}
