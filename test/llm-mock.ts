// Starts the third-party OpenAI-compatible mock server `llm-mock` (npm, pinned
// in devDependencies) as a child process with test/llm-mock.config.mjs, for
// tests of how the app meets a failing provider. See that file for the faults.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

export type LlmMock = {
  /** e.g. `http://127.0.0.1:40123/v1`; the app's LLM_BASE_URL. */
  baseUrl: string;
  port: number;
  /** Chat-completion requests it received so far (its `req.in` log lines). */
  requests(): number;
  /** Stops the process (SIGTERM to its pid). */
  close(): Promise<void>;
};

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Runs `llm-mock test/llm-mock.config.mjs` on `port` (a free one by default)
 * and resolves once it answers HTTP. @throws after 15 s without an answer.
 */
export async function startLlmMock(port?: number): Promise<LlmMock> {
  const p = port ?? (await freePort());
  const root = path.resolve(import.meta.dirname, "..");
  const child: ChildProcess = spawn(path.join(root, "node_modules/.bin/llm-mock"), [path.join(root, "test/llm-mock.config.mjs"), "--port", String(p)], {
    cwd: root,
    env: { ...process.env, PATH: `${path.join(root, "node_modules/.bin")}:${process.env.PATH ?? ""}` },
    stdio: ["ignore", "pipe", "ignore"],
  });
  let received = 0;
  let partial = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    received += lines.filter((line) => line.includes('"evt":"req.in"')).length;
  });
  const base = `http://127.0.0.1:${p}`;
  for (let i = 0; i < 150; i++) {
    try {
      await fetch(`${base}/health`);
      break;
    } catch {
      if (child.exitCode !== null) throw new Error(`llm-mock exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 100));
      if (i === 149) throw new Error(`llm-mock did not start on port ${p}`);
    }
  }
  return {
    baseUrl: `${base}/v1`,
    port: p,
    requests: () => received,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
