// The real-provider path of createModel: @ai-sdk/openai-compatible against a
// local fake OpenAI server, through the AI SDK exactly as the app calls it.
import { generateText, Output, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModel } from "./model.ts";
import { startOpenAIFakeServer, type FakeChatRequest, type OpenAIFakeServer } from "@/test/openai-fake-server";
import { OFFLINE_MODEL_ID } from "./offline-model/index.ts";
import { buildPrompt } from "./prompts.ts";
import { subtasksSchema, type Subtasks } from "./schemas.ts";

const SUBTASKS: Subtasks = {
  narration: ["Splitting the beta into recruiting, testing and fixing."],
  subtasks: [
    { title: "Recruit beta testers", description: "Invite 30 people from the waitlist." },
    { title: "Run the beta for a week", description: "Collect crashes and feedback in one place." },
    { title: "Fix the blockers", description: "Fix everything that stops sign-up or the core flow." },
  ],
};
const STREAMED = "Hello from the fake server — streamed in several chunks, 你好！";

let server: OpenAIFakeServer;

beforeAll(async () => {
  server = await startOpenAIFakeServer((body: FakeChatRequest) => (body.stream ? STREAMED : JSON.stringify(SUBTASKS)));
});

afterAll(async () => {
  await server.close();
});

describe("createModel with a base URL", () => {
  it("returns the OpenAI-compatible chat model, not the offline one", () => {
    const model = createModel({ baseUrl: server.baseUrl, apiKey: "test", model: "fake-model" });
    expect(model.specificationVersion).toBe("v4");
    expect(model.modelId).toBe("fake-model");
    expect(model.modelId).not.toBe(OFFLINE_MODEL_ID);
  });

  it("generateText + Output.object parses the server's JSON and reports its usage", async () => {
    const model = createModel({ baseUrl: server.baseUrl, apiKey: "test", model: "fake-model" });
    const { system, prompt } = buildPrompt({
      Request: "subtasks",
      Language: "en",
      Goal: "Launch a mobile app in 6 weeks",
      Task: "Test and run a beta",
    });
    const before = server.requests.length;
    const result = await generateText({
      model,
      system,
      prompt,
      output: Output.object({ schema: subtasksSchema, name: "subtasks" }),
      maxRetries: 0,
    });

    expect(result.output).toEqual(SUBTASKS);
    expect(server.requests).toHaveLength(before + 1);
    const body = server.requests[before] as FakeChatRequest;
    expect(body.model).toBe("fake-model");
    expect(body.stream).toBeUndefined();
    expect(body.messages).toEqual([
      { role: "system", content: system },
      { role: "user", content: prompt },
    ]);
    expect(body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "subtasks" } });
    expect(server.requestHeaders[before].authorization).toBe("Bearer test");

    const sent = server.responses[before];
    expect(result.usage.inputTokens).toBe(sent.usage.prompt_tokens);
    expect(result.usage.outputTokens).toBe(sent.usage.completion_tokens);
    expect(result.usage.totalTokens).toBe(sent.usage.total_tokens);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
  });

  it("streamText receives the streamed chunks and the usage chunk", async () => {
    const model = createModel({ baseUrl: server.baseUrl, apiKey: "test", model: "fake-model" });
    const before = server.requests.length;
    const result = streamText({ model, system: "Be brief.", prompt: "Say hello.", maxRetries: 0 });

    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);

    expect(deltas.join("")).toBe(STREAMED);
    expect(deltas.length).toBeGreaterThan(1);
    const body = server.requests[before] as FakeChatRequest;
    expect(body.stream).toBe(true);
    expect(body.model).toBe("fake-model");
    expect(body.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Say hello." },
    ]);
    const usage = await result.usage;
    expect(usage.inputTokens).toBe(server.responses[before].usage.prompt_tokens);
    expect(usage.outputTokens).toBe(server.responses[before].usage.completion_tokens);
    expect(await result.finishReason).toBe("stop");
  });

  it("works without an API key (local servers such as Ollama)", async () => {
    const before = server.requests.length;
    const model = createModel({ baseUrl: server.baseUrl, model: "fake-model" });
    const result = await generateText({
      model,
      prompt: "x",
      output: Output.object({ schema: subtasksSchema, name: "subtasks" }),
      maxRetries: 0,
    });
    expect(result.output).toEqual(SUBTASKS);
    expect(server.requestHeaders[before].authorization).toBeUndefined();
  });
});
