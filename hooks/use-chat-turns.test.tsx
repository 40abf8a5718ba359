// @vitest-environment dom-node
// useChatTurns when a send fails, against the real routes (POST /api/chat/agent,
// the conversation) behind an in-process fetch, with the third-party mock
// server `llm-mock` as the failing provider: the turn's `error` event, a 429
// refused before the stream, and the network each end as one `failure` with
// the text to resend, the conversation and the wait, no bubble left behind,
// and `send` resolving false (the page keeps the draft); Retry into the same
// conversation stores the message once.
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, renderHook } from "@testing-library/react";
import { App } from "antd";
import type { ReactNode } from "react";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as postAgent } from "@/app/api/chat/agent/route";
import { GET as getConversation } from "@/app/api/conversations/[id]/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getApp } from "@/lib/server/deps";
import { createModel } from "@/lib/server/llm/model";
import type { ConversationDetail } from "@/lib/shared/chat";
import { TestUser } from "@/test/http";
import { startLlmMock, type LlmMock } from "@/test/llm-mock";
import { useChatTurns } from "./use-chat-turns";

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

let mock: LlmMock;
let failing: LanguageModelV4;
let saved: LanguageModelV4;
let user: TestUser;
let client: QueryClient;
/** What the next POST /api/chat/agent gets instead of the route: a canned Response, or a thrown TypeError (the network). */
let intercept: (() => Response) | "network" | undefined;

/** Node's own fetch: the provider's calls to llm-mock go over the network, past the stub. */
const networkFetch = globalThis.fetch;

async function routeFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : String(input), "http://localhost");
  if (url.host !== "localhost") return networkFetch(input, init);
  const method = (init.method ?? "GET").toUpperCase();
  if (method === "POST" && url.pathname === "/api/chat/agent") {
    const once = intercept;
    intercept = undefined;
    if (once === "network") throw new TypeError("Failed to fetch");
    if (once) return once();
    return user.call(postAgent as Handler, { url: url.pathname, rawBody: init.body as string });
  }
  const conversation = /^\/api\/conversations\/([^/]+)$/.exec(url.pathname);
  if (conversation) return user.call(getConversation as Handler, { url: url.pathname, params: { id: decodeURIComponent(conversation[1]) } });
  // The running-turn lookup of resume() and anything else: nothing to report.
  return Response.json({ turns: [], conversations: [] });
}

function render() {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <App>{children}</App>
    </QueryClientProvider>
  );
  return renderHook(() => useChatTurns({ lang: "en", onConversation: () => undefined }), { wrapper }).result;
}

const messagesOf = async (id: string) => ((await (await user.call(getConversation as Handler, { url: `/api/conversations/${id}`, params: { id } })).json()) as ConversationDetail).messages;

beforeAll(async () => {
  await startServer();
  mock = await startLlmMock();
  failing = createModel({ baseUrl: mock.baseUrl, model: "mock", policy: { maxRetries: 0, timeoutMs: 5000, maxWaitMs: 0 } });
  saved = getApp().deps.model;
});
beforeEach(() => {
  user = new TestUser();
  intercept = undefined;
  vi.stubGlobal("fetch", routeFetch);
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
});
afterEach(() => {
  cleanup();
  client.clear();
  vi.unstubAllGlobals();
  getApp().deps.model = saved;
});
afterAll(async () => {
  await mock.close();
  await stopServer();
});

describe("useChatTurns: a failed send", () => {
  it("the turn's error event (the model busy): send → false, no bubble, the failure with the wait and the turn's conversation; Retry stores the text once", async () => {
    getApp().deps.model = failing;
    const turns = render();
    let ok: boolean | undefined;
    await act(async () => {
      ok = await turns.current.send(null, "Plan my week mock-429-long");
    });
    expect(ok).toBe(false);
    expect(turns.current.live).toEqual([]);
    const failure = turns.current.failure!;
    expect(failure).toMatchObject({ text: "Plan my week mock-429-long", code: "model_unavailable", message: "The planning model is busy; try again in 30 s", retryAfterSeconds: 30 });
    expect(failure.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await messagesOf(failure.conversationId!)).toEqual([]);

    // Retry with the model healthy again: the same text into the same conversation, once.
    getApp().deps.model = saved;
    await act(async () => {
      ok = await turns.current.send(failure.conversationId, failure.text, failure.planId);
    });
    expect(ok).toBe(true);
    expect(turns.current.failure).toBeUndefined();
    const stored = await messagesOf(failure.conversationId!);
    expect(stored.map((m) => [m.role, m.role === "user" ? m.content : "reply"])).toEqual([
      ["user", "Plan my week mock-429-long"],
      ["assistant", "reply"],
    ]);
  });

  it("a 429 before the stream (rate_limited, details.retryAfterSeconds) and a network error: send → false with the reason and wait", async () => {
    const turns = render();
    intercept = () => Response.json({ error: { code: "rate_limited", message: "Too many requests", details: { retryAfterSeconds: 12 } } }, { status: 429, headers: { "Retry-After": "12" } });
    let ok: boolean | undefined;
    await act(async () => {
      ok = await turns.current.send(null, "hello");
    });
    expect(ok).toBe(false);
    expect(turns.current.live).toEqual([]);
    expect(turns.current.failure).toMatchObject({ text: "hello", conversationId: null, code: "rate_limited", retryAfterSeconds: 12 });

    intercept = "network";
    await act(async () => {
      ok = await turns.current.send("c-1", "hello again", "p-1");
    });
    expect(ok).toBe(false);
    expect(turns.current.failure).toMatchObject({ text: "hello again", conversationId: "c-1", planId: "p-1", code: "network" });
    expect(turns.current.failure!.retryAfterSeconds).toBeUndefined();
  });
});
