"use client";
// What every row of the editable plan tree reads: the tree's UI state (which
// task is current, renamed, confirming delete, showing its menu) and the
// actions on a task. Provided by PlanTaskTree; rows render inside antd Tree's
// titleRender, so a context spares rebuilding the tree data on every change.
import { createContext, useContext } from "react";
import type { MoveDirection, Progress } from "@/lib/client/plan-tree";
import type { TaskStatus } from "@/lib/shared/plans";

/** The actions a row (its buttons, menus and inputs) may take on a task. */
export type TaskActions = {
  startRename(taskId: string): void;
  /** Saves a new title (unchanged or empty = no request) and leaves rename mode. */
  commitRename(taskId: string, title: string): void;
  cancelRename(): void;
  setStatus(taskId: string, status: TaskStatus): void;
  addChild(taskId: string): void;
  addBelow(taskId: string): void;
  move(taskId: string, direction: MoveDirection): void;
  decompose(taskId: string): void;
  /** Starts a run of the task and its subtree (POST /api/plans/{planId}/execute `{taskId}`). */
  execute(taskId: string): void;
  /** Opens the delete confirmation of a task. */
  requestDelete(taskId: string): void;
  confirmDelete(taskId: string): void;
  cancelDelete(): void;
  /** Opens (taskId) or closes (null) the actions menu; closing returns focus to the tree. */
  setMenu(taskId: string | null): void;
  /** Saves the draft row's title as a new task (empty = drop the draft). */
  commitDraft(title: string): void;
  cancelDraft(): void;
  /** Makes a task the current one (the keyboard shortcuts act on it). */
  activate(taskId: string): void;
  /** Focus back on the tree (after a menu closed), unless the user went elsewhere meanwhile. */
  refocus(): void;
};

/** The tree's state as rows see it. */
export type PlanTreeState = {
  /** The current task (antd Tree's active node): the one shortcuts act on. */
  activeId: string | null;
  editingId: string | null;
  menuId: string | null;
  confirmId: string | null;
  /** Done/total of each task's descendants. */
  progress: ReadonlyMap<string, Progress>;
  /** Which keyboard moves are possible for a task. */
  canMove(taskId: string, direction: MoveDirection): boolean;
  actions: TaskActions;
  /** Read only (support looking at another user's plan): rows show status and progress, no menus, no rename. */
  readOnly: boolean;
};

export const PlanTreeContext = createContext<PlanTreeState | null>(null);

/** The enclosing PlanTaskTree's state; throws outside one. */
export function usePlanTree(): PlanTreeState {
  const value = useContext(PlanTreeContext);
  if (!value) throw new Error("usePlanTree outside PlanTaskTree");
  return value;
}
