// Language models for tests: the AI SDK's own MockLanguageModelV4 answering a
// fixed structured output (the one thing tests fake; everything else is real).
import { MockLanguageModelV4 } from "ai/test";
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
