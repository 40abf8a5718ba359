"use client";
// The editable task tree: antd Tree (keyboard navigation, drag and drop) over
// the plan's tasks, with the UI state of renaming, menus, delete confirmation
// and the new-task draft row. Shortcuts act on the current (active) node.
import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Empty, Tree, type TreeProps } from "antd";
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { isTempTask, type PlanEdits } from "@/hooks/use-plan-edits";
import { useT } from "@/lib/client/i18n";
import { canPlace, computeDrop, keyboardMove, locateTask, subtreeProgress, type MoveDirection } from "@/lib/client/plan-tree";
import type { TaskNode } from "@/lib/shared/plans";
import { PlanTreeContext, type PlanTreeState, type TaskActions } from "./plan-tree-context";
import { DRAFT_KEY, parentKeys, toNodes, type Draft, type Node } from "./plan-tree-nodes";
import { PlanTaskRow } from "./plan-task-row";
import { PlanTitleInput } from "./plan-title-input";
import styles from "./plan-tree-view.module.css";

const MOVE_KEYS: Record<string, MoveDirection> = { ArrowUp: "up", ArrowDown: "down", ArrowRight: "indent", ArrowLeft: "outdent" };

/**
 * The plan's editable tree. Mouse: drag a task onto another (its child) or
 * between two (a sibling there); double-click a title to rename; the status
 * tag and the "⋯" button open their menus; right-click opens the actions.
 * Keyboard (on the focused tree, antd's arrows/Home/End pick the current
 * task): F2 rename, Delete (confirm), Shift+F10 or the context-menu key the
 * actions, Alt+↑/↓ move among siblings, Alt+→/← indent/outdent; Tab reaches
 * the current task's "⋯". Edits go through `edits` (optimistic, see
 * usePlanEdits); "Execute" in a task's menu calls `onExecute(taskId)`.
 * Root `data-testid="plan-tree-body"`; "Add task" `plan-add-task`;
 * the draft field `plan-draft-input`. Props: `{tasks, edits, onExecute?, readOnly?}`;
 * `readOnly` (support reading another user's plan) keeps expand/collapse and
 * statuses but drops dragging, renaming, menus, shortcuts and "Add task".
 */
export function PlanTaskTree({
  tasks,
  edits,
  onExecute,
  readOnly = false,
}: {
  tasks: TaskNode[];
  edits: PlanEdits;
  onExecute?: (taskId: string) => void;
  readOnly?: boolean;
}) {
  const t = useT();
  const { message } = App.useApp();
  const rootRef = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [menuId, setMenuId] = useState<string | null>(null);
  const [confirmId, setConfirmId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());

  const nodes = useMemo(() => toNodes(tasks, draft), [tasks, draft]);
  const expandedKeys = useMemo(() => parentKeys(nodes).filter((k) => !collapsed.has(k)), [nodes, collapsed]);
  const progress = useMemo(() => subtreeProgress(tasks), [tasks]);

  /**
   * Focus back on the tree after a field, menu or confirmation closed: when
   * focus is nowhere, in the tree, or still in one of its closing popups; not
   * when the user went elsewhere meanwhile (a click outside).
   */
  const focusTree = useCallback(() => {
    requestAnimationFrame(() => {
      const root = rootRef.current;
      const current = document.activeElement;
      if (root && (!current || current === document.body || root.contains(current) || current.closest(".ant-dropdown, .ant-popover"))) {
        root.querySelector<HTMLElement>('[role="tree"]')?.focus({ preventScroll: true });
      }
    });
  }, []);
  const expand = useCallback((id: string) => setCollapsed((c) => (c.has(id) ? new Set([...c].filter((k) => k !== id)) : c)), []);

  const actions = useMemo<TaskActions>(() => {
    const place = (id: string) => locateTask(tasks, id);
    return {
      activate: (id) => setActiveId(id),
      refocus: focusTree,
      startRename: (id) => {
        setMenuId(null);
        setActiveId(id);
        setEditingId(id);
      },
      commitRename: (id, title) => {
        setEditingId(null);
        focusTree();
        const current = place(id)?.task.title;
        if (!title.trim()) void message.error(t("planEdit.titleRequired"));
        else if (current !== undefined && title.trim() !== current) void edits.rename(id, title);
      },
      cancelRename: () => {
        setEditingId(null);
        focusTree();
      },
      setStatus: (id, status) => {
        if (place(id)?.task.status !== status) void edits.setStatus(id, status);
      },
      addChild: (id) => {
        expand(id);
        setDraft({ parentId: id, position: null });
      },
      addBelow: (id) => {
        const p = place(id);
        if (p) setDraft({ parentId: p.parent?.id ?? null, position: p.index + 1 });
      },
      move: (id, direction) => {
        const placement = keyboardMove(tasks, id, direction);
        if (!placement) return;
        if (placement.parentId) expand(placement.parentId);
        setActiveId(id);
        void edits.move(id, placement);
      },
      decompose: (id) => {
        expand(id);
        void edits.decompose(id);
        focusTree();
      },
      execute: (id) => {
        onExecute?.(id);
        focusTree();
      },
      requestDelete: (id) => {
        setMenuId(null);
        setActiveId(id);
        setConfirmId(id);
      },
      confirmDelete: (id) => {
        setConfirmId(null);
        const p = place(id);
        // The next current task: the next sibling, else the previous one, else the parent.
        const next = p && (p.siblings[p.index + 1] ?? p.siblings[p.index - 1] ?? p.parent);
        setActiveId(next ? next.id : null);
        void edits.remove(id);
        focusTree();
      },
      cancelDelete: () => {
        setConfirmId(null);
        focusTree();
      },
      setMenu: (id) => {
        setMenuId(id);
        if (id) setActiveId(id);
        else focusTree();
      },
      commitDraft: (title) => {
        const d = draft;
        setDraft(null);
        focusTree();
        if (!d || !title.trim()) return;
        void edits.add({ title, parentId: d.parentId, position: d.position }, setActiveId).then((task) => task && setActiveId(task.id));
      },
      cancelDraft: () => {
        setDraft(null);
        focusTree();
      },
    };
  }, [tasks, draft, edits, onExecute, expand, focusTree, message, t]);

  const state = useMemo<PlanTreeState>(
    () => ({
      activeId,
      editingId,
      menuId,
      confirmId,
      progress,
      canMove: (id, direction) => keyboardMove(tasks, id, direction) !== null,
      actions,
      readOnly,
    }),
    [activeId, editingId, menuId, confirmId, progress, tasks, actions, readOnly],
  );

  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    // Only keys on the tree itself; a row's field or button keeps its own.
    if ((e.target as HTMLElement).getAttribute("role") !== "tree" || readOnly) return;
    const id = activeId && !isTempTask(activeId) && locateTask(tasks, activeId) ? activeId : null;
    if (!id) return;
    const move = e.altKey && !e.ctrlKey && !e.metaKey ? MOVE_KEYS[e.key] : undefined;
    if (move) actions.move(id, move);
    else if (e.key === "F2") actions.startRename(id);
    else if (e.key === "Delete") actions.requestDelete(id);
    else if ((e.key === "F10" && e.shiftKey) || e.key === "ContextMenu") actions.setMenu(id);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const allowDrop: TreeProps<Node>["allowDrop"] = ({ dragNode, dropNode, dropPosition }) => {
    if (!dropNode.task || !dragNode.task) return false;
    const parentId = dropPosition === 0 ? dropNode.task.id : dropNode.task.parentId;
    return !(parentId && isTempTask(parentId)) && canPlace(tasks, dragNode.task.id, parentId);
  };

  const onDrop: TreeProps<Node>["onDrop"] = (info) => {
    const index = Number(info.node.pos.split("-").at(-1));
    const dragId = String(info.dragNode.key);
    const placement = computeDrop(tasks, {
      dragId,
      dropId: String(info.node.key),
      dropToGap: info.dropToGap,
      relative: info.dropPosition - index,
      dropExpanded: info.node.expanded,
    });
    if (!placement) return;
    if (placement.parentId) expand(placement.parentId);
    setActiveId(dragId);
    void edits.move(dragId, placement);
  };

  const empty = tasks.length === 0 && !draft;
  return (
    <PlanTreeContext.Provider value={state}>
      <div
        ref={rootRef}
        className={styles.treeWrap}
        data-testid="plan-tree-body"
        onKeyDownCapture={onKeyDownCapture}
        onContextMenu={(e) => {
          // The context-menu key (or Shift+F10 where the browser sends it as this event) on the tree.
          if ((e.target as HTMLElement).getAttribute("role") !== "tree" || !activeId || readOnly) return;
          e.preventDefault();
          actions.setMenu(activeId);
        }}
      >
        {empty ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("plan.empty")} data-testid="plan-empty" />
        ) : (
          <Tree<Node>
            className={styles.tree}
            treeData={nodes}
            expandedKeys={expandedKeys}
            activeKey={activeId}
            onActiveChange={(key) => key !== null && setActiveId(String(key))}
            selectable={false}
            blockNode
            showLine={{ showLeafIcon: false }}
            aria-label={t("plan.treeLabel")}
            draggable={
              readOnly
                ? false
                : {
              icon: false,
              nodeDraggable: (node) => {
                const key = String(node.key);
                return !draft && key !== DRAFT_KEY && key !== editingId && !isTempTask(key);
              },
                  }
            }
            allowDrop={allowDrop}
            onDrop={onDrop}
            onClick={(_e, node) => node.key !== DRAFT_KEY && setActiveId(String(node.key))}
            onRightClick={({ event, node }) => {
              if (readOnly || node.key === DRAFT_KEY || isTempTask(String(node.key))) return;
              event.preventDefault();
              actions.setMenu(String(node.key));
            }}
            onExpand={(_keys, info) => {
              const key = String(info.node.key);
              setCollapsed((prev) => {
                const next = new Set(prev);
                if (info.expanded) next.delete(key);
                else next.add(key);
                return next;
              });
            }}
            titleRender={(node) =>
              node.task ? (
                <PlanTaskRow task={node.task} depth={node.depth} />
              ) : (
                <span className={styles.task} onKeyDown={(e) => e.stopPropagation()} onFocus={(e) => e.stopPropagation()} onBlur={(e) => e.stopPropagation()}>
                  <PlanTitleInput
                    initial=""
                    placeholder={t("planEdit.newTaskPlaceholder")}
                    ariaLabel={t("planEdit.newTaskLabel")}
                    testId="plan-draft-input"
                    onCommit={actions.commitDraft}
                    onCancel={actions.cancelDraft}
                  />
                </span>
              )
            }
          />
        )}
        {!readOnly && (
          <Button
            className={styles.addTask}
            type="dashed"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setDraft({ parentId: null, position: null })}
            data-testid="plan-add-task"
          >
            {t("planEdit.addTask")}
          </Button>
        )}
      </div>
    </PlanTreeContext.Provider>
  );
}
