"use client";
import { useMutation, useMutationState, useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useCallback, useState } from "react";
import { fetchJson } from "@/lib/client/api";
import { useT } from "@/lib/client/i18n";
import { JOB_LISTS_KEY } from "@/lib/client/job-cache";
import { queries } from "@/lib/client/queries";
import { approvalErrorText, executeErrorText } from "@/lib/client/run-errors";
import { approvalUrl, planExecuteUrl } from "@/lib/client/run-urls";
import type { ExecutePlanResponse } from "@/lib/shared/runs";

/** Options of useExecutePlan. */
export type UseExecutePlanOptions = {
  planId: string;
  /** Called once the run exists (202), with its ids and the task it runs (undefined = the whole plan). */
  onStarted?: (started: ExecutePlanResponse & { taskId: string | undefined }) => void;
};

/** What useExecutePlan returns. */
export type UseExecutePlanResult = {
  /** Starts a run of the plan, or of `taskId` and its subtree; resolves with its ids, undefined on failure (shown as a message). */
  execute: (taskId?: string) => Promise<ExecutePlanResponse | undefined>;
  /** A request is in flight. */
  pending: boolean;
};

/**
 * Starts plan runs: POST /api/plans/{planId}/execute `{taskId?}` → 202
 * `{runId, jobId}` (the run queues behind the plan's other writers). On
 * success the plan's runs and the job lists are refetched, so the new run
 * appears at the top of the Runs section; on failure an antd message names
 * the reason (executeErrorText). Needs antd `App` and React Query providers.
 * @example const { execute, pending } = useExecutePlan({ planId }); await execute(taskId);
 */
export function useExecutePlan({ planId, onStarted }: UseExecutePlanOptions): UseExecutePlanResult {
  const client = useQueryClient();
  const t = useT();
  const { message } = App.useApp();
  const mutation = useMutation({
    mutationFn: (taskId: string | undefined) =>
      fetchJson<ExecutePlanResponse>(planExecuteUrl(planId), { method: "POST", body: JSON.stringify(taskId ? { taskId } : {}) }),
    onSuccess: (started, taskId) => {
      void client.invalidateQueries({ queryKey: queries.runs(planId).queryKey });
      void client.invalidateQueries({ queryKey: JOB_LISTS_KEY });
      onStarted?.({ ...started, taskId });
    },
    onError: (error) => void message.error({ content: executeErrorText(error, t), key: `execute-error:${planId}` }),
  });
  const { mutateAsync } = mutation;
  const execute = useCallback(
    async (taskId?: string) => {
      try {
        return await mutateAsync(taskId);
      } catch {
        return undefined; // shown by onError
      }
    },
    [mutateAsync],
  );
  return { execute, pending: mutation.isPending };
}

/** Mutation key of the decisions of one call: their outcome stays readable after the buttons are gone (useApprovalError). */
export const approvalKey = (runId: string, callId: string) => ["runs", runId, "approvals", callId] as const;

/** What useApprovalDecision returns. */
export type UseApprovalDecisionResult = {
  /** Sends the decision; resolves true when the server took it. */
  decide: (approve: boolean) => Promise<boolean>;
  /** The decision being sent, or null. */
  sending: "approve" | "deny" | null;
  /** Why the last decision failed (409: already decided or expired), in the UI language. */
  error: string | undefined;
  /** The server took a decision from this browser: `true` approved, `false` denied, undefined none yet. */
  decided: boolean | undefined;
};

/**
 * Decides one pending approval of a run: POST /api/runs/{runId}/approvals/{callId}
 * `{approve}` → `{callId, approved, by}`. The run's log then carries the
 * `approval_decided` event, which is what the views fold; until it arrives
 * `decided` says what this browser sent. Errors stay with the caller (inline
 * beside the buttons), not a global message. The run's detail is refetched.
 * @example const { decide, sending, error } = useApprovalDecision(runId, callId);
 */
export function useApprovalDecision(runId: string, callId: string): UseApprovalDecisionResult {
  const client = useQueryClient();
  const t = useT();
  const [sending, setSending] = useState<"approve" | "deny" | null>(null);
  const mutation = useMutation({
    mutationKey: approvalKey(runId, callId),
    mutationFn: (approve: boolean) =>
      fetchJson<{ callId: string; approved: boolean; by: string }>(approvalUrl(runId, callId), { method: "POST", body: JSON.stringify({ approve }) }),
    onSuccess: () => void client.invalidateQueries({ queryKey: queries.run(runId).queryKey }),
  });
  const { mutateAsync } = mutation;
  const decide = useCallback(
    async (approve: boolean) => {
      setSending(approve ? "approve" : "deny");
      try {
        await mutateAsync(approve);
        return true;
      } catch {
        return false;
      } finally {
        setSending(null);
      }
    },
    [mutateAsync],
  );
  return {
    decide,
    sending,
    error: mutation.error ? approvalErrorText(mutation.error, t) : undefined,
    decided: mutation.data?.approved,
  };
}

/**
 * Why this browser's last decision of a call was not taken (409: already
 * decided or expired), in the UI language; undefined when it was taken or
 * none was sent. Read from React Query's mutation cache, so it outlives the
 * Approve / Deny buttons, which go away as soon as the decision (someone
 * else's) arrives on the log.
 * @example const error = useApprovalError(runId, callId);
 */
export function useApprovalError(runId: string, callId: string): string | undefined {
  const t = useT();
  const errors = useMutationState({ filters: { mutationKey: approvalKey(runId, callId) }, select: (m) => m.state.error });
  const last = errors.at(-1);
  return last ? approvalErrorText(last, t) : undefined;
}
