"use client";
// One task of the editable tree: its title (or rename field), subtree
// progress, status tag with the status menu, and the "⋯" actions menu; the
// delete confirmation hangs on the title.
import { EllipsisOutlined } from "@ant-design/icons";
import { Button, Dropdown, Popconfirm, Tag } from "antd";
import { useState, type FocusEvent } from "react";
import { isTempTask } from "@/hooks/use-plan-edits";
import { useT } from "@/lib/client/i18n";
import { flattenTasks } from "@/lib/client/plan-tree";
import type { TaskNode } from "@/lib/shared/plans";
import { usePlanTree } from "./plan-tree-context";
import { TASK_COLOR, runMenuKey, statusFromKey, statusMenuItems, taskMenuItems } from "./plan-task-menu";
import { PlanTitleInput } from "./plan-title-input";
import styles from "./plan-tree-view.module.css";

/**
 * Focus and blur inside a row (its field, buttons, and their menus and
 * confirmation, which React bubbles here from their portals) are the row's:
 * antd Tree's handlers on the list would otherwise pick a new current node.
 */
const keep = (e: FocusEvent) => e.stopPropagation();

/** A `data-testid` for props objects typed without data attributes (antd's okButtonProps). */
const testId = (id: string) => ({ "data-testid": id }) as object;

/**
 * A task row (`data-testid="plan-task"`, `data-task-id`, `data-status`,
 * `data-depth`, `data-parent-id` ("" = top level), `data-progress` "done/total"
 * of its descendants). Title `plan-task-title` (double-click renames), field
 * `plan-task-rename-input`, subtree progress `plan-task-progress`, status tag
 * `plan-task-status` (opens the status menu), actions button `plan-task-menu`
 * (tabbable on the current task), confirm button `plan-delete-confirm`.
 * Props: `{task, depth}` (depth 0 = top level).
 */
export function PlanTaskRow({ task, depth }: { task: TaskNode; depth: number }) {
  const t = useT();
  const state = usePlanTree();
  const { actions } = state;
  const temp = isTempTask(task.id);
  const progress = state.progress.get(task.id) ?? { done: 0, total: 0 };
  const menuOpen = state.menuId === task.id;
  const confirming = state.confirmId === task.id;
  const editing = state.editingId === task.id;
  const below = confirming ? flattenTasks(task.children).length : 0;
  const [statusOpen, setStatusOpen] = useState(false);
  const closeStatus = () => {
    setStatusOpen(false);
    actions.refocus();
  };

  return (
    <span
      className={`${styles.task} ${temp ? styles.taskPending : ""}`}
      data-testid="plan-task"
      data-task-id={task.id}
      data-status={task.status}
      data-depth={depth}
      data-parent-id={task.parentId ?? ""}
      data-progress={`${progress.done}/${progress.total}`}
      onKeyDown={(e) => {
        // Keys inside the row stay in it too (the tree would move the current node on arrows
        // and swallow Enter), but Tab: the menus' own Tab handling listens on window.
        if (e.key === "Tab") return;
        e.stopPropagation();
        if (e.key !== "Escape") return;
        // Escape is handled here for the same reason (the menus listen for it on window).
        if (confirming) actions.cancelDelete();
        else if (menuOpen) actions.setMenu(null);
        else if (statusOpen) closeStatus();
      }}
      onFocus={keep}
      onBlur={keep}
    >
      <Popconfirm
        open={confirming}
        trigger={[]}
        title={t("planEdit.deleteTitle", { title: task.title })}
        description={below > 0 ? t("planEdit.deleteSubtasks", { n: below }) : undefined}
        okText={t("planEdit.delete")}
        cancelText={t("planEdit.cancel")}
        okButtonProps={{ danger: true, autoFocus: true, ...testId("plan-delete-confirm") }}
        onConfirm={() => actions.confirmDelete(task.id)}
        onCancel={() => actions.cancelDelete()}
        destroyOnHidden
      >
        {editing ? (
          <PlanTitleInput
            initial={task.title}
            onCommit={(v) => actions.commitRename(task.id, v)}
            onCancel={actions.cancelRename}
            ariaLabel={t("planEdit.renameLabel")}
            testId="plan-task-rename-input"
          />
        ) : (
          <span
            className={styles.taskTitle}
            data-testid="plan-task-title"
            title={task.description || undefined}
            onDoubleClick={() => !temp && !state.readOnly && actions.startRename(task.id)}
          >
            {task.title}
          </span>
        )}
      </Popconfirm>
      <span className={styles.taskSide}>
        {progress.total > 0 && (
          <span
            className={`${styles.subProgress} ${progress.done === progress.total ? styles.subProgressDone : ""}`}
            data-testid="plan-task-progress"
            title={t("plan.subtreeProgress", { done: progress.done, total: progress.total })}
          >
            {progress.done}/{progress.total}
          </span>
        )}
        {state.readOnly ? (
          <Tag color={TASK_COLOR[task.status]} className={styles.taskTag} data-testid="plan-task-status">
            {t(`taskStatus.${task.status}`)}
          </Tag>
        ) : (
          <>
            <Dropdown
              trigger={["click"]}
              open={statusOpen}
              onOpenChange={(open) => (open ? setStatusOpen(true) : closeStatus())}
              disabled={temp}
              destroyOnHidden
              menu={{
                items: statusMenuItems(t),
                selectable: true,
                selectedKeys: [`status:${task.status}`],
                onClick: ({ key, domEvent }) => {
                  domEvent.stopPropagation();
                  closeStatus();
                  const status = statusFromKey(key);
                  if (status) actions.setStatus(task.id, status);
                },
              }}
            >
              <Tag
                color={TASK_COLOR[task.status]}
                className={styles.taskTag}
                data-testid="plan-task-status"
                role="button"
                tabIndex={-1}
                aria-label={t("planEdit.statusOf", { status: t(`taskStatus.${task.status}`) })}
                onClick={() => actions.activate(task.id)}
              >
                {t(`taskStatus.${task.status}`)}
              </Tag>
            </Dropdown>
            <Dropdown
              open={menuOpen}
              onOpenChange={(open) => actions.setMenu(open ? task.id : null)}
              trigger={["click"]}
              disabled={temp}
              autoFocus
              destroyOnHidden
              menu={{
                items: menuOpen ? taskMenuItems(t, task, state) : [],
                selectedKeys: [`status:${task.status}`],
                onClick: ({ key, domEvent }) => {
                  domEvent.stopPropagation();
                  actions.setMenu(null);
                  runMenuKey(key, task.id, actions);
                },
              }}
            >
              <Button
                type="text"
                size="small"
                className={styles.menuButton}
                icon={<EllipsisOutlined />}
                tabIndex={state.activeId === task.id ? 0 : -1}
                aria-label={t("planEdit.actionsFor", { title: task.title })}
                aria-haspopup="menu"
                data-testid="plan-task-menu"
              />
            </Dropdown>
          </>
        )}
      </span>
    </span>
  );
}
