"use client";
// The plan's task tree with live statuses (DESIGN.md "UI" → PlanTreeView).
// Live: useJobLog invalidates queries.plan(planId) on every tasks_updated event.
import { ReloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Empty, Skeleton, Tag, Tooltip, Tree } from "antd";
import { useMemo, useState } from "react";
import { useT } from "@/lib/client/i18n";
import { queries } from "@/lib/client/queries";
import type { TaskNode, TaskStatus } from "@/lib/shared/plans";
import styles from "./plan-tree-view.module.css";

const TASK_COLOR: Record<TaskStatus, "default" | "processing" | "success" | "error" | "warning"> = {
  todo: "default",
  in_progress: "processing",
  done: "success",
  failed: "error",
  blocked: "warning",
  skipped: "default",
};

type TreeNode = { key: string; task: TaskNode; depth: number; children: TreeNode[] };

function toTreeNodes(tasks: TaskNode[], depth = 0): TreeNode[] {
  return tasks.map((task) => ({ key: task.id, task, depth, children: toTreeNodes(task.children, depth + 1) }));
}

function countTasks(tasks: TaskNode[]): number {
  return tasks.reduce((n, t) => n + 1 + countTasks(t.children), 0);
}

function parentKeys(nodes: TreeNode[], out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.children.length) {
      out.push(n.key);
      parentKeys(n.children, out);
    }
  }
  return out;
}

/**
 * The task tree of one plan: title, task count, manual refresh, and every task
 * with its status tag. Tasks that gain children are shown expanded unless the
 * user collapsed them. Props: `{planId}`. Root `data-testid="plan-tree"`;
 * each task `data-testid="plan-task"` with `data-task-id`, `data-status`, `data-depth`.
 */
export function PlanTreeView({ planId }: { planId: string }) {
  const t = useT();
  const { data, error, isPending, isFetching, refetch } = useQuery(queries.plan(planId));
  const [collapsedKeys, setCollapsedKeys] = useState<ReadonlySet<string>>(() => new Set());

  const treeData = useMemo(() => toTreeNodes(data?.tasks ?? []), [data]);
  const expandedKeys = useMemo(() => parentKeys(treeData).filter((k) => !collapsedKeys.has(k)), [treeData, collapsedKeys]);
  const count = useMemo(() => countTasks(data?.tasks ?? []), [data]);

  return (
    <section className={styles.root} data-testid="plan-tree" data-plan-id={planId} aria-busy={isFetching}>
      <header className={styles.header}>
        <div className={styles.heading}>
          <span className={styles.kicker}>{t("plan.title")}</span>
          <h2 className={styles.title} title={data?.plan.goal}>
            {data?.plan.title ?? (isPending ? "…" : "")}
          </h2>
          <span className={styles.count}>
            <span data-testid="plan-task-count">{count}</span> {t("plan.tasks")}
          </span>
        </div>
        <Tooltip title={t("plan.refresh")}>
          <Button
            icon={<ReloadOutlined />}
            loading={isFetching}
            onClick={() => void refetch()}
            aria-label={t("plan.refresh")}
            data-testid="plan-refresh"
          />
        </Tooltip>
      </header>
      <div className={styles.body}>
        {error ? (
          <Alert type="error" showIcon title={t("plan.loadError")} description={error.message} />
        ) : isPending ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : treeData.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("plan.empty")} data-testid="plan-empty" />
        ) : (
          <Tree<TreeNode>
            className={styles.tree}
            treeData={treeData}
            expandedKeys={expandedKeys}
            selectable={false}
            blockNode
            showLine={{ showLeafIcon: false }}
            onExpand={(_keys, info) => {
              const key = String(info.node.key);
              setCollapsedKeys((prev) => {
                const next = new Set(prev);
                if (info.expanded) next.delete(key);
                else next.add(key);
                return next;
              });
            }}
            titleRender={(node) => (
              <span
                className={styles.task}
                data-testid="plan-task"
                data-task-id={node.task.id}
                data-status={node.task.status}
                data-depth={node.depth}
                title={node.task.description || undefined}
              >
                <span className={styles.taskTitle}>{node.task.title}</span>
                <Tag color={TASK_COLOR[node.task.status]} className={styles.taskTag}>
                  {t(`taskStatus.${node.task.status}`)}
                </Tag>
              </span>
            )}
          />
        )}
      </div>
    </section>
  );
}
