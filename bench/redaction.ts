// Phase 6 – what secret redaction costs (docs/data-protection.md): log ingest
// through the JobLogger with redaction (as shipped) against the same logger
// with the job log's redaction switched off, both into fresh SQLite files,
// alternating rounds; then redactSecrets' own cost per line for clean lines
// and for lines that carry a secret. Runs in its own process like phase 1.
//   tsx --conditions=react-server bench/redaction.ts '{"lines":200000,"rounds":3}'
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { redactSecrets, redactValue } from "@/lib/server/security/redact";
import { makeCanaries } from "@/test/secret-canaries";
import { runBenchChild } from "./child.ts";
import { runLogger, type IngestRun } from "./ingest.ts";
import { median } from "./lib/stats.ts";

export type RedactionResult = {
  lines: number;
  rounds: number;
  withRedaction: { linesPerSec: number; runs: number[] };
  withoutRedaction: { linesPerSec: number; runs: number[] };
  /** withRedaction / withoutRedaction. */
  ratio: number;
  /** Nanoseconds per line of redactSecrets(message) + redactValue(data), by kind of line. */
  perLineNs: { kind: string; ns: number }[];
};

/** Median ns per call of `fn` over `n` calls (5 batches, after a warm-up batch). */
function nsPerCall(n: number, fn: (i: number) => unknown): number {
  const batches: number[] = [];
  for (let b = 0; b < 6; b++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(i);
    if (b > 0) batches.push(Number(process.hrtime.bigint() - t) / n);
  }
  return median(batches);
}

function perLine(): { kind: string; ns: number }[] {
  const clean = (i: number) => [`line ${i}`, { i, appendedAt: 1_700_000_000_000 + i }] as const;
  const prose = (i: number) => [`Writing ${i % 9} tasks for "Plan a birthday party for 20 guests" (decompose, attempt 1)`, { planId: "p-1", count: i % 9 }] as const;
  const nearMiss = (i: number) => [`GET https://example.com/api/items?page=${i} from postgres replica (msg.id ${i})`, { url: "https://example.com" }] as const;
  const canaries = makeCanaries();
  const out = [
    { kind: "clean: `line i` + {i, appendedAt} (the ingest bench's line)", ns: nsPerCall(200_000, (i) => { const [m, d] = clean(i); redactSecrets(m); return redactValue(d); }) },
    { kind: "clean: a typical sentence + small data", ns: nsPerCall(100_000, (i) => { const [m, d] = prose(i); redactSecrets(m); return redactValue(d); }) },
    { kind: "clean but a candidate (URL, 'postgres', 'msg.'): the rules run", ns: nsPerCall(20_000, (i) => { const [m, d] = nearMiss(i); redactSecrets(m); return redactValue(d); }) },
  ];
  for (const c of canaries) {
    const line = `Calling the API with ${c.text} for task ${c.kind}`;
    out.push({ kind: `secret: ${c.kind}`, ns: nsPerCall(5_000, () => redactSecrets(line)) });
  }
  return out;
}

export async function benchRedaction(opts: { lines: number; rounds: number; log?: (s: string) => void }): Promise<RedactionResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "planstream-bench-redaction-"));
  const on: IngestRun[] = [];
  const off: IngestRun[] = [];
  try {
    for (let round = 0; round < opts.rounds; round++) {
      const a = await runLogger(root, round, opts.lines, undefined, { name: "redacted" });
      const b = await runLogger(root, round, opts.lines, undefined, { redact: false, name: "unredacted" });
      on.push(a);
      off.push(b);
      opts.log?.(`  round ${round + 1}: with redaction ${Math.round(a.linesPerSec)} lines/s, without ${Math.round(b.linesPerSec)} lines/s`);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  const withR = median(on.map((r) => r.linesPerSec));
  const withoutR = median(off.map((r) => r.linesPerSec));
  return {
    lines: opts.lines,
    rounds: opts.rounds,
    withRedaction: { linesPerSec: withR, runs: on.map((r) => Math.round(r.linesPerSec)) },
    withoutRedaction: { linesPerSec: withoutR, runs: off.map((r) => Math.round(r.linesPerSec)) },
    ratio: withR / withoutR,
    perLineNs: perLine(),
  };
}

const RESULT_PREFIX = "@@redaction-result ";

/** benchRedaction in a child process (own Prisma client and garbage); progress lines pass through to `log`. */
export async function benchRedactionInChild(opts: { lines: number; rounds: number }, log: (s: string) => void): Promise<RedactionResult> {
  return runBenchChild<RedactionResult>("redaction.ts", opts, RESULT_PREFIX, log);
}

/** The figures as lines for the report. */
export function formatRedaction(r: RedactionResult): string[] {
  const int = (n: number) => Math.round(n).toLocaleString("en-US");
  return [
    `6: ingest of ${int(r.lines)} lines, median of ${r.rounds}: with redaction ${int(r.withRedaction.linesPerSec)} lines/s, without ${int(r.withoutRedaction.linesPerSec)} lines/s (${(r.ratio * 100).toFixed(1)}%)`,
    "   redaction cost per line (redactSecrets on the message + redactValue on the data):",
    ...r.perLineNs.map((p) => `     ${p.ns >= 10_000 ? `${(p.ns / 1000).toFixed(1)} µs` : `${Math.round(p.ns)} ns`}  ${p.kind}`),
  ];
}

// Child entry.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, "redaction.ts")) {
  const opts = JSON.parse(process.argv[2] ?? "{}") as { lines?: number; rounds?: number };
  const result = await benchRedaction({ lines: opts.lines ?? 200_000, rounds: opts.rounds ?? 3, log: (s) => console.log(s) });
  for (const l of formatRedaction(result)) console.log(l);
  console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
}
