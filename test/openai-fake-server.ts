// A tiny local server that speaks the OpenAI chat-completions protocol, for
// tests of the real-provider path (@ai-sdk/openai-compatible). It answers
// POST {baseUrl}/chat/completions with a `chat.completion` JSON, or — when the
// request has `stream: true` — with `text/event-stream` chunks
// (`data: {chat.completion.chunk}` lines, a usage chunk and `data: [DONE]`).
// Deliberately free of `server-only`: tests import it.
import http from "node:http";
import type { AddressInfo } from "node:net";

/** The request body the AI SDK sends (only the fields tests look at are typed). */
export type FakeChatRequest = {
  model?: string;
  messages?: { role: string; content: unknown }[];
  stream?: boolean;
  response_format?: unknown;
  [key: string]: unknown;
};

export type FakeUsage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

export type OpenAIFakeServer = {
  /** e.g. `http://127.0.0.1:54321/v1`; pass it as the provider's baseURL. */
  baseUrl: string;
  /** Parsed request bodies, in arrival order. */
  requests: unknown[];
  /** The headers of each request in `requests` (lower-case names). */
  requestHeaders: http.IncomingHttpHeaders[];
  /** What was answered for each request: the content and the usage reported. */
  responses: { content: string; usage: FakeUsage; stream: boolean }[];
  close(): Promise<void>;
};

/** Token counts the server reports: characters / 4, rounded up. */
export function fakeUsage(body: FakeChatRequest, content: string): FakeUsage {
  const prompt_tokens = Math.ceil(JSON.stringify(body.messages ?? []).length / 4);
  const completion_tokens = Math.ceil(content.length / 4);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

/**
 * Starts the server on 127.0.0.1 at `options.port` (a free port by default).
 * @param respond returns the assistant's message content for a request body.
 * @example const server = await startOpenAIFakeServer(() => JSON.stringify({ ok: true }));
 */
export async function startOpenAIFakeServer(respond: (body: FakeChatRequest) => string, options: { port?: number } = {}): Promise<OpenAIFakeServer> {
  const requests: unknown[] = [];
  const requestHeaders: http.IncomingHttpHeaders[] = [];
  const responses: OpenAIFakeServer["responses"] = [];
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0];
      if (req.method !== "POST" || !/^(?:\/v1)?\/chat\/completions$/.test(path)) {
        sendJson(res, 404, { error: { message: `No route for ${req.method} ${path}`, type: "invalid_request_error" } });
        return;
      }
      let body: FakeChatRequest;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as FakeChatRequest;
      } catch {
        sendJson(res, 400, { error: { message: "Request body is not JSON", type: "invalid_request_error" } });
        return;
      }
      requests.push(body);
      requestHeaders.push(req.headers);
      let content: string;
      try {
        content = respond(body);
      } catch (error) {
        sendJson(res, 500, { error: { message: error instanceof Error ? error.message : String(error), type: "server_error" } });
        return;
      }
      const usage = fakeUsage(body, content);
      const stream = body.stream === true;
      responses.push({ content, usage, stream });
      const id = `chatcmpl-fake-${++counter}`;
      const created = Math.floor(Date.now() / 1000);
      const model = body.model ?? "fake-model";

      if (!stream) {
        sendJson(res, 200, {
          id,
          object: "chat.completion",
          created,
          model,
          choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
          usage,
        });
        return;
      }

      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      const base = { id, object: "chat.completion.chunk", created, model };
      const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
      send({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
      const chars = Array.from(content);
      for (let i = 0; i < chars.length; i += 16) {
        send({ ...base, choices: [{ index: 0, delta: { content: chars.slice(i, i + 16).join("") }, finish_reason: null }] });
      }
      send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
      // As OpenAI does with stream_options.include_usage: a final chunk with no choices.
      send({ ...base, choices: [], usage });
      res.end("data: [DONE]\n\n");
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    requestHeaders,
    responses,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
