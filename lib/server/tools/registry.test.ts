// The tool registry: built-ins in order, MCP tools after them (a real
// server-everything over stdio), a broken server skipped with a log line,
// duplicate names refused, and the process-wide registry built from the
// environment.
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger, setLogger } from "@/lib/server/ops/logger";
import { fakeToolContext } from "./fake-tool-context";
import { builtinTools, closeToolRegistry, createToolRegistry, getToolRegistry, toolRegistryFrom } from "./registry";

const EVERYTHING = path.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
const BUILTIN_NAMES = ["calculate", "schedule", "write_document", "create_calendar", "http_get"];

afterEach(() => {
  vi.restoreAllMocks();
});

describe("builtinTools", () => {
  it("gives the five built-ins in order, with http_get for the allowlist", () => {
    const tools = builtinTools({ httpAllowlist: ["api.example.org"] });
    expect(tools.map((t) => t.name)).toEqual(BUILTIN_NAMES);
    expect(tools.every((t) => t.source === "builtin" && !t.sideEffects)).toBe(true);
    expect(tools.map((t) => t.timeoutMs)).toEqual([2_000, 2_000, 5_000, 5_000, 15_000]);
    expect(tools[4].description).toContain("Allowed hosts: api.example.org.");
    expect(builtinTools()[4].description).toContain("TOOL_HTTP_ALLOWLIST is empty");
  });
});

describe("createToolRegistry", () => {
  it("offers only the built-ins without MCP servers", async () => {
    const registry = await createToolRegistry();
    expect(registry.list().map((t) => t.name)).toEqual(BUILTIN_NAMES);
    expect(registry.get("schedule")?.name).toBe("schedule");
    expect(registry.get("nope")).toBeUndefined();
    await registry.close();
  });

  it("adds MCP tools after the built-ins and skips a server that fails, logging it", async () => {
    const logged: Record<string, unknown>[] = [];
    setLogger(createLogger({ level: "error", destination: { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) } }));
    const registry = await createToolRegistry({
      mcpServers: {
        broken: { command: process.execPath, args: ["-e", "process.exit(1)"] },
        everything: { command: process.execPath, args: [EVERYTHING, "stdio"] },
      },
    });
    try {
      const names = registry.list().map((t) => t.name);
      expect(names.slice(0, 5)).toEqual(BUILTIN_NAMES);
      expect(names.slice(5)).toContain("everything__echo");
      expect(names.some((n) => n.startsWith("broken__"))).toBe(false);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: "error", event: "mcp_server_skipped", server: "broken", msg: "MCP server skipped" });
      expect(logged[0].reason).toMatch(/^MCP server "broken" could not be used: /);
      const echo = registry.get("everything__echo")!;
      await expect(echo.execute({ message: "via registry" }, fakeToolContext().ctx)).resolves.toEqual({ content: "Echo: via registry" });
    } finally {
      setLogger(undefined);
      await registry.close();
    }
    // Closed: the server no longer answers.
    await expect(registry.get("everything__echo")!.execute({ message: "x" }, fakeToolContext().ctx)).rejects.toThrow("everything__echo failed:");
  });

  it("refuses two tools with one name", () => {
    const tools = builtinTools();
    expect(() => toolRegistryFrom([...tools, { ...tools[0], source: "mcp:copy" }])).toThrow(
      'Tool name "calculate" is offered twice (builtin and mcp:copy); rename an MCP server in MCP_SERVERS',
    );
  });

  it("closes once however often close() is called", async () => {
    let closed = 0;
    const registry = toolRegistryFrom(builtinTools(), async () => {
      closed++;
    });
    await Promise.all([registry.close(), registry.close()]);
    await registry.close();
    expect(closed).toBe(1);
  });
});

describe("getToolRegistry", () => {
  it("builds one registry per process from TOOL_HTTP_ALLOWLIST and MCP_SERVERS", async () => {
    process.env.TOOL_HTTP_ALLOWLIST = "api.example.org,\n *.data.example.org";
    process.env.MCP_SERVERS = JSON.stringify({ everything: { command: process.execPath, args: [EVERYTHING, "stdio"], readOnly: true } });
    const first = getToolRegistry();
    try {
      expect(getToolRegistry()).toBe(first);
      const registry = await first;
      expect(registry.get("http_get")?.description).toContain("Allowed hosts: api.example.org, *.data.example.org.");
      expect(registry.list().filter((t) => t.source === "mcp:everything").every((t) => !t.sideEffects)).toBe(true);
      expect(registry.get("everything__get-sum")).toMatchObject({ name: "everything__get-sum", source: "mcp:everything", sideEffects: false });
    } finally {
      await closeToolRegistry();
    }
    // Closed and forgotten: the next call builds a new registry.
    const again = getToolRegistry();
    expect(again).not.toBe(first);
    expect((await again).get("everything__get-sum")).toMatchObject({ name: "everything__get-sum", source: "mcp:everything" });
    await closeToolRegistry();
  });
});
