import "server-only";
// "Write the plan up as a document": the plan as a Markdown design document
// (title, goal, counts, then the task tree as an outline with each task's
// status, description and, where a run produced one, its result), stored as
// an artifact of the chat turn. Built from the database, not by the model, so
// it says only what the plan holds.
import type { Language } from "@/lib/shared/language";
import { buildTaskTree, type TaskNode, type TaskStatus } from "@/lib/shared/plans";
import type { Db } from "../db/client.ts";
import type { Plan } from "../db/generated/client.ts";
import { listTasks, toTaskDto } from "../plans/plans-repo.ts";
import { MARKDOWN_MEDIA_TYPE } from "../tools/builtin/write-document.ts";
import { safeFileName } from "../tools/builtin/file-name.ts";
import type { WriteDesignDocumentOutput } from "./agent-tool-schemas.ts";
import { insertTurnArtifact, latestTaskResults } from "./turn-repo.ts";

type Labels = { goal: string; tasks: string; done: string; left: string; result: string; written: string; none: string; status: Record<TaskStatus, string> };

const LABELS: Record<"en" | "zh-CN", Labels> = {
  en: {
    goal: "Goal",
    tasks: "Tasks",
    done: "Done",
    left: "Left",
    result: "Result",
    written: "Written",
    none: "The plan has no tasks yet.",
    status: { todo: "to do", in_progress: "in progress", done: "done", failed: "failed", blocked: "blocked", skipped: "skipped" },
  },
  "zh-CN": {
    goal: "目标",
    tasks: "任务",
    done: "已完成",
    left: "未完成",
    result: "结果",
    written: "生成于",
    none: "计划里还没有任务。",
    status: { todo: "待办", in_progress: "进行中", done: "已完成", failed: "失败", blocked: "受阻", skipped: "已跳过" },
  },
};

/** The labels of a language (English for one without its own). */
const labelsOf = (language: Language | string): Labels => (language === "zh-CN" ? LABELS["zh-CN"] : LABELS.en);
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * The design document's Markdown. Top-level tasks are `##` sections
 * ("2. Title — done", then description and result paragraphs), deeper ones a
 * nested checklist (`- [x]` when done) with status · description · result on
 * one line. `results`: task id → its newest run result.
 */
export function designDocumentMarkdown(args: {
  title: string;
  plan: Pick<Plan, "title" | "goal">;
  tasks: TaskNode[];
  results: Map<string, { text: string }>;
  language: Language | string;
  writtenAt: Date;
}): { markdown: string; taskCount: number } {
  const l = labelsOf(args.language);
  const all: TaskNode[] = [];
  const walk = (ns: TaskNode[]) => ns.forEach((n) => (all.push(n), walk(n.children)));
  walk(args.tasks);
  const done = all.filter((t) => t.status === "done" || t.status === "skipped").length;
  const out: string[] = [`# ${oneLine(args.title)}`, "", `**${l.goal}:** ${oneLine(args.plan.goal)}`, ""];
  out.push(`| ${l.tasks} | ${l.done} | ${l.left} |`, "|---:|---:|---:|", `| ${all.length} | ${done} | ${all.length - done} |`, "");
  out.push(`_${l.written} ${args.writtenAt.toISOString().slice(0, 10)}_`, "");
  if (all.length === 0) out.push(l.none, "");
  const detail = (n: TaskNode) => {
    if (n.description.trim()) out.push(oneLine(n.description), "");
    const result = args.results.get(n.id);
    if (result) out.push(`**${l.result}:** ${oneLine(result.text)}`, "");
  };
  const sub = (ns: TaskNode[], prefix: string, depth: number) =>
    ns.forEach((n, i) => {
      const number = `${prefix}${i + 1}`;
      const pad = "  ".repeat(depth);
      const result = args.results.get(n.id);
      const extra = [n.description.trim() && oneLine(n.description), result && `**${l.result}:** ${oneLine(result.text)}`].filter(Boolean);
      out.push(`${pad}- [${n.status === "done" ? "x" : " "}] **${number} ${oneLine(n.title)}** — ${l.status[n.status]}${extra.map((e) => ` · ${e}`).join("")}`);
      sub(n.children, `${number}.`, depth + 1);
    });
  args.tasks.forEach((n, i) => {
    out.push(`## ${i + 1}. ${oneLine(n.title)} — ${l.status[n.status]}`, "");
    detail(n);
    sub(n.children, `${i + 1}.`, 0);
    if (n.children.length) out.push("");
  });
  return { markdown: `${out.join("\n").trimEnd()}\n`, taskCount: all.length };
}

/**
 * Writes the plan's design document as an artifact of the turn (Markdown,
 * `<title>.md`). @returns what the tool reports.
 */
export async function writeDesignDocument(
  db: Db,
  args: { plan: Plan; title: string | null; turnId: string; callId: string | null; ownerId: string; language: Language },
): Promise<WriteDesignDocumentOutput> {
  const [rows, results] = await Promise.all([listTasks(db, args.plan.id), latestTaskResults(db, args.plan.id)]);
  const title = oneLine(args.title ?? "") || args.plan.title;
  const { markdown, taskCount } = designDocumentMarkdown({ title, plan: args.plan, tasks: buildTaskTree(rows.map(toTaskDto)), results, language: args.language, writtenAt: new Date() });
  const name = safeFileName(null, title, ".md", "design-document");
  const ref = await insertTurnArtifact(db, { turnId: args.turnId, planId: args.plan.id, callId: args.callId, ownerId: args.ownerId, name, mediaType: MARKDOWN_MEDIA_TYPE, content: markdown });
  return { artifactId: ref.artifactId, title, name: ref.name, bytes: ref.bytes, tasks: taskCount };
}
