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
});

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
      jobLog.info(`line ${i}${pad}`, { i, appendedAt: Date.now() });
    }
    return { lines: p.lines };
  },
});
