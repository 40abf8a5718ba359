// Conversation titles against a real SQLite file: the title follows the newest
// plan's title with Markdown stripped, until the owner renames it with
// PATCH /api/conversations/{id} (validated; support and strangers refused);
// support reads another user's conversation as read-only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { GET as listConversations } from "@/app/api/conversations/route";
import { GET as getConversation, PATCH as patchConversation } from "@/app/api/conversations/[id]/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import type { ConversationDetail, ConversationDto, SendMessageResponse } from "@/lib/shared/chat";
import { countRows } from "@/test/db";
import { TestUser } from "@/test/http";

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

const SUPPORT = { authorization: "Bearer support-token-for-tests" };

/** Sends in sync mode (200; also for a message without actions: nothing to wait for). */
async function send(user: TestUser, message: string, conversationId?: string, status = 200): Promise<SendMessageResponse> {
  const res = await user.call(postMessage, { url: "/api/chat/message", body: { message, mode: "sync", ...(conversationId ? { conversationId } : {}) } });
  expect(res.status).toBe(status);
  return (await res.json()) as SendMessageResponse;
}
const detail = async (user: TestUser, id: string, headers?: Record<string, string>) =>
  (await (await user.call(getConversation, { url: `/api/conversations/${id}`, params: { id }, headers })).json()) as ConversationDetail;
const list = async (user: TestUser, headers?: Record<string, string>) =>
  ((await (await user.call(listConversations, { url: "/api/conversations", headers })).json()) as { conversations: ConversationDto[] }).conversations;
const rename = (user: TestUser, id: string, body: unknown, headers?: Record<string, string>) =>
  user.call(patchConversation, { url: `/api/conversations/${id}`, method: "PATCH", params: { id }, body, headers });

describe("conversation titles", () => {
  it("follow the newest plan (Markdown stripped) until the owner renames them; a rename is validated and sticks", async () => {
    const user = new TestUser();
    const first = await send(user, "Plan a trip to Paris");
    const id = first.metadata.conversationId;
    expect((await detail(user, id)).conversation).toMatchObject({ title: "Paris trip", titleSource: "plan", readOnly: false });

    // A real model may write Markdown in a plan title: the conversation shows plain text.
    await getDeps().db.plan.update({ where: { id: first.metadata.planId! }, data: { title: "## **Paris** trip _in May_ with `kids`" } });
    expect((await list(user)).find((c) => c.id === id)).toMatchObject({ title: "Paris trip in May with kids", titleSource: "plan" });

    // Bad input, strangers and support change nothing.
    const rows = await countRows();
    for (const body of [{ title: "   " }, { title: "x".repeat(121) }, {}, { title: 5 }]) {
      const res = await rename(user, id, body);
      expect([res.status, (await res.json()).error.code]).toEqual([400, "bad_request"]);
    }
    expect((await rename(new TestUser(), id, { title: "Mine now" })).status).toBe(404);
    const bySupport = await rename(new TestUser(), id, { title: "Support's" }, SUPPORT);
    expect([bySupport.status, (await bySupport.json()).error.code]).toEqual([403, "forbidden"]);
    expect(await countRows()).toEqual(rows);
    expect((await detail(user, id)).conversation.title).toBe("Paris trip in May with kids");

    const before = (await detail(user, id)).conversation;
    const res = await rename(user, id, { title: "  Family holiday notes  " });
    expect(res.status).toBe(200);
    const renamed = ((await res.json()) as { conversation: ConversationDto }).conversation;
    expect(renamed).toEqual({ ...before, title: "Family holiday notes", titleSource: "user" });

    // A new plan in the conversation no longer changes the title.
    const second = await send(user, "new plan for a trip to Rome", id);
    expect(second.metadata.planId).not.toBe(first.metadata.planId);
    expect((await detail(user, id)).conversation).toMatchObject({ title: "Family holiday notes", titleSource: "user" });
  });

  it("without a plan: the first message, cut on a word boundary with an ellipsis", async () => {
    const user = new TestUser();
    const long = `hello ${"lorem ipsum dolor sit amet ".repeat(6)}`;
    const sent = await send(user, long);
    expect(sent.metadata.planId).toBeUndefined();
    const c = (await detail(user, sent.metadata.conversationId)).conversation;
    expect(c.titleSource).toBe("message");
    expect(c.title).toBe("hello lorem ipsum dolor sit amet lorem ipsum dolor sit amet lorem ipsum dolor…");
  });

  it("support reads another user's conversation as read-only, in the list and in the detail", async () => {
    const owner = new TestUser();
    const sent = await send(owner, "hello");
    const id = sent.metadata.conversationId;
    const support = new TestUser();
    expect((await detail(support, id, SUPPORT)).conversation.readOnly).toBe(true);
    expect((await list(support, SUPPORT)).find((c) => c.id === id)?.readOnly).toBe(true);
    expect((await detail(owner, id)).conversation.readOnly).toBe(false);
  });
});
