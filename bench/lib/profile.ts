// Summaries of V8 profiles taken through the inspector: where a server spends
// its CPU (.cpuprofile) and which allocation sites hold its live heap
// (sampling heap profile). Native frames (N-API calls such as SQLite's) are
// charged to the nearest JavaScript caller's package, because V8 does not
// name them reliably.
import fs from "node:fs";
import path from "node:path";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
export type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
export type HeapNode = { callFrame: CallFrame; selfSize: number; children: HeapNode[] };
export type SamplingHeapProfile = { head: HeapNode };

/** `amount`: ms of CPU (CPU profiles) or bytes (heap profiles); `share` of the total. */
export type ProfileRow = { name: string; amount: number; share: number };
export type ProfileSummary = { kind: "cpu" | "heap"; total: number; idleShare: number; byPackage: ProfileRow[]; topFunctions: ProfileRow[] };

const SPECIAL = new Set(["(garbage collector)", "(program)", "(idle)", "(root)"]);

/** Where a script lives, coarsely: "node_modules/<pkg>", ".next bundle", "node internals", … */
function bucketOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return SPECIAL.has(functionName) ? functionName : "(native, no JS caller)";
  if (url.startsWith("node:")) return "node internals";
  if (url.startsWith("wasm://")) return "prisma query compiler (wasm)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return `node_modules/${rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.includes("/.next/server/")) return ".next server bundle (app code + bundled deps)";
  if (url.includes("/lib/server/db/generated/")) return "prisma generated client";
  return "app/bench code";
}

function label(frame: CallFrame, via?: CallFrame): string {
  const file = (f: CallFrame) => {
    const u = f.url.replace(/^file:\/\//, "").replace(/^.*node_modules\//, "~/");
    return u.length > 60 ? `…${u.slice(-59)}` : u;
  };
  if (!frame.url && via) return `[native] ${frame.functionName || "(anonymous)"} ← ${via.functionName || "(anonymous)"} ${file(via)}:${via.lineNumber + 1}`;
  return `${frame.functionName || "(anonymous)"}${frame.url ? ` ${file(frame)}:${frame.lineNumber + 1}` : ""}`;
}

function rows(m: Map<string, number>, total: number, top: number, scale: number): ProfileRow[] {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, v]) => ({ name, amount: v / scale, share: v / Math.max(1, total) }));
}

/** CPU self time per function and per package (shares are of busy, non-idle time). */
export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const scriptedAncestor = (id: number): CallFrame | undefined => {
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const f = byId.get(p)?.callFrame;
      if (f?.url) return f;
    }
    return undefined;
  };
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  let total = 0;
  let idle = 0;
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    total += us;
    if (frame.functionName === "(idle)") {
      idle += us;
      continue;
    }
    const via = !frame.url && !SPECIAL.has(frame.functionName) ? scriptedAncestor(id) : undefined;
    const l = label(frame, via);
    fn.set(l, (fn.get(l) ?? 0) + us);
    const b = bucketOf(via ?? frame);
    pkg.set(b, (pkg.get(b) ?? 0) + us);
  }
  const busy = total - idle;
  return { kind: "cpu", total: total / 1000, idleShare: idle / Math.max(1, total), byPackage: rows(pkg, busy, top, 1000), topFunctions: rows(fn, busy, top, 1000) };
}

/**
 * Live bytes by allocation site from a sampling heap profile, divided by
 * `divisor` (e.g. the number of streams opened while sampling).
 */
export function summarizeHeap(profile: SamplingHeapProfile, divisor = 1, top = 15): ProfileSummary {
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  let total = 0;
  const walk = (node: HeapNode, scripted: CallFrame | undefined) => {
    const here = node.callFrame.url ? node.callFrame : scripted;
    if (node.selfSize > 0) {
      total += node.selfSize;
      const via = node.callFrame.url ? undefined : scripted;
      const l = label(node.callFrame, via);
      fn.set(l, (fn.get(l) ?? 0) + node.selfSize);
      const b = bucketOf(via ?? node.callFrame);
      pkg.set(b, (pkg.get(b) ?? 0) + node.selfSize);
    }
    for (const c of node.children) walk(c, here);
  };
  walk(profile.head, undefined);
  return { kind: "heap", total: total / divisor, idleShare: 0, byPackage: rows(pkg, total, top, divisor), topFunctions: rows(fn, total, top, divisor) };
}

/** Writes the raw profile to bench/results/<name>.cpuprofile|.heapprofile (Chrome DevTools opens both); returns it. */
export function saveProfile<P extends CpuProfile | SamplingHeapProfile>(profile: P, name: string): P {
  const dir = path.join(process.cwd(), "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const ext = "head" in profile ? "heapprofile" : "cpuprofile";
  fs.writeFileSync(path.join(dir, `${name.replace(/[^\w.-]+/g, "-")}.${ext}`), JSON.stringify(profile));
  return profile;
}

/** Text lines for a summary. */
export function formatProfile(s: ProfileSummary): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
  const amount = (r: ProfileRow) => (s.kind === "cpu" ? `${r.amount.toFixed(0).padStart(6)} ms` : `${(r.amount / 1024).toFixed(1).padStart(6)} KB`);
  const head =
    s.kind === "cpu"
      ? `  sampled ${s.total.toFixed(0)} ms, idle ${pct(s.idleShare)}; shares are of busy time`
      : `  live sampled heap ${(s.total / 1024).toFixed(1)} KB per stream`;
  return [
    head,
    "  by package (native time/allocations charged to the JS caller):",
    ...s.byPackage.map((r) => `    ${pct(r.share)} ${amount(r)}  ${r.name}`),
    "  top functions (self):",
    ...s.topFunctions.map((r) => `    ${pct(r.share)} ${amount(r)}  ${r.name}`),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) {
    const p = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile | SamplingHeapProfile;
    console.log(file);
    console.log(formatProfile("head" in p ? summarizeHeap(p, Number(process.env.DIVISOR ?? 1), 25) : summarizeProfile(p, 25)).join("\n"));
  }
}
