"use client";
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useCallback, useMemo, useRef } from "react";
import { fetchJson } from "@/lib/client/api";
import { useT } from "@/lib/client/i18n";
import { JOB_LISTS_KEY } from "@/lib/client/job-cache";
import { conflictTask, planEditErrorText } from "@/lib/client/plan-edit-errors";
import { insertTask, locateTask, mapTask, moveTask, patchTask, removeTask, type Placement } from "@/lib/client/plan-tree";
import { planDecomposeUrl, planTasksUrl, planTaskUrl } from "@/lib/client/plan-urls";
import { queries } from "@/lib/client/queries";
import type { JobDto } from "@/lib/shared/jobs";
import type { DeleteTaskResponse, PlanTree, TaskDto, TaskResponse, TaskStatus } from "@/lib/shared/plans";

/** Mutation key (and scope) of every edit of one plan: they run one at a time, in order. */
export const planEditsKey = (planId: string) => ["plans", planId, "edits"] as const;

/** Prefix of the ids of tasks added optimistically, until the server's id replaces them. */
export const TEMP_TASK_PREFIX = "new-task-";

/** True for a task shown before the server created it (not editable yet). */
export const isTempTask = (id: string): boolean => id.startsWith(TEMP_TASK_PREFIX);

/**
 * One edit of the tree. `update` changes content, status and/or place (one
 * PATCH). `version` is the task's when the edit was asked for: the least it
 * is sent with (a newer one known by then wins).
 */
export type PlanEdit =
  | { kind: "update"; taskId: string; version: number; title?: string; status?: TaskStatus; move?: Placement }
  | { kind: "add"; tempId: string; title: string; parentId: string | null; position: number | null }
  | { kind: "delete"; taskId: string; version: number };

/** Options of usePlanEdits. */
export type UsePlanEditsOptions = {
  planId: string;
  /** Called when a decomposition job was created (202), with its id. */
  onDecomposeStarted?: (started: { jobId: string; taskId: string; job: JobDto }) => void;
};

/** What usePlanEdits returns; every function resolves once the server answered (undefined / false on failure). */
export type PlanEdits = {
  rename(taskId: string, title: string): Promise<boolean>;
  setStatus(taskId: string, status: TaskStatus): Promise<boolean>;
  move(taskId: string, placement: Placement): Promise<boolean>;
  /** Adds a task; resolves with the created task (its real id), undefined on failure. `onTempId` gets the id shown meanwhile. */
  add(input: { title: string; parentId: string | null; position: number | null }, onTempId?: (tempId: string) => void): Promise<TaskDto | undefined>;
  remove(taskId: string): Promise<boolean>;
  /** Starts a `plan_decompose` job for the task; resolves with its job id. */
  decompose(taskId: string): Promise<string | undefined>;
};

const planKey = (planId: string) => queries.plan(planId).queryKey;

/** The tree in the cache through `fn` (nothing when the plan is not cached). */
function patchPlan(client: QueryClient, planId: string, fn: (tasks: PlanTree["tasks"]) => PlanTree["tasks"]): void {
  client.setQueryData<PlanTree>(planKey(planId), (old) => (old ? { ...old, tasks: fn(old.tasks) } : old));
}

/** The cached tree with `edit` applied: the optimistic view of it. */
function applyEdit(tasks: PlanTree["tasks"], planId: string, edit: PlanEdit): PlanTree["tasks"] {
  switch (edit.kind) {
    case "update": {
      const { title, status, move } = edit;
      const content = { ...(title !== undefined ? { title: title.trim() } : {}), ...(status !== undefined ? { status } : {}) };
      const patched = patchTask(tasks, edit.taskId, content);
      return move ? moveTask(patched, edit.taskId, move) : patched;
    }
    case "add": {
      const task = { id: edit.tempId, planId, parentId: edit.parentId, position: 0, title: edit.title.trim(), description: "", status: "todo" as const, version: 1 };
      return insertTask(tasks, { ...task, children: [] }, edit.position);
    }
    case "delete":
      return removeTask(tasks, edit.taskId);
  }
}

/**
 * Edits of one plan's task tree through the REST routes (README → API):
 * PATCH (rename, status, move), POST (add), DELETE (with its subtree) and
 * POST …/decompose. Optimistic: `onMutate` patches the cached tree
 * (`queries.plan(planId)`), `onError` rolls it back and shows an antd
 * message naming the reason (409: the task as it now reads, whose version
 * the cache then takes; 400: the gate's reason; see planEditErrorText).
 * Edits of a plan run one at a time in call order (React Query mutation
 * `scope`), each with the task's newest known version (the cache's, or the
 * one the previous edit's answer returned), so quick successive edits of
 * one task do not conflict with each other. The plan query is refetched when
 * the last edit in flight settles (earlier ones would briefly undo the
 * optimistic state of those still queued). Needs antd `App` and React Query
 * providers.
 * @example const edits = usePlanEdits({ planId }); await edits.rename(taskId, "Book the venue");
 */
export function usePlanEdits({ planId, onDecomposeStarted }: UsePlanEditsOptions): PlanEdits {
  const client = useQueryClient();
  const t = useT();
  const { message } = App.useApp();
  // Versions the server returned, by task: newer than the cache until the next refetch lands.
  const known = useRef(new Map<string, number>());
  const counter = useRef(0);

  const versionOf = useCallback(
    (taskId: string, fallback = 0): number => {
      const cached = locateTask(client.getQueryData<PlanTree>(planKey(planId))?.tasks ?? [], taskId)?.task.version ?? 0;
      return Math.max(cached, known.current.get(taskId) ?? 0, fallback);
    },
    [client, planId],
  );

  const settle = useCallback(() => {
    // This mutation still counts as pending while its onSettled runs.
    if (client.isMutating({ mutationKey: planEditsKey(planId) }) <= 1) {
      void client.invalidateQueries({ queryKey: planKey(planId), exact: true });
    }
  }, [client, planId]);

  const edit = useMutation({
    mutationKey: planEditsKey(planId),
    scope: { id: `plan-edits:${planId}` },
    mutationFn: async (e: PlanEdit): Promise<TaskDto | null> => {
      if (e.kind === "add") {
        const body = { title: e.title.trim(), parentId: e.parentId, ...(e.position !== null ? { position: e.position } : {}) };
        return (await fetchJson<TaskResponse>(planTasksUrl(planId), { method: "POST", body: JSON.stringify(body) })).task;
      }
      if (e.kind === "delete") {
        await fetchJson<DeleteTaskResponse>(planTaskUrl(planId, e.taskId, versionOf(e.taskId, e.version)), { method: "DELETE" });
        return null;
      }
      const body = { version: versionOf(e.taskId, e.version), title: e.title?.trim(), status: e.status, ...(e.move ?? {}) };
      return (await fetchJson<TaskResponse>(planTaskUrl(planId, e.taskId), { method: "PATCH", body: JSON.stringify(body) })).task;
    },
    onMutate: async (e) => {
      await client.cancelQueries({ queryKey: planKey(planId), exact: true });
      const previous = client.getQueryData<PlanTree>(planKey(planId));
      patchPlan(client, planId, (tasks) => applyEdit(tasks, planId, e));
      return { previous };
    },
    onSuccess: (task, e) => {
      if (!task) return;
      known.current.set(task.id, task.version);
      // Only the version: content already shows optimistically, and an edit still queued may have changed it since.
      if (e.kind === "add") patchPlan(client, planId, (tasks) => mapTask(tasks, e.tempId, (n) => ({ ...n, ...task, children: n.children })));
      else patchPlan(client, planId, (tasks) => patchTask(tasks, task.id, { version: task.version }));
    },
    onError: (error, _e, context) => {
      if (context?.previous) client.setQueryData(planKey(planId), context.previous);
      const current = conflictTask(error);
      if (current) {
        known.current.set(current.id, current.version);
        patchPlan(client, planId, (tasks) => patchTask(tasks, current.id, current));
      }
      void message.error({ content: planEditErrorText(error, t), key: `plan-edit-error:${planId}` });
    },
    onSettled: settle,
  });

  const decomposition = useMutation({
    mutationKey: planEditsKey(planId),
    scope: { id: `plan-edits:${planId}` },
    mutationFn: (taskId: string) => fetchJson<{ jobId: string; job: JobDto }>(planDecomposeUrl(planId, taskId), { method: "POST" }),
    onSuccess: (started, taskId) => {
      void client.invalidateQueries({ queryKey: JOB_LISTS_KEY });
      onDecomposeStarted?.({ ...started, taskId });
    },
    onError: (error) => void message.error({ content: planEditErrorText(error, t), key: `plan-edit-error:${planId}` }),
    onSettled: settle,
  });

  const { mutateAsync } = edit;
  const run = useCallback(
    async (e: PlanEdit): Promise<TaskDto | null | undefined> => {
      try {
        return await mutateAsync(e);
      } catch {
        return undefined; // shown by onError
      }
    },
    [mutateAsync],
  );
  const decomposeAsync = decomposition.mutateAsync;

  return useMemo<PlanEdits>(
    () => ({
      rename: async (taskId, title) => (await run({ kind: "update", taskId, version: versionOf(taskId), title })) !== undefined,
      setStatus: async (taskId, status) => (await run({ kind: "update", taskId, version: versionOf(taskId), status })) !== undefined,
      move: async (taskId, move) => (await run({ kind: "update", taskId, version: versionOf(taskId), move })) !== undefined,
      add: async (input, onTempId) => {
        const tempId = `${TEMP_TASK_PREFIX}${Date.now()}-${++counter.current}`;
        onTempId?.(tempId);
        return (await run({ kind: "add", tempId, ...input })) ?? undefined;
      },
      remove: async (taskId) => (await run({ kind: "delete", taskId, version: versionOf(taskId) })) !== undefined,
      decompose: async (taskId) => {
        try {
          return (await decomposeAsync(taskId)).jobId;
        } catch {
          return undefined;
        }
      },
    }),
    [run, versionOf, decomposeAsync],
  );
}
