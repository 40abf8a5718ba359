// "Write the plan up as a document" in the streamed chat: the
// write_design_document tool writes the plan (with the results of a run) as
// Markdown, stored as an artifact of the turn, announced by
// design_document_generated and downloadable from GET /api/artifacts/{id};
// "what tasks are left?" answered by find_tasks; a long conversation's older
// turns summarized into the context. Real routes, temporary SQLite, the
// offline model.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postAgent } from "@/app/api/chat/agent/route";
import { GET as getArtifact } from "@/app/api/artifacts/[artifactId]/route";
import { POST as postExecute } from "@/app/api/plans/[planId]/execute/route";
import { GET as getPlan } from "@/app/api/plans/[planId]/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { designDocumentMarkdown } from "@/lib/server/chat/agent-design-doc";
import { estimateTokens } from "@/lib/server/chat/agent-context";
import { latestTaskResults } from "@/lib/server/chat/turn-repo";
import { beginTurn } from "@/lib/server/chat/turn-service";
import { getDeps } from "@/lib/server/deps";
import { chatAgentSchema } from "@/lib/shared/chat-stream";
import type { PlanTree, TaskNode } from "@/lib/shared/plans";
import type { ExecutePlanResponse } from "@/lib/shared/runs";
import { dataOf, readFrames, shape, textOf } from "@/test/chat-stream";
import { TestUser } from "@/test/http";

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

const flatten = (nodes: TaskNode[]): TaskNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
const agent = async (user: TestUser, body: Record<string, unknown>) => readFrames(await user.call(postAgent, { url: "/api/chat/agent", body }));

/** A conversation with a planned (and decomposed) goal. */
async function withPlan(user: TestUser, goal: string) {
  const frames = await agent(user, { message: goal });
  const { conversationId } = dataOf(frames, "conversation_start");
  const metadata = dataOf(frames, "actions").metadata!;
  await getDeps().queue.waitUntilSettled(metadata.jobs.map((j) => j.jobId));
  const planId = metadata.planId!;
  const tree = async () => (await (await user.call(getPlan, { url: `/api/plans/${planId}`, params: { planId } })).json()) as PlanTree;
  return { conversationId, planId, tree };
}

describe("the design document", () => {
  it("is written from the plan and its run results, announced, and downloads with its owner checks", async () => {
    const user = new TestUser();
    const { conversationId, planId, tree } = await withPlan(user, "Organize a birthday party for 20 people next month");
    const run = (await (await user.call(postExecute, { url: `/api/plans/${planId}/execute`, params: { planId } })).json()) as ExecutePlanResponse;
    await getDeps().queue.waitUntilSettled([run.jobId]);

    const frames = await agent(user, { message: "Write the plan up as a document", conversationId });
    expect(shape(frames)).toEqual([
      "conversation_start",
      "processing_status:thinking",
      "assistant_message_start",
      "processing_status:calling_tools",
      "tool_call_start",
      "tool_call_progress",
      "tool_call_end",
      "design_document_generated",
      "processing_status:thinking",
      "assistant_message_chunk+",
      "assistant_message_end",
      "processing_status:gating",
      "actions",
      "conversation_end",
    ]);
    const plan = await tree();
    const doc = dataOf(frames, "design_document_generated");
    expect(doc).toMatchObject({ title: plan.plan.title, format: "markdown", url: `/api/artifacts/${doc.artifactId}` });
    expect(dataOf(frames, "tool_call_end").output).toEqual({ artifactId: doc.artifactId, title: plan.plan.title, name: doc.name, bytes: doc.bytes, tasks: flatten(plan.tasks).length });
    expect(textOf(frames)).toBe(`I wrote the plan up as a design document, “${plan.plan.title}” (${doc.name}, ${flatten(plan.tasks).length} tasks). You can view or download it below.`);
    expect(dataOf(frames, "actions").actions).toEqual([]);
    expect(dataOf(frames, "conversation_end").metadata!.turn!.designDocument).toEqual({ artifactId: doc.artifactId, title: plan.plan.title, format: "markdown" });

    const res = await user.call(getArtifact, { url: `/api/artifacts/${doc.artifactId}`, params: { artifactId: doc.artifactId } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${doc.name}"; filename*=UTF-8''${encodeURIComponent(doc.name)}`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const markdown = await res.text();
    expect(Buffer.byteLength(markdown)).toBe(doc.bytes);
    const results = await latestTaskResults(getDeps().db, planId);
    expect(results.size).toBeGreaterThan(0);
    const stored = await getDeps().db.artifact.findUniqueOrThrow({ where: { id: doc.artifactId } });
    expect(stored).toMatchObject({ jobId: null, runId: null, planId });
    expect(markdown).toBe(
      designDocumentMarkdown({ title: plan.plan.title, plan: plan.plan, tasks: plan.tasks, results, language: "en", writtenAt: stored.createdAt }).markdown,
    );
    expect(markdown.startsWith(`# ${plan.plan.title}\n\n**Goal:** ${plan.plan.goal}\n`)).toBe(true);
    plan.tasks.forEach((t, i) => expect(markdown).toContain(`\n## ${i + 1}. ${t.title} — `));
    expect(markdown).toContain("**Result:** ");

    const inline = await user.call(getArtifact, { url: `/api/artifacts/${doc.artifactId}?inline=1`, params: { artifactId: doc.artifactId } });
    expect(inline.headers.get("content-disposition")).toMatch(/^inline; filename=/);
    expect(inline.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    const other = new TestUser();
    expect((await other.call(getArtifact, { url: `/api/artifacts/${doc.artifactId}`, params: { artifactId: doc.artifactId } })).status).toBe(404);

    // Deleting the conversation deletes its turns, their events and the document.
    await getDeps().db.conversation.delete({ where: { id: conversationId } });
    expect(await getDeps().db.artifact.findUnique({ where: { id: doc.artifactId } })).toBeNull();
    expect(await getDeps().db.chatTurn.count({ where: { conversationId } })).toBe(0);
    expect((await user.call(getArtifact, { url: `/api/artifacts/${doc.artifactId}`, params: { artifactId: doc.artifactId } })).status).toBe(404);
  });

  it("without a plan, the tool says so and nothing is stored", async () => {
    const user = new TestUser();
    const before = await getDeps().db.artifact.count();
    const frames = await agent(user, { message: "Write the plan up as a document" });
    expect(dataOf(frames, "tool_call_end")).toMatchObject({ tool: "write_design_document", error: "This conversation has no plan to write up yet" });
    expect(frames.some((f) => f.event === "design_document_generated")).toBe(false);
    expect(textOf(frames)).toBe("write_design_document did not work: This conversation has no plan to write up yet");
    expect(await getDeps().db.artifact.count()).toBe(before);
  });
});

describe("tools on the plan", () => {
  it("\"what tasks are left?\" lists the open tasks through find_tasks", async () => {
    const user = new TestUser();
    const { conversationId, tree } = await withPlan(user, "Learn to cook Italian food in 4 weeks");
    const all = flatten((await tree()).tasks);
    const frames = await agent(user, { message: "what tasks are left?", conversationId });
    expect(dataOf(frames, "tool_call_start")).toMatchObject({ tool: "find_tasks", input: { query: null, statuses: ["todo", "in_progress", "blocked", "failed"] } });
    const output = dataOf(frames, "tool_call_end").output as { total: number; matches: { number: string; title: string }[] };
    expect(output.total).toBe(all.length);
    expect(output.matches.map((m) => m.title)).toEqual(all.map((t) => t.title));
    expect(textOf(frames).startsWith(`${all.length} of ${all.length} tasks of “${(await tree()).plan.title}” are left:\n\n- 1 ${all[0].title} (todo)`)).toBe(true);
  });
});

describe("a long conversation", () => {
  it("summarizes older turns into the context past the token budget and records it on the turn", async () => {
    const user = new TestUser();
    const first = await agent(user, { message: "hi" });
    const { conversationId } = dataOf(first, "conversation_start");
    for (const message of ["thanks", "hello again"]) await agent(user, { message, conversationId });
    const messages = await getDeps().db.message.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" } });
    expect(messages).toHaveLength(6);
    const tokensBefore = messages.reduce((n, m) => n + estimateTokens(m.content), 0);
    // Budget: the last exchange fits in half of it, the one before does not.
    const lastPair = estimateTokens(messages[4].content) + estimateTokens(messages[5].content);
    const owner = (await getDeps().db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).ownerId;
    const turnId = await beginTurn(getDeps(), { userId: owner, role: "user" }, chatAgentSchema.parse({ message: "ok", conversationId }), { t0: performance.now(), requestedAt: new Date() }, {
      contextBudgetTokens: lastPair * 2 + 1,
    });
    for (let i = 0; i < 200 && (await getDeps().db.chatTurn.findUniqueOrThrow({ where: { id: turnId } })).status === "running"; i++) await new Promise((r) => setTimeout(r, 25));
    const turn = await getDeps().db.chatTurn.findUniqueOrThrow({ where: { id: turnId } });
    expect(turn.status).toBe("completed");
    const summarized = (turn.metadata as { summarized: { turns: number; tokensBefore: number; tokensAfter: number } }).summarized;
    expect(summarized.turns).toBe(2);
    expect(summarized.tokensBefore).toBe(tokensBefore);
    expect(summarized.tokensAfter).toBeGreaterThan(lastPair);
    const reply = await getDeps().db.message.findUniqueOrThrow({ where: { id: turn.messageId } });
    expect((reply.metadata as { turn: { summarized: unknown } }).turn.summarized).toEqual(summarized);
  });
});
