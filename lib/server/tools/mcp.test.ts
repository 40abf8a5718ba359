// MCP against a real published server (@modelcontextprotocol/server-everything):
// over stdio (spawned with this Node) and over Streamable HTTP; tool names,
// schemas, read-only rules, calls, errors, cancel, and the child process
// ending on close(). Plus MCP_SERVERS parsing.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fakeToolContext } from "./fake-tool-context";
import { connectMcpTools, mcpToolName, parseMcpServers, type McpConnection } from "./mcp";

const EVERYTHING = path.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
const stdio = (extra: object = {}) => ({ command: process.execPath, args: [EVERYTHING, "stdio"], ...extra });
const open: McpConnection[] = [];
const connect = async (...args: Parameters<typeof connectMcpTools>) => {
  const connection = await connectMcpTools(...args);
  open.push(connection);
  return connection;
};

afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});

/** Child processes of this process running server-everything (read from /proc). */
function everythingChildren(): number[] {
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return ppid === process.pid && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("server-everything") && !stat.includes(") Z ");
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe("MCP over stdio (server-everything)", () => {
  it("lists the server's callable tools as specs named {server}__{tool}", async () => {
    const { tools } = await connect("everything", stdio());
    expect(tools.map((t) => t.name)).toEqual([
      "everything__echo",
      "everything__get-annotated-message",
      "everything__get-env",
      "everything__get-resource-links",
      "everything__get-resource-reference",
      "everything__get-structured-content",
      "everything__get-sum",
      "everything__get-tiny-image",
      "everything__gzip-file-as-resource",
      "everything__toggle-simulated-logging",
      "everything__toggle-subscriber-updates",
      "everything__trigger-long-running-operation",
    ]);
    const sum = tools.find((t) => t.name === "everything__get-sum")!;
    expect(sum).toMatchObject({ description: "Returns the sum of two numbers", source: "mcp:everything", timeoutMs: 30_000, sideEffects: false });
    expect(sum.jsonSchema).toMatchObject({ type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] });
    expect(sum.inputSchema.safeParse({ a: 1 }).success).toBe(true);
    expect(sum.inputSchema.safeParse("text").success).toBe(false);
    // readOnlyHint: true → no side effects; false or absent → side effects.
    const sideEffects = Object.fromEntries(tools.map((t) => [t.name, t.sideEffects]));
    expect(sideEffects).toMatchObject({ "everything__echo": false, "everything__toggle-simulated-logging": true, "everything__gzip-file-as-resource": true });
  });

  it("calls tools and returns their text, structured content and described images", async () => {
    const { tools } = await connect("everything", stdio());
    const tool = (name: string) => tools.find((t) => t.name === `everything__${name}`)!;
    const { ctx } = fakeToolContext();
    await expect(tool("echo").execute({ message: "Grüße" }, ctx)).resolves.toEqual({ content: "Echo: Grüße" });
    await expect(tool("get-sum").execute({ a: 19, b: 23 }, ctx)).resolves.toEqual({ content: "The sum of 19 and 23 is 42." });
    const weather = (await tool("get-structured-content").execute({ location: "Chicago" }, ctx)) as { content: string; structuredContent: Record<string, unknown> };
    expect(JSON.parse(weather.content)).toEqual(weather.structuredContent);
    expect(Object.keys(weather.structuredContent).sort()).toEqual(["conditions", "humidity", "temperature"]);
    const image = (await tool("get-tiny-image").execute({}, ctx)) as { content: string };
    expect(image.content).toMatch(/^Here's the image you requested:\n\[image image\/png, \d+ bytes\]\nThe image above is/);
  });

  it("throws the server's message when a call reports isError", async () => {
    const { tools } = await connect("everything", stdio());
    const echo = tools.find((t) => t.name === "everything__echo")!;
    await expect(echo.execute({}, fakeToolContext().ctx)).rejects.toThrow(/^MCP error -32602: Input validation error: Invalid arguments for tool echo/);
  });

  it("stops a call when its signal aborts", async () => {
    const { tools } = await connect("everything", stdio());
    const slow = tools.find((t) => t.name === "everything__trigger-long-running-operation")!;
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("run cancelled")), 200);
    const started = Date.now();
    await expect(slow.execute({ duration: 20, steps: 2 }, fakeToolContext({ signal: controller.signal }).ctx)).rejects.toThrow("everything__trigger-long-running-operation was stopped: run cancelled");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("passes env to the server and applies readOnly from the config", async () => {
    const { tools } = await connect("cfg", stdio({ env: { PLANSTREAM_MCP_PROBE: "probe-value" }, readOnly: ["toggle-simulated-logging"] }));
    const env = (await tools.find((t) => t.name === "cfg__get-env")!.execute({}, fakeToolContext().ctx)) as { content: string };
    expect(JSON.parse(env.content)).toMatchObject({ PLANSTREAM_MCP_PROBE: "probe-value" });
    const sideEffects = Object.fromEntries(tools.map((t) => [t.name, t.sideEffects]));
    expect(sideEffects).toMatchObject({ "cfg__toggle-simulated-logging": false, "cfg__toggle-subscriber-updates": true });
    const all = await connect("ro", stdio({ readOnly: true }));
    expect(all.tools.every((t) => !t.sideEffects)).toBe(true);
  });

  it("ends the child process on close()", async () => {
    const before = everythingChildren();
    const connection = await connectMcpTools("closing", stdio());
    const started = everythingChildren().filter((pid) => !before.includes(pid));
    expect(started).toHaveLength(1);
    await connection.close();
    expect(everythingChildren()).not.toContain(started[0]);
  });

  it("reports a server that cannot start, with its stderr", async () => {
    await expect(connectMcpTools("broken", { command: process.execPath, args: ["-e", "console.error('missing API key'); process.exit(3)"] })).rejects.toThrow(
      /^MCP server "broken" could not be used: .+ \(stderr: missing API key\)$/,
    );
    await expect(connectMcpTools("absent", { command: "/nonexistent/mcp-server" })).rejects.toThrow('MCP server "absent" could not be used: spawn /nonexistent/mcp-server ENOENT');
  });
});

describe("MCP over Streamable HTTP (server-everything)", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill();
  });

  it("lists and calls tools at a URL", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    child = spawn(process.execPath, [EVERYTHING, "streamableHttp"], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "ignore", "pipe"] });
    await new Promise<void>((resolve, reject) => {
      let output = "";
      child!.stderr!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(`listening on port ${port}`)) resolve();
      });
      child!.once("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
    });
    const { tools, close } = await connectMcpTools("web", { url: `http://127.0.0.1:${port}/mcp`, readOnly: ["toggle-subscriber-updates"] });
    try {
      expect(tools.map((t) => t.name)).toContain("web__get-sum");
      expect(tools.find((t) => t.name === "web__toggle-subscriber-updates")!.sideEffects).toBe(false);
      await expect(tools.find((t) => t.name === "web__get-sum")!.execute({ a: 1.5, b: 2 }, fakeToolContext().ctx)).resolves.toEqual({ content: "The sum of 1.5 and 2 is 3.5." });
    } finally {
      await close();
    }
  });
});

describe("mcpToolName", () => {
  it("keeps [a-zA-Z0-9_-] and 64 characters", () => {
    expect(mcpToolName("files", "read.file v2")).toBe("files__read_file_v2");
    expect(mcpToolName("s", "x".repeat(100))).toBe(`s__${"x".repeat(61)}`);
  });
});

describe("parseMcpServers", () => {
  it("reads stdio and HTTP servers; empty means none", () => {
    expect(parseMcpServers("")).toEqual({});
    expect(parseMcpServers("  ")).toEqual({});
    expect(
      parseMcpServers(
        '{"everything": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-everything"], "env": {"A": "1"}, "cwd": "/tmp", "readOnly": ["echo"]}, "remote": {"url": "https://mcp.internal.test/mcp", "readOnly": true}}',
      ),
    ).toEqual({
      everything: { command: "npx", args: ["-y", "@modelcontextprotocol/server-everything"], env: { A: "1" }, cwd: "/tmp", readOnly: ["echo"] },
      remote: { url: "https://mcp.internal.test/mcp", readOnly: true },
    });
  });

  it.each([
    ["{not json", "MCP_SERVERS is not valid JSON"],
    ["[]", "MCP_SERVERS must be a JSON object: server name → settings"],
    ['{"my server": {"command": "x"}}', 'MCP_SERVERS: server name "my server" must be 1–32 letters, digits, "_" or "-"'],
    ['{"a": {"args": []}}', 'MCP_SERVERS: server "a" needs "command" (stdio) or "url" (Streamable HTTP)'],
    ['{"a": "npx server"}', 'MCP_SERVERS: server "a" needs "command" (stdio) or "url" (Streamable HTTP)'],
    ['{"a": {"command": ""}}', 'MCP_SERVERS: server "a", field "command":'],
    ['{"a": {"command": "x", "args": "--flag"}}', 'MCP_SERVERS: server "a", field "args":'],
    ['{"a": {"command": "x", "env": {"N": 1}}}', 'MCP_SERVERS: server "a", field "env.N":'],
    ['{"a": {"command": "x", "readOnly": "yes"}}', 'MCP_SERVERS: server "a", field "readOnly":'],
    ['{"a": {"command": "x", "cmd": "y"}}', 'MCP_SERVERS: server "a", field "cmd":'],
    ['{"b": {"url": "ftp://host/mcp"}}', 'MCP_SERVERS: server "b", field "url": must be an http or https URL'],
  ])("refuses %s", (json, message) => {
    expect(() => parseMcpServers(json)).toThrow(message);
  });
});
