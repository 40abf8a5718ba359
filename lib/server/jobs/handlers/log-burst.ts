import "server-only";
import { z } from "zod";
import { defineJob } from "../define-job.ts";
import { jobLog } from "../job-logger.ts";

export const logBurstPayload = z.object({
  lines: z.number().int().min(1).max(1_000_000),
  /** Lines per second; 0 = as fast as the logger takes them. */
  ratePerSec: z.number().int().min(0).max(1_000_000),
  /** Extra payload characters per line (to size events). */
  payloadChars: z.number().int().min(0).max(10_000).default(0),
  /**
   * "mixed" (log viewer tests): line i belongs to task `t{ceil(i/10)}`
   * (data.taskId: groups of 10); i % 10 = 2 is a planning_step; otherwise its
   * level is error when i % 50 = 0, warn when i % 30 = 15, debug when
   * i % 10 = 9, else info; i % 10 = 1 reads "line i ok red" with "ok" green
   * and "red" bold red in ANSI codes. The padding follows after a space.
   * Default "plain": `line i` + padding, at info.
   */
  shape: z.enum(["plain", "mixed"]).default("plain"),
});

const ESC = "\u001b";

/** Line i of a "mixed" burst (see logBurstPayload.shape). */
function mixedLine(i: number, pad: string, data: Record<string, unknown>): void {
  const taskData = { ...data, taskId: `t${Math.ceil(i / 10)}` };
  const tail = pad ? ` ${pad}` : "";
  if (i % 10 === 2) return jobLog.planningStep(`line ${i} planning${tail}`, taskData);
  const message = i % 10 === 1 ? `line ${i} ${ESC}[32mok${ESC}[0m ${ESC}[1;31mred${ESC}[0m${tail}` : `line ${i}${tail}`;
  if (i % 50 === 0) jobLog.error(message, taskData);
  else if (i % 30 === 15) jobLog.warn(message, taskData);
  else if (i % 10 === 9) jobLog.debug(message, taskData);
  else jobLog.info(message, taskData);
}

/**
 * Diagnostics only (enabled by DIAGNOSTICS_ENABLED=1; see `npm run bench`):
 * writes `lines` log lines at `ratePerSec` through the normal job logger. Each
 * line's data carries `appendedAt` (ms since epoch) so a reader on the same
 * machine can measure append → receive latency.
 */
export const logBurstJob = defineJob({
  // Not one of docs/design.md's job types: it never exists unless diagnostics are on.
  name: "log_burst",
  schema: logBurstPayload,
  async handle(p, { signal }) {
    const pad = "x".repeat(p.payloadChars);
    const started = performance.now();
    for (let i = 1; i <= p.lines; i++) {
      if (p.ratePerSec > 0) {
        const due = started + (i * 1000) / p.ratePerSec;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      } else if (i % 1000 === 0) {
        await new Promise((r) => setImmediate(r)); // let flushes run
      }
      signal.throwIfAborted();
      if (p.shape === "mixed") mixedLine(i, pad, { i, appendedAt: Date.now() });
      else jobLog.info(`line ${i}${pad}`, { i, appendedAt: Date.now() });
    }
    return { lines: p.lines };
  },
});
