/**
 * How precise a Monte Carlo percentile is, and when a run may stop.
 *
 * The initiatives of one trial share its queues, so they are correlated: a
 * trial where work piles up slows all of its initiatives. Treating the
 * initiatives as independent would give intervals far too narrow. Trials,
 * though, are independent (each seeded on its own), so the run is cut into
 * fixed blocks of `BLOCK_TRIALS` trials and each block's percentile is one
 * independent estimate: **batch means with sectioning** (Asmussen & Glynn,
 * Stochastic Simulation, §III.5): the interval is centred on the percentile
 * of all trials, with half-width t(0.975, B − 1) × s ⁄ √B, s the standard
 * deviation of the B full blocks' percentiles. `convergence.test.ts` checks
 * its coverage on a process with a known answer.
 *
 * Stopping rule (the default when no trial count is asked for): after each
 * block, in block order, stop once every meaningful design's P85 time to
 * production has a half-width within `precision` (default ±2%) of it, and at
 * least `MIN_ADAPTIVE_TRIALS` were run; at most `MAX_ADAPTIVE_TRIALS`. The
 * decision reads merged blocks in order only, so it gives the same trial
 * count for any number of workers.
 */
import { histogramQuantile, type DesignAccumulator } from './accumulator.ts';

/** Trials per block: fixed, independent of the number of workers (results are bit-identical for any pool). */
export const BLOCK_TRIALS = 50;
/** The stopping rule runs at least this many trials (20 blocks: t(0.975, 19) = 2.09) … */
export const MIN_ADAPTIVE_TRIALS = 1_000;
/** … and at most this many (a design whose P85 never settles stops here, `converged: false`). */
export const MAX_ADAPTIVE_TRIALS = 100_000;
/** ±2% of the P85. */
export const DEFAULT_PRECISION = 0.02;

/** The clocks with intervals, in the order of a block's quantile record. */
export const INTERVAL_CLOCKS = ['timeToProduction', 'cycleTime', 'prototypeToProduction'] as const;
export type IntervalClock = (typeof INTERVAL_CLOCKS)[number];
export const INTERVAL_LEVELS = [0.5, 0.85, 0.95] as const;
/** Index of P85 time to production in a block's quantile record. */
export const P85_TTP = 1;

const HISTOGRAMS: Record<IntervalClock, 'ttpHist' | 'cycleHist' | 'protoHist'> = { timeToProduction: 'ttpHist', cycleTime: 'cycleHist', prototypeToProduction: 'protoHist' };

/** A block's P50/P85/P95 of each clock (clock-major, 9 numbers; NaN where nothing shipped): `histogramQuantile`'s values. */
export function blockQuantiles(acc: DesignAccumulator): Float64Array {
  const out = new Float64Array(INTERVAL_CLOCKS.length * INTERVAL_LEVELS.length);
  INTERVAL_CLOCKS.forEach((clock, c) => {
    const hist = acc[HISTOGRAMS[clock]];
    // Only the bins up to the last non-zero one matter: a block fills the first few hundred of 8,321.
    let last = hist.length - 1;
    while (last > 0 && hist[last] === 0) last--;
    const used = hist.subarray(0, last + 1);
    INTERVAL_LEVELS.forEach((q, l) => (out[c * INTERVAL_LEVELS.length + l] = last === hist.length - 1 ? histogramQuantile(hist, q) : histogramQuantile(used, q)));
  });
  return out;
}

/** t(0.975, df) for df = 1 … 30 (standard tables, 4 decimals). */
const T975 = [12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423];

/** Student's t 0.975 quantile for `df` degrees of freedom: the table up to 30, then the Cornish–Fisher expansion (within 1e-4 there). */
export function tQuantile975(df: number): number {
  if (df <= T975.length) return T975[Math.max(1, Math.round(df)) - 1]!;
  const z = 1.959963984540054;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

export interface Interval {
  /** 95% confidence interval, weeks. */
  low: number;
  high: number;
  halfWidth: number;
}

/** Sectioning: centred on `center`, half-width from the spread of `blocks` (null under 2 blocks or with a NaN). */
export function batchMeansInterval(center: number, blocks: ArrayLike<number>): Interval | null {
  const n = blocks.length;
  if (n < 2 || !Number.isFinite(center)) return null;
  let mean = 0;
  for (let k = 0; k < n; k++) mean += blocks[k]!;
  mean /= n;
  if (!Number.isFinite(mean)) return null;
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (blocks[k]! - mean) ** 2;
  const halfWidth = (tQuantile975(n - 1) * Math.sqrt(ss / (n - 1))) / Math.sqrt(n);
  return { low: center - halfWidth, high: center + halfWidth, halfWidth };
}

/** 95% intervals of one clock's percentiles (null until there are 2 full blocks). */
export interface PercentileIntervals {
  p50: Interval | null;
  p85: Interval | null;
  p95: Interval | null;
}

/** What a comparison says about its precision. */
export interface Convergence {
  /** 'stopping-rule': ran until every meaningful design's P85 was known within ±precision; 'fixed': ran the trials asked for. */
  rule: 'stopping-rule' | 'fixed';
  /** Target relative half-width of P85 time to production (0.02 = ±2%); null for a fixed count. */
  precision: number | null;
  /** The largest relative half-width of P85 time to production over the meaningful designs (null: not known yet). */
  worstP85HalfWidth: number | null;
  /** The stopping rule was met (a fixed run: the worst half-width is within ±2%). */
  converged: boolean;
  /** Full blocks of `blockTrials` behind the intervals. */
  blocks: number;
  blockTrials: number;
  minTrials: number;
  maxTrials: number;
  method: string;
}

export const INTERVAL_METHOD = `95% intervals by batch means over blocks of ${BLOCK_TRIALS} trials (sectioning: centred on the estimate from all trials, half-width t × s / √blocks)`;
