// Follow-ups change the plan: a user's second, third … message ("add …",
// "mark … done", "rename … to …", "move … before …", "delete …", "split …
// further") in English and Chinese, through POST /api/chat/message with the
// built-in offline model, act on the conversation's plan and never start a
// new one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { GET as getPlan } from "@/app/api/plans/[planId]/route";
import { startServer, stopServer } from "@/lib/server/boot";
import type { SendMessageResponse } from "@/lib/shared/chat";
import type { PlanTree, TaskNode } from "@/lib/shared/plans";
import { countRows } from "@/test/db";
import { TestUser } from "@/test/http";

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

async function conversation(goal: string) {
  const user = new TestUser();
  const first = (await (await user.call(postMessage, { url: "/api/chat/message", body: { message: goal, mode: "sync" } })).json()) as SendMessageResponse;
  const { conversationId, planId } = first.metadata;
  const tree = async () => (await (await user.call(getPlan, { url: `/api/plans/${planId}`, params: { planId: planId! } })).json()) as PlanTree;
  const say = async (message: string) => {
    const res = await user.call(postMessage, { url: "/api/chat/message", body: { conversationId, message, mode: "sync" } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as SendMessageResponse;
    expect(body.metadata.planId).toBe(planId);
    return body;
  };
  return { tree, say };
}

const titles = (nodes: TaskNode[]) => nodes.map((n) => n.title);

describe.each([
  {
    language: "English",
    goal: "Organize a company offsite for 40 people",
    add: "Add a task to book restaurants",
    added: "Book restaurants",
    mark: "Mark task 1 done",
    rename: "Rename task 2 to Pick the venue",
    renamed: "Pick the venue",
    move: "Move task 3 before task 1",
    remove: "Delete task 4",
    split: "Split task 2 further",
  },
  {
    language: "Chinese",
    goal: "帮我规划一次为期两天的苏州旅行",
    add: "添加任务：买伴手礼",
    added: "买伴手礼",
    mark: "把第一个任务标记为完成",
    rename: "把第二个任务改名为订酒店",
    renamed: "订酒店",
    move: "把第三个任务移到第一个任务之前",
    remove: "删除第四个任务",
    split: "把第二个任务再拆分一下",
  },
])("follow-ups in $language change the existing plan", (c) => {
  it("add, mark done, rename, move, delete and split further; no new plan", async () => {
    const { tree, say } = await conversation(c.goal);
    const plans = (await countRows()).plans;
    const start = (await tree()).tasks;

    expect((await say(c.add)).actions.map((a) => [a.kind, a.status])).toEqual([["add_task", "completed"]]);
    let now = (await tree()).tasks;
    expect(titles(now)).toEqual([...titles(start), c.added]);

    await say(c.mark);
    now = (await tree()).tasks;
    expect(now[0].status).toBe("done");

    await say(c.rename);
    now = (await tree()).tasks;
    expect(now[1].title).toBe(c.renamed);
    const order = titles(now);

    await say(c.move);
    now = (await tree()).tasks;
    expect(titles(now)).toEqual([order[2], order[0], order[1], ...order.slice(3)]);

    const doomed = now[3];
    await say(c.remove);
    now = (await tree()).tasks;
    expect(now.map((t) => t.id)).not.toContain(doomed.id);
    expect(now).toHaveLength(start.length);

    const target = now[1];
    const split = await say(c.split);
    expect(split.actions.map((a) => [a.kind, a.status])).toEqual([["decompose_task", "completed"]]);
    // Task 2 already has subtasks: "further" splits each of them, one level deeper.
    const grown = (await tree()).tasks.find((t) => t.id === target.id)!;
    expect(target.children.length).toBeGreaterThan(0);
    expect(grown.children.map((c) => c.id)).toEqual(target.children.map((c) => c.id));
    for (const child of grown.children) expect(child.children.length).toBeGreaterThan(0);
    expect((await countRows()).plans).toBe(plans);
  });
});
