// A bench phase in a child process of its own (its Prisma client, garbage and
// open database files never share the process that measures): the parent
// starts `tsx bench/<script> '<options JSON>'`, passes the child's progress
// lines through and reads its result from the one stdout line that starts
// with the phase's marker. The child side prints `${prefix}${JSON.stringify(result)}`.
import { spawn } from "node:child_process";
import path from "node:path";

/** How the child is started, beyond the script and its options. */
export type BenchChildOptions = {
  /** Extra flags for tsx/node before the script (e.g. `--expose-gc`); `--conditions=react-server` is always first. */
  nodeArgs?: string[];
  /** SIGTERM the child if this process exits while it runs (the watchdog's process.exit). Default false. */
  stopOnExit?: boolean;
};

/**
 * Runs `bench/<script>` with tsx (from ./node_modules/.bin, cwd = the project
 * root) and `JSON.stringify(opts)` as its one argument; its stderr is
 * inherited. Every non-blank stdout line goes to `log`, except the line that
 * starts with `prefix`, whose rest is parsed as the result (the last such line
 * wins).
 * @param script file name under bench/, e.g. "ingest.ts"; its name without ".ts" names the child in errors.
 * @returns the parsed result, typed as the caller says (not validated).
 * @throws Error `<name> child exited with <code>` when the child exits non-zero
 *   (code null when killed by a signal) or printed no result line.
 */
export async function runBenchChild<T>(script: string, opts: unknown, prefix: string, log: (s: string) => void, options: BenchChildOptions = {}): Promise<T> {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["--conditions=react-server", ...(options.nodeArgs ?? []), path.join("bench", script), JSON.stringify(opts)], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const stopChild = () => child.kill("SIGTERM");
  if (options.stopOnExit) process.once("exit", stopChild);
  let result: T | undefined;
  let buffered = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.startsWith(prefix)) result = JSON.parse(line.slice(prefix.length)) as T;
      else if (line.trim()) log(line);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (options.stopOnExit) process.removeListener("exit", stopChild);
  if (code !== 0 || !result) throw new Error(`${path.basename(script, ".ts")} child exited with ${code}`);
  return result;
}
