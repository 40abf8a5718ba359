import "server-only";
import type { PlanTree, TaskNode } from "@/lib/shared/plans";

const CHECKED = new Set(["done", "skipped"]);

/**
 * A plan as a Markdown nested checklist: `# title`, the goal, then one
 * `- [ ]` / `- [x]` line per task (done and skipped are checked), indented
 * two spaces per level, with the status when it is neither todo nor done.
 */
export function planToMarkdown(tree: PlanTree): string {
  const lines = [`# ${tree.plan.title}`, "", tree.plan.goal, ""];
  const walk = (nodes: TaskNode[], depth: number) => {
    for (const n of nodes) {
      const status = n.status === "todo" || n.status === "done" ? "" : ` _(${n.status.replace("_", " ")})_`;
      lines.push(`${"  ".repeat(depth)}- [${CHECKED.has(n.status) ? "x" : " "}] ${n.title}${status}`);
      walk(n.children, depth + 1);
    }
  };
  walk(tree.tasks, 0);
  return `${lines.join("\n")}\n`;
}
