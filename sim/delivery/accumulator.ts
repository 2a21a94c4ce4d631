/**
 * What the delivery engine accumulates for one design over its trials:
 * sums, fixed-bin histograms and per-week / per-month counts, so memory does
 * not grow with the number of trials. `summarise` (results.ts) turns them
 * into means and percentiles.
 */
import { WEEKS_PER_MONTH } from './parameters.ts';

/** Indices of `DesignAccumulator.time`. */
export const T_SUM_ACTIVE = 0;
export const T_SUM_WORK = 1;
export const T_SUM_REWORK = 2;
export const T_SUM_OTHER = 3;
export const T_SUM_BACKLOG = 4;

/** Histogram bin width for time to production (weeks) and its range. */
export const HIST_BIN_WEEKS = 1 / 8;
export const HIST_MAX_WEEKS = 1040;
export const HIST_BINS = Math.round(HIST_MAX_WEEKS / HIST_BIN_WEEKS);
/** Completions per quarter are counted up to this (higher counts land in the last bin). */
export const QUARTER_COUNT_MAX = 1024;

/** The q-quantile (0–1) of a fixed-bin histogram, linear within the bin. */
export function histogramQuantile(hist: Float64Array, q: number, binWidth = HIST_BIN_WEEKS): number {
  let total = 0;
  for (let b = 0; b < hist.length; b++) total += hist[b]!;
  if (total === 0) return Number.NaN;
  const target = q * total;
  let cum = 0;
  for (let b = 0; b < hist.length; b++) {
    const c = hist[b]!;
    if (c > 0 && cum + c >= target) {
      if (b >= HIST_BINS) return HIST_MAX_WEEKS;
      return (b + (target - cum) / c) * binWidth;
    }
    cum += c;
  }
  return (hist.length - 1) * binWidth;
}

/** Everything a design accumulates over trials (sums; `summarise` turns them into means and percentiles). */
export class DesignAccumulator {
  trials = 0;
  arrived = 0;
  completed = 0;
  unfinished = 0;
  /** Arrived within the horizon / shipped within the horizon. */
  shippedInHorizon = 0;
  sumTimeToProduction = 0;
  sumCycleTime = 0;
  /** From the first time the model task finishes ("model validated") to production. */
  sumPrototypeToProduction = 0;
  /**
   * Time sums, weeks over all initiatives (a typed array: the hot loop adds
   * to it on every event): [ACTIVE] some task in service, [WORK] first pass
   * in service, [REWORK] after the first defect or failed deploy, [OTHER]
   * unaccounted, [BACKLOG] before discovery starts.
   */
  readonly time = new Float64Array(5);
  get sumActive(): number {
    return this.time[T_SUM_ACTIVE]!;
  }
  get sumWork(): number {
    return this.time[T_SUM_WORK]!;
  }
  get sumRework(): number {
    return this.time[T_SUM_REWORK]!;
  }
  get sumOther(): number {
    return this.time[T_SUM_OTHER]!;
  }
  get sumBacklog(): number {
    return this.time[T_SUM_BACKLOG]!;
  }
  reworkedInitiatives = 0;
  reworkLoops = 0;
  deployFailures = 0;
  /**
   * Work of the event loop, for the benchmark's kernel floor: events handled
   * (team opens, arrivals, hand-offs, completions), completions, and the sum
   * over completions of the events pending when it was popped (itself included).
   */
  events = 0;
  completions = 0;
  pendingAtCompletion = 0;
  /** Largest |L − λW| / L over the trials (Little's law on each trial). */
  littleMaxError = 0;
  readonly waitQueue: Float64Array;
  readonly waitHandoff: Float64Array;
  /**
   * Person-weeks of work each team started (effort at the task's start) for
   * the initiatives that arrived within the horizon, drain included: ÷ the
   * horizon's weeks, the simulated counterpart of a team's demand in
   * `design-load.ts`, which the tests check it against.
   */
  readonly workStarted: Float64Array;
  readonly ttpHist = new Float64Array(HIST_BINS + 1);
  readonly cycleHist = new Float64Array(HIST_BINS + 1);
  readonly protoHist = new Float64Array(HIST_BINS + 1);
  readonly arrivedByWeek: Float64Array;
  readonly startedByWeek: Float64Array;
  readonly integratedByWeek: Float64Array;
  readonly doneByWeek: Float64Array;
  readonly doneByMonth: Float64Array;
  readonly quarterHist: Float64Array;
  readonly quarters: number;
  readonly weeks: number;

  constructor(teams: number, horizonMonths: number) {
    this.waitQueue = new Float64Array(teams);
    this.waitHandoff = new Float64Array(teams);
    this.workStarted = new Float64Array(teams);
    this.weeks = Math.ceil(horizonMonths * WEEKS_PER_MONTH);
    this.arrivedByWeek = new Float64Array(this.weeks + 1);
    this.startedByWeek = new Float64Array(this.weeks + 1);
    this.integratedByWeek = new Float64Array(this.weeks + 1);
    this.doneByWeek = new Float64Array(this.weeks + 1);
    this.doneByMonth = new Float64Array(horizonMonths);
    this.quarters = Math.ceil(horizonMonths / 3);
    this.quarterHist = new Float64Array(this.quarters * (QUARTER_COUNT_MAX + 1));
  }
}

/**
 * One block's accumulator in transferable form (plain arrays, typed arrays:
 * structured-cloneable to or from a worker). The per-week, per-month and
 * histogram counts are sparse (index, count) pairs: a block of trials fills
 * a few hundred of the 8,321 bins.
 */
export interface PackedAccumulator {
  /** The scalar fields, in `SCALARS` order. */
  scalars: Float64Array;
  /** `time`, `waitQueue`, `waitHandoff`, `workStarted`, concatenated. */
  dense: Float64Array;
  /** Per count array (in `COUNT_ARRAYS` order): the indices of the non-zero entries and their counts. */
  sparse: Array<{ index: Int32Array; count: Float64Array }>;
}

const SCALARS = ['trials', 'arrived', 'completed', 'unfinished', 'shippedInHorizon', 'sumTimeToProduction', 'sumCycleTime', 'sumPrototypeToProduction', 'reworkedInitiatives', 'reworkLoops', 'deployFailures', 'events', 'completions', 'pendingAtCompletion'] as const;
const COUNT_ARRAYS = ['ttpHist', 'cycleHist', 'protoHist', 'arrivedByWeek', 'startedByWeek', 'integratedByWeek', 'doneByWeek', 'doneByMonth', 'quarterHist'] as const;
const DENSE_ARRAYS = ['time', 'waitQueue', 'waitHandoff', 'workStarted'] as const;

/** `acc` as a `PackedAccumulator` (littleMaxError rides as the last scalar). */
export function packAccumulator(acc: DesignAccumulator): PackedAccumulator {
  const scalars = new Float64Array(SCALARS.length + 1);
  SCALARS.forEach((k, j) => (scalars[j] = acc[k]));
  scalars[SCALARS.length] = acc.littleMaxError;
  const dense = new Float64Array(DENSE_ARRAYS.reduce((n, k) => n + acc[k].length, 0));
  let at = 0;
  for (const k of DENSE_ARRAYS) {
    dense.set(acc[k], at);
    at += acc[k].length;
  }
  const sparse = COUNT_ARRAYS.map((k) => sparseOf(acc[k]));
  return { scalars, dense, sparse };
}

let scratchIndex = new Int32Array(0);
let scratchCount = new Float64Array(0);

/** The non-zero entries of a count array, in one pass through scratch buffers. */
function sparseOf(a: Float64Array): { index: Int32Array; count: Float64Array } {
  if (scratchIndex.length < a.length) {
    scratchIndex = new Int32Array(a.length);
    scratchCount = new Float64Array(a.length);
  }
  const index = scratchIndex;
  const count = scratchCount;
  let n = 0;
  for (let j = 0; j < a.length; j++) {
    const v = a[j]!;
    if (v !== 0) {
      index[n] = j;
      count[n++] = v;
    }
  }
  return { index: index.slice(0, n), count: count.slice(0, n) };
}

/**
 * Add `block` to `acc` directly: the same additions as `addPacked(acc,
 * packAccumulator(block))` (a count plus 0 is exact), without packing — the
 * single-threaded run merges its own blocks this way.
 */
export function addAccumulator(acc: DesignAccumulator, block: DesignAccumulator): void {
  for (const k of SCALARS) acc[k] += block[k];
  if (block.littleMaxError > acc.littleMaxError) acc.littleMaxError = block.littleMaxError;
  for (const k of DENSE_ARRAYS) addInto(acc[k], block[k]);
  for (const k of COUNT_ARRAYS) addInto(acc[k], block[k]);
}

function addInto(to: Float64Array, from: Float64Array): void {
  for (let j = 0; j < to.length; j++) to[j]! += from[j]!;
}

/**
 * Add a packed block to `acc`. Blocks are added in block order, so every
 * floating-point sum is the same sequence of additions whoever simulated
 * which block (counts are whole numbers: exact in any order).
 */
export function addPacked(acc: DesignAccumulator, block: PackedAccumulator): void {
  SCALARS.forEach((k, j) => (acc[k] += block.scalars[j]!));
  const little = block.scalars[SCALARS.length]!;
  if (little > acc.littleMaxError) acc.littleMaxError = little;
  let at = 0;
  for (const k of DENSE_ARRAYS) {
    const a = acc[k];
    for (let j = 0; j < a.length; j++) a[j]! += block.dense[at + j]!;
    at += a.length;
  }
  COUNT_ARRAYS.forEach((k, j) => {
    const a = acc[k];
    const { index, count } = block.sparse[j]!;
    for (let n = 0; n < index.length; n++) a[index[n]!]! += count[n]!;
  });
}

/** Back to zero, for the next block (no allocation). */
export function resetAccumulator(acc: DesignAccumulator): void {
  for (const k of SCALARS) acc[k] = 0;
  acc.littleMaxError = 0;
  for (const k of DENSE_ARRAYS) acc[k].fill(0);
  for (const k of COUNT_ARRAYS) acc[k].fill(0);
}
