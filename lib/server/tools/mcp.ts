// MCP servers as tool sources: one SDK Client per configured server (stdio
// child process or Streamable HTTP), each of its tools offered as a ToolSpec
// named "{server}__{tool}". Model Context Protocol, "Tools" (tools/list,
// tools/call, annotations.readOnlyHint).
import "server-only";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { McpServerConfig } from "./mcp-config.ts";
import type { AnyToolSpec } from "./types.ts";

export { parseMcpServers, type McpServerConfig, type StdioMcpConfig, type HttpMcpConfig } from "./mcp-config.ts";

/** Per call of an MCP tool, ms (the executor's timeout; also the SDK request timeout). */
export const MCP_TOOL_TIMEOUT_MS = 30_000;
/** Connecting and listing tools, ms. */
export const MCP_CONNECT_TIMEOUT_MS = 20_000;
/** Characters of a stdio server's stderr kept for error messages. */
const STDERR_TAIL = 2_000;

/** What an MCP tool returns: its content as text (non-text parts described), and structured content when the server gives it. */
export type McpToolOutput = { content: string; structuredContent?: Record<string, unknown> };

/** A connected server: its tools and how to disconnect (ends a stdio child process). */
export type McpConnection = { tools: AnyToolSpec[]; close(): Promise<void> };

/** "{server}__{tool}" with characters outside [a-zA-Z0-9_-] as "_", at most 64 characters (the limit most model APIs set). */
export function mcpToolName(server: string, tool: string): string {
  return `${server}__${tool}`.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64);
}

type ContentPart = { type: string; [key: string]: unknown };

/** One content part as text: text as is; images, audio and resources described, never their bytes. */
function partText(part: ContentPart): string {
  const base64Bytes = (data: unknown) => Math.floor((String(data ?? "").length * 3) / 4);
  switch (part.type) {
    case "text":
      return String(part.text ?? "");
    case "image":
    case "audio":
      return `[${part.type} ${String(part.mimeType)}, ${base64Bytes(part.data)} bytes]`;
    case "resource_link":
      return `[resource link "${String(part.name)}": ${String(part.uri)}]`;
    case "resource": {
      const resource = (part.resource ?? {}) as { uri?: string; text?: string; blob?: string; mimeType?: string };
      if (typeof resource.text === "string") return `[resource ${resource.uri}]\n${resource.text}`;
      return `[resource ${resource.uri} (${resource.mimeType ?? "binary"}), ${base64Bytes(resource.blob)} bytes]`;
    }
    default:
      return `[${part.type} content]`;
  }
}

function isReadOnly(tool: Tool, config: McpServerConfig): boolean {
  if (config.readOnly === true) return true;
  if (Array.isArray(config.readOnly) && config.readOnly.includes(tool.name)) return true;
  return tool.annotations?.readOnlyHint === true;
}

function toSpec(server: string, tool: Tool, client: Client, config: McpServerConfig): AnyToolSpec {
  const name = mcpToolName(server, tool.name);
  return {
    name,
    description: tool.description ?? tool.title ?? tool.annotations?.title ?? `Tool "${tool.name}" of MCP server "${server}"`,
    inputSchema: z.record(z.string(), z.unknown()),
    jsonSchema: tool.inputSchema as Record<string, unknown>,
    sideEffects: !isReadOnly(tool, config),
    timeoutMs: MCP_TOOL_TIMEOUT_MS,
    source: `mcp:${server}`,
    async execute(input: Record<string, unknown>, ctx): Promise<McpToolOutput> {
      let result;
      try {
        result = await client.callTool({ name: tool.name, arguments: input }, undefined, { signal: ctx.signal, timeout: MCP_TOOL_TIMEOUT_MS });
      } catch (error) {
        if (ctx.signal.aborted) throw new Error(`${name} was stopped: ${String((ctx.signal.reason as Error)?.message ?? ctx.signal.reason)}`, { cause: error });
        throw new Error(`${name} failed: ${(error as Error).message}`, { cause: error });
      }
      const parts = Array.isArray(result.content) ? (result.content as ContentPart[]) : [];
      const content = parts.map(partText).join("\n");
      if (result.isError) throw new Error(content || `${name} reported an error without a message`);
      const structured = result.structuredContent as Record<string, unknown> | undefined;
      return structured ? { content, structuredContent: structured } : { content };
    },
  };
}

/** Every tool of the server (following `nextCursor` pages). */
async function listAllTools(client: Client): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined, { timeout: MCP_CONNECT_TIMEOUT_MS });
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

/**
 * Connects to MCP server `name` and lists its tools as ToolSpecs:
 * `{server}__{tool}`, `jsonSchema` = the tool's input schema (the model sees
 * it; the input is only checked to be an object here, the server validates
 * it), `source` "mcp:{name}", `sideEffects` unless read-only (config
 * `readOnly` or the server's `readOnlyHint`), timeout 30 s. `execute` calls
 * the tool with the call's AbortSignal and returns McpToolOutput; a result
 * with `isError` throws an Error with its text. Tools that require the
 * experimental task API (`execution.taskSupport: "required"`) are left out.
 * @throws Error naming the server when it cannot be started, does not
 *   answer within 20 s or fails to list its tools (with a stdio server's
 *   last stderr output).
 */
export async function connectMcpTools(name: string, config: McpServerConfig): Promise<McpConnection> {
  let stderr = "";
  const transport =
    "command" in config
      ? new StdioClientTransport({ command: config.command, args: config.args, env: config.env, cwd: config.cwd, stderr: "pipe" })
      : new StreamableHTTPClientTransport(new URL(config.url));
  if (transport instanceof StdioClientTransport) {
    // Always drained (a full pipe would block the server); the tail explains failures.
    transport.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_TAIL);
    });
  }
  const client = new Client({ name: "planstream", version: "0.1.0" });
  const close = async () => {
    if (transport instanceof StreamableHTTPClientTransport) await transport.terminateSession().catch(() => undefined);
    await client.close();
  };
  try {
    await client.connect(transport, { timeout: MCP_CONNECT_TIMEOUT_MS });
    const tools = await listAllTools(client);
    const callable = tools.filter((tool) => tool.execution?.taskSupport !== "required");
    return { tools: callable.map((tool) => toSpec(name, tool, client, config)), close };
  } catch (error) {
    await close().catch(() => undefined);
    const detail = stderr.trim() ? ` (stderr: ${stderr.trim().slice(-500)})` : "";
    throw new Error(`MCP server "${name}" could not be used: ${(error as Error).message}${detail}`, { cause: error });
  }
}
