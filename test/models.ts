// Language models for tests: the AI SDK's own MockLanguageModelV4 answering a
// fixed structured output (the one thing tests fake; everything else is real),
// and a way to put another model in the app's place for one call.
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { getApp } from "@/lib/server/deps";
import type { ChatReply } from "@/lib/server/llm/schemas";

/** A model whose every call answers `reply` as its JSON text. */
export function modelProposing(reply: ChatReply): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    doGenerate: {
      content: [{ type: "text", text: JSON.stringify(reply) }],
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 20, text: 20, reasoning: undefined },
      },
      warnings: [],
    },
  });
}

type Action = ChatReply["actions"][number];

/** One proposed action with every field present (null / "" where it does not apply). */
export const action = (kind: Action["kind"], over: Partial<Action> = {}): Action => ({
  kind,
  title: kind === "create_plan" ? "Trip" : "",
  goal: kind === "create_plan" ? "Plan a trip" : "",
  taskId: null,
  parentId: null,
  position: null,
  description: null,
  status: null,
  ...over,
});

/**
 * Runs `fn` with `model` as the app's model (`getApp().deps.model`, the one
 * every route and job uses), then puts the previous model back, also when
 * `fn` throws or rejects.
 * @returns what `fn` resolves to; its error is rethrown as is.
 * @example const frames = await withModel(failing, async () => readFrames(await agent(user, { message: "hi" })));
 */
export async function withModel<T>(model: LanguageModelV4, fn: () => Promise<T>): Promise<T> {
  const deps = getApp().deps;
  const saved = deps.model;
  deps.model = model;
  try {
    return await fn();
  } finally {
    deps.model = saved;
  }
}
