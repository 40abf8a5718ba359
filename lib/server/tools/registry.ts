// The tool registry (docs/design.md "Tools"): the five built-ins, then the
// tools of each MCP server of MCP_SERVERS. One per process, like the app in
// deps.ts: MCP servers are child processes or sessions we start once.
import "server-only";
import { env } from "../env.ts";
import { getLogger } from "../ops/logger.ts";
import { calculateTool } from "./builtin/calculate.ts";
import { createCalendarTool } from "./builtin/create-calendar.ts";
import { parseAllowlist } from "./builtin/http-guard.ts";
import { createHttpGetTool } from "./builtin/http-get.ts";
import { scheduleTool } from "./builtin/schedule.ts";
import { writeDocumentTool } from "./builtin/write-document.ts";
import { connectMcpTools, parseMcpServers, type McpConnection, type McpServerConfig } from "./mcp.ts";
import type { AnyToolSpec, ToolRegistry } from "./types.ts";

/** What a registry is built from: the hosts `http_get` may fetch from, and the MCP servers to connect. */
export type ToolRegistryOptions = { httpAllowlist?: string[]; mcpServers?: Record<string, McpServerConfig> };

/**
 * The built-in tools in their fixed order: calculate, schedule,
 * write_document, create_calendar, http_get (for `httpAllowlist`; none when
 * empty or absent).
 */
export function builtinTools(options: { httpAllowlist?: string[] } = {}): AnyToolSpec[] {
  return [calculateTool, scheduleTool, writeDocumentTool, createCalendarTool, createHttpGetTool({ allowlist: options.httpAllowlist ?? [] })];
}

/**
 * A registry over `tools` (kept in the order given); `close` runs when the
 * registry closes (once).
 * @throws Error naming a tool name that occurs twice, with both sources.
 */
export function toolRegistryFrom(tools: AnyToolSpec[], close: () => Promise<void> = async () => {}): ToolRegistry {
  const byName = new Map<string, AnyToolSpec>();
  for (const tool of tools) {
    const earlier = byName.get(tool.name);
    if (earlier) throw new Error(`Tool name "${tool.name}" is offered twice (${earlier.source} and ${tool.source}); rename an MCP server in MCP_SERVERS`);
    byName.set(tool.name, tool);
  }
  let closing: Promise<void> | undefined;
  return {
    list: () => [...tools],
    get: (name) => byName.get(name),
    close: () => (closing ??= close()),
  };
}

async function closeAll(connections: McpConnection[]): Promise<void> {
  await Promise.allSettled(connections.map((c) => c.close()));
}

/**
 * Builds a registry: the built-ins, then each MCP server's tools in the
 * order of `mcpServers` (servers connect in parallel). A server that fails
 * to start or list its tools is logged (error level, `mcp_server_skipped`) and left out.
 * @throws Error when two tools share a name (the connections are closed first).
 */
export async function createToolRegistry(options: ToolRegistryOptions = {}): Promise<ToolRegistry> {
  const servers = Object.entries(options.mcpServers ?? {});
  const settled = await Promise.allSettled(servers.map(([name, config]) => connectMcpTools(name, config)));
  const connections: McpConnection[] = [];
  settled.forEach((result, index) => {
    if (result.status === "fulfilled") connections.push(result.value);
    else getLogger().error({ event: "mcp_server_skipped", server: servers[index][0], reason: result.reason instanceof Error ? result.reason.message : String(result.reason) }, "MCP server skipped");
  });
  const tools = [...builtinTools(options), ...connections.flatMap((c) => c.tools)];
  try {
    return toolRegistryFrom(tools, () => closeAll(connections));
  } catch (error) {
    await closeAll(connections);
    throw error;
  }
}

// globalThis: route bundles and instrumentation share one registry (and one
// set of MCP child processes) per process; survives hot reloads in development.
const g = globalThis as unknown as { planstreamTools?: Promise<ToolRegistry> };

/**
 * The process-wide registry, built on first use from the environment:
 * TOOL_HTTP_ALLOWLIST (split on commas and whitespace) and MCP_SERVERS
 * (parseMcpServers). A failed build is not cached, so the next call tries again.
 * @throws Error for an invalid MCP_SERVERS or duplicate tool names.
 */
export function getToolRegistry(): Promise<ToolRegistry> {
  if (!g.planstreamTools) {
    const building = (async () => {
      const e = env();
      return createToolRegistry({ httpAllowlist: parseAllowlist(e.TOOL_HTTP_ALLOWLIST), mcpServers: parseMcpServers(e.MCP_SERVERS) });
    })();
    g.planstreamTools = building;
    building.catch(() => {
      if (g.planstreamTools === building) g.planstreamTools = undefined;
    });
  }
  return g.planstreamTools;
}

/** Closes the process-wide registry's MCP connections and forgets it (server stop, tests). */
export async function closeToolRegistry(): Promise<void> {
  const current = g.planstreamTools;
  g.planstreamTools = undefined;
  const registry = await current?.catch(() => undefined);
  await registry?.close();
}
