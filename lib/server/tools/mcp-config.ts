// MCP_SERVERS: which MCP servers' tools join the registry (docs/design.md,
// lib/server/env.ts). JSON, server name → stdio or Streamable HTTP settings,
// validated with zod; an error names the server and the field.
import "server-only";
import { z } from "zod";

const readOnly = z
  .union([z.boolean(), z.array(z.string().min(1))])
  .optional()
  .describe("true = every tool of the server is read-only; a list = those tools (names as the server gives them)");

const stdioConfig = z.strictObject({
  command: z.string().min(1),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().min(1).optional(),
  readOnly,
});

const httpConfig = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "must be an http or https URL" }),
  readOnly,
});

/** A server started as a child process, spoken to over stdin/stdout. `env` is added to a small safe default environment (the SDK's). */
export type StdioMcpConfig = z.infer<typeof stdioConfig>;
/** A server reached over Streamable HTTP at `url`. */
export type HttpMcpConfig = z.infer<typeof httpConfig>;
/**
 * One MCP server's settings. `readOnly` decides which tools skip approval
 * under TOOL_APPROVAL=side-effects: `true` = all, a list = those tool names;
 * otherwise only tools the server annotates `readOnlyHint: true`.
 */
export type McpServerConfig = StdioMcpConfig | HttpMcpConfig;

/** Server names: they prefix tool names, so letters, digits, "_" and "-" only. */
const SERVER_NAME = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses MCP_SERVERS.
 * @example parseMcpServers('{"everything": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-everything"]}}')
 * @returns name → config; `{}` for an empty or blank string.
 * @throws Error starting "MCP_SERVERS" that names the server and field at fault
 *   (not JSON, not an object, a bad name, neither `command` nor `url`, a wrong field).
 */
export function parseMcpServers(json: string): Record<string, McpServerConfig> {
  if (json.trim() === "") return {};
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error(`MCP_SERVERS is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error("MCP_SERVERS must be a JSON object: server name → settings");
  const servers: Record<string, McpServerConfig> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!SERVER_NAME.test(name)) throw new Error(`MCP_SERVERS: server name "${name}" must be 1–32 letters, digits, "_" or "-"`);
    const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
    const schema = isObject && "command" in value ? stdioConfig : isObject && "url" in value ? httpConfig : null;
    if (!schema) throw new Error(`MCP_SERVERS: server "${name}" needs "command" (stdio) or "url" (Streamable HTTP)`);
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.join(".");
      throw new Error(`MCP_SERVERS: server "${name}", field "${field}": ${issue.message}`);
    }
    servers[name] = parsed.data;
  }
  return servers;
}
