"use client";
// The menus of a task in the editable tree: its actions (the "⋯" button,
// Shift+F10, right-click) and its status (the status tag).
import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowRightOutlined,
  ArrowUpOutlined,
  BranchesOutlined,
  DeleteOutlined,
  EditOutlined,
  FlagOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  SubnodeOutlined,
} from "@ant-design/icons";
import type { MenuProps } from "antd";
import type { Translate } from "@/lib/client/i18n";
import { TASK_STATUSES, type TaskNode, type TaskStatus } from "@/lib/shared/plans";
import type { PlanTreeState } from "./plan-tree-context";
import styles from "./plan-tree-view.module.css";

/** Tag colours of task statuses. */
export const TASK_COLOR: Record<TaskStatus, "default" | "processing" | "success" | "error" | "warning"> = {
  todo: "default",
  in_progress: "processing",
  done: "success",
  failed: "error",
  blocked: "warning",
  skipped: "default",
};

/** The keyboard shortcuts of the tree, as shown in menus and the help tooltip. */
export const SHORTCUTS = {
  rename: "F2",
  delete: "Del",
  menu: "Shift+F10",
  up: "Alt+↑",
  down: "Alt+↓",
  indent: "Alt+→",
  outdent: "Alt+←",
} as const;

const kbd = (keys: string) => <kbd className={styles.kbd}>{keys}</kbd>;

/** The six statuses as menu items (`data-testid="plan-status-option"`, `data-status`), the task's own marked selected. */
export function statusMenuItems(t: Translate): NonNullable<MenuProps["items"]> {
  return TASK_STATUSES.map((s) => ({
    key: `status:${s}`,
    label: (
      <span data-testid="plan-status-option" data-status={s}>
        {t(`taskStatus.${s}`)}
      </span>
    ),
  }));
}

/** The status a status menu key names, or undefined. */
export const statusFromKey = (key: string): TaskStatus | undefined =>
  key.startsWith("status:") ? (TASK_STATUSES as readonly string[]).find((s) => `status:${s}` === key) as TaskStatus | undefined : undefined;

/**
 * The actions menu of `task`: rename, status (submenu), add subtask, add
 * task below, the four moves (disabled where impossible), decompose, execute, delete.
 * Each item `data-testid="plan-action-<key>"`.
 */
export function taskMenuItems(t: Translate, task: TaskNode, state: Pick<PlanTreeState, "canMove">): NonNullable<MenuProps["items"]> {
  const item = (key: string, label: string, icon: React.ReactNode, keys?: string, extra: object = {}) => ({
    key,
    icon,
    label: <span data-testid={`plan-action-${key}`}>{label}</span>,
    extra: keys ? kbd(keys) : undefined,
    ...extra,
  });
  return [
    item("rename", t("planEdit.rename"), <EditOutlined />, SHORTCUTS.rename),
    { key: "status", icon: <FlagOutlined />, label: <span data-testid="plan-action-status">{t("planEdit.status")}</span>, children: statusMenuItems(t) },
    { type: "divider" },
    item("addChild", t("planEdit.addChild"), <SubnodeOutlined />),
    item("addBelow", t("planEdit.addBelow"), <PlusOutlined />),
    { type: "divider" },
    item("up", t("planEdit.moveUp"), <ArrowUpOutlined />, SHORTCUTS.up, { disabled: !state.canMove(task.id, "up") }),
    item("down", t("planEdit.moveDown"), <ArrowDownOutlined />, SHORTCUTS.down, { disabled: !state.canMove(task.id, "down") }),
    item("indent", t("planEdit.indent"), <ArrowRightOutlined />, SHORTCUTS.indent, { disabled: !state.canMove(task.id, "indent") }),
    item("outdent", t("planEdit.outdent"), <ArrowLeftOutlined />, SHORTCUTS.outdent, { disabled: !state.canMove(task.id, "outdent") }),
    { type: "divider" },
    item("decompose", t("planEdit.decompose"), <BranchesOutlined />),
    item("execute", t("run.executeTask"), <PlayCircleOutlined />),
    item("delete", t("planEdit.delete"), <DeleteOutlined />, SHORTCUTS.delete, { danger: true }),
  ];
}

/** Runs the action a menu key names on `taskId`. */
export function runMenuKey(key: string, taskId: string, actions: PlanTreeState["actions"]): void {
  const status = statusFromKey(key);
  if (status) return actions.setStatus(taskId, status);
  switch (key) {
    case "rename":
      return actions.startRename(taskId);
    case "addChild":
      return actions.addChild(taskId);
    case "addBelow":
      return actions.addBelow(taskId);
    case "up":
    case "down":
    case "indent":
    case "outdent":
      return actions.move(taskId, key);
    case "decompose":
      return actions.decompose(taskId);
    case "execute":
      return actions.execute(taskId);
    case "delete":
      return actions.requestDelete(taskId);
  }
}
