// The design document's Markdown, exactly: sections for top-level tasks,
// a nested checklist below them, statuses, descriptions and run results.
import { describe, expect, it } from "vitest";
import type { TaskNode } from "@/lib/shared/plans";
import { designDocumentMarkdown } from "./agent-design-doc";

const node = (id: string, title: string, status: TaskNode["status"], description = "", children: TaskNode[] = []): TaskNode => ({
  id,
  planId: "p",
  parentId: null,
  position: 0,
  title,
  description,
  status,
  version: 1,
  children,
});

describe("designDocumentMarkdown", () => {
  it("writes title, goal, counts and the outline with statuses and results", () => {
    const tasks = [
      node("a", "Choose a venue", "done", "Compare three halls.", [node("a1", "Visit halls", "done"), node("a2", "Book the hall", "in_progress", "Pay the deposit.")]),
      node("b", "Send invitations", "todo"),
    ];
    const { markdown, taskCount } = designDocumentMarkdown({
      title: "Party plan",
      plan: { title: "Party", goal: "A birthday party\nfor 20 people" },
      tasks,
      results: new Map([["a", { text: "Budget: 850 EUR" }], ["a2", { text: "Deadline: 2027-03-08" }]]),
      language: "en",
      writtenAt: new Date("2027-02-01T10:00:00Z"),
    });
    expect(taskCount).toBe(4);
    expect(markdown).toBe(
      [
        "# Party plan",
        "",
        "**Goal:** A birthday party for 20 people",
        "",
        "| Tasks | Done | Left |",
        "|---:|---:|---:|",
        "| 4 | 2 | 2 |",
        "",
        "_Written 2027-02-01_",
        "",
        "## 1. Choose a venue — done",
        "",
        "Compare three halls.",
        "",
        "**Result:** Budget: 850 EUR",
        "",
        "- [x] **1.1 Visit halls** — done",
        "- [ ] **1.2 Book the hall** — in progress · Pay the deposit. · **Result:** Deadline: 2027-03-08",
        "",
        "## 2. Send invitations — to do",
        "",
      ].join("\n"),
    );
  });

  it("labels in Chinese, says so when there are no tasks, and falls back to English for other languages", () => {
    const zh = designDocumentMarkdown({ title: "计划", plan: { title: "计划", goal: "目标" }, tasks: [], results: new Map(), language: "zh-CN", writtenAt: new Date("2027-02-01T00:00:00Z") });
    expect(zh.markdown).toBe("# 计划\n\n**目标:** 目标\n\n| 任务 | 已完成 | 未完成 |\n|---:|---:|---:|\n| 0 | 0 | 0 |\n\n_生成于 2027-02-01_\n\n计划里还没有任务。\n");
    const fr = designDocumentMarkdown({ title: "Plan", plan: { title: "Plan", goal: "But" }, tasks: [], results: new Map(), language: "fr", writtenAt: new Date("2027-02-01T00:00:00Z") });
    expect(fr.markdown).toContain("**Goal:** But");
  });
});
