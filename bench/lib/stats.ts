// Small numeric helpers for the benchmark: percentiles and formatting.

export type Summary = { count: number; p50: number; p90: number; p95: number; p99: number; max: number; mean: number };

/** Nearest-rank percentile of an ascending array (p in 0..100); NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** p50/p90/p95/p99/max/mean of `values` (not modified). */
export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** Median of a few samples. */
export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** 12,345 style integer. */
export function fmtInt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a";
}

/** Milliseconds with one decimal. */
export function fmtMs(n: number): string {
  return Number.isFinite(n) ? `${n.toFixed(1)} ms` : "n/a";
}

/** Bytes as KB (1024) with one decimal. */
export function fmtKb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : "n/a";
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
