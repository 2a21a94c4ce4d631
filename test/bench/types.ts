/** One benchmark figure, compared against its docs/performance-targets.md target. */
export interface BenchResult {
  name: string;
  /** Median over the runs. */
  value: number;
  unit: string;
  /** The target as docs/performance-targets.md or the issue states it, e.g. "≤ 1000 ms". */
  target: string;
  pass: boolean;
  /** Runs, spread, requests made: whatever explains the figure. */
  detail?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank p-quantile (0–1) of a sample: p95 of 20 moves is the 19th smallest. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}
