// The five languages in and out through POST /api/chat/message, the real
// route handlers, a temporary SQLite file and the offline model: a goal in
// each language gets a reply, a plan title, tasks, subtasks, narration and job
// log lines in that language; a Japanese message with kanji gets a Japanese
// reply whatever the UI language; short text follows the UI language; a log
// line stored in one language is shown in another through the client
// function; a French plan is executed with French results and documents.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { GET as getJob } from "@/app/api/jobs/[jobId]/route";
import { GET as getExport } from "@/app/api/jobs/[jobId]/export/route";
import { GET as getPlan } from "@/app/api/plans/[planId]/route";
import { GET as getArtifact } from "@/app/api/runs/[runId]/artifacts/[artifactId]/route";
import { eventMessage } from "@/lib/client/event-message";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { detectLanguage } from "@/lib/server/llm/prompts";
import type { SendMessageResponse } from "@/lib/shared/chat";
import type { JobSnapshot } from "@/lib/shared/jobs";
import type { Language } from "@/lib/shared/language";
import { t } from "@/lib/shared/messages";
import type { PlanTree, TaskNode } from "@/lib/shared/plans";
import { TestUser } from "@/test/http";

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

const flatten = (nodes: TaskNode[]): TaskNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Sends `message` (mode sync) and returns the answer, the plan and the decomposition job's snapshot. */
async function plan(user: TestUser, message: string, language?: Language) {
  const res = await user.call(postMessage, { url: "/api/chat/message", body: { message, mode: "sync", ...(language ? { language } : {}) } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as SendMessageResponse;
  expect(body.metadata.status).toBe("succeeded");
  const planId = body.metadata.planId!;
  const tree = (await (await user.call(getPlan, { url: `/api/plans/${planId}`, params: { planId } })).json()) as PlanTree;
  const jobId = body.metadata.jobs.find((j) => j.jobType === "plan_decompose")!.jobId;
  const snap = (await (await user.call(getJob, { url: `/api/jobs/${jobId}`, params: { jobId } })).json()) as JobSnapshot;
  return { body, tree, snap };
}

describe("a goal in each language: reply, plan, tasks and log lines in that language", () => {
  it.each([
    ["en", "Plan the launch of a mobile app in 6 weeks", "Mobile app launch in 6 weeks", "Week 1: Define the MVP scope and launch goals"],
    ["zh-CN", "帮我规划一次为期三天的杭州旅行", "杭州三日游", "行前准备：交通与住宿"],
    ["ja", "東京で3日間の旅行を計画して", "東京3日間の旅", "出発前：交通と宿"],
    ["es", "Organiza un viaje de tres días a Sevilla", "Viaje de 3 días a Sevilla", "Antes de salir: billetes y alojamiento"],
    ["fr", "Organise un voyage à Lyon pour quatre personnes", "Voyage à Lyon", "Fixer les dates et le budget"],
  ] as const)("%s: %j", async (language, goal, title, firstTask) => {
    const user = new TestUser();
    // No UI language: the message alone decides.
    const { body, tree, snap } = await plan(user, goal);
    expect(detectLanguage(body.response)).toBe(language);
    expect(body.response).toContain(title);
    expect(body.actions.map((a) => [a.kind, a.name, a.status])).toEqual([
      ["create_plan", t(language, "action.create_plan", { title }), "completed"],
      ["decompose_task", t(language, "action.decompose_all"), "completed"],
    ]);
    expect(tree.plan.title).toBe(title);
    expect(tree.plan.language).toBe(language);
    expect(tree.tasks[0].title).toBe(firstTask);
    const tasks = flatten(tree.tasks);
    expect(tree.tasks.length).toBeGreaterThanOrEqual(3);
    for (const top of tree.tasks) expect(top.children.length).toBeGreaterThanOrEqual(2);
    // Titles, descriptions and subtasks read as the language (the detector on the whole text).
    expect(detectLanguage(tasks.map((x) => x.title).join(". "))).toBe(language);
    expect(detectLanguage(tasks.map((x) => x.description).join(" "))).toBe(language);
    if (language === "ja") for (const x of tasks) expect(x.description, x.description).toMatch(KANA);
    // The model's narration and the job's own log lines follow the language too.
    const narration = snap.events.filter((e) => e.kind === "planning_step").map((e) => e.message);
    expect(detectLanguage(narration.join(" "))).toBe(language);
    const start = snap.events.find((e) => e.data?.msgKey === "decompose.start")!;
    expect(start.message).toBe(t(language, "decompose.start", { count: tree.tasks.length, plan: title }));
    expect(start.data?.msgParams).toEqual({ count: tree.tasks.length, plan: title });
  });

  it("answers a Japanese message with kanji and kana in Japanese although the UI is English", async () => {
    const user = new TestUser();
    const res = await user.call(postMessage, { url: "/api/chat/message", body: { message: "京都で2日間の観光を計画したい", language: "en" } });
    const body = (await res.json()) as SendMessageResponse;
    expect(res.status).toBe(202);
    expect(body.response).toMatch(KANA);
    expect(detectLanguage(body.response)).toBe("ja");
    expect(body.actions[0].name).toBe(t("ja", "action.create_plan", { title: "京都2日間の旅" }));
  });

  it("answers short or ambiguous text in the UI language", async () => {
    const user = new TestUser();
    const fr = (await (await user.call(postMessage, { url: "/api/chat/message", body: { message: "ok", language: "fr" } })).json()) as SendMessageResponse;
    expect(fr.response).toBe("Parfait ! Dites-moi si vous voulez ajuster le plan ou détailler une tâche.");
    const es = (await (await user.call(postMessage, { url: "/api/chat/message", body: { message: "hola", language: "es" } })).json()) as SendMessageResponse;
    expect(detectLanguage(es.response)).toBe("es");
    expect(es.actions).toEqual([]);
    const en = (await (await user.call(postMessage, { url: "/api/chat/message", body: { message: "ok" } })).json()) as SendMessageResponse;
    expect(en.response).toBe("Great! Tell me if you'd like to adjust the plan or break a task down further.");
  });
});

describe("log lines in the viewer's language", () => {
  it("shows a line the job wrote in zh-CN in English to an English viewer; the export keeps the stored text", async () => {
    const user = new TestUser();
    const { tree, snap } = await plan(user, "帮我规划一次为期两天的苏州旅行");
    const keyed = snap.events.filter((e) => typeof e.data?.msgKey === "string");
    expect(keyed.map((e) => e.data?.msgKey)).toEqual(["decompose.start", ...tree.tasks.flatMap(() => ["decompose.task", "decompose.added"]), "decompose.done"]);
    const start = keyed[0];
    expect(start.message).toBe(`正在拆解「${tree.plan.title}」的 ${tree.tasks.length} 个任务`);
    expect(eventMessage(start, "en")).toBe(`Decomposing ${tree.tasks.length} task(s) of "${tree.plan.title}"`);
    expect(eventMessage(start, "ja")).toBe(`「${tree.plan.title}」のタスク${tree.tasks.length}件を分解しています`);
    const done = keyed.at(-1)!;
    const subtasks = flatten(tree.tasks).length - tree.tasks.length;
    expect(eventMessage(done, "en")).toBe(`Created ${subtasks} subtasks`);
    expect(eventMessage(done, "zh-CN")).toBe(done.message);
    // A line without a key (the model's narration) stays as written.
    const step = snap.events.find((e) => e.kind === "planning_step")!;
    expect(eventMessage(step, "en")).toBe(step.message);
    const exported = await (await user.call(getExport, { url: `/api/jobs/${snap.job.id}/export?format=text`, params: { jobId: snap.job.id } })).text();
    expect(exported).toContain(start.message);
    expect(exported).not.toContain(`Decomposing ${tree.tasks.length} task(s)`);
  });
});

describe("executing a plan in French", () => {
  it("edits and runs the plan with French commands; results, log lines and documents are French", async () => {
    const user = new TestUser();
    const { body, tree } = await plan(user, "Organise une fête d'anniversaire pour 20 personnes le 20 mars");
    expect(tree.plan.title).toBe("Organisation de la fête d'anniversaire");
    const conversationId = body.metadata.conversationId;
    const added = (await (
      await user.call(postMessage, { url: "/api/chat/message", body: { conversationId, message: "Ajoute une tâche : acheter le gâteau et marque la dernière tâche comme terminée", mode: "sync" } })
    ).json()) as SendMessageResponse;
    expect(added.response).toBe(`Bien sûr — je vais ajouter « Acheter le gâteau », puis marquer « ${tree.tasks.at(-1)!.title} » comme terminée.`);
    expect(added.actions.map((a) => [a.kind, a.status])).toEqual([["add_task", "completed"], ["set_task_status", "completed"]]);

    const res = await user.call(postMessage, { url: "/api/chat/message", body: { conversationId, message: "Exécute le plan", mode: "sync" } });
    const run = (await res.json()) as SendMessageResponse;
    expect(run.response).toMatch(/^J'exécute le plan maintenant : \d+ tâches dans l'ordre/);
    const jobId = run.metadata.jobs.find((j) => j.jobType === "plan_execute")!.jobId;
    const snap = (await (await user.call(getJob, { url: `/api/jobs/${jobId}`, params: { jobId } })).json()) as JobSnapshot;
    expect(snap.job.status).toBe("succeeded");
    const started = snap.events.find((e) => e.kind === "workflow_started")!;
    expect(started.message).toBe(t("fr", "execute.start", { count: started.data!.total as number, plan: tree.plan.title }));
    const complete = snap.events.find((e) => e.kind === "workflow_complete")!;
    expect(complete.data?.msgKey).toBe("execute.complete");
    expect(complete.message).toMatch(/^Exécution terminée : \d+ tâche\(s\) faite\(s\)/);
    expect(eventMessage(complete, "en")).toMatch(/^Run complete: \d+ task\(s\) done/);
    // What the model said it did, per task, is French.
    const results = snap.events.filter((e) => e.kind === "node_completed").map((e) => String(e.data?.result ?? ""));
    expect(detectLanguage(results.join(" "))).toBe("fr");
    expect(results.some((r) => /^Budget : /.test(r))).toBe(true);
    expect(results.some((r) => /^Échéance : \d{4}-\d{2}-\d{2} \((?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\)/.test(r))).toBe(true);
    // The invitation it wrote is French.
    const runId = started.data!.runId as string;
    const artifacts = await getDeps().db.artifact.findMany({ where: { runId } });
    const invitation = artifacts.find((a) => /invitation/i.test(a.name));
    expect(invitation).toMatchObject({ mediaType: "text/markdown; charset=utf-8", name: expect.stringMatching(/invitation.*\.md$/i) });
    const doc = await (await user.call(getArtifact, { url: `/api/runs/${runId}/artifacts/${invitation!.id}`, params: { runId, artifactId: invitation!.id } })).text();
    expect(doc).toContain("Vous êtes invité(e) à **Organisation de la fête d'anniversaire**.");
    expect(doc).toContain("- Nous attendons 20 invités.");
    expect(doc).toMatch(/## Quand\n(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{4}-03-20\n/);
  });
});
